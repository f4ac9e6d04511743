package optimizer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"loci/deck"
)

// ExampleLearner are FSRS-6 weights chosen by hand, not fitted by loci,
// for a simulated learner unlike the default one: who remembers new cards
// better but whose stability grows more slowly, whose difficulty moves
// less, who relearns lapses worse, whose same-day steps help short
// memories much more than long ones (w19 0.6), and whose forgetting curve
// has a decay of 0.75, far from both FSRS-5's fixed 0.5 and FSRS-6's
// default 0.1542. Tests and bench/optimize use it to show that fitting
// recovers such a learner, and that FSRS-5 (decay fixed) cannot.
var ExampleLearner = Weights{1.2, 2.8, 7.5, 30, 5.0, 1.2, 0.8, 0.05, 1.0, 0.3, 1.6, 1.2, 0.2, 0.45,
	1.5, 0.5, 2.0, 0.8, 0.3, 0.6, 0.75}

// ExampleSpread is the interval spread (SimConfig.Spread) under which the
// decay of ExampleLearner shows: reviews from e^−2.5 ≈ 0.08 to e^2.5 ≈ 12
// times the scheduled interval. With intervals near the scheduled ones
// recall is near 90% whatever the decay, and no model can tell decays
// apart.
const ExampleSpread = 2.5

// SimConfig describes a simulated learner.
type SimConfig struct {
	Weights    Weights   // the learner's true memory model
	Scheduler  Weights   // the weights that set the intervals; zero means Weights
	Cards      int       // cards introduced, NewPerDay a day
	NewPerDay  int       // 0 means 20
	Reviews    int       // the simulation stops at the end of the day this is reached
	Start      time.Time // day 0 at 00:00; reviews fall between 09:00 and 21:00
	Seed       uint64
	IDPrefix   string  // card ids are IDPrefix + a number; "" means "sim-"
	Retention  float64 // desired retention the learner schedules for; 0 means 0.9
	MaxPerCard int     // stop reviewing a card after this many reviews; 0 means no limit
	// Spread widens the noise on intervals: each is multiplied by
	// e^u with u uniform in [−Spread, Spread], as a learner who reviews
	// early and late; 0 means ±20% (0.8 to 1.2).
	Spread float64
}

// Simulate returns the review log of a learner whose memory follows FSRS-6
// with the true weights: at each long-term review the learner recalls with
// the probability the model predicts (Hard, Good or Easy 15/75/10 when
// recalled), and the memory state moves as the model says. A new card is
// rated Again/Hard/Good/Easy 20/15/50/15; Again and Hard are followed by a
// Good learning step the same day, as is a lapse (a relearning step).
// Intervals are the interval for the desired retention, with ±20% noise,
// that FSRS with the Scheduler weights gives: a learner on default weights
// whose memory differs is what an optimizer meets in practice. Entries
// come grouped by card and in time order, with kinds
// learn, review and relearn as Anki would log them. The same config always
// gives the same log.
func Simulate(cfg SimConfig) []deck.LogEntry {
	if cfg.NewPerDay <= 0 {
		cfg.NewPerDay = 20
	}
	if cfg.Retention == 0 {
		cfg.Retention = 0.9
	}
	if cfg.IDPrefix == "" {
		cfg.IDPrefix = "sim-"
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	sw := cfg.Scheduler
	if sw == (Weights{}) {
		sw = cfg.Weights
	}
	learner, sched := newModel(&cfg.Weights), newModel(&sw)
	type card struct {
		id    string
		mem   memory // the learner's
		sched memory // the scheduler's estimate
		last  int    // day of the last review
		count int
		log   []deck.LogEntry
	}
	cards := make([]*card, 0, cfg.Cards)
	due := map[int][]*card{} // day → cards due
	total := 0
	ivlFactor := Interval(1, cfg.Retention, sw[20]) // days per unit of stability
	answer := func(c *card, day, minute int, dt uint32, r uint8, kind deck.EntryKind) {
		at := cfg.Start.Add(time.Duration(day)*24*time.Hour + time.Duration(minute)*time.Minute)
		c.log = append(c.log, deck.LogEntry{
			CardID: c.id, At: at, Rating: deck.Rating(r), Kind: kind,
			Duration: time.Duration(2+rng.IntN(18)) * time.Second,
			ExtID:    fmt.Sprintf("%s@%d", c.id, at.UnixMilli()),
		})
		if c.count == 0 {
			c.mem, c.sched = learner.initial(r), sched.initial(r)
		} else {
			c.mem, c.sched = learner.next(c.mem, dt, r, nil), sched.next(c.sched, dt, r, nil)
		}
		c.count++
		c.last = day
		total++
	}
	schedule := func(c *card, day int) {
		if cfg.MaxPerCard > 0 && c.count >= cfg.MaxPerCard {
			return
		}
		noise := 0.8 + 0.4*rng.Float64()
		if cfg.Spread > 0 {
			noise = math.Exp(cfg.Spread * (2*rng.Float64() - 1))
		}
		ivl := max(1, int(math.Round(c.sched.s*ivlFactor*noise)))
		due[day+ivl] = append(due[day+ivl], c)
	}
	for day := 0; total < cfg.Reviews; day++ {
		if len(cards) >= cfg.Cards && len(due) == 0 {
			break
		}
		todo := due[day]
		delete(due, day)
		for _, c := range todo {
			minute := 9*60 + rng.IntN(11*60)
			r := uint8(1)
			if rng.Float64() < learner.curve.r(float64(day-c.last), c.mem.s) {
				r = pick(rng, [4]float64{0, 0.15, 0.75, 0.10})
			}
			answer(c, day, minute, uint32(day-c.last), r, deck.EntryReview)
			if r == 1 { // one relearning step, Good, ten minutes later
				answer(c, day, minute+10, 0, 3, deck.EntryRelearn)
			}
			schedule(c, day)
		}
		for n := 0; n < cfg.NewPerDay && len(cards) < cfg.Cards; n++ {
			c := &card{id: cfg.IDPrefix + fmt.Sprint(len(cards)+1)}
			cards = append(cards, c)
			minute := 9*60 + rng.IntN(11*60)
			r := pick(rng, [4]float64{0.20, 0.15, 0.50, 0.15})
			answer(c, day, minute, 0, r, deck.EntryLearn)
			if r <= 2 { // a Good learning step ten minutes later
				answer(c, day, minute+10, 0, 3, deck.EntryLearn)
			}
			schedule(c, day)
		}
	}
	var out []deck.LogEntry
	for _, c := range cards {
		out = append(out, c.log...)
	}
	return out
}

// pick draws a rating from the probabilities of Again, Hard, Good, Easy.
func pick(rng *rand.Rand, p [4]float64) uint8 {
	u := rng.Float64()
	for i, q := range p {
		if u < q {
			return uint8(i + 1)
		}
		u -= q
	}
	return 4
}
