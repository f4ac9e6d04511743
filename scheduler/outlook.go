package scheduler

import (
	"context"
	"fmt"
	"time"

	"loci/deck"
)

// due counts what is studyable at now in deckName, with the daily limits
// applied (capped) and before them (raw), in total and per deck (capped),
// and the new cards waiting for their paper checkpoint. LimitReached is set
// on both totals when a daily limit is used up.
func (s *Study) due(ctx context.Context, deckName string, now time.Time) (capped, raw Totals, waiting int, decks []deck.Counts, err error) {
	newLeft, reviewsLeft, err := s.limits(ctx, now)
	if err != nil {
		return capped, raw, 0, nil, err
	}
	decks, err = s.Store.Counts(ctx, deckName, now, now.Add(s.Sched.set.LearnAhead), s.Sched.DayEnd(now))
	if err != nil {
		return capped, raw, 0, nil, err
	}
	for i := range decks {
		d := &decks[i]
		raw.New += d.New
		raw.Learning += d.Learning
		raw.Review += d.Review
		waiting += d.Waiting
		d.New = min(d.New, newLeft)
		d.Review = min(d.Review, reviewsLeft)
	}
	capped = Totals{New: min(raw.New, newLeft), Learning: raw.Learning, Review: min(raw.Review, reviewsLeft)}
	// A limit is reached when today's allowance is used up and it holds
	// back cards, not merely when more new cards exist than it allows.
	capped.LimitReached = (capped.New == 0 && raw.New > 0) || (capped.Review == 0 && raw.Review > 0)
	raw.LimitReached = capped.LimitReached
	return capped, raw, waiting, decks, nil
}

// Outlook says what is left in a deck now and, when nothing is, why and
// when the next card comes, so that no screen says "nothing left" while
// cards are ten minutes away.
type Outlook struct {
	Now     time.Time // the moment it describes
	Due     Totals    // studyable now, limits applied
	NextDue time.Time // when the next card can be studied: Now if one can be; zero if none ever will

	Learning      int       // cards in learning
	NextLearning  time.Time // when the first of them can be studied (zero: none)
	NextReview    time.Time // when the first review not studyable now can be (zero: none)
	NewHeld       int       // new cards the daily limit holds back
	NewDone       int       // new cards studied today
	ReviewsHeld   int       // reviews the daily limit holds back
	ReviewsDone   int       // reviews answered today
	Waiting       int       // new cards waiting for their paper checkpoint
	NewPerDay     int       // the limits, for the messages
	ReviewsPerDay int
	loc           *time.Location
	tomorrow      time.Time
}

// Outlook reads what is left in deckName ("" for all) now.
func (s *Study) Outlook(ctx context.Context, deckName string) (Outlook, error) {
	now := s.Now()
	set := s.Sched.Settings()
	o := Outlook{Now: now, NewPerDay: set.NewPerDay, ReviewsPerDay: set.ReviewsPerDay, loc: set.Location,
		tomorrow: s.Sched.DayEnd(now)}
	capped, raw, waiting, _, err := s.due(ctx, deckName, now)
	if err != nil {
		return o, err
	}
	o.Waiting = waiting
	o.Due = capped
	o.NewHeld, o.ReviewsHeld = raw.New-capped.New, raw.Review-capped.Review
	if o.NewDone, o.ReviewsDone, err = s.Store.StudiedToday(ctx, s.Sched.DayStart(now)); err != nil {
		return o, err
	}
	up, err := s.Store.Upcoming(ctx, deckName, now)
	if err != nil {
		return o, err
	}
	o.Learning = up.Learning
	if !up.NextLearning.IsZero() {
		// A learning card is shown once it is within the learn-ahead window.
		o.NextLearning = later(now, up.NextLearning.Add(-set.LearnAhead))
	}
	if !up.NextReview.IsZero() && !up.NextReview.Before(o.tomorrow) {
		// A review is shown from the start of the learner day it falls due.
		o.NextReview = later(now, s.Sched.DayStart(up.NextReview))
	}
	switch {
	case capped.Sum() > 0:
		o.NextDue = now
	default:
		for _, t := range []time.Time{o.NextLearning, o.NextReview} {
			if !t.IsZero() && (o.NextDue.IsZero() || t.Before(o.NextDue)) {
				o.NextDue = t
			}
		}
		if (o.NewHeld > 0 || o.ReviewsHeld > 0) && (o.NextDue.IsZero() || o.tomorrow.Before(o.NextDue)) {
			o.NextDue = o.tomorrow
		}
	}
	return o, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Reasons explains, one fact a line, why nothing is studyable now and when
// the next card comes; nil when something is studyable.
func (o Outlook) Reasons() []string {
	if o.Due.Sum() > 0 {
		return nil
	}
	var out []string
	if o.Learning > 0 {
		line := fmt.Sprintf("%s in learning", deck.Plural(o.Learning, "card", "cards"))
		if !o.NextLearning.IsZero() {
			line += ", next " + o.When(o.NextLearning)
		}
		out = append(out, line)
	}
	if o.NewHeld > 0 {
		out = append(out, fmt.Sprintf("%s today: the daily limit (loci config set new_per_day N, or study more today with custom study: loci study --extra-new N)",
			deck.Plural(o.NewDone, "new card", "new cards")))
	}
	if o.ReviewsHeld > 0 {
		out = append(out, fmt.Sprintf("%s today: the daily limit (loci config set reviews_per_day N); %d more wait",
			deck.Plural(o.ReviewsDone, "review", "reviews"), o.ReviewsHeld))
	}
	if !o.NextReview.IsZero() {
		out = append(out, "next review "+o.When(o.NextReview))
	}
	if o.Waiting > 0 {
		out = append(out, fmt.Sprintf("%s for a paper checkpoint (loci papers: advance a paper to unlock its cards)",
			deck.Plural(o.Waiting, "new card waits", "new cards wait")))
	}
	if o.NextDue.IsZero() && o.Waiting == 0 {
		out = append(out, "no card is scheduled: add or import cards, or unsuspend some")
	}
	return out
}

// When writes a time to come for the learner: "at 10:10 (in 10m)" today,
// "tomorrow at 04:00 (in 18h)", else "on Mon 7 Dec (in 5d)".
func (o Outlook) When(t time.Time) string {
	loc := o.loc
	if loc == nil {
		loc = time.Local
	}
	lt, in := t.In(loc), Interval(t.Sub(o.Now))
	switch {
	case t.Before(o.tomorrow):
		return fmt.Sprintf("at %s (in %s)", lt.Format("15:04"), in)
	case t.Before(o.tomorrow.Add(24 * time.Hour)):
		return fmt.Sprintf("tomorrow at %s (in %s)", lt.Format("15:04"), in)
	}
	return fmt.Sprintf("on %s (in %s)", lt.Format("Mon 2 Jan"), in)
}
