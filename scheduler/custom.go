package scheduler

import (
	"context"
	"fmt"
	"slices"
	"time"

	"loci/deck"
	"loci/deck/search"
)

// Session is a custom-study session, as Anki's filtered decks: the cards a
// search found when it began, studied in that order, outside the daily
// limits. It offers the same methods as Study, so the review screen runs
// either.
//
// Without Cram, answers schedule cards as usual, from the time truly
// elapsed since each card's last review (so a card reviewed ahead of its
// due day gets the smaller gain FSRS gives an early review). A card answered
// into (re)learning comes back in the session when its step is due, as it
// would stay in a filtered deck. With Cram, no schedule changes: each answer
// is logged as kind 'cram' (left out of the optimizer, true retention and
// the daily limits), and a card answered Again comes back at the end of the
// session.
type Session struct {
	study    *Study
	cram     bool
	pending  []deck.Card // not yet answered, in order; the first is shown next
	learning []string    // ids of cards answered into (re)learning in this session
}

// NewSession starts a session over cards (as found by a search, in order).
func (s *Study) NewSession(cards []deck.Card, cram bool) *Session {
	return &Session{study: s, cram: cram, pending: slices.Clone(cards)}
}

// Cram reports whether the session leaves schedules alone.
func (s *Session) Cram() bool { return s.cram }

// Due counts what is left in the session by the state each card was in
// when it was found; deckName is ignored (the search chose the cards).
func (s *Session) Due(ctx context.Context, _ string) (Totals, []deck.Counts, error) {
	var t Totals
	for _, c := range s.pending {
		switch c.Schedule.State {
		case deck.StateNew:
			t.New++
		case deck.StateReview:
			t.Review++
		default:
			t.Learning++
		}
	}
	t.Learning += len(s.learning)
	return t, nil, nil
}

// Next returns the card to show: a learning step of this session that is
// due, else the next card found, else a learning step due within the
// learn-ahead window; nil when the session is over. Cards suspended or
// buried since the session began are passed over.
func (s *Session) Next(ctx context.Context, _ string) (*deck.Card, error) {
	now := s.study.Now()
	if c, err := s.nextLearning(ctx, now); c != nil || err != nil {
		return c, err
	}
	for len(s.pending) > 0 {
		c, err := s.study.Store.Card(ctx, s.pending[0].ID)
		if err != nil {
			return nil, err
		}
		if c != nil && !c.Suspended && !c.BuriedUntil.After(now) {
			return c, nil
		}
		s.pending = s.pending[1:]
	}
	return s.nextLearning(ctx, now.Add(s.study.Sched.set.LearnAhead))
}

// nextLearning returns the session's learning card due first, if it is due
// by until; cards that left learning elsewhere drop out of the list.
func (s *Session) nextLearning(ctx context.Context, until time.Time) (*deck.Card, error) {
	var first *deck.Card
	kept := s.learning[:0]
	for _, id := range s.learning {
		c, err := s.study.Store.Card(ctx, id)
		if err != nil {
			return nil, err
		}
		if c == nil || c.Suspended || (c.Schedule.State != deck.StateLearning && c.Schedule.State != deck.StateRelearning) {
			continue
		}
		kept = append(kept, id)
		if first == nil || c.Schedule.Due.Before(first.Schedule.Due) {
			first = c
		}
	}
	s.learning = kept
	if first == nil || first.Schedule.Due.After(until) {
		return nil, nil
	}
	return first, nil
}

// Preview returns what each rating would give; in a cram session, the
// card's schedule unchanged.
func (s *Session) Preview(c *deck.Card) ([4]deck.Schedule, error) {
	if s.cram {
		return [4]deck.Schedule{c.Schedule, c.Schedule, c.Schedule, c.Schedule}, nil
	}
	return s.study.Preview(c)
}

// Outlook says what is left in the session; when nothing is, the session
// is over (the daily queue's reasons do not apply to it).
func (s *Session) Outlook(ctx context.Context, deckName string) (Outlook, error) {
	t, _, err := s.Due(ctx, deckName)
	o := Outlook{Now: s.study.Now(), Due: t}
	if t.Sum() > 0 {
		o.NextDue = o.Now
	}
	return o, err
}

// Answer records the answer and moves the session on (see Session).
func (s *Session) Answer(ctx context.Context, c *deck.Card, r deck.Rating, took time.Duration) (deck.Review, error) {
	if !s.cram {
		rev, err := s.study.Answer(ctx, c, r, took)
		if err != nil {
			return rev, err
		}
		s.drop(c.ID)
		if st := rev.After.State; st == deck.StateLearning || st == deck.StateRelearning {
			s.learning = append(s.learning, c.ID)
		}
		return rev, nil
	}
	rev, err := s.study.Store.Cram(ctx, c.Key, s.study.Now(), r, min(max(took, 0), MaxAnswerTime))
	if err != nil {
		return rev, err
	}
	s.drop(c.ID)
	if r == deck.Again {
		s.pending = append(s.pending, *c)
	}
	return rev, nil
}

// drop takes a card out of the session's lists.
func (s *Session) drop(id string) {
	s.pending = slices.DeleteFunc(s.pending, func(c deck.Card) bool { return c.ID == id })
	s.learning = slices.DeleteFunc(s.learning, func(l string) bool { return l == id })
}

// Undo takes back the newest action (see Study.Undo) and puts its card
// first in the session again.
func (s *Session) Undo(ctx context.Context, id int64) (deck.Action, error) {
	act, err := s.study.Undo(ctx, id)
	if err != nil {
		return act, err
	}
	c, err := s.study.Store.Card(ctx, act.CardID)
	if err != nil || c == nil {
		return act, err
	}
	s.drop(c.ID)
	s.pending = append([]deck.Card{*c}, s.pending...)
	return act, nil
}

// Card returns a card by its id, or nil.
func (s *Session) Card(ctx context.Context, id string) (*deck.Card, error) {
	return s.study.Card(ctx, id)
}

// Bury hides a card until tomorrow and takes it out of the session; it
// returns the undo id.
func (s *Session) Bury(ctx context.Context, c *deck.Card) (int64, error) {
	id, err := s.study.Bury(ctx, c)
	if err != nil {
		return 0, err
	}
	s.drop(c.ID)
	return id, nil
}

// Suspend takes a card out of study, and out of the session when on; it
// returns the undo id.
func (s *Session) Suspend(ctx context.Context, c *deck.Card, on bool) (int64, error) {
	id, err := s.study.Suspend(ctx, c, on)
	if err != nil {
		return 0, err
	}
	if on {
		s.drop(c.ID)
	}
	return id, nil
}

// SessionLimit is how many cards a custom-study session takes at most, as
// Anki's filtered decks by default.
const SessionLimit = 100

// Custom builds custom-study sessions. Find returns up to limit cards a
// query finds that can be studied now (not suspended, not buried), due
// first; storage.Searcher.Studyable does that.
type Custom struct {
	Study *Study
	Find  func(ctx context.Context, q search.Query, limit int) ([]deck.Card, error)
	Limit int // cards per session; 0 is SessionLimit
}

func (c Custom) limit() int {
	if c.Limit > 0 {
		return c.Limit
	}
	return SessionLimit
}

// ExtendNewLimit raises today's new-card limit (see Study.ExtendNewLimit).
func (c Custom) ExtendNewLimit(ctx context.Context, n int) (NewLimit, error) {
	return c.Study.ExtendNewLimit(ctx, n)
}

// AheadQuery finds the review cards due within the next days learner days
// (today's included), as Anki's "review ahead".
func AheadQuery(days int) search.Query {
	return search.Query{Root: search.And{
		search.Is{Status: search.IsReview},
		search.Not{X: search.Is{Status: search.IsLearn}},
		search.Compare{Prop: search.PropDue, Op: search.Le, Value: float64(days)},
	}}
}

// Ahead starts a session over the review cards due in the next days days;
// answers reschedule them from the time truly elapsed, or, with cram,
// change nothing.
func (c Custom) Ahead(ctx context.Context, days int, cram bool) (*Session, error) {
	if days < 1 {
		return nil, fmt.Errorf("review ahead: want 1 day or more, not %d", days)
	}
	cards, err := c.Find(ctx, AheadQuery(days), c.limit())
	if err != nil {
		return nil, err
	}
	return c.Study.NewSession(cards, cram), nil
}

// Search starts a session over what query finds: answers reschedule, or,
// with cram, change nothing. A query that does not parse gives a
// *search.Error.
func (c Custom) Search(ctx context.Context, query string, cram bool) (*Session, error) {
	q, err := search.Parse(query)
	if err != nil {
		return nil, err
	}
	cards, err := c.Find(ctx, q, c.limit())
	if err != nil {
		return nil, err
	}
	return c.Study.NewSession(cards, cram), nil
}

// Cards returns the cards not yet answered, in the order they come.
func (s *Session) Cards() []deck.Card { return slices.Clone(s.pending) }
