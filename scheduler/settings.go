package scheduler

import (
	"fmt"
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Settings are the scheduling choices a learner can change.
type Settings struct {
	DayStartsAt      time.Duration // offset from local midnight where a learner day starts
	NewPerDay        int           // new cards introduced per learner day
	ReviewsPerDay    int           // review cards answered per learner day
	DesiredRetention float64       // probability of recall FSRS aims for
	MaximumInterval  int           // days
	LearnAhead       time.Duration // learning cards due this soon are shown when nothing else is left
	Fuzz             bool          // spread intervals of 3 days and more a little, as Anki does
	Weights          [19]float64   // FSRS-5 parameters
	Location         *time.Location
	LeechThreshold   int         // lapses that make a card a leech (Anki's rule; see IsLeech); 0 never
	LeechAction      LeechAction // what becoming a leech does beyond the tag
}

// DefaultSettings are Anki's defaults with go-fsrs's default weights.
func DefaultSettings() Settings {
	return Settings{
		DayStartsAt:      4 * time.Hour,
		NewPerDay:        20,
		ReviewsPerDay:    200,
		DesiredRetention: 0.9,
		MaximumInterval:  36500,
		LearnAhead:       20 * time.Minute,
		Fuzz:             true,
		Weights:          fsrs.DefaultWeights(),
		Location:         time.Local,
		LeechThreshold:   8,
		LeechAction:      LeechSuspend,
	}
}

// weightBounds are the bounds the FSRS-5 optimizer keeps each weight in
// (fsrs-rs, parameter_clipper.rs), with the initial stabilities floored at
// 0.1 as go-fsrs does.
var weightBounds = [19][2]float64{
	{0.1, 100}, {0.1, 100}, {0.1, 100}, {0.1, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2},
}

// Validate reports the first setting out of range, naming it.
func (s Settings) Validate() error {
	switch {
	case s.DayStartsAt < 0 || s.DayStartsAt >= 24*time.Hour:
		return fmt.Errorf("day_starts_at must be between 00:00 and 23:59")
	case s.NewPerDay < 0 || s.NewPerDay > 9999:
		return fmt.Errorf("new_per_day must be 0 to 9999, not %d", s.NewPerDay)
	case s.ReviewsPerDay < 0 || s.ReviewsPerDay > 99999:
		return fmt.Errorf("reviews_per_day must be 0 to 99999, not %d", s.ReviewsPerDay)
	case !(s.DesiredRetention >= 0.7 && s.DesiredRetention <= 0.99):
		return fmt.Errorf("desired_retention must be 0.70 to 0.99, not %v", s.DesiredRetention)
	case s.MaximumInterval < 1 || s.MaximumInterval > 36500:
		return fmt.Errorf("maximum_interval must be 1 to 36500 days, not %d", s.MaximumInterval)
	case s.LearnAhead < 0 || s.LearnAhead > 24*time.Hour:
		return fmt.Errorf("learn_ahead must be 0 to 1440 minutes")
	case s.LeechThreshold < 0 || s.LeechThreshold > 99:
		return fmt.Errorf("leech_threshold must be 0 to 99, not %d", s.LeechThreshold)
	case s.LeechAction != LeechSuspend && s.LeechAction != LeechTag:
		return fmt.Errorf("leech_action must be suspend or tag, not %q", s.LeechAction)
	}
	return ValidateWeights(s.Weights)
}

// ValidateWeights checks that every weight is a number inside the bounds the
// FSRS optimizer uses; go-fsrs does not check them itself.
func ValidateWeights(w [19]float64) error {
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < weightBounds[i][0] || v > weightBounds[i][1] {
			return fmt.Errorf("weight w[%d] = %v is outside [%v, %v]", i, v, weightBounds[i][0], weightBounds[i][1])
		}
	}
	return nil
}
