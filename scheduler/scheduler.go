package scheduler

import (
	"fmt"
	"hash/fnv"
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"loci/deck"
)

// Scheduler computes schedules. It holds no mutable state and is safe for
// concurrent use: go-fsrs v4 copies its parameters for every card it
// schedules (v3 wrote a fuzz seed into shared ones), and a test under -race
// pins it.
type Scheduler struct {
	set Settings
	loc *time.Location
	// f is built directly, not with fsrs.NewFSRS: NewFSRS clips w19 up to
	// 0.01 when short-term scheduling is on, which would bend converted
	// FSRS-5 weights (w19 = 0) away from FSRS-5's intervals. loci checks
	// the weights against WeightBounds itself.
	f *fsrs.FSRS
	// fsrs5 is set for weights converted from FSRS-5; see fsrs5Difficulty.
	fsrs5 bool
}

// New returns a scheduler for valid settings.
func New(set Settings) (*Scheduler, error) {
	if err := set.Validate(); err != nil {
		return nil, err
	}
	p := fsrs.Parameters{
		RequestRetention: set.DesiredRetention,
		MaximumInterval:  float64(set.MaximumInterval),
		W:                fsrs.Weights(set.Weights),
		EnableShortTerm:  true,
		EnableFuzz:       false, // loci's own fuzz is deterministic per card; see fuzz
		LearningSteps:    minutes(set.LearningSteps),
		RelearningSteps:  minutes(set.RelearningSteps),
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("scheduler settings: %w", err)
	}
	loc := set.Location
	if loc == nil {
		loc = time.Local
	}
	return &Scheduler{set: set, loc: loc, f: &fsrs.FSRS{Parameters: p}, fsrs5: fsrs5Weights(set.Weights)}, nil
}

// minutes turns steps into go-fsrs's minutes.
func minutes(steps []time.Duration) []float64 {
	out := make([]float64, len(steps))
	for i, d := range steps {
		out[i] = d.Minutes()
	}
	return out
}

// Settings returns the settings the scheduler was made with.
func (s *Scheduler) Settings() Settings { return s.set }

// Answer returns the schedule a card gets when answered with r at now.
// cardID seeds the interval fuzz, so a preview and the answer agree.
func (s *Scheduler) Answer(cardID string, c deck.Schedule, r deck.Rating, now time.Time) (deck.Schedule, error) {
	if r < deck.Again || r > deck.Easy {
		return deck.Schedule{}, fmt.Errorf("card %s: rating %d is not 1 to 4", cardID, r)
	}
	p, err := s.Preview(cardID, c, now)
	return p[r-1], err
}

// Preview returns the schedules the four ratings would give, Again first.
// A card whose stored memory go-fsrs refuses (stability below 0.001 or
// difficulty below 1 outside the new state) is an error.
func (s *Scheduler) Preview(cardID string, c deck.Schedule, now time.Time) ([4]deck.Schedule, error) {
	var out [4]deck.Schedule
	in := toFSRS(c)
	elapsed := 0
	if c.State != deck.StateNew && !c.LastReview.IsZero() {
		elapsed = max(0, s.DaysBetween(c.LastReview, now))
		// go-fsrs counts UTC calendar days between the last review and now:
		// hand it a last review exactly `elapsed` days ago so it counts
		// learner days instead (and never one after now).
		in.LastReview = now.Add(-time.Duration(elapsed) * 24 * time.Hour)
	}
	rec, err := s.f.Repeat(in, now)
	if err != nil {
		return out, fmt.Errorf("card %s: %w", cardID, err)
	}
	for i, r := range deck.Ratings {
		out[i] = fromFSRS(rec[fsrs.Rating(r)].Card)
		if c.State != deck.StateNew {
			out[i].ElapsedDays = elapsed
			if s.fsrs5 {
				out[i].Difficulty = fsrs5Difficulty(s.set.Weights, c.Difficulty, r)
			}
		}
	}
	s.easyAfterGood(&out, now)
	if s.set.Fuzz {
		s.fuzz(&out, cardID, c, elapsed, now)
	}
	return out, nil
}

// easyAfterGood makes Easy wait at least a day longer than Good when both
// leave (re)learning for review, as Anki and go-fsrs v3 did; go-fsrs v4
// orders the intervals of review cards only.
func (s *Scheduler) easyAfterGood(out *[4]deck.Schedule, now time.Time) {
	g, e := &out[deck.Good-1], &out[deck.Easy-1]
	if g.State == deck.StateReview && e.State == deck.StateReview && e.ScheduledDays <= g.ScheduledDays &&
		g.ScheduledDays < s.set.MaximumInterval {
		e.ScheduledDays = g.ScheduledDays + 1
		e.Due = now.Add(time.Duration(e.ScheduledDays) * 24 * time.Hour)
	}
}

// fuzz spreads review intervals of three days and more over Anki's fuzz
// ranges. The random draw is a hash of the card and its repetition count,
// so every preview of an answer shows what the answer will give, and the
// order hard <= good < easy is kept.
func (s *Scheduler) fuzz(out *[4]deck.Schedule, cardID string, c deck.Schedule, elapsed int, now time.Time) {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", cardID, c.Reps)
	f := float64(h.Sum64()>>11) / float64(1<<53)
	prev := 0
	for i := range out {
		o := &out[i]
		if o.State != deck.StateReview || o.ScheduledDays < 3 {
			prev = max(prev, o.ScheduledDays)
			continue
		}
		lo, hi := fuzzRange(float64(o.ScheduledDays), float64(elapsed), float64(s.set.MaximumInterval))
		ivl := lo + int(math.Floor(f*float64(hi-lo+1)))
		if deck.Ratings[i] > deck.Hard && ivl <= prev {
			ivl = min(prev+1, s.set.MaximumInterval)
		}
		prev = ivl
		o.ScheduledDays = ivl
		o.Due = now.Add(time.Duration(ivl) * 24 * time.Hour)
	}
}

// fuzzRange follows Anki's and go-fsrs's fuzz ranges: ±15% between 2.5 and 7
// days, ±10% up to 20 days, ±5% beyond, plus one day.
func fuzzRange(ivl, elapsed, maxIvl float64) (int, int) {
	delta := 1.0
	for _, r := range fsrs.FuzzRanges() {
		delta += r.Factor * math.Max(math.Min(ivl, r.End)-r.Start, 0)
	}
	ivl = math.Min(ivl, maxIvl)
	lo := math.Max(2, math.Round(ivl-delta))
	hi := math.Min(math.Round(ivl+delta), maxIvl)
	if ivl > elapsed {
		lo = math.Max(lo, elapsed+1)
	}
	lo = math.Min(lo, hi)
	return int(lo), int(hi)
}

// toFSRS gives go-fsrs a card. A (re)learning card stored without steps
// (learning before loci had steps, or imported) is on its last step: Good
// graduates it, as it did then, and Again starts the steps over.
func toFSRS(c deck.Schedule) fsrs.Card {
	steps := max(0, c.Steps)
	if steps == 0 && (c.State == deck.StateLearning || c.State == deck.StateRelearning) {
		steps = 1
	}
	return fsrs.Card{
		Due:            c.Due,
		Stability:      c.Stability,
		Difficulty:     c.Difficulty,
		ScheduledDays:  uint64(max(0, c.ScheduledDays)),
		Reps:           uint64(max(0, c.Reps)),
		Lapses:         uint64(max(0, c.Lapses)),
		State:          fsrs.State(c.State),
		LastReview:     c.LastReview,
		RemainingSteps: steps,
	}
}

func fromFSRS(c fsrs.Card) deck.Schedule {
	s := deck.Schedule{
		State:         deck.State(c.State),
		Due:           c.Due.UTC(),
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ScheduledDays: int(c.ScheduledDays),
		Reps:          int(c.Reps),
		Lapses:        int(c.Lapses),
		LastReview:    c.LastReview.UTC(),
	}
	if s.State == deck.StateLearning || s.State == deck.StateRelearning {
		// A step of a day or more makes go-fsrs call the card a review
		// card with its steps left; loci keeps steps for learning only.
		s.Steps = c.RemainingSteps
	}
	return s
}

// Interval formats the wait until due as a rating button shows it:
// "1m", "10m", "3h", "4d", "1.5mo", "2.1y".
func Interval(d time.Duration) string {
	switch {
	case d < 30*time.Second:
		return "<1m"
	case d < time.Hour-30*time.Second:
		return fmt.Sprintf("%dm", int(math.Round(d.Minutes())))
	case d < 23*time.Hour+30*time.Minute:
		return fmt.Sprintf("%dh", max(1, int(math.Round(d.Hours()))))
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return fmt.Sprintf("%dd", int(math.Round(days)))
	case days < 365:
		return trimZero(fmt.Sprintf("%.1fmo", days/30))
	}
	return trimZero(fmt.Sprintf("%.1fy", days/365))
}

func trimZero(s string) string {
	for _, unit := range []string{"mo", "y"} {
		if len(s) > len(unit)+2 && s[len(s)-len(unit)-2:len(s)-len(unit)] == ".0" {
			return s[:len(s)-len(unit)-2] + unit
		}
	}
	return s
}
