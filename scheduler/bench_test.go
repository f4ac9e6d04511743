package scheduler

import (
	"testing"
	"time"

	"loci/deck"
)

// The cost of one preview (all four ratings, fuzz on) of a review card and
// of a new card: what the review screen computes for every card it shows.
// `go test -bench . ./scheduler` prints ns/op and allocations.
func BenchmarkPreview(b *testing.B) {
	s, err := New(DefaultSettings())
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	review := deck.Schedule{State: deck.StateReview, Stability: 20, Difficulty: 5, ScheduledDays: 20, Reps: 5,
		Due: now, LastReview: now.Add(-20 * 24 * time.Hour)}
	for _, bc := range []struct {
		name string
		c    deck.Schedule
	}{{"review", review}, {"new", deck.Schedule{}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Preview("card", bc.c, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
