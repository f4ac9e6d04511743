package optimizer

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"
)

// CardMemory is a studied card's memory state now.
type CardMemory struct {
	Stability, Difficulty float64
	Elapsed               int // learner days since its last review
}

// MemoryNow replays each history with weights w and returns the cards'
// memory states at now.
func MemoryNow(w Weights, hs []History, now time.Time, days DaysFunc) []CardMemory {
	m := newModel(&w)
	out := make([]CardMemory, len(hs))
	for i, h := range hs {
		mem := m.initial(h.Reviews[0].Rating)
		for _, r := range h.Reviews[1:] {
			mem = m.next(mem, r.DeltaT, r.Rating, nil)
		}
		out[i] = CardMemory{Stability: mem.s, Difficulty: mem.d, Elapsed: max(0, days(h.Last, now))}
	}
	return out
}

// RetentionConfig is a learner's collection and habits, for simulating the
// year ahead at several desired retentions.
type RetentionConfig struct {
	Weights       Weights      // the learner's memory (the weights in force)
	Cards         []CardMemory // studied cards
	NewCards      int          // cards not yet studied
	NewPerDay     int          // new cards a day while some are left
	ReviewsPerDay int          // reviews a day at most; the rest wait for the next day (0: no limit)
	MaxInterval   int          // days (0: 36500)
	Days          int          // how long to simulate (0: 365)
	Habits        Habits
	Seed          uint64
}

// RetentionLevel is the outcome of simulating one desired retention.
type RetentionLevel struct {
	Retention     float64 `json:"retention"`
	MinutesPerDay float64 `json:"minutes_per_day"`
	ReviewsPerDay float64 `json:"reviews_per_day"`
	Remembered    float64 `json:"remembered"` // cards expected to be recalled on the last day: Σ R
	// SecondsPerCard is the time spent per card remembered at the end:
	// what Anki's desired-retention helper minimises.
	SecondsPerCard float64 `json:"seconds_per_remembered_card"`
}

// RetentionLevels are the desired retentions loci simulates: 0.70 to 0.97
// in steps of 0.01.
func RetentionLevels() []float64 {
	var out []float64
	for p := 70; p <= 97; p++ {
		out = append(out, float64(p)/100)
	}
	return out
}

// SimulateRetention simulates the learner's collection for cfg.Days days at
// each desired retention, as fsrs-rs's simulator and Anki's helper do: each
// day the due cards are reviewed (up to the review limit, the most overdue
// first), each recalled with the probability the learner's weights give and
// rated as the learner rates; a lapse gets one relearning step the same
// day; then new cards come at the daily limit while any are left, a first
// Again or Hard followed by one more learning step. Every card's next
// interval is the one for the level (rounded, 1 to MaxInterval days);
// studied cards start due as that interval from their last review says.
// Time is the learner's own: Habits' seconds per new card, recalled review
// and lapse. A level's figures come from its own random stream seeded with
// cfg.Seed, so the same config gives the same result. Levels run in
// parallel.
func SimulateRetention(cfg RetentionConfig, levels []float64) []RetentionLevel {
	if cfg.Days <= 0 {
		cfg.Days = 365
	}
	if cfg.MaxInterval <= 0 {
		cfg.MaxInterval = 36500
	}
	out := make([]RetentionLevel, len(levels))
	var wg sync.WaitGroup
	next := make(chan int, len(levels))
	for i := range levels {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(levels)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = simulateLevel(&cfg, levels[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// Recommend returns the level with the least time per remembered card.
func Recommend(levels []RetentionLevel) RetentionLevel {
	best := levels[0]
	for _, l := range levels[1:] {
		if l.SecondsPerCard < best.SecondsPerCard {
			best = l
		}
	}
	return best
}

// simCard is a card in the retention simulation.
type simCard struct {
	mem  memory
	last int32 // day of the last review (negative: before the simulation)
}

func simulateLevel(cfg *RetentionConfig, retention float64) RetentionLevel {
	m := newModel(&cfg.Weights)
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5851f42d4c957f2d))
	ivlPerS := Interval(1, retention, cfg.Weights[20])
	interval := func(s float64) int32 {
		return int32(clamp(math.Round(s*ivlPerS), 1, float64(cfg.MaxInterval)))
	}
	days := cfg.Days
	cards := make([]simCard, 0, len(cfg.Cards)+min(cfg.NewCards, cfg.NewPerDay*days))
	due := make([][]int32, days) // day → cards due that day
	schedule := func(i int32, at int32) {
		if int(at) < days {
			due[at] = append(due[at], i)
		}
	}
	for _, c := range cfg.Cards {
		i := int32(len(cards))
		cards = append(cards, simCard{memory{clamp(c.Stability, sMin, sMax), clamp(c.Difficulty, 1, 10)}, int32(-c.Elapsed)})
		schedule(i, max(0, int32(-c.Elapsed)+interval(c.Stability)))
	}
	h := &cfg.Habits
	recallCum := [3]float64{h.RecallRating[0], h.RecallRating[0] + h.RecallRating[1], 2}
	firstCum := [4]float64{h.FirstRating[0], h.FirstRating[0] + h.FirstRating[1],
		h.FirstRating[0] + h.FirstRating[1] + h.FirstRating[2], 2}
	var seconds float64
	reviews, left := 0, cfg.NewCards
	for day := 0; day < days; day++ {
		todo := due[day]
		due[day] = nil
		if cfg.ReviewsPerDay > 0 && len(todo) > cfg.ReviewsPerDay {
			if day+1 < days { // the rest first tomorrow
				due[day+1] = append(todo[cfg.ReviewsPerDay:], due[day+1]...)
			}
			todo = todo[:cfg.ReviewsPerDay]
		}
		for _, i := range todo {
			c := &cards[i]
			elapsed := uint32(int32(day) - c.last)
			if rng.Float64() < m.curve.r(float64(elapsed), c.mem.s) {
				u, r := rng.Float64(), uint8(2)
				for r < 4 && u >= recallCum[r-2] {
					r++
				}
				c.mem = m.next(c.mem, elapsed, r, nil)
				seconds += h.RecallSeconds
			} else {
				c.mem = m.next(m.next(c.mem, elapsed, 1, nil), 0, 3, nil) // the lapse, then a relearning step
				seconds += h.ForgetSeconds
			}
			reviews++
			c.last = int32(day)
			schedule(i, int32(day)+interval(c.mem.s))
		}
		for n := 0; n < cfg.NewPerDay && left > 0; n++ {
			left--
			u, r := rng.Float64(), uint8(1)
			for r < 4 && u >= firstCum[r-1] {
				r++
			}
			mem := m.initial(r)
			if r <= 2 {
				mem = m.next(mem, 0, 3, nil)
			}
			i := int32(len(cards))
			cards = append(cards, simCard{mem, int32(day)})
			seconds += h.LearnSeconds
			schedule(i, int32(day)+interval(mem.s))
		}
	}
	remembered := 0.0
	for _, c := range cards {
		remembered += m.curve.r(float64(int32(days)-c.last), c.mem.s)
	}
	l := RetentionLevel{Retention: retention, MinutesPerDay: seconds / 60 / float64(days),
		ReviewsPerDay: float64(reviews) / float64(days), Remembered: remembered}
	if remembered > 0 {
		l.SecondsPerCard = seconds / remembered
	}
	return l
}
