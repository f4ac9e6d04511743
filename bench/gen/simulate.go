package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// event is one simulated answer with the schedule it left the card in,
// kept compact (about 56 bytes) because a benchmark log holds millions.
type event struct {
	at, due       int64 // Unix ms
	stab, diff    float64
	card          int32
	elapsed, ivl  int32
	reps          int32
	lapses        int16
	tookMS        uint16
	rating, state int8
	steps         int8 // learning steps left
}

// after is the schedule the answer left its card in.
func (e *event) after() deck.Schedule {
	return deck.Schedule{State: deck.State(e.state), Due: time.UnixMilli(e.due).UTC(), Stability: e.stab,
		Difficulty: e.diff, ElapsedDays: int(e.elapsed), ScheduledDays: int(e.ivl), Reps: int(e.reps),
		Lapses: int(e.lapses), LastReview: time.UnixMilli(e.at).UTC(), Steps: int(e.steps)}
}

// learner is the simulated person studying: when they study and how well
// they remember. Every card's history depends only on the card's index and
// the seed, so a sample of cards predicts the whole collection.
type learner struct {
	sched   *scheduler.Scheduler
	start   time.Time // midnight UTC of the first day
	now     time.Time
	nDays   int
	restDay []bool // days with no study at all
	seed    uint64
}

// newLearner returns a learner whose scheduler aims at the given retention
// (the benchmark's only knob on how many reviews a card gets).
func newLearner(start, now time.Time, nDays int, restDay []bool, seed uint64, retention float64) (*learner, error) {
	set := scheduler.DefaultSettings()
	set.Location = time.UTC
	set.DesiredRetention = retention
	s, err := scheduler.New(set)
	if err != nil {
		return nil, fmt.Errorf("scheduler at retention %.2f: %w", retention, err)
	}
	return &learner{sched: s, start: start, now: now, nDays: nDays, restDay: restDay, seed: seed}, nil
}

// cardID is the identity of the i-th generated card; it also seeds the
// scheduler's interval fuzz.
func cardID(i int) string { return fmt.Sprintf("bench-%06d", i) }

// studyCard appends the answers card i receives from its first day to now,
// each with the schedule the scheduler gives it, and returns the log.
//
// The card is introduced on a random day. An answer to a card in learning
// comes when its step is due, a few minutes late; a card due on a later day
// is answered on that day (or the next day of study) at a random hour
// between 07:00 and 22:00. Most cards are forgotten 4–12% of the time; two
// in a hundred are much harder (30%), so leeches appear.
func (l *learner) studyCard(events []event, i int) ([]event, error) {
	rng := rand.New(rand.NewPCG(l.seed, uint64(i)))
	pFail := 0.04 + 0.08*rng.Float64()
	if rng.Float64() < 0.02 {
		pFail = 0.3
	}
	id := cardID(i)
	cur := deck.Schedule{State: deck.StateNew, Due: l.start}
	day := rng.IntN(l.nDays)
	at := l.studyTime(rng, day)
	// A card answered Again in learning over and over would loop; a real
	// learner gives up on it for the day after a dozen steps.
	for steps := 0; !at.IsZero() && !at.After(l.now); steps++ {
		r := rate(rng, cur.State, pFail)
		next, err := l.sched.Answer(id, cur, r, at)
		if err != nil {
			return events, err
		}
		events = append(events, event{at: at.UnixMilli(), due: next.Due.UnixMilli(), stab: next.Stability,
			diff: next.Difficulty, card: int32(i), elapsed: int32(next.ElapsedDays), ivl: int32(next.ScheduledDays),
			reps: int32(next.Reps), lapses: int16(min(next.Lapses, 1<<15-1)), tookMS: uint16(2000 + rng.IntN(28000)),
			rating: int8(r), state: int8(next.State), steps: int8(min(next.Steps, 127))})
		cur = next
		switch {
		case next.Due.Sub(at) < 12*time.Hour && steps < 12:
			// A learning step: back a few minutes after it is due.
			at = next.Due.Add(time.Duration(rng.IntN(20*60)+5) * time.Second)
		default:
			steps = 0
			d := int(next.Due.Sub(l.start).Hours() / 24)
			at = l.studyTime(rng, max(d, int(at.Sub(l.start).Hours()/24)+1))
		}
	}
	return events, nil
}

// studyTime returns a random moment of the first day of study on or after
// day, or the zero time when there is none before the end of the history.
func (l *learner) studyTime(rng *rand.Rand, day int) time.Time {
	for day < l.nDays && l.restDay[day] {
		day++
	}
	if day >= l.nDays {
		return time.Time{}
	}
	return l.start.AddDate(0, 0, day).Add(time.Duration(7*3600+rng.IntN(15*3600)) * time.Second)
}

// rate is the learner's answer to a card in a state: in learning, Again
// 15% of the time and otherwise mostly Good; in review, Again with the
// card's chance of forgetting, else Hard, Good or Easy.
func rate(rng *rand.Rand, s deck.State, pFail float64) deck.Rating {
	x := rng.Float64()
	if s != deck.StateReview {
		switch {
		case x < 0.15:
			return deck.Again
		case x < 0.95:
			return deck.Good
		}
		return deck.Easy
	}
	switch {
	case x < pFail:
		return deck.Again
	case x < pFail+0.1:
		return deck.Hard
	case x < 0.9:
		return deck.Good
	}
	return deck.Easy
}

// history is the simulated log of a whole collection: each card's answers
// in time order, one card after another.
type history struct {
	events []event
	first  []int32 // first[i] is the index of card i's first answer; first[n] = len(events)
}

// simulate studies cards 0 to n-1; about is the number of answers expected
// (the log is allocated once at that size plus a tenth, not grown by
// doubling: at 3M answers growing cost twice the memory).
func (l *learner) simulate(n, about int) (history, error) {
	h := history{first: make([]int32, n+1), events: make([]event, 0, about+about/10)}
	for i := 0; i < n; i++ {
		h.first[i] = int32(len(h.events))
		var err error
		if h.events, err = l.studyCard(h.events, i); err != nil {
			return h, err
		}
	}
	h.first[n] = int32(len(h.events))
	return h, nil
}

// trim drops answers until exactly keep remain, so that the log has the size
// asked for and every card still ends in the state of its last answer:
// whole histories of randomly chosen cards go first (those cards stay new,
// as cards never studied), then the newest answers of one card.
func (h *history) trim(rng *rand.Rand, keep int) {
	n := len(h.first) - 1
	count := make([]int32, n)
	for i := range count {
		count[i] = h.first[i+1] - h.first[i]
	}
	excess := len(h.events) - keep
	for _, i := range rng.Perm(n) {
		if excess == 0 {
			break
		}
		if c := int(count[i]); c > 0 && c <= excess {
			count[i], excess = 0, excess-c
		}
	}
	for i := 0; excess > 0 && i < n; i++ {
		if c := int(count[i]); c > excess {
			count[i] -= int32(excess)
			excess = 0
		}
	}
	out := h.events[:0]
	for i := 0; i < n; i++ {
		start := len(out)
		out = append(out, h.events[h.first[i]:h.first[i]+count[i]]...)
		h.first[i] = int32(start)
	}
	h.first[n] = int32(len(out))
	h.events = out
}
