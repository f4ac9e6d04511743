package scheduler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"loci/deck"
	"loci/deck/search"
	"loci/scheduler"
	"loci/storage"
)

// find runs a search as custom study does.
func find(t *testing.T, s *scheduler.Study, now time.Time, query string) []deck.Card {
	t.Helper()
	q, err := search.Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	db := s.Store.(*storage.DB)
	cards, err := db.Search(context.Background(), q, storage.SearchOptions{Now: now, DayStart: s.Sched.DayStart(now),
		RecallDays: s.Sched.RecallDays, Sort: storage.SortDue, Studyable: true})
	if err != nil {
		t.Fatal(err)
	}
	return cards
}

func mustAnswer(t *testing.T, ctx context.Context, st interface {
	Next(context.Context, string) (*deck.Card, error)
	Answer(context.Context, *deck.Card, deck.Rating, time.Duration) (deck.Review, error)
}, want string, r deck.Rating) deck.Review {
	t.Helper()
	c, err := st.Next(ctx, "")
	if err != nil || c == nil || c.ID != want {
		t.Fatalf("next card = %+v, %v; want %s", c, err, want)
	}
	rev, err := st.Answer(ctx, c, r, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

func TestExtendNewLimitToday(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 10, func(set *scheduler.Settings) { set.NewPerDay = 2 })
	for _, id := range []string{"q00", "q01"} {
		mustAnswer(t, ctx, s, id, deck.Good)
	}
	if total, _, _ := s.Due(ctx, ""); total.New != 0 {
		t.Fatalf("new studyable after the day's limit = %d", total.New)
	}
	for _, tc := range []struct {
		n        int
		want     scheduler.NewLimit
		studying int
	}{
		{0, scheduler.NewLimit{Setting: 2, Extra: 0, Done: 2, Left: 0}, 0},
		{3, scheduler.NewLimit{Setting: 2, Extra: 3, Done: 2, Left: 3}, 3},
		{2, scheduler.NewLimit{Setting: 2, Extra: 5, Done: 2, Left: 5}, 5},
	} {
		got, err := s.ExtendNewLimit(ctx, tc.n)
		if err != nil || got != tc.want {
			t.Fatalf("ExtendNewLimit(%d) = %+v, %v; want %+v", tc.n, got, err, tc.want)
		}
		if total, _, _ := s.Due(ctx, ""); total.New != tc.studying {
			t.Fatalf("after ExtendNewLimit(%d): %d new studyable, want %d", tc.n, total.New, tc.studying)
		}
	}
	mustAnswer(t, ctx, s, "q02", deck.Good)
	if total, _, _ := s.Due(ctx, ""); total.New != 4 {
		t.Fatalf("after one more new card: %d new studyable, want 4", total.New)
	}
	// The next learner day starts from the setting again.
	*now = now.Add(24 * time.Hour)
	if total, _, _ := s.Due(ctx, ""); total.New != 2 {
		t.Fatalf("next day: %d new studyable, want the setting's 2", total.New)
	}
	if s.Sched.Settings().NewPerDay != 2 {
		t.Fatal("the setting changed")
	}
}

func TestCramChangesNoSchedule(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 3, nil)
	db := s.Store.(*storage.DB)
	// q00 and q01 become review cards due in days.
	for _, id := range []string{"q00", "q01"} {
		c, _ := s.Card(ctx, id)
		if _, err := s.Answer(ctx, c, deck.Easy, time.Second); err != nil {
			t.Fatal(err)
		}
	}
	before := map[string]deck.Schedule{}
	for _, id := range []string{"q00", "q01", "q02"} {
		c, _ := s.Card(ctx, id)
		before[id] = c.Schedule
	}
	dueBefore, _, _ := s.Due(ctx, "")
	newBefore, reviewsBefore, _ := db.StudiedToday(ctx, s.Sched.DayStart(*now))
	*now = now.Add(time.Hour)
	cards := find(t, s, *now, "deck:T")
	if len(cards) != 3 {
		t.Fatalf("search found %d cards", len(cards))
	}
	sess := s.NewSession(cards, true)
	if p, err := sess.Preview(&cards[0]); err != nil || p[0] != cards[0].Schedule || p[3] != cards[0].Schedule {
		t.Error("cram preview is not the card's own schedule")
	}
	// Due order: the two review cards (q00 first: answered first), then q02.
	var order []string
	var undoID int64
	for {
		c, err := sess.Next(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if c == nil {
			break
		}
		r := deck.Good
		if c.ID == "q01" && len(order) < 3 {
			r = deck.Again // q01 comes back at the end
		}
		order = append(order, c.ID)
		rev, err := sess.Answer(ctx, c, r, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		undoID = rev.UndoID
		if len(order) > 10 {
			t.Fatal("the session does not end")
		}
	}
	if got, want := order, []string{"q00", "q01", "q02", "q01"}; !slices.Equal(got, want) {
		t.Fatalf("cram order = %v, want %v", got, want)
	}
	for id, sch := range before {
		c, _ := s.Card(ctx, id)
		if c.Schedule != sch {
			t.Errorf("%s schedule changed by cram: %+v → %+v", id, sch, c.Schedule)
		}
	}
	if dueNow, _, _ := s.Due(ctx, ""); dueNow != dueBefore {
		t.Errorf("due counts moved: %+v → %+v (cram must not count against the limits)", dueBefore, dueNow)
	}
	if n, r, _ := db.StudiedToday(ctx, s.Sched.DayStart(*now)); n != newBefore || r != reviewsBefore {
		t.Errorf("studied today %d new, %d reviews after cram; want %d, %d", n, r, newBefore, reviewsBefore)
	}
	log, _ := db.ReviewLog(ctx)
	crams := 0
	for _, e := range log {
		if e.Kind == deck.EntryCram {
			crams++
		}
	}
	if crams != 4 {
		t.Errorf("%d cram rows in the log, want 4", crams)
	}
	if p, err := db.Check(ctx); err != nil || len(p) != 0 {
		t.Errorf("Check after cram = %v, %v", p, err)
	}
	// Replaying the log (as optimize's reschedule does) keeps the schedules.
	n, err := db.Reschedule(ctx, func(id string, h []deck.LogEntry, cur deck.Schedule) (deck.Schedule, error) {
		_, end, err := s.Sched.ReplayLog(id, deck.Schedule{State: deck.StateNew, Due: h[0].At}, h)
		return end, err
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, sch := range before {
		c, _ := s.Card(ctx, id)
		if c.Schedule.State != sch.State || c.Schedule.Reps != sch.Reps {
			t.Errorf("%s after replay: %+v, want %+v (%d changed)", id, c.Schedule, sch, n)
		}
	}
	if _, err := sess.Undo(ctx, undoID); err != nil {
		t.Fatal(err)
	}
	if c, _ := sess.Next(ctx, ""); c == nil || c.ID != "q01" {
		t.Errorf("after undo the session shows %+v, want q01 again", c)
	}
}

func TestSessionReschedulesFromTrueElapsedTime(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 3, nil)
	c, _ := s.Card(ctx, "q00")
	if _, err := s.Answer(ctx, c, deck.Easy, time.Second); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Card(ctx, "q00")
	days := int(c.Schedule.Due.Sub(*now).Hours() / 24)
	if days < 3 {
		t.Fatalf("easy first answer gave %d days", days)
	}
	// Two days later, review ahead: q00 is due on a later day.
	*now = now.Add(48 * time.Hour)
	if got := find(t, s, *now, "is:review prop:due<=1"); len(got) != 0 {
		t.Fatalf("due within a day: %d cards, want none", len(got))
	}
	cards := find(t, s, *now, "is:review prop:due<=30")
	if len(cards) != 1 || cards[0].ID != "q00" {
		t.Fatalf("review ahead found %v", cards)
	}
	sess := s.NewSession(cards, false)
	want, err := s.Sched.Answer("q00", cards[0].Schedule, deck.Again, *now)
	if err != nil {
		t.Fatal(err)
	}
	rev := mustAnswer(t, ctx, sess, "q00", deck.Again)
	if rev.After != want {
		t.Fatalf("answer ahead = %+v, want FSRS at the true elapsed time %+v", rev.After, want)
	}
	if rev.After.State != deck.StateRelearning {
		t.Fatalf("again on a review card gave %s", rev.After.State)
	}
	// The relearning step comes back in the session when due, then the
	// session ends; new cards the search did not find never show.
	total, _, _ := sess.Due(ctx, "")
	if total.Learning != 1 || total.New != 0 || total.Review != 0 {
		t.Fatalf("session counts = %+v, want one learning", total)
	}
	*now = rev.After.Due
	rev = mustAnswer(t, ctx, sess, "q00", deck.Good)
	if rev.After.State != deck.StateReview {
		t.Fatalf("good on the relearning step gave %s", rev.After.State)
	}
	if c, err := sess.Next(ctx, ""); c != nil || err != nil {
		t.Fatalf("session over, but next = %+v, %v", c, err)
	}
	if log, _ := s.Store.(*storage.DB).ReviewLog(ctx); log[len(log)-1].Kind == deck.EntryCram {
		t.Error("a rescheduling session logged a cram answer")
	}
}

func TestSessionPassesOverSuspended(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 3, nil)
	sess := s.NewSession(find(t, s, *now, "is:new"), false)
	c, _ := s.Card(ctx, "q01")
	if _, err := s.Suspend(ctx, c, true); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, ctx, sess, "q00", deck.Easy)
	mustAnswer(t, ctx, sess, "q02", deck.Easy)
	if c, _ := sess.Next(ctx, ""); c != nil {
		t.Fatalf("next = %s, want the end", c.ID)
	}
}
