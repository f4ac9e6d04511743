package main

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"loci/deck"
	"loci/storage"
)

// options are gen's flags.
type options struct {
	db                   string
	cards, reviews, days int
	now                  time.Time
	rest                 float64 // share of days with no study
	decks, papers        int
	suspended            float64 // share of cards suspended
	seed                 uint64
}

func (o options) validate() error {
	switch {
	case o.cards < 1 || o.reviews < 0 || o.days < 1:
		return fmt.Errorf("want -cards ≥ 1, -reviews ≥ 0, -days ≥ 1")
	case o.decks < 1 || o.papers < 0:
		return fmt.Errorf("want -decks ≥ 1, -papers ≥ 0")
	case !(o.rest >= 0 && o.rest < 1) || !(o.suspended >= 0 && o.suspended <= 1):
		return fmt.Errorf("want 0 ≤ -rest < 1 and 0 ≤ -suspended ≤ 1")
	}
	return nil
}

// result tells what the generated collection came to.
type result struct {
	retention float64 // what the simulated learner's scheduler aimed at
	unstudied int     // cards left new
}

// generate writes a collection shaped by o into an empty database.
func generate(ctx context.Context, db *storage.DB, o options) (result, error) {
	if err := o.validate(); err != nil {
		return result{}, err
	}
	rng := rand.New(rand.NewPCG(o.seed, 7))
	start := o.now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -o.days+1)
	restDay := make([]bool, o.days)
	for i := range restDay {
		restDay[i] = i < o.days-1 && rng.Float64() < o.rest // today is never a rest day
	}
	h, res, err := simulateEnough(o, start, restDay)
	if err != nil {
		return res, err
	}
	h.trim(rng, o.reviews)
	for i := 0; i < o.cards; i++ {
		if h.first[i] == h.first[i+1] {
			res.unstudied++
		}
	}
	if _, _, err := db.SyncBuiltin(ctx, deck.BuiltinVersion(), deck.Builtin, start); err != nil {
		return res, err
	}
	return res, db.Bulk(ctx, func(b *storage.Bulk) error { return write(b, o, rng, start, h) })
}

// simulateEnough simulates the collection at about the lowest retention
// whose log has at least o.reviews answers: a sample of cards predicts the
// size (the retention is found by bisection between 0.70 and 0.99), the
// whole collection confirms it, a step higher if it falls short.
func simulateEnough(o options, start time.Time, restDay []bool) (history, result, error) {
	if o.reviews == 0 {
		return history{first: make([]int32, o.cards+1)}, result{}, nil
	}
	sample := min(o.cards, 1000)
	var ev []event
	predict := func(r float64) (float64, error) {
		l, err := newLearner(start, o.now, o.days, restDay, o.seed, r)
		if err != nil {
			return 0, err
		}
		n := 0
		for j := 0; j < sample; j++ {
			if ev, err = l.studyCard(ev[:0], j*o.cards/sample); err != nil {
				return 0, err
			}
			n += len(ev)
		}
		return float64(n) * float64(o.cards) / float64(sample), nil
	}
	lo, hi, about := 0.70, 0.99, float64(o.reviews)
	for hi-lo > 0.005 {
		mid := (lo + hi) / 2
		n, err := predict(mid)
		if err != nil {
			return history{}, result{}, err
		}
		if n >= 1.02*float64(o.reviews) {
			hi, about = mid, n
		} else {
			lo = mid
		}
	}
	most := 0
	for r := hi; ; r = min(r+0.01, 0.99) {
		l, err := newLearner(start, o.now, o.days, restDay, o.seed, r)
		if err != nil {
			return history{}, result{}, err
		}
		h, err := l.simulate(o.cards, int(about))
		if err != nil {
			return history{}, result{}, err
		}
		if len(h.events) >= o.reviews {
			return h, result{retention: r}, nil
		}
		most = max(most, len(h.events))
		if r == 0.99 {
			return history{}, result{}, fmt.Errorf("the simulation made only %d reviews; ask for more days or cards", most)
		}
	}
}

// write adds the papers, the cards in the state their last answer left them
// (new when they have none), and the answers in time order, as loci appends
// them.
func write(b *storage.Bulk, o options, rng *rand.Rand, start time.Time, h history) error {
	stages := []deck.Stage{deck.Queued, deck.Queued, deck.Read, deck.Understood, deck.Replicated}
	for p := 0; p < o.papers; p++ {
		err := b.Paper(deck.Paper{Key: paperKey(p), Title: fmt.Sprintf("Benchmark paper %d", p),
			Difficulty: deck.Difficulties[p%len(deck.Difficulties)], Stage: stages[p%len(stages)]},
			start.AddDate(0, 0, rng.IntN(o.days)))
		if err != nil {
			return err
		}
	}
	unstudied := deck.Schedule{State: deck.StateNew, Due: start}
	keys := make([]int64, o.cards)
	for i := range keys {
		s := unstudied
		if last := h.first[i+1] - 1; last >= h.first[i] {
			s = h.events[last].after()
		}
		paper := ""
		if o.papers > 0 && i%50 < 3 { // three cards in fifty belong to a paper
			paper = paperKey((i / 50) % o.papers)
		}
		k, err := b.Card(deck.Card{
			ID: cardID(i), Deck: fmt.Sprintf("Bench::Deck %02d", i%o.decks), Kind: deck.Basic,
			Paper: paper, Suspended: rng.Float64() < o.suspended,
			Front: fmt.Sprintf("Benchmark card %d: which idea does question %d test?", i, i),
			Back:  "An answer.", Tags: benchTags(i, s.Lapses), Schedule: s,
		}, start)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	order := make([]int32, len(h.events))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(h.events[a].at, h.events[b].at) })
	prev := make([]int32, o.cards) // each card's answer written last, +1; 0 for none yet
	for _, x := range order {
		e := &h.events[x]
		before := unstudied
		if p := prev[e.card]; p > 0 {
			before = h.events[p-1].after()
		}
		prev[e.card] = x + 1
		at := time.UnixMilli(e.at).UTC()
		err := b.Review(deck.Review{CardKey: keys[e.card], At: at, Rating: deck.Rating(e.rating),
			Duration: time.Duration(e.tookMS) * time.Millisecond, Before: before, After: e.after()}, "")
		if err != nil {
			return err
		}
	}
	return nil
}

func paperKey(p int) string { return fmt.Sprintf("bench-paper-%03d", p) }

// benchTags gives each card one of twenty topic tags, and the leech tag to
// a card forgotten eight times or more (the default leech threshold), so
// that tag searches have work.
func benchTags(i, lapses int) []string {
	tags := []string{fmt.Sprintf("topic%02d", i%20)}
	if lapses >= 8 {
		tags = append(tags, "leech")
	}
	return tags
}
