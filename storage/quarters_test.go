package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on a machine without a zone database

	"loci/deck"
)

func TestQuarterOf(t *testing.T) {
	d := mustOpen(t, "")
	q := quarterMS
	for _, tc := range []struct {
		ms, want int64
	}{
		{0, 0}, {1, 0}, {q - 1, 0}, {q, 1}, {q + 1, 1}, {5*q - 1, 4},
		{-1, -1}, {-q, -1}, {-q - 1, -2}, {-5 * q, -5},
		{t0.UnixMilli(), t0.UnixMilli() / q},
	} {
		if got := quarterOf(tc.ms); got != tc.want {
			t.Errorf("quarterOf(%d) = %d, want %d", tc.ms, got, tc.want)
		}
		// The triggers' SQL gives the same bucket.
		var got int64
		if err := d.db.QueryRow("SELECT "+strings.ReplaceAll(quarterSQL("x"), "x", "?1"), tc.ms).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("quarterSQL(%d) = %d, want %d", tc.ms, got, tc.want)
		}
	}
}

func TestDayPieces(t *testing.T) {
	q := quarterMS
	at := func(quarters, extra int64) time.Time { return time.UnixMilli(quarters*q + extra) }
	for _, tc := range []struct {
		name         string
		bounds       []time.Time
		whole, edges string
	}{
		{"aligned", []time.Time{at(10, 0), at(20, 0), at(30, 0)}, "[[0,10,20],[1,20,30]]", "[]"},
		{"cut ends", []time.Time{at(10, 5), at(20, 7)}, "[[0,11,20]]", fmt.Sprintf("[[0,%d,%d],[0,%d,%d]]", 10*q+5, 11*q, 20*q, 20*q+7)},
		{"inside one quarter", []time.Time{at(10, 5), at(10, 9)}, "[]", fmt.Sprintf("[[0,%d,%d]]", 10*q+5, 10*q+9)},
		{"across one boundary", []time.Time{at(10, 5), at(11, 9)}, "[]", fmt.Sprintf("[[0,%d,%d]]", 10*q+5, 11*q+9)},
		{"one whole quarter", []time.Time{at(10, 5), at(12, 0)}, "[[0,11,12]]", fmt.Sprintf("[[0,%d,%d]]", 10*q+5, 11*q)},
		{"before 1970", []time.Time{at(-3, 0), at(-1, 1)}, "[[0,-3,-1]]", fmt.Sprintf("[[0,%d,%d]]", -q, -q+1)},
		{"no days", []time.Time{at(1, 0)}, "[]", "[]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole, edges, err := dayPieces(tc.bounds)
			if err != nil || whole != tc.whole || edges != tc.edges {
				t.Errorf("dayPieces = %s, %s, %v; want %s, %s", whole, edges, err, tc.whole, tc.edges)
			}
		})
	}
	if _, _, err := dayPieces([]time.Time{at(2, 0), at(1, 0)}); err == nil {
		t.Error("dayPieces of falling bounds: no error")
	}
}

// logRow is a review-log row as the direct count reads it.
type logRow struct {
	at                         int64
	rating, stateBefore, sched int
	kind                       string
	millis                     int64
}

// directTallies tallies each day of bounds straight from the log's rows,
// in Go: the reference the quarters must agree with.
func directTallies(t *testing.T, d *DB, bounds []time.Time) ([]Tally, []int) {
	t.Helper()
	rows, err := d.db.Query("SELECT at, rating, state_before, scheduled_before, kind, duration_ms FROM reviews")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var log []logRow
	for rows.Next() {
		var r logRow
		if err := rows.Scan(&r.at, &r.rating, &r.stateBefore, &r.sched, &r.kind, &r.millis); err != nil {
			t.Fatal(err)
		}
		log = append(log, r)
	}
	tallies, counts := make([]Tally, len(bounds)-1), make([]int, len(bounds)-1)
	for i := range tallies {
		lo, hi := bounds[i].UnixMilli(), bounds[i+1].UnixMilli()
		for _, r := range log {
			if r.at < lo || r.at >= hi || r.rating == 0 {
				continue
			}
			tl := &tallies[i]
			counts[i]++
			tl.Reviews++
			tl.Millis += r.millis
			if r.kind == "cram" {
				continue
			}
			switch {
			case r.stateBefore == 0:
				tl.NewLearned++
			case r.stateBefore == 2 && r.sched < MatureDays:
				tl.YoungReviewed++
				if r.rating >= 2 {
					tl.YoungPassed++
				}
			case r.stateBefore == 2:
				tl.MatureReviewed++
				if r.rating >= 2 {
					tl.MaturePassed++
				}
			}
		}
	}
	return tallies, counts
}

// learnerBounds are the boundaries of n learner days from date from, the
// day starting at hh:mm in loc, as the summary cuts them.
func learnerBounds(from time.Time, n int, loc *time.Location, hh, mm int) []time.Time {
	out := make([]time.Time, n+1)
	for i := range out {
		d := from.AddDate(0, 0, i)
		out[i] = time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc)
	}
	return out
}

// The counts and tallies per learner day read from the quarters equal a
// direct count over the log, on random logs written by every path (answers,
// cram answers, undo, imported history with manual entries, bulk writes),
// for day boundaries in zones with half- and quarter-hour offsets and
// daylight saving, and for a day start inside a quarter hour: changing the
// time zone or day_starts_at needs nothing rebuilt.
func TestQuartersEqualDirectCounts(t *testing.T) {
	zones := []struct {
		zone   string
		hh, mm int
	}{
		{"UTC", 4, 0},
		{"UTC", 0, 0},
		{"Asia/Kathmandu", 4, 0},    // +05:45
		{"America/St_Johns", 4, 10}, // -03:30, daylight saving; a start inside a quarter hour
		{"America/New_York", 2, 30}, // the start falls in the spring-forward gap
		{"Europe/Berlin", 23, 59},
		{"Australia/Lord_Howe", 4, 7}, // a half-hour daylight-saving shift
	}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(seed, 7))
			d := mustOpen(t, "")
			var text strings.Builder
			text.WriteString("---\ndeck: D\n---\n")
			for i := range 20 {
				fmt.Fprintf(&text, "Q: q%d?\nA: a\nid: c%d\n\n", i, i)
			}
			set := mustSet(t, text.String())
			if _, err := d.Sync(ctx, set, "t", false, start); err != nil {
				t.Fatal(err)
			}
			// when picks a time in the 40 days from start, often right on a
			// quarter boundary or a millisecond either side of one.
			when := func() time.Time {
				q := rng.Int64N(40 * 96)
				off := []int64{0, 1, quarterMS - 1, rng.Int64N(quarterMS)}[rng.IntN(4)]
				return time.UnixMilli(start.UnixMilli() + q*quarterMS + off)
			}
			schedule := func(at time.Time) deck.Schedule {
				return deck.Schedule{State: deck.State(rng.IntN(4)), Due: at.Add(time.Hour), Stability: 1, Difficulty: 5,
					ScheduledDays: rng.IntN(2 * MatureDays), LastReview: at}
			}
			card := func() *deck.Card {
				c, err := d.Card(ctx, fmt.Sprint("c", rng.IntN(20)))
				if err != nil || c == nil {
					t.Fatalf("card: %v", err)
				}
				return c
			}
			randomHistory := func(id string, start deck.Schedule, h []deck.LogEntry) ([]deck.Review, deck.Schedule, error) {
				var rows []deck.Review
				for _, e := range h {
					rows = append(rows, deck.Review{CardID: id, At: e.At, Rating: e.Rating, Duration: e.Duration,
						Kind: e.Kind, ExtID: e.ExtID, Before: schedule(e.At), After: schedule(e.At)})
				}
				return rows, start, nil
			}
			imports, undone := 0, 0
			for step := range 200 {
				switch op := rng.IntN(10); {
				case op < 5:
					c := card()
					took := time.Duration(rng.IntN(20000)) * time.Millisecond
					if _, err := d.Answer(ctx, c.Key, when(), deck.Rating(1+rng.IntN(4)), took, time.Time{},
						func(deck.Card) (deck.Schedule, error) { return schedule(time.Time{}), nil }); err != nil {
						t.Fatal(err)
					}
				case op < 6:
					if _, err := d.Cram(ctx, card().Key, when(), deck.Rating(1+rng.IntN(4)), time.Second); err != nil {
						t.Fatal(err)
					}
				case op < 8:
					// Refused when there is nothing left to undo, or when an
					// import gave the card newer history.
					_, err := d.Undo(ctx, 0, nil)
					switch {
					case err == nil:
						undone++
					case !errors.Is(err, ErrNothingToUndo) && !strings.Contains(err.Error(), "newer history"):
						t.Fatal(err)
					}
				default:
					// Imported history: answers of every kind, manual
					// entries (rating 0) among them.
					imports++
					set := mustSet(t, text.String())
					for j := range 1 + rng.IntN(8) {
						e := deck.LogEntry{CardID: fmt.Sprint("c", rng.IntN(20)), At: when(), Rating: deck.Rating(1 + rng.IntN(4)),
							Duration: time.Duration(rng.IntN(9000)) * time.Millisecond, Kind: deck.EntryReview,
							ExtID: fmt.Sprintf("x:%d:%d", imports, j)}
						switch rng.IntN(4) {
						case 0:
							e.Kind, e.Rating = deck.EntryManual, 0
						case 1:
							e.Kind = deck.EntryCram
						case 2:
							e.Kind = deck.EntryLearn
						}
						set.History = append(set.History, e)
					}
					if _, err := d.Import(ctx, set, start, ImportOptions{Origin: "t", Replay: randomHistory}); err != nil {
						t.Fatal(err)
					}
				}
				if step%50 != 49 {
					continue
				}
				if p, err := d.checkQuarters(ctx); err != nil || p != "" {
					t.Fatalf("step %d: checkQuarters = %q, %v", step, p, err)
				}
				for _, z := range zones {
					loc, err := time.LoadLocation(z.zone)
					if err != nil {
						t.Fatal(err)
					}
					bounds := learnerBounds(start.AddDate(0, 0, -1), 42, loc, z.hh, z.mm)
					wantT, wantC := directTallies(t, d, bounds)
					gotC, err := d.DayCounts(ctx, bounds)
					if err != nil || !reflect.DeepEqual(gotC, wantC) {
						t.Fatalf("step %d, %s %02d:%02d: DayCounts = %v, %v\nwant %v", step, z.zone, z.hh, z.mm, gotC, err, wantC)
					}
					gotT, err := d.DayTallies(ctx, bounds)
					if err != nil || !reflect.DeepEqual(gotT, wantT) {
						t.Fatalf("step %d, %s %02d:%02d: DayTallies = %+v, %v\nwant %+v", step, z.zone, z.hh, z.mm, gotT, err, wantT)
					}
				}
			}
			var n int
			d.db.QueryRow("SELECT count(*) FROM reviews WHERE rating > 0").Scan(&n)
			if n < 50 || undone < 10 {
				t.Errorf("%d answers in the log, %d undone: the test exercises too little", n, undone)
			}
		})
	}
}

// Migration 10 counts an existing log into the quarters; loci check finds a
// table that drifted from the log, and RebuildQuarters mends it.
func TestQuartersMigrationCheckAndRepair(t *testing.T) {
	ctx := context.Background()
	d, _ := seedLog(t)
	var path string
	if err := d.db.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&path); err != nil {
		t.Fatal(err)
	}
	// Take the database back to schema 9, as a release before this one
	// left it, with its log in place.
	for _, s := range []string{"DROP TRIGGER review_quarters_insert", "DROP TRIGGER review_quarters_delete",
		"DROP TABLE review_quarters", "PRAGMA user_version = 9"} {
		if _, err := d.db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	d = mustOpen(t, path)
	bounds := learnerBounds(t0.AddDate(0, 0, -1), 8, time.UTC, 4, 0)
	wantT, wantC := directTallies(t, d, bounds)
	if wantC[1]+wantC[5] == 0 {
		t.Fatalf("the seeded log has no answers in these days: %v", wantC)
	}
	gotC, err := d.DayCounts(ctx, bounds)
	if err != nil || !reflect.DeepEqual(gotC, wantC) {
		t.Errorf("after migration: DayCounts = %v, %v, want %v", gotC, err, wantC)
	}
	if gotT, err := d.DayTallies(ctx, bounds); err != nil || !reflect.DeepEqual(gotT, wantT) {
		t.Errorf("after migration: DayTallies = %+v, %v, want %+v", gotT, err, wantT)
	}
	// (seedLog leaves card b new under its imported history on purpose,
	// which Check reports; only the quarters matter here.)
	quarterProblems := func() []string {
		t.Helper()
		p, err := d.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range p {
			if strings.Contains(s, "quarter") {
				out = append(out, s)
			}
		}
		return out
	}
	if p := quarterProblems(); len(p) != 0 {
		t.Errorf("Check after migration = %q", p)
	}

	for _, tamper := range []string{
		"UPDATE review_quarters SET answers = answers + 1 WHERE quarter = (SELECT min(quarter) FROM review_quarters)",
		"DELETE FROM review_quarters WHERE quarter = (SELECT max(quarter) FROM review_quarters)",
		"INSERT INTO review_quarters VALUES (1, 1, 0, 0, 0, 0, 0, 0)",
	} {
		if _, err := d.db.Exec(tamper); err != nil {
			t.Fatal(err)
		}
		p := quarterProblems()
		if len(p) != 1 || !strings.Contains(p[0], "answers per quarter hour differ from the review log in 1 quarter hour (the first at ") ||
			!strings.Contains(p[0], "loci check --repair") {
			t.Errorf("Check after %q = %q; want the quarters named", tamper, p)
		}
		n, err := d.RebuildQuarters(ctx)
		if err != nil || n == 0 {
			t.Fatalf("RebuildQuarters = %d, %v", n, err)
		}
		if p := quarterProblems(); len(p) != 0 {
			t.Errorf("Check after repair = %q", p)
		}
	}
	if gotC, _ := d.DayCounts(ctx, bounds); !reflect.DeepEqual(gotC, wantC) {
		t.Errorf("after repair: DayCounts = %v, want %v", gotC, wantC)
	}
}
