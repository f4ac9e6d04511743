// Command gen writes a synthetic loci collection straight into a database,
// for the benchmarks (bench/run, bench/summary) and the HTML screenshot: a
// number of cards spread over decks (-decks, 50 by default), some of them
// suspended and some attached to paper checkpoints at every stage, and a
// review log of a given size over a span of days ending at -now, written in
// one transaction through storage.Bulk.
//
// Each card is introduced on a random day, learned (a first answer and one
// from learning), then reviewed at intervals that grow with each pass and
// shrink after a lapse; a few cards are much harder than the rest, so that
// leeches appear. The simulated answers are sorted by time, as a real log
// is appended, and thinned at random to exactly -reviews rows. Cards keep
// the schedule of their last simulated answer, so the forecast has work.
//
//	go run ./bench/gen -db /tmp/bench.db -cards 100000 -reviews 1000000 -days 730
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"time"

	"loci/deck"
	"loci/storage"
)

type event struct {
	card          int32
	at            int64 // Unix ms
	rating        int8
	stateBefore   int8
	stateAfter    int8
	scheduled     int32 // interval before the answer, days
	lapsesAfter   int16
	durationMilli int32
}

type card struct {
	state  deck.State
	due    time.Time
	last   time.Time
	ivl    int
	lapses int
	reps   int
}

func main() {
	dbPath := flag.String("db", "", "database to create (must not exist)")
	nCards := flag.Int("cards", 100000, "number of cards")
	nReviews := flag.Int("reviews", 1000000, "number of reviews")
	nDays := flag.Int("days", 730, "days of history, ending at -now")
	nowFlag := flag.String("now", "2026-11-29T12:00:00Z", "end of the history (RFC 3339)")
	rest := flag.Float64("rest", 0.05, "share of days with no study at all")
	nDecks := flag.Int("decks", 50, "number of decks")
	nPapers := flag.Int("papers", 200, "number of paper checkpoints, each with a few cards")
	suspended := flag.Float64("suspended", 0.02, "share of cards suspended")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	shape := shape{decks: max(1, *nDecks), papers: *nPapers, suspended: *suspended}
	if err := run(*dbPath, *nCards, *nReviews, *nDays, *nowFlag, *rest, *seed, shape); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// shape is how the collection is laid out beyond its size.
type shape struct {
	decks, papers int
	suspended     float64
}

func run(dbPath string, nCards, nReviews, nDays int, nowFlag string, rest float64, seed uint64, sh shape) error {
	if dbPath == "" || nCards < 1 || nReviews < 0 || nDays < 1 {
		return fmt.Errorf("want -db PATH, -cards ≥ 1, -reviews ≥ 0, -days ≥ 1")
	}
	if _, err := os.Stat(dbPath); err == nil {
		return fmt.Errorf("%s exists: gen writes a new database", dbPath)
	}
	now, err := time.Parse(time.RFC3339, nowFlag)
	if err != nil {
		return fmt.Errorf("-now %q: %w", nowFlag, err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	start := now.Truncate(24*time.Hour).AddDate(0, 0, -nDays+1)
	restDay := make([]bool, nDays+1)
	for i := range restDay {
		restDay[i] = i < nDays-1 && rng.Float64() < rest // today is never a rest day
	}

	// Simulate, growing intervals a little faster or slower until the log
	// is at least as long as asked for.
	var events []event
	var cards []card
	growth := 2.6
	for {
		events, cards = simulate(rng, nCards, nDays, start, now, restDay, growth)
		if len(events) >= nReviews || growth < 1.3 {
			break
		}
		growth -= 0.15
	}
	if len(events) < nReviews {
		return fmt.Errorf("the simulation made only %d reviews; ask for more days or cards", len(events))
	}
	// Thin at random to exactly nReviews, then order by time.
	rng.Shuffle(len(events), func(i, j int) { events[i], events[j] = events[j], events[i] })
	events = events[:nReviews]
	sort.Slice(events, func(i, j int) bool { return events[i].at < events[j].at })

	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return err
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, _, err := db.SyncBuiltin(ctx, deck.BuiltinVersion(), deck.Builtin, start); err != nil {
		return err
	}
	began := time.Now()
	err = db.Bulk(ctx, func(b *storage.Bulk) error {
		stages := []deck.Stage{deck.Queued, deck.Queued, deck.Read, deck.Understood, deck.Replicated}
		for p := 0; p < sh.papers; p++ {
			err := b.Paper(deck.Paper{Key: fmt.Sprintf("bench-paper-%03d", p), Title: fmt.Sprintf("Benchmark paper %d", p),
				Difficulty: deck.Difficulties[p%len(deck.Difficulties)], Stage: stages[p%len(stages)]},
				start.AddDate(0, 0, rng.IntN(nDays)))
			if err != nil {
				return err
			}
		}
		keys := make([]int64, len(cards))
		for i, c := range cards {
			paper := ""
			if sh.papers > 0 && i%50 < 3 { // three cards in fifty belong to a paper
				paper = fmt.Sprintf("bench-paper-%03d", (i/50)%sh.papers)
			}
			k, err := b.Card(deck.Card{
				ID: fmt.Sprintf("bench-%06d", i), Deck: fmt.Sprintf("Bench::Deck %02d", i%sh.decks), Kind: deck.Basic,
				Paper: paper, Suspended: rng.Float64() < sh.suspended,
				Front: fmt.Sprintf("Benchmark card %d: which idea does question %d test?", i, i),
				Back:  "An answer.",
				Tags:  benchTags(i, c.lapses),
				Schedule: deck.Schedule{State: c.state, Due: c.due, Stability: float64(max(c.ivl, 1)), Difficulty: 5,
					ScheduledDays: c.ivl, Reps: c.reps, Lapses: c.lapses, LastReview: c.last},
			}, start)
			if err != nil {
				return err
			}
			keys[i] = k
		}
		for _, e := range events {
			at := time.UnixMilli(e.at).UTC()
			err := b.Review(deck.Review{CardKey: keys[e.card], At: at, Rating: deck.Rating(e.rating),
				Duration: time.Duration(e.durationMilli) * time.Millisecond,
				Before:   deck.Schedule{State: deck.State(e.stateBefore), ScheduledDays: int(e.scheduled), Due: at},
				After:    deck.Schedule{State: deck.State(e.stateAfter), Lapses: int(e.lapsesAfter), Due: at}}, "")
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("gen: %d cards, %d reviews over %d days to %s in %s (interval growth %.2f)\n",
		len(cards), len(events), nDays, now.Format(time.RFC3339), time.Since(began).Round(time.Millisecond), growth)
	return nil
}

// simulate runs every card from its first day to now.
func simulate(rng *rand.Rand, nCards, nDays int, start, now time.Time, restDay []bool, growth float64) ([]event, []card) {
	var events []event
	cards := make([]card, nCards)
	for i := range cards {
		hard := rng.Float64() < 0.02
		pFail := 0.04 + 0.08*rng.Float64()
		if hard {
			pFail = 0.45
		}
		day := rng.IntN(nDays)
		c := &cards[i]
		ivl := 0
		for first := true; ; first = false {
			for day < nDays && restDay[day] {
				day++ // nothing is studied on a rest day: the card waits
			}
			if day >= nDays {
				break
			}
			at := start.AddDate(0, 0, day).Add(time.Duration(7*3600+rng.IntN(15*3600)) * time.Second)
			if at.After(now) {
				break
			}
			took := func() int32 { return int32(2000 + rng.IntN(28000)) }
			if first {
				// New: a first answer, then one from learning a few minutes on.
				r := int8(3)
				if rng.Float64() < 0.15 {
					r = 1
				}
				events = append(events, event{int32(i), at.UnixMilli(), r, 0, 1, 0, 0, took()})
				at = at.Add(10 * time.Minute)
				events = append(events, event{int32(i), at.UnixMilli(), 3, 1, 2, 0, 0, took()})
				ivl = 1 + rng.IntN(3)
			} else if rng.Float64() < pFail {
				c.lapses++
				events = append(events, event{int32(i), at.UnixMilli(), 1, 2, 3, int32(ivl), int16(c.lapses), took()})
				at = at.Add(10 * time.Minute)
				events = append(events, event{int32(i), at.UnixMilli(), 3, 3, 2, 0, int16(c.lapses), took()})
				ivl = max(1, int(float64(ivl)*0.3))
			} else {
				r := int8(2 + rng.IntN(3)) // hard, good or easy
				factor := map[int8]float64{2: 1.2, 3: growth, 4: growth * 1.4}[r]
				events = append(events, event{int32(i), at.UnixMilli(), r, 2, 2, int32(ivl), int16(c.lapses), took()})
				ivl = max(ivl+1, int(math.Round(float64(ivl)*factor*(0.95+0.1*rng.Float64()))))
			}
			c.state, c.last, c.ivl, c.reps = deck.StateReview, at, ivl, c.reps+2
			c.due = at.AddDate(0, 0, ivl)
			day += ivl
		}
		if c.last.IsZero() {
			c.state, c.due = deck.StateNew, start
		}
	}
	return events, cards
}

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
