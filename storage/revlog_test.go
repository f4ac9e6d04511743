package storage

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"loci/deck"
)

const abCards = "---\ndeck: D\n---\nQ: a?\nA: 1\nid: a\n\nQ: b?\nA: 2\nid: b\n"

// answer records an answer to card id whose new schedule has state st.
func answer(t *testing.T, d *DB, id string, at time.Time, r deck.Rating, took time.Duration, st deck.State) {
	t.Helper()
	ctx := context.Background()
	c, err := d.Card(ctx, id)
	if err != nil || c == nil {
		t.Fatalf("card %q: %v", id, err)
	}
	next := func(deck.Card) (deck.Schedule, error) {
		return deck.Schedule{State: st, Due: at.Add(time.Hour), Stability: 1, Difficulty: 5, Reps: 1, LastReview: at}, nil
	}
	if _, err := d.Answer(ctx, c.Key, at, r, took, time.Time{}, next); err != nil {
		t.Fatal(err)
	}
}

// seedLog gives card a four answers in loci and card b four imported
// entries, a manual reset among them.
func seedLog(t *testing.T) (*DB, []deck.LogEntry) {
	t.Helper()
	ctx := context.Background()
	d := mustOpen(t, "")
	set := mustSet(t, abCards)
	day := 24 * time.Hour
	set.History = []deck.LogEntry{
		{CardID: "b", At: t0, Rating: deck.Hard, Duration: 3 * time.Second, Kind: deck.EntryLearn, ExtID: "x:1"},
		{CardID: "b", At: t0.Add(2 * day), Rating: deck.Good, Kind: deck.EntryReview, ExtID: "x:2"},
		{CardID: "b", At: t0.Add(3 * day), Kind: deck.EntryManual, ExtID: "x:3"},
		{CardID: "b", At: t0.Add(5 * day), Rating: deck.Easy, Kind: deck.EntryReview, ExtID: "x:4"},
	}
	// A replayer that keeps the card new, so that an imported "review"
	// entry meets a new card: its kind must stay review.
	keepNew := func(id string, start deck.Schedule, h []deck.LogEntry) ([]deck.Review, deck.Schedule, error) {
		var rows []deck.Review
		for _, e := range h {
			rows = append(rows, deck.Review{CardID: id, At: e.At, Rating: e.Rating, Duration: e.Duration, Kind: e.Kind, ExtID: e.ExtID})
		}
		return rows, start, nil
	}
	if _, err := d.Import(ctx, set, t0, ImportOptions{Origin: "t", Replay: keepNew}); err != nil {
		t.Fatal(err)
	}
	answer(t, d, "a", t0.Add(time.Hour), deck.Again, 4*time.Second, deck.StateLearning)         // new
	answer(t, d, "a", t0.Add(time.Hour+time.Minute), deck.Good, 0, deck.StateReview)            // learning
	answer(t, d, "a", t0.Add(4*day), deck.Again, 0, deck.StateRelearning)                       // review
	answer(t, d, "a", t0.Add(4*day+10*time.Minute), deck.Good, 2*time.Second, deck.StateReview) // relearning
	a := func(dt time.Duration, r deck.Rating, took time.Duration, k deck.EntryKind) deck.LogEntry {
		return deck.LogEntry{CardID: "a", At: t0.Add(dt), Rating: r, Duration: took, Kind: k}
	}
	want := []deck.LogEntry{
		a(time.Hour, deck.Again, 4*time.Second, deck.EntryLearn),
		a(time.Hour+time.Minute, deck.Good, 0, deck.EntryLearn),
		a(4*day, deck.Again, 0, deck.EntryReview),
		a(4*day+10*time.Minute, deck.Good, 2*time.Second, deck.EntryRelearn),
	}
	for _, e := range set.History {
		e.At = e.At.UTC()
		want = append(want, e)
	}
	return d, want
}

// The cards were stored a (key 1) then b (key 2), but b's history came
// first: the log is grouped by card key and in time order within a card.
func TestReviewLog(t *testing.T) {
	d, want := seedLog(t)
	got, err := d.ReviewLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReviewLog =\n%v\nwant\n%v", got, want)
	}
	if got[0].CardID != "a" || got[4].Rating != deck.Hard || got[6].Rating != 0 || got[6].Kind != deck.EntryManual {
		t.Errorf("unexpected entries: %v", got)
	}
}

func TestReschedule(t *testing.T) {
	ctx := context.Background()
	d, log := seedLog(t)
	// The new schedule: stability = number of entries, due a day after the
	// newest one.
	next := func(id string, h []deck.LogEntry, cur deck.Schedule) (deck.Schedule, error) {
		last := h[len(h)-1].At
		return deck.Schedule{State: deck.StateReview, Due: last.Add(24 * time.Hour), Stability: float64(len(h)),
			Difficulty: 5, Reps: len(h), LastReview: last}, nil
	}
	n, err := d.Reschedule(ctx, next)
	if err != nil || n != 2 {
		t.Fatalf("Reschedule = %d, %v; want 2 cards changed", n, err)
	}
	for _, id := range []string{"a", "b"} {
		c, _ := d.Card(ctx, id)
		if c.Schedule.Stability != 4 || c.Schedule.State != deck.StateReview || c.Schedule.Reps != 4 {
			t.Errorf("card %s after reschedule: %+v", id, c.Schedule)
		}
	}
	if got, _ := d.ReviewLog(ctx); !reflect.DeepEqual(got, log) {
		t.Errorf("the review log changed")
	}
	if n, err := d.Reschedule(ctx, next); err != nil || n != 0 {
		t.Errorf("second Reschedule = %d, %v; want nothing to change", n, err)
	}
	// An error on the second card rolls back the first.
	boom := errors.New("boom")
	calls := 0
	_, err = d.Reschedule(ctx, func(id string, h []deck.LogEntry, cur deck.Schedule) (deck.Schedule, error) {
		if calls++; calls == 2 {
			return cur, boom
		}
		return deck.Schedule{State: deck.StateNew}, nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if c, _ := d.Card(ctx, "a"); c.Schedule.State != deck.StateReview {
		t.Errorf("card a changed although the reschedule failed: %+v", c.Schedule)
	}
}
