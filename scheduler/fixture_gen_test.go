package scheduler_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/config"
	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

var genFixture = flag.Bool("gen-fsrs5", false, "build testdata/fsrs5 with this release")

type previewRow struct {
	Card    string
	At      time.Time
	Before  deck.Schedule
	Ratings [4]deck.Schedule
}

// TestGenFSRS5Fixture studies 40 cards for 60 days with FSRS-5 weights from
// config.toml and records every card's preview at its next due time.
func TestGenFSRS5Fixture(t *testing.T) {
	if !*genFixture {
		t.Skip("run with -gen-fsrs5 to rebuild the fixture")
	}
	ctx := context.Background()
	dir := filepath.Join("testdata", "fsrs5")
	dbPath := filepath.Join(dir, "loci.db")
	os.Remove(dbPath)
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("---\ndeck: Old\n---\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "Q: question %d?\nA: answer %d\nid: q%03d\n\n", i, i, i)
	}
	f, err := deck.Parse("old.md", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := deck.Merge([]*deck.File{f})
	now := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	if _, err := db.Sync(ctx, set, "old", false, now); err != nil {
		t.Fatal(err)
	}
	sched, err := scheduler.New(cfg.Scheduler)
	if err != nil {
		t.Fatal(err)
	}
	study := &scheduler.Study{Store: db, Sched: sched, Now: func() time.Time { return now }}
	rng := rand.New(rand.NewPCG(15, 6))
	start := now
	answered := 0
	for day := 0; day < 30; day++ {
		for _, hm := range [][2]int{{9, 0}, {9, 20}, {13, 0}, {21, 30}} {
			now = time.Date(start.Year(), start.Month(), start.Day()+day, hm[0], hm[1], 0, 0, time.UTC)
			if day%7 == 6 && hm[0] == 9 {
				continue // a lazy morning: reviews pile up
			}
			for {
				c, err := study.Next(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				if c == nil || (day == 29 && answered >= 14) {
					break // the last session stops half-way: cards stay in learning
				}
				x := rng.Float64()
				r := deck.Good
				switch {
				case x < 0.13:
					r = deck.Again
				case x < 0.28:
					r = deck.Hard
				case x > 0.88:
					r = deck.Easy
				}
				if _, err := study.Answer(ctx, c, r, 7*time.Second); err != nil {
					t.Fatal(err)
				}
				if day == 29 {
					answered++
				}
				now = now.Add(40 * time.Second)
			}
		}
	}
	end := now
	var rows []previewRow
	for i := 0; i < 300; i++ {
		c, err := study.Card(ctx, fmt.Sprintf("q%03d", i))
		if err != nil || c == nil {
			t.Fatal(c, err)
		}
		// Each card answered a few minutes after the session, and when it
		// is next due (a day later at least).
		soon, due := end.Add(5*time.Minute), end.Add(24*time.Hour)
		if c.Schedule.State != deck.StateNew && c.Schedule.Due.After(due) {
			due = c.Schedule.Due
		}
		for _, at := range []time.Time{soon, due} {
			rows = append(rows, previewRow{Card: c.ID, At: at.UTC(), Before: c.Schedule, Ratings: sched.Preview(c.ID, c.Schedule, at)})
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(rows)
	if err := os.WriteFile(filepath.Join(dir, "previews.json"), append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
