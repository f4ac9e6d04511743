package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"loci/deck"
)

// Store is what a study session needs from the database; storage.DB
// satisfies it.
type Store interface {
	Counts(ctx context.Context, deckName string, now, learnUntil, dayEnd time.Time) ([]deck.Counts, error)
	StudiedToday(ctx context.Context, dayStart time.Time) (newCards, reviews int, err error)
	NextLearning(ctx context.Context, deckName string, now, until time.Time) (*deck.Card, error)
	NextReview(ctx context.Context, deckName string, now, dayEnd time.Time) (*deck.Card, error)
	NextNew(ctx context.Context, deckName string, now time.Time) (*deck.Card, error)
	Upcoming(ctx context.Context, deckName string, now time.Time) (deck.Upcoming, error)
	Answer(ctx context.Context, key int64, at time.Time, r deck.Rating, took time.Duration,
		burySiblings time.Time, next func(deck.Card) (deck.Schedule, error)) (deck.Review, error)
	Undo(ctx context.Context, id int64, burial func(answeredAt time.Time) time.Time) (deck.Action, error)
	Card(ctx context.Context, id string) (*deck.Card, error)
	Suspend(ctx context.Context, key int64, on bool) (int64, error)
	Bury(ctx context.Context, key int64, until time.Time) (int64, error)
	Cram(ctx context.Context, key int64, at time.Time, r deck.Rating, took time.Duration) (deck.Review, error)
	ExtraNew(ctx context.Context, dayStart time.Time) (int, error)
	AddExtraNew(ctx context.Context, dayStart time.Time, n int) (int, error)
	MarkLeech(ctx context.Context, key, reviewID int64, at time.Time, suspend bool) (string, error)
	UnmarkLeech(ctx context.Context, reviewID int64) error
}

// ErrBeforeLastReview is the error of an answer timed before the card's last
// review: the clock went backwards (or LOCI_NOW is wrong). Such an answer
// would make the review log run backwards in time, so it is refused and
// nothing is recorded.
var ErrBeforeLastReview = errors.New("the answer comes before the card's last review")

// MaxAnswerTime caps the recorded time of one answer, as Anki does, so a
// learner who walks away does not inflate the minutes studied.
const MaxAnswerTime = 60 * time.Second

// Study is a learner's study session over a store: what is due, which card
// comes next, and answering it.
type Study struct {
	Store Store
	Sched *Scheduler
	Now   func() time.Time
}

// Totals are the studyable counts of every queue, daily limits applied.
type Totals struct {
	New      int `json:"new"`
	Learning int `json:"learning"`
	Review   int `json:"review"`
	// LimitReached is set when a daily limit is used up today and holds
	// back new cards or reviews that would otherwise be studyable now.
	LimitReached bool `json:"limit_reached"`
}

// Sum is the number of cards left to study now.
func (t Totals) Sum() int { return t.New + t.Learning + t.Review }

// limits returns how many new cards and reviews today's limits still allow;
// custom study may have raised today's new-card limit.
func (s *Study) limits(ctx context.Context, now time.Time) (newLeft, reviewsLeft int, err error) {
	day := s.Sched.DayStart(now)
	newDone, reviewsDone, err := s.Store.StudiedToday(ctx, day)
	if err != nil {
		return 0, 0, err
	}
	extra, err := s.Store.ExtraNew(ctx, day)
	set := s.Sched.Settings()
	return max(0, set.NewPerDay+extra-newDone), max(0, set.ReviewsPerDay-reviewsDone), err
}

// NewLimit is today's new-card limit after custom study raised it.
type NewLimit struct {
	Setting int `json:"setting"` // new_per_day
	Extra   int `json:"extra"`   // added for today
	Done    int `json:"done"`    // new cards studied today
	Left    int `json:"left"`    // still allowed today
}

// ExtendNewLimit raises today's new-card limit by n (0 only reads it), as
// Anki's custom study does: the setting stays, and tomorrow starts from it.
func (s *Study) ExtendNewLimit(ctx context.Context, n int) (NewLimit, error) {
	day := s.Sched.DayStart(s.Now())
	extra, err := s.Store.AddExtraNew(ctx, day, n)
	if err != nil {
		return NewLimit{}, err
	}
	done, _, err := s.Store.StudiedToday(ctx, day)
	l := NewLimit{Setting: s.Sched.Settings().NewPerDay, Extra: extra, Done: done}
	l.Left = max(0, l.Setting+l.Extra-l.Done)
	return l, err
}

// Due returns what is studyable now in deckName (and its sub-decks; "" for
// all) with the daily limits applied, in total and per deck.
func (s *Study) Due(ctx context.Context, deckName string) (Totals, []deck.Counts, error) {
	t, _, _, decks, err := s.due(ctx, deckName, s.Now())
	return t, decks, err
}

// Next returns the card to show now, or nil when nothing is left: learning
// cards that are due, then reviews due today, then new cards, then learning
// cards due within the learn-ahead window.
func (s *Study) Next(ctx context.Context, deckName string) (*deck.Card, error) {
	now := s.Now()
	if c, err := s.Store.NextLearning(ctx, deckName, now, now); c != nil || err != nil {
		return c, err
	}
	newLeft, reviewsLeft, err := s.limits(ctx, now)
	if err != nil {
		return nil, err
	}
	if reviewsLeft > 0 {
		if c, err := s.Store.NextReview(ctx, deckName, now, s.Sched.DayEnd(now)); c != nil || err != nil {
			return c, err
		}
	}
	if newLeft > 0 {
		if c, err := s.Store.NextNew(ctx, deckName, now); c != nil || err != nil {
			return c, err
		}
	}
	return s.Store.NextLearning(ctx, deckName, now, now.Add(s.Sched.set.LearnAhead))
}

// Preview returns the schedule each rating would give the card now.
func (s *Study) Preview(c *deck.Card) ([4]deck.Schedule, error) {
	return s.Sched.Preview(c.ID, c.Schedule, s.Now())
}

// Answer records the learner's rating of a card and commits it before
// returning. The new schedule is computed from the card's state as stored at
// that moment, not from the copy the caller holds. The other cloze cards of
// the same text wait until tomorrow, as Anki buries siblings.
func (s *Study) Answer(ctx context.Context, c *deck.Card, r deck.Rating, took time.Duration) (deck.Review, error) {
	now := s.Now()
	took = min(max(took, 0), MaxAnswerTime)
	rev, err := s.Store.Answer(ctx, c.Key, now, r, took, s.Sched.DayEnd(now), func(cur deck.Card) (deck.Schedule, error) {
		if last := cur.Schedule.LastReview; now.Before(last) {
			return deck.Schedule{}, fmt.Errorf("answer %s at %s: %w at %s; check the system clock (or LOCI_NOW); nothing was recorded",
				cur.ID, now.Format(time.RFC3339), ErrBeforeLastReview, last.Format(time.RFC3339))
		}
		return s.Sched.Answer(cur.ID, cur.Schedule, r, now)
	})
	if err != nil {
		return rev, err
	}
	set := s.Sched.Settings()
	if IsLeech(rev.Before, rev.After, set.LeechThreshold) {
		// The answer is committed already; the mark follows it.
		if rev.Leech, err = s.Store.MarkLeech(ctx, rev.CardKey, rev.ID, now, set.LeechAction == LeechSuspend); err != nil {
			return rev, err
		}
	}
	return rev, nil
}

// Undo takes back the newest action of any kind (answer, bury, suspension),
// and with id > 0 only if it is that one (an answer's Review.UndoID, or what
// Bury and Suspend return). Cloze siblings an undone answer buried come back,
// and a leech mark it made is taken back.
func (s *Study) Undo(ctx context.Context, id int64) (deck.Action, error) {
	act, err := s.Store.Undo(ctx, id, s.Sched.DayEnd)
	if err != nil || act.Review == nil {
		return act, err
	}
	return act, s.Store.UnmarkLeech(ctx, act.Review.ID)
}

// Card returns a card by its id, or nil.
func (s *Study) Card(ctx context.Context, id string) (*deck.Card, error) {
	return s.Store.Card(ctx, id)
}

// Bury hides a card until the learner's next day; it returns the undo id.
func (s *Study) Bury(ctx context.Context, c *deck.Card) (int64, error) {
	return s.Store.Bury(ctx, c.Key, s.Sched.DayEnd(s.Now()))
}

// Suspend takes a card out of study until it is unsuspended (or returns it,
// with on false); it returns the undo id.
func (s *Study) Suspend(ctx context.Context, c *deck.Card, on bool) (int64, error) {
	return s.Store.Suspend(ctx, c.Key, on)
}
