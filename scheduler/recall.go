package scheduler

import (
	"math"
	"time"

	"loci/deck"
)

// curve returns the forgetting curve's decay and factor for the weights:
// R(t, S) = (1 + factor·t/S)^decay with decay = −w20 (see the package doc).
func (s *Scheduler) curve() (decay, factor float64) {
	decay = -s.set.Weights[20]
	return decay, math.Pow(0.9, 1/decay) - 1
}

// Retrievability is FSRS's probability that the learner recalls the card at
// now, t days after its last review (a fraction of a day counts). A new
// card has none (0).
func (s *Scheduler) Retrievability(c deck.Schedule, now time.Time) float64 {
	if c.State == deck.StateNew || c.Stability <= 0 || c.LastReview.IsZero() {
		return 0
	}
	decay, factor := s.curve()
	t := max(0, now.Sub(c.LastReview).Hours()/24)
	return math.Pow(1+factor*t/c.Stability, decay)
}

// RecallDays inverts the forgetting curve: the days since the last review,
// per day of stability, after which recall has fallen to r (0 < r <= 1).
// A search for prop:retrievability<r compares days elapsed with
// stability × RecallDays(r), so SQLite needs no power function.
func (s *Scheduler) RecallDays(r float64) float64 {
	decay, factor := s.curve()
	return (math.Pow(r, 1/decay) - 1) / factor
}
