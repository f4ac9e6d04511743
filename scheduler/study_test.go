package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

// newStudy opens a real database holding n basic cards, with a clock the
// test moves.
func newStudy(t *testing.T, n int, mod func(*scheduler.Settings)) (*scheduler.Study, *time.Time) {
	t.Helper()
	var b strings.Builder
	b.WriteString("---\ndeck: T\n---\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Q: question %d?\nA: answer %d\nid: q%02d\n\n", i, i, i)
	}
	return newStudyFrom(t, b.String(), mod)
}

// newStudyFrom opens a real database holding the cards of a native card
// file, at 2026-11-28 10:00 UTC without fuzz, with a clock the test moves.
func newStudyFrom(t *testing.T, text string, mod func(*scheduler.Settings)) (*scheduler.Study, *time.Time) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "loci.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f, err := deck.Parse("t.md", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := deck.Merge([]*deck.File{f})
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	if _, err := db.Sync(ctx, set, "t", false, now); err != nil {
		t.Fatal(err)
	}
	settings := scheduler.DefaultSettings()
	settings.Location, settings.Fuzz = time.UTC, false
	if mod != nil {
		mod(&settings)
	}
	sched, err := scheduler.New(settings)
	if err != nil {
		t.Fatal(err)
	}
	return &scheduler.Study{Store: db, Sched: sched, Now: func() time.Time { return now }}, &now
}

func TestNewCardLimit(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 10, func(set *scheduler.Settings) { set.NewPerDay = 4 })
	for i := 0; i < 4; i++ {
		total, _, _ := s.Due(ctx, "")
		if total.New != 4-i {
			t.Fatalf("before answer %d: %d new studyable, want %d", i, total.New, 4-i)
		}
		c, _ := s.Next(ctx, "")
		if c == nil || c.Schedule.State != deck.StateNew {
			t.Fatalf("next = %+v, want a new card", c)
		}
		if _, err := s.Answer(ctx, c, deck.Easy, 3*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if c, _ := s.Next(ctx, ""); c != nil {
		t.Fatalf("after the limit next = %s, want nothing", c.ID)
	}
	// 03:59 the next morning is still the same learner day; 04:00 is not.
	*now = time.Date(2026, 11, 29, 3, 59, 0, 0, time.UTC)
	if total, _, _ := s.Due(ctx, ""); total.New != 0 {
		t.Errorf("at 03:59: %d new, want 0", total.New)
	}
	*now = time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC)
	if total, _, _ := s.Due(ctx, ""); total.New != 4 {
		t.Errorf("at 04:00: %d new, want 4", total.New)
	}
}

func TestQueueOrder(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 3, nil)
	q0, _ := s.Card(ctx, "q00")
	q1, _ := s.Card(ctx, "q01")
	s.Answer(ctx, q0, deck.Easy, 0)  // review, due in days
	s.Answer(ctx, q1, deck.Again, 0) // learning, due in 1 minute
	// Now: only the new card is due; the learning card is within learn-ahead
	// but comes after new cards.
	if c, _ := s.Next(ctx, ""); c == nil || c.ID != "q02" {
		t.Fatalf("next = %v, want the new card q02", c)
	}
	*now = now.Add(2 * time.Minute) // the learning card is due: it comes first
	if c, _ := s.Next(ctx, ""); c == nil || c.ID != "q01" {
		t.Fatalf("next = %v, want learning card q01", c)
	}
	*now = now.Add(60 * 24 * time.Hour) // all due: learning, then review, then new
	var order []string
	for i := 0; i < 3; i++ {
		c, _ := s.Next(ctx, "")
		order = append(order, c.ID)
		s.Answer(ctx, c, deck.Easy, 0)
	}
	if got := strings.Join(order, ","); got != "q01,q00,q02" {
		t.Errorf("order = %s, want q01,q00,q02 (learning, review, new)", got)
	}
}

func TestUndoRestoresExactState(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 1, nil)
	for _, r := range []deck.Rating{deck.Good, deck.Good} {
		c, _ := s.Card(ctx, "q00")
		s.Answer(ctx, c, r, time.Second)
		*now = now.Add(15 * time.Minute)
	}
	*now = now.Add(10 * 24 * time.Hour)
	before, _ := s.Card(ctx, "q00")
	rev, err := s.Answer(ctx, before, deck.Again, 4*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rev.Before != before.Schedule {
		t.Fatalf("log's before-state %+v differs from the card %+v", rev.Before, before.Schedule)
	}
	lapsed, _ := s.Card(ctx, "q00")
	if lapsed.Schedule.Lapses != 1 || lapsed.Schedule.State != deck.StateRelearning {
		t.Fatalf("after Again = %+v", lapsed.Schedule)
	}
	undone, err := s.Undo(ctx, rev.UndoID)
	if err != nil || undone.Review.ID != rev.ID {
		t.Fatalf("undo = %+v, %v", undone, err)
	}
	after, _ := s.Card(ctx, "q00")
	if after.Schedule != before.Schedule {
		t.Errorf("after undo = %+v\nwant          %+v", after.Schedule, before.Schedule)
	}
	if _, err := s.Undo(ctx, rev.UndoID); err == nil {
		t.Errorf("undoing the same answer twice succeeded")
	}
}

func TestAnswerTimeIsCapped(t *testing.T) {
	ctx := context.Background()
	s, _ := newStudy(t, 1, nil)
	c, _ := s.Card(ctx, "q00")
	rev, _ := s.Answer(ctx, c, deck.Good, 10*time.Minute)
	if rev.Duration != scheduler.MaxAnswerTime {
		t.Errorf("recorded %v, want the cap %v", rev.Duration, scheduler.MaxAnswerTime)
	}
}

// The learning step a card is on is stored with it and in the log: the
// next answer goes on from it, and undo puts the card back on it.
func TestStepsAreStoredAndUndone(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 1, func(set *scheduler.Settings) {
		set.LearningSteps = []time.Duration{time.Minute, 10 * time.Minute, time.Hour}
	})
	c, _ := s.Card(ctx, "q00")
	s.Answer(ctx, c, deck.Good, time.Second) // to the second step: 10m, 2 left
	*now = now.Add(10 * time.Minute)
	c, _ = s.Card(ctx, "q00")
	if c.Schedule.State != deck.StateLearning || c.Schedule.Steps != 2 {
		t.Fatalf("after Good = %+v, want learning with 2 steps left", c.Schedule)
	}
	rev, err := s.Answer(ctx, c, deck.Good, time.Second) // to the third: 1h, 1 left
	if err != nil || rev.After.Steps != 1 || rev.After.Due.Sub(*now) != time.Hour || rev.Before.Steps != 2 {
		t.Fatalf("second Good = %+v, %v; want the 1h step", rev, err)
	}
	if _, err := s.Undo(ctx, rev.ID); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.Card(ctx, "q00"); back.Schedule != c.Schedule {
		t.Errorf("after undo = %+v, want %+v", back.Schedule, c.Schedule)
	}
}

// An answer timed before the card's last review (a clock gone backwards) is
// refused, names both times, and records nothing; the same time is fine.
func TestAnswerBeforeLastReviewRefused(t *testing.T) {
	ctx := context.Background()
	s, now := newStudy(t, 1, nil)
	c, _ := s.Card(ctx, "q00")
	if _, err := s.Answer(ctx, c, deck.Good, time.Second); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Card(ctx, "q00")
	*now = now.Add(-time.Minute)
	_, err := s.Answer(ctx, before, deck.Again, time.Second)
	if !errors.Is(err, scheduler.ErrBeforeLastReview) || !strings.Contains(err.Error(), "2026-11-28T09:59:00Z") ||
		!strings.Contains(err.Error(), "2026-11-28T10:00:00Z") {
		t.Fatalf("answer a minute before the last review: %v, want ErrBeforeLastReview naming both times", err)
	}
	after, _ := s.Card(ctx, "q00")
	if after.Schedule != before.Schedule {
		t.Errorf("the refused answer changed the card: %+v, was %+v", after.Schedule, before.Schedule)
	}
	*now = now.Add(time.Minute)
	if _, err := s.Answer(ctx, after, deck.Good, time.Second); err != nil {
		t.Errorf("an answer at the last review's own time: %v", err)
	}
}
