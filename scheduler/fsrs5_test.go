package scheduler_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loci/config"
	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

// recorded is one row of testdata/fsrs5/previews.json: a card as the
// FSRS-5 release (go-fsrs v3.3.1) left it, and the four schedules that
// release previewed for it at At.
type recorded struct {
	Card    string
	At      time.Time
	Before  deck.Schedule
	Ratings [4]deck.Schedule
}

// A database and settings made by the FSRS-5 release (300 cards studied for
// 30 days with fitted 19-number weights) schedule the same under FSRS-6:
// the weights convert with w19 = 0 and w20 = 0.5, and every interval of a
// day or more, and every stability and difficulty, is what that release
// previewed. Only two things change, both by design: waits inside the day
// follow the learning and relearning steps now in the settings (Anki's
// 1m 10m and 10m, where go-fsrs v3 had fixed 1m/5m/10m), and a same-day
// Hard no longer lowers stability (FSRS-6's rule in fsrs-rs and go-fsrs).
func TestFSRS5DatabaseKeepsIntervals(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join("testdata", "fsrs5")
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if w := cfg.Scheduler.Weights; w[0] != 0.5701 || w[18] != 0.3 || w[19] != 0 || w[20] != 0.5 {
		t.Fatalf("19 weights read as %v", w)
	}
	sched, err := scheduler.New(cfg.Scheduler)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "loci.db")
	copyFile(t, filepath.Join(dir, "loci.db"), path)
	db, err := storage.Open(ctx, path) // migrates a copy; the fixture stays as made
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows []recorded
	data, err := os.ReadFile(filepath.Join(dir, "previews.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	var days, steps, hard, ahead int
	for _, row := range rows {
		c, err := db.Card(ctx, row.Card)
		if err != nil || c == nil {
			t.Fatalf("card %s: %v", row.Card, err)
		}
		if c.Schedule != row.Before {
			t.Fatalf("card %s stored as %+v, recorded %+v", row.Card, c.Schedule, row.Before)
		}
		got, err := sched.Preview(c.ID, c.Schedule, row.At)
		if err != nil {
			t.Fatal(err)
		}
		learning := row.Before.State == deck.StateLearning || row.Before.State == deck.StateRelearning
		if row.Before.State == deck.StateReview && got[0].ElapsedDays == 0 {
			// A review card answered again on the day of its last review,
			// before it is due: go-fsrs v3 used the long-term formula with
			// R = 1 there, v4 uses the same-day formula, as fsrs-rs does.
			if !row.At.Before(row.Before.Due) {
				t.Errorf("%s at %s: a due review card with no day elapsed", row.Card, row.At)
			}
			ahead++
			continue
		}
		for i, want := range row.Ratings {
			g, r := got[i], deck.Ratings[i]
			at := row.At.Format(time.RFC3339)
			sameDay := row.Before.State != deck.StateNew && want.ElapsedDays == 0
			if r == deck.Hard && sameDay && want.Stability < row.Before.Stability {
				want.Stability = row.Before.Stability // FSRS-6 keeps it
				hard++
				if want.State == deck.StateReview {
					continue // its interval comes from the kept stability
				}
			}
			if !near(g.Stability, want.Stability) || !near(g.Difficulty, want.Difficulty) || g.Reps != want.Reps ||
				g.Lapses != want.Lapses || g.ElapsedDays != want.ElapsedDays || !g.LastReview.Equal(want.LastReview) {
				t.Errorf("%s at %s, %v: got %+v\nrecorded %+v", row.Card, at, r, g, want)
				continue
			}
			switch {
			case g.State == deck.StateLearning || g.State == deck.StateRelearning:
				// A wait inside the day, from the steps in the settings. A
				// card already learning goes on with its steps on a later
				// day, where go-fsrs v3 (and loci around it) made it review.
				if g.State != want.State && !(learning && want.State == deck.StateReview) {
					t.Errorf("%s at %s, %v: %v, recorded %v", row.Card, at, r, g.State, want.State)
				}
				steps++
			case g.State != want.State || g.ScheduledDays != want.ScheduledDays || !g.Due.Equal(want.Due):
				t.Errorf("%s at %s, %v: %v in %d days (due %v), recorded %v in %d (%v)", row.Card, at, r,
					g.State, g.ScheduledDays, g.Due, want.State, want.ScheduledDays, want.Due)
			default:
				days++
			}
		}
	}
	if days < 600 || steps < 300 || hard == 0 {
		t.Errorf("compared %d intervals in days, %d steps, %d same-day Hards: the fixture lost its variety", days, steps, hard)
	}
	t.Logf("%d intervals in days equal, %d steps, %d same-day Hards, %d cards answered ahead", days, steps, hard, ahead)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
