package storage

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"loci/deck"
	"loci/deck/search"
)

// BenchmarkSearchFirstScreen times the first screen of a search (50 rows,
// ordered) over 100,000 cards in 50 decks with topic tags, a paper on three
// cards in fifty, and schedules of every kind; bench/search runs the same
// queries on bench/gen's collection against the sqlite3 shell.
//
//	go test ./storage -run - -bench SearchFirstScreen
func BenchmarkSearchFirstScreen(b *testing.B) {
	ctx := context.Background()
	d := mustOpen(b, filepath.Join(b.TempDir(), "bench.db"))
	rng := rand.New(rand.NewPCG(1, 2))
	err := d.Bulk(ctx, func(bk *Bulk) error {
		for p := range 200 {
			if err := bk.Paper(deck.Paper{Key: fmt.Sprintf("paper-%03d", p), Title: "P", Stage: deck.Stages[p%4],
				Collections: []string{fmt.Sprintf("Bench/Area %d/Topic %d", p%5, p%20)}}, t0); err != nil {
				return err
			}
		}
		for i := range 100000 {
			c := deck.Card{ID: fmt.Sprintf("card-%06d", i), Deck: fmt.Sprintf("Bench::Deck %02d", i%50), Kind: deck.Basic,
				Front: fmt.Sprintf("Benchmark card %d: which idea does question %d test?", i, i), Back: "An answer.",
				Tags: []string{fmt.Sprintf("topic%02d", i%20)}, Suspended: rng.Float64() < 0.02}
			if i%50 < 3 {
				c.Paper = fmt.Sprintf("paper-%03d", (i/50)%200)
			}
			if i%5 != 0 { // four in five have been studied
				ivl := int(math.Exp(rng.Float64() * 6))
				last := t0.Add(-time.Duration(rng.IntN(ivl+1)) * 24 * time.Hour)
				c.Schedule = deck.Schedule{State: deck.StateReview, Due: last.Add(time.Duration(ivl) * 24 * time.Hour),
					Stability: float64(ivl), Difficulty: 1 + rng.Float64()*9, ScheduledDays: ivl, Reps: 3, Lapses: rng.IntN(10), LastReview: last}
				if c.Schedule.Lapses >= 8 {
					c.Tags = append(c.Tags, "leech")
				}
			}
			if _, err := bk.Card(c, t0.Add(-time.Duration(rng.IntN(700))*24*time.Hour)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	opt := SearchOptions{Now: t0, DayStart: time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC), Limit: 50,
		RecallDays: func(r float64) float64 { return (math.Pow(r, -2) - 1) * 81 / 19 }}
	for _, bc := range []struct {
		q    string
		sort SortKey
		desc bool
	}{
		{"", SortAdded, false},
		{`deck:"Deck 07" is:due`, SortDue, false},
		{`"question 4242 test"`, SortAdded, false},
		{"tag:topic03 prop:ivl>=10", SortStability, true},
		{"is:review prop:retrievability<0.8", SortDue, false},
		{"is:leech or prop:lapses>5", SortLapses, true},
		{"-tag:topic0* -is:new", SortInterval, true},
		{`collection:"Area 3" is:due`, SortDue, false},
	} {
		q, err := search.Parse(bc.q)
		if err != nil {
			b.Fatal(err)
		}
		o := opt
		o.Sort, o.Desc = bc.sort, bc.desc
		b.Run(fmt.Sprintf("%q/%s", bc.q, bc.sort), func(b *testing.B) {
			for b.Loop() {
				if _, err := d.Search(ctx, q, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
