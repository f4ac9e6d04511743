package scheduler

import (
	"math"
	"time"

	"loci/deck"
)

// Retrievability is FSRS's probability that the learner recalls the card at
// now: (1 + factor·t/S)^decay with t the days since its last review (a
// fraction of a day counts). A new card has none (0).
func (s *Scheduler) Retrievability(c deck.Schedule, now time.Time) float64 {
	if c.State == deck.StateNew || c.Stability <= 0 || c.LastReview.IsZero() {
		return 0
	}
	t := max(0, now.Sub(c.LastReview).Hours()/24)
	return math.Pow(1+s.params.Factor*t/c.Stability, s.params.Decay)
}

// RecallDays inverts the forgetting curve: the days since the last review,
// per day of stability, after which recall has fallen to r (0 < r <= 1).
// A search for prop:retrievability<r compares days elapsed with
// stability × RecallDays(r), so SQLite needs no power function.
func (s *Scheduler) RecallDays(r float64) float64 {
	return (math.Pow(r, 1/s.params.Decay) - 1) / s.params.Factor
}
