package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

// nov is a time on a day of November 2026, UTC; the tests cut learner days
// at 04:00 UTC.
func nov(day, h, m int) time.Time { return time.Date(2026, time.November, day, h, m, 0, 0, time.UTC) }

// dayBounds returns the 04:00 boundaries of the learner days from November
// `from` on, n days.
func dayBounds(from, n int) []time.Time {
	var b []time.Time
	for i := 0; i <= n; i++ {
		b = append(b, nov(from+i, 4, 0))
	}
	return b
}

// statsDB holds a small history, written with Bulk:
//
//	deck A: c1 (learned on the 23rd), c2 (young review failed), c4 (young review passed, suspended)
//	deck B: c3 (mature, passed on the 24th, failed on the 25th)
//	c5 new, c6 in learning
func statsDB(t *testing.T) (*DB, map[string]int64) {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "loci.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	keys := map[string]int64{}
	sched := func(st deck.State, due time.Time, ivl, lapses int) deck.Schedule {
		return deck.Schedule{State: st, Due: due, ScheduledDays: ivl, Lapses: lapses, Stability: 3, Difficulty: 5}
	}
	err = d.Bulk(context.Background(), func(b *Bulk) error {
		for _, c := range []struct {
			id, deck string
			s        deck.Schedule
			susp     bool
		}{
			{"c1", "A", sched(deck.StateReview, nov(27, 10, 0), 4, 0), false},
			{"c2", "A", sched(deck.StateRelearning, nov(24, 4, 5), 0, 1), false},
			{"c3", "B", sched(deck.StateRelearning, nov(25, 10, 10), 0, 3), false},
			{"c4", "A", sched(deck.StateReview, nov(28, 5, 0), 30, 0), true},
			{"c5", "A", sched(deck.StateNew, nov(1, 0, 0), 0, 0), false},
			{"c6", "B", sched(deck.StateLearning, nov(26, 3, 0), 0, 0), false},
		} {
			k, err := b.Card(deck.Card{ID: c.id, Deck: c.deck, Kind: deck.Basic, Front: "Front of " + c.id, Back: "b",
				Schedule: c.s, Suspended: c.susp}, nov(1, 0, 0))
			if err != nil {
				return err
			}
			keys[c.id] = k
		}
		for _, r := range []struct {
			card          string
			at            time.Time
			rating        deck.Rating
			secs          int
			before        deck.State
			ivl, lapsesTo int
			kind          deck.EntryKind
		}{
			{"c3", nov(1, 9, 0), 0, 0, deck.StateReview, 40, 0, deck.EntryManual}, // not an answer
			{"c1", nov(23, 3, 0), deck.Good, 3, deck.StateNew, 0, 0, ""},          // learner day of the 22nd
			{"c1", nov(23, 10, 0), deck.Good, 6, deck.StateNew, 0, 0, ""},
			{"c1", nov(23, 10, 10), deck.Good, 4, deck.StateLearning, 0, 0, ""},
			{"c2", nov(24, 3, 59).Add(59999 * time.Millisecond), deck.Again, 10, deck.StateReview, 5, 1, ""},
			{"c3", nov(24, 4, 0), deck.Hard, 8, deck.StateReview, 21, 2, ""},
			{"c4", nov(24, 12, 0), deck.Easy, 2, deck.StateReview, 20, 0, ""},
			{"c4", nov(24, 13, 0), 0, 9, deck.StateReview, 30, 0, deck.EntryManual},
			{"c3", nov(25, 9, 0), deck.Again, 5, deck.StateReview, 30, 3, ""},
			{"c6", nov(26, 5, 0), deck.Again, 7, deck.StateNew, 0, 0, ""},
			{"c6", nov(27, 10, 0), 0, 1, deck.StateLearning, 0, 0, deck.EntryManual},
		} {
			rev := deck.Review{CardKey: keys[r.card], At: r.at, Rating: r.rating, Duration: time.Duration(r.secs) * time.Second,
				Before: deck.Schedule{State: r.before, ScheduledDays: r.ivl}, After: deck.Schedule{Lapses: r.lapsesTo}}
			if err := b.Review(rev, r.kind); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d, keys
}

func TestDayTallies(t *testing.T) {
	d, _ := statsDB(t)
	got, err := d.DayTallies(context.Background(), dayBounds(23, 3))
	if err != nil {
		t.Fatal(err)
	}
	want := []Tally{
		// The 23rd: c1 new and from learning (6 s + 4 s) and c2's failed
		// young review at 03:59:59.999 on the 24th (10 s), before 04:00.
		{Reviews: 3, Millis: 20000, NewLearned: 1, YoungReviewed: 1},
		// The 24th: c3 passed at an interval of exactly 21 days (mature)
		// and c4 passed at 20 (young); c4's manual reschedule is no answer.
		{Reviews: 2, Millis: 10000, YoungReviewed: 1, YoungPassed: 1, MatureReviewed: 1, MaturePassed: 1},
		// The 25th: c3 failed at 30 days.
		{Reviews: 1, Millis: 5000, MatureReviewed: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DayTallies =\n%+v\nwant\n%+v", got, want)
	}
	counts, err := d.DayCounts(context.Background(), dayBounds(22, 6))
	if err != nil {
		t.Fatal(err)
	}
	// 22nd: c1 at 03:00 on the 23rd; 26th: c6 at 05:00; 27th: only a manual row.
	if want := []int{1, 3, 2, 1, 1, 0}; !reflect.DeepEqual(counts, want) {
		t.Errorf("DayCounts = %v, want %v", counts, want)
	}
	active, err := d.ActiveDays(context.Background(), dayBounds(21, 7))
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{false, true, true, true, true, true, false}; !reflect.DeepEqual(active, want) {
		t.Errorf("ActiveDays = %v, want %v", active, want)
	}
}

func TestBoundsMustRise(t *testing.T) {
	d, _ := statsDB(t)
	b := dayBounds(23, 3)
	b[2] = b[1]
	if _, err := d.DayTallies(context.Background(), b); err == nil || !strings.Contains(err.Error(), "day boundary 2") {
		t.Errorf("DayTallies with equal boundaries: %v", err)
	}
	if got, err := d.DayCounts(context.Background(), nil); err != nil || len(got) != 0 {
		t.Errorf("DayCounts(nil) = %v, %v; want no days", got, err)
	}
}

func TestDueCounts(t *testing.T) {
	d, _ := statsDB(t)
	// Today is the 25th: today counts c2 (overdue since the 24th), c3 (due
	// 10:10) and c6 (03:00 on the 26th, still the 25th's learner day). c1
	// is due on the 27th; c4 is suspended and c5 new.
	b := append([]time.Time{{}}, dayBounds(26, 2)...)
	got, err := d.DueCounts(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{3, 0, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("DueCounts = %v, want %v", got, want)
	}
}

func TestWeekCards(t *testing.T) {
	d, _ := statsDB(t)
	ctx := context.Background()
	decks, hard, err := d.WeekCards(ctx, nov(23, 4, 0), nov(26, 4, 0), 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []DeckTally{
		// A: c1 twice, c2, c4 once = 4 answers, 6+4+10+2 = 22 s.
		{"A", Tally{Reviews: 4, Millis: 22000, NewLearned: 1, YoungReviewed: 2, YoungPassed: 1}},
		{"B", Tally{Reviews: 2, Millis: 13000, MatureReviewed: 2, MaturePassed: 1}},
	}
	if !reflect.DeepEqual(decks, want) {
		t.Errorf("WeekCards decks =\n%+v\nwant\n%+v", decks, want)
	}
	// c3 ends the window with 3 lapses, c2 with 1; c4 passed and c1 never
	// lapsed nor failed, so they are not hard.
	if len(hard) != 2 || hard[0].Card.ID != "c3" || hard[0].Lapses != 3 || hard[0].Again != 1 || hard[0].Card.Deck != "B" ||
		hard[1].Card.ID != "c2" || hard[1].Lapses != 1 || hard[1].Card.Front != "Front of c2" {
		t.Errorf("WeekCards hardest = %+v", hard)
	}
	if decks, one, _ := d.WeekCards(ctx, nov(23, 4, 0), nov(26, 4, 0), 1); len(one) != 1 || one[0].Card.ID != "c3" || len(decks) != 2 {
		t.Errorf("WeekCards limit 1 = %+v, %+v", decks, one)
	}
	if decks, none, err := d.WeekCards(ctx, nov(10, 4, 0), nov(17, 4, 0), 5); err != nil || len(decks)+len(none) != 0 {
		t.Errorf("WeekCards of a week without answers = %+v, %+v, %v", decks, none, err)
	}
	first, ok, err := d.FirstReview(ctx)
	if err != nil || !ok || !first.Equal(nov(23, 3, 0)) {
		t.Errorf("FirstReview = %v, %v, %v; want 03:00 on the 23rd (the manual row of the 1st is no answer)", first, ok, err)
	}
}

// The hardest cards come most lapses first, then most Again, then in the
// order the cards were added; decks with as many answers come by name.
func TestWeekCardsOrder(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	err := d.Bulk(ctx, func(b *Bulk) error {
		for _, c := range []struct {
			id, deck      string
			lapses, again int
		}{
			{"k1", "Z", 2, 0}, {"k2", "Y", 2, 1}, {"k3", "Z", 5, 0}, {"k4", "Y", 2, 1}, {"k5", "X", 0, 0}, {"k6", "A", 0, 1},
		} {
			key, err := b.Card(deck.Card{ID: c.id, Deck: c.deck, Kind: deck.Basic, Front: c.id, Back: "b"}, nov(1, 0, 0))
			if err != nil {
				return err
			}
			for i := 0; i <= c.again; i++ {
				r := deck.Good
				if i < c.again {
					r = deck.Again
				}
				rev := deck.Review{CardKey: key, At: nov(24, 10, i), Rating: r, After: deck.Schedule{Lapses: c.lapses}}
				if err := b.Review(rev, ""); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	decks, hard, err := d.WeekCards(ctx, nov(23, 4, 0), nov(30, 4, 0), 10)
	if err != nil {
		t.Fatal(err)
	}
	var gotDecks, gotHard []string
	for _, dk := range decks {
		gotDecks = append(gotDecks, fmt.Sprintf("%s %d", dk.Deck, dk.Reviews))
	}
	for _, h := range hard {
		gotHard = append(gotHard, h.Card.ID)
	}
	if want := []string{"Y 4", "A 2", "Z 2", "X 1"}; !reflect.DeepEqual(gotDecks, want) {
		t.Errorf("decks = %v, want %v", gotDecks, want)
	}
	if want := []string{"k3", "k2", "k4", "k1", "k6"}; !reflect.DeepEqual(gotHard, want) {
		t.Errorf("hardest = %v, want %v", gotHard, want)
	}
}

func TestStageMoves(t *testing.T) {
	d, _ := statsDB(t)
	ctx := context.Background()
	for _, k := range []string{"p1", "p2"} {
		if _, err := d.db.Exec("INSERT INTO papers(key, title, created_at) VALUES (?, ?, 0)", k, "Paper "+k); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []struct {
		key   string
		stage deck.Stage
		at    time.Time
	}{
		{"p2", deck.Read, nov(20, 12, 0)},
		{"p1", deck.Read, nov(23, 12, 0)},
		{"p1", deck.Understood, nov(24, 12, 0)},
		{"p2", deck.Replicated, nov(25, 12, 0)},
	} {
		if err := d.SetPaperStage(ctx, m.key, m.stage, m.at); err != nil {
			t.Fatal(err)
		}
	}
	// p1 was added in the window, as queued: a record, not a move.
	if _, err := d.db.Exec("INSERT INTO paper_stages(paper_id, stage, at) SELECT id, 'queued', ? FROM papers WHERE key = 'p1'",
		ms(nov(23, 5, 0))); err != nil {
		t.Fatal(err)
	}
	got, err := d.StageMoves(ctx, nov(23, 4, 0), nov(30, 4, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := []StageMove{
		{"p1", "Paper p1", deck.Queued, deck.Read, nov(23, 12, 0)},
		{"p1", "Paper p1", deck.Read, deck.Understood, nov(24, 12, 0)},
		// p2 was read before the window opened.
		{"p2", "Paper p2", deck.Read, deck.Replicated, nov(25, 12, 0)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StageMoves =\n%+v\nwant\n%+v", got, want)
	}
}

// TestStatsQueryPlans checks that the summary's queries walk the indexes
// rather than the whole review log or card table.
func TestStatsQueryPlans(t *testing.T) {
	d, _ := statsDB(t)
	arg, _ := boundsJSON(dayBounds(23, 7))
	// Days from 04:10: every day has whole quarters and two cut ends.
	var cut []time.Time
	for _, b := range dayBounds(23, 7) {
		cut = append(cut, b.Add(10*time.Minute))
	}
	whole, edges, _ := dayPieces(cut)
	for _, tc := range []struct {
		name, query string
		args        []any
		want        []string // in the plan
	}{
		{"DayTallies", dayTalliesQuery, []any{whole, edges}, []string{"SEARCH q USING INTEGER PRIMARY KEY", "INDEX reviews_at_rating"}},
		// The heatmap's count reads the index alone, never a review row.
		{"DayCounts", dayCountsQuery, []any{whole, edges}, []string{"SEARCH q USING INTEGER PRIMARY KEY", "COVERING INDEX reviews_at_rating"}},
		// The forecast reads the queue index alone, never a card row.
		{"DueCounts", dueCountsQuery, []any{arg}, []string{"COVERING INDEX cards_deck_queue"}},
	} {
		rows, err := d.db.Query("EXPLAIN QUERY PLAN "+tc.query, tc.args...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		for _, bad := range []string{"SCAN r", "SCAN c", "SCAN q", "SCAN reviews", "SCAN cards", "SCAN review_quarters"} {
			if strings.Contains(text, bad+"\n") || strings.HasSuffix(text, bad) || strings.Contains(text, bad+" ") {
				t.Errorf("%s scans a whole table:\n%s", tc.name, text)
			}
		}
		for _, want := range tc.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s: plan lacks %q:\n%s", tc.name, want, text)
			}
		}
	}
}
