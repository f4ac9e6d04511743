package scheduler_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// When nothing is left, the outlook says why and when the next card comes.
func TestOutlook(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	tomorrow := time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC)
	newLimit := "the daily limit (loci config set new_per_day N, or study more today with custom study: loci study --extra-new N)"
	for _, tc := range []struct {
		name      string
		cards     int
		mod       func(*scheduler.Settings)
		answers   []deck.Rating // given to the next card in turn
		suspend   int           // then suspend this many cards
		want      []string      // "{review}" stands for "next review " and when, read from the card
		nextDue   time.Time     // zero with reviewDue: the start of the first review's day
		limit     bool
		reviewDue bool
	}{
		{name: "new cards left", cards: 3, nextDue: t0},
		{name: "more new cards than the limit, none studied", cards: 5, nextDue: t0,
			mod: func(s *scheduler.Settings) { s.NewPerDay = 2 }},
		{name: "learning card within learn-ahead", cards: 1, answers: []deck.Rating{deck.Again}, nextDue: t0},
		{name: "learning later, new limit reached", cards: 3,
			mod:     func(s *scheduler.Settings) { s.NewPerDay, s.LearnAhead = 1, 0 },
			answers: []deck.Rating{deck.Good},
			want:    []string{"1 card in learning, next at 10:10 (in 10m)", "1 new card today: " + newLimit},
			nextDue: t0.Add(10 * time.Minute), limit: true},
		{name: "new limit reached, reviews in days", cards: 4,
			mod:     func(s *scheduler.Settings) { s.NewPerDay = 2 },
			answers: []deck.Rating{deck.Easy, deck.Easy},
			want:    []string{"2 new cards today: " + newLimit, "{review}"},
			nextDue: tomorrow, limit: true},
		{name: "everything reviewed", cards: 2, answers: []deck.Rating{deck.Easy, deck.Easy},
			want: []string{"{review}"}, reviewDue: true},
		{name: "everything suspended", cards: 2, suspend: 2,
			want: []string{"no card is scheduled: add or import cards, or unsuspend some"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newStudy(t, tc.cards, tc.mod)
			for _, r := range tc.answers {
				c, err := s.Next(ctx, "")
				if err != nil || c == nil {
					t.Fatalf("next = %v, %v", c, err)
				}
				if _, err := s.Answer(ctx, c, r, time.Second); err != nil {
					t.Fatal(err)
				}
			}
			for i := 0; i < tc.suspend; i++ {
				c, _ := s.Next(ctx, "")
				s.Suspend(ctx, c, true)
			}
			o, err := s.Outlook(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			// Easy's interval is FSRS's business: read it from the cards.
			var reviewDay time.Time
			for _, c := range allCards(t, s, tc.cards) {
				if c.Schedule.State == deck.StateReview && (reviewDay.IsZero() || c.Schedule.Due.Before(reviewDay)) {
					reviewDay = s.Sched.DayStart(c.Schedule.Due)
				}
			}
			want := slices.Clone(tc.want)
			for i, w := range want {
				if w == "{review}" {
					want[i] = "next review " + o.When(reviewDay)
				}
			}
			if tc.reviewDue {
				tc.nextDue = reviewDay
			}
			if got := o.Reasons(); !slices.Equal(got, want) {
				t.Errorf("reasons:\n got %q\nwant %q", got, want)
			}
			if !o.NextDue.Equal(tc.nextDue) {
				t.Errorf("next due = %v, want %v", o.NextDue, tc.nextDue)
			}
			if o.Due.LimitReached != tc.limit {
				t.Errorf("limit reached = %v, want %v", o.Due.LimitReached, tc.limit)
			}
		})
	}
}

func TestOutlookWhen(t *testing.T) {
	ctx := context.Background()
	s, _ := newStudy(t, 1, nil)
	o, _ := s.Outlook(ctx, "") // now 2026-11-28 10:00 UTC, the day ends at 04:00
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{o.Now.Add(10 * time.Minute), "at 10:10 (in 10m)"},
		{time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC), "at 03:00 (in 17h)"},
		{time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC), "tomorrow at 04:00 (in 18h)"},
		{time.Date(2026, 12, 3, 4, 0, 0, 0, time.UTC), "on Thu 3 Dec (in 5d)"},
	} {
		if got := o.When(tc.at); got != tc.want {
			t.Errorf("When(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

// allCards reads the n cards newStudy made.
func allCards(t *testing.T, s *scheduler.Study, n int) []*deck.Card {
	t.Helper()
	var out []*deck.Card
	for i := 0; i < n; i++ {
		c, err := s.Card(context.Background(), fmt.Sprintf("q%02d", i))
		if err != nil || c == nil {
			t.Fatalf("card q%02d: %v, %v", i, c, err)
		}
		out = append(out, c)
	}
	return out
}

// New cards held back by their paper checkpoint are a reason, not "no card
// is scheduled".
func TestOutlookWaitingForPaper(t *testing.T) {
	ctx := context.Background()
	s, _ := newStudyFrom(t, "---\ndeck: T\npapers:\n  - key: p\n    title: P\n---\n"+
		"Q: key idea?\nA: idea\npaper: p\nunlock: read\nid: idea\n\nQ: other idea?\nA: idea\npaper: p\nunlock: read\nid: other\n", nil)
	o, err := s.Outlook(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2 new cards wait for a paper checkpoint (loci papers: advance a paper to unlock its cards)"}
	if got := o.Reasons(); !slices.Equal(got, want) {
		t.Errorf("reasons = %q, want %q", got, want)
	}
}
