package scheduler

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// Weights are the 21 FSRS-6 parameters, in go-fsrs's order (see the
// package documentation for what each does).
type Weights = [21]float64

// Settings are the scheduling choices a learner can change.
type Settings struct {
	DayStartsAt      time.Duration // offset from local midnight where a learner day starts
	NewPerDay        int           // new cards introduced per learner day
	ReviewsPerDay    int           // review cards answered per learner day
	DesiredRetention float64       // probability of recall FSRS aims for
	MaximumInterval  int           // days
	LearnAhead       time.Duration // learning cards due this soon are shown when nothing else is left
	Fuzz             bool          // spread intervals of 3 days and more a little, as Anki does
	// LearningSteps are the waits of a new card before it graduates to
	// review, as in Anki ("1m 10m"); none lets FSRS pick the first
	// interval from the first answer.
	LearningSteps []time.Duration
	// RelearningSteps are the waits of a lapsed card before it returns to
	// review ("10m"); none sends it back to review at once.
	RelearningSteps []time.Duration
	Weights         Weights // FSRS-6 parameters
	Location        *time.Location
	LeechThreshold  int         // lapses that make a card a leech (Anki's rule; see IsLeech); 0 never
	LeechAction     LeechAction // what becoming a leech does beyond the tag
}

// DefaultSettings are Anki's defaults with go-fsrs's FSRS-6 default weights.
func DefaultSettings() Settings {
	return Settings{
		DayStartsAt:      4 * time.Hour,
		NewPerDay:        20,
		ReviewsPerDay:    200,
		DesiredRetention: 0.9,
		MaximumInterval:  36500,
		LearnAhead:       20 * time.Minute,
		Fuzz:             true,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
		Weights:          Weights(fsrs.DefaultWeights()),
		Location:         time.Local,
		LeechThreshold:   8,
		LeechAction:      LeechSuspend,
	}
}

// WeightBounds are the bounds the FSRS-6 optimizer keeps each weight in
// (fsrs-rs parameter_clipper.rs, as go-fsrs v4 clips them), except that the
// initial stabilities start at 0.1, where go-fsrs floors them anyway, and
// w19 may be 0: that is FSRS-5's value, which converted weights carry.
var WeightBounds = [21][2]float64{
	{0.1, 100}, {0.1, 100}, {0.1, 100}, {0.1, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8},
}

// maxStep is the longest learning step accepted.
const maxStep = 365 * 24 * time.Hour

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
	if err := validSteps(s.LearningSteps); err != nil {
		return fmt.Errorf("learning_steps: %w", err)
	}
	if err := validSteps(s.RelearningSteps); err != nil {
		return fmt.Errorf("relearning_steps: %w", err)
	}
	return ValidateWeights(s.Weights)
}

// ValidateWeights checks that every weight is a number inside WeightBounds;
// go-fsrs only checks that they are finite.
func ValidateWeights(w Weights) error {
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < WeightBounds[i][0] || v > WeightBounds[i][1] {
			return fmt.Errorf("weight w[%d] = %v is outside [%v, %v]", i, v, WeightBounds[i][0], WeightBounds[i][1])
		}
	}
	return nil
}

// ParseWeights reads weights as `loci optimize` and Anki write them: 21
// FSRS-6 numbers, or 19 FSRS-5 numbers, which go-fsrs's ConvertV5Weights
// turns into FSRS-6 weights with w19 = 0 and w20 = 0.5, the same curve and
// the same intervals. Anything else, or a weight out of bounds, is refused.
func ParseWeights(v []float64) (Weights, error) {
	var w Weights
	switch len(v) {
	case 21:
		copy(w[:], v)
	case 19:
		var v5 [19]float64
		copy(v5[:], v)
		var err error
		if w, err = fsrs.ConvertV5Weights(v5); err != nil {
			return w, fmt.Errorf("FSRS-5 weights: %w", err)
		}
	default:
		return w, fmt.Errorf("want 21 FSRS-6 weights or 19 FSRS-5 weights, got %d", len(v))
	}
	return w, ValidateWeights(w)
}

// ParseSteps reads learning steps as Anki writes them: waits separated by
// spaces (or commas), each a number with a unit s, m, h or d ("1m 10m",
// "30s 5m 1h", "1d"); a bare number counts minutes. An empty text is no
// steps.
func ParseSteps(text string) ([]time.Duration, error) {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	steps := make([]time.Duration, 0, len(fields))
	units := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour}
	for _, f := range fields {
		unit, num := time.Minute, f
		if u, ok := units[f[len(f)-1]]; ok {
			unit, num = u, f[:len(f)-1]
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("step %q: want a wait such as 1m, 10m, 1h or 1d", f)
		}
		steps = append(steps, time.Duration(v*float64(unit)))
	}
	return steps, validSteps(steps)
}

// FormatSteps writes steps as ParseSteps reads them, in the largest unit
// that divides each: "1m 10m".
func FormatSteps(steps []time.Duration) string {
	parts := make([]string, len(steps))
	for i, d := range steps {
		switch {
		case d%(24*time.Hour) == 0:
			parts[i] = fmt.Sprintf("%dd", d/(24*time.Hour))
		case d%time.Hour == 0:
			parts[i] = fmt.Sprintf("%dh", d/time.Hour)
		case d%time.Minute == 0:
			parts[i] = fmt.Sprintf("%dm", d/time.Minute)
		default:
			parts[i] = strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
		}
	}
	return strings.Join(parts, " ")
}

var errStep = errors.New("each step must be from 1s to 365d")

func validSteps(steps []time.Duration) error {
	for _, d := range steps {
		if d < time.Second || d > maxStep {
			return fmt.Errorf("%v: %w", d, errStep)
		}
	}
	return nil
}
