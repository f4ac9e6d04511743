package main

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"loci/deck"
	"loci/storage"
)

// TestGeneratedCollectionPassesCheck generates small collections of several
// shapes and checks that loci finds them consistent: `loci check` passes,
// the log has exactly the size asked for, every review starts from the
// state the one before it left, and answers are in time order, none after
// the end of the history.
func TestGeneratedCollectionPassesCheck(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		o    options
	}{
		{"decks, papers, suspended", options{cards: 300, reviews: 2500, days: 200, rest: 0.05, decks: 5, papers: 4, suspended: 0.1, seed: 1}},
		{"one deck, study every day", options{cards: 120, reviews: 700, days: 60, decks: 1, seed: 2}},
		{"no reviews", options{cards: 20, reviews: 0, days: 10, decks: 3, papers: 1, seed: 3}},
		{"every card studied", options{cards: 40, reviews: 40, days: 30, decks: 2, seed: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			o := tt.o
			o.now = now
			res, err := generate(ctx, db, o)
			if err != nil {
				t.Fatal(err)
			}
			problems, err := db.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Fatalf("check: %v", problems)
			}
			if n, err := db.LogSize(ctx); err != nil || n != o.reviews {
				t.Fatalf("log size = %d, %v; want %d", n, err, o.reviews)
			}
			cards, err := db.Cards(ctx, "Bench")
			if err != nil {
				t.Fatal(err)
			}
			if len(cards) != o.cards {
				t.Fatalf("%d cards, want %d", len(cards), o.cards)
			}
			unstudied := 0
			for _, c := range cards {
				revs, err := db.Reviews(ctx, c.Key)
				if err != nil {
					t.Fatal(err)
				}
				if len(revs) == 0 {
					unstudied++
					if c.Schedule.State != deck.StateNew {
						t.Errorf("card %s has no review but is %s", c.ID, c.Schedule.State)
					}
					continue
				}
				for i, r := range revs {
					if r.At.After(now) {
						t.Errorf("card %s: review %d at %s, after the end of the history", c.ID, i, r.At)
					}
					if i == 0 {
						if r.Before.State != deck.StateNew {
							t.Errorf("card %s: first review starts from %s, want new", c.ID, r.Before.State)
						}
						continue
					}
					if !r.At.After(revs[i-1].At) {
						t.Errorf("card %s: review %d at %s, not after the one before (%s)", c.ID, i, r.At, revs[i-1].At)
					}
					if r.Before != revs[i-1].After {
						t.Errorf("card %s: review %d starts from %+v, the one before left %+v", c.ID, i, r.Before, revs[i-1].After)
					}
				}
			}
			if unstudied != res.unstudied {
				t.Errorf("%d cards without reviews, generate says %d", unstudied, res.unstudied)
			}
		})
	}
}

// TestTrimKeepsWholePrefixes checks that trimming a simulated history to a
// size keeps, for every card, a prefix of its answers.
func TestTrimKeepsWholePrefixes(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l, err := newLearner(start, start.AddDate(0, 0, 90), 90, make([]bool, 90), 5, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	full, err := l.simulate(50, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []int{0, 1, len(full.events) / 2, len(full.events) - 1, len(full.events)} {
		h, err := l.simulate(50, 0)
		if err != nil {
			t.Fatal(err)
		}
		h.trim(rand.New(rand.NewPCG(uint64(keep), 1)), keep)
		if len(h.events) != keep {
			t.Fatalf("keep %d: %d events left", keep, len(h.events))
		}
		for i := 0; i < 50; i++ {
			got := h.events[h.first[i]:h.first[i+1]]
			want := full.events[full.first[i]:full.first[i+1]]
			if len(got) > len(want) {
				t.Fatalf("keep %d: card %d has %d answers, more than simulated (%d)", keep, i, len(got), len(want))
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("keep %d: card %d answer %d is %+v, want %+v", keep, i, j, got[j], want[j])
				}
			}
		}
	}
}
