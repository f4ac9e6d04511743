package scheduler

import (
	"math"
	"testing"
	"time"

	"loci/deck"
)

// Recall is 90% after S days whatever the decay, and RecallDays inverts
// Retrievability.
func TestRetrievabilityAndRecallDays(t *testing.T) {
	t0 := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	for _, decay := range []float64{0.1, 0.5, 0.8} {
		set := DefaultSettings()
		set.Weights[20] = decay
		s, err := New(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			stab, r float64
		}{{1, 0.9}, {10, 0.8}, {40, 0.5}, {3, 0.99}} {
			c := deck.Schedule{State: deck.StateReview, Stability: tc.stab, LastReview: t0}
			at := t0.Add(time.Duration(tc.stab * s.RecallDays(tc.r) * 24 * float64(time.Hour)))
			if got := s.Retrievability(c, at); math.Abs(got-tc.r) > 1e-6 {
				t.Errorf("w20=%v S=%v: recall after RecallDays(%v) = %v", decay, tc.stab, tc.r, got)
			}
			if got := s.Retrievability(c, t0.Add(time.Duration(tc.stab*24*float64(time.Hour)))); math.Abs(got-0.9) > 1e-6 {
				t.Errorf("w20=%v: recall after S days = %v, want 0.9", decay, got)
			}
		}
		if got := s.Retrievability(deck.Schedule{}, t0); got != 0 {
			t.Errorf("a new card's recall = %v, want 0", got)
		}
	}
}
