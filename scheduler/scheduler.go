package scheduler

import (
	"fmt"
	"hash/fnv"
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"loci/deck"
)

// Scheduler computes schedules. It holds no mutable state and is safe for
// concurrent use: each call works on its own copy of the go-fsrs parameters,
// because go-fsrs v3.3.1 writes a fuzz seed into them on every call.
type Scheduler struct {
	set    Settings
	loc    *time.Location
	params fsrs.Parameters
}

// New returns a scheduler for valid settings.
func New(set Settings) (*Scheduler, error) {
	if err := set.Validate(); err != nil {
		return nil, err
	}
	p := fsrs.DefaultParam()
	p.RequestRetention = set.DesiredRetention
	p.MaximumInterval = float64(set.MaximumInterval)
	p.W = fsrs.Weights(set.Weights)
	p.EnableShortTerm = true
	p.EnableFuzz = false // loci's own fuzz is deterministic per card; see fuzz
	loc := set.Location
	if loc == nil {
		loc = time.Local
	}
	return &Scheduler{set: set, loc: loc, params: p}, nil
}

// Settings returns the settings the scheduler was made with.
func (s *Scheduler) Settings() Settings { return s.set }

// Answer returns the schedule a card gets when answered with r at now.
// cardID seeds the interval fuzz, so a preview and the answer agree.
func (s *Scheduler) Answer(cardID string, c deck.Schedule, r deck.Rating, now time.Time) deck.Schedule {
	return s.Preview(cardID, c, now)[r-1]
}

// Preview returns the schedules the four ratings would give, Again first.
func (s *Scheduler) Preview(cardID string, c deck.Schedule, now time.Time) [4]deck.Schedule {
	in := toFSRS(c)
	if c.State == deck.StateNew && in.Due.IsZero() {
		in.Due = now
	}
	elapsed := 0
	if c.State != deck.StateNew && !c.LastReview.IsZero() {
		elapsed = max(0, s.DaysBetween(c.LastReview, now))
		// go-fsrs floors (now - LastReview) to whole days: hand it a last
		// review exactly `elapsed` days ago so it counts learner days.
		in.LastReview = now.Add(-time.Duration(elapsed) * 24 * time.Hour)
	}
	relearnLater := elapsed > 0 && (c.State == deck.StateLearning || c.State == deck.StateRelearning)
	if relearnLater {
		in.State = fsrs.Review
	}
	p := s.params // a copy: go-fsrs writes its seed into it
	rec := fsrs.NewFSRS(p).Repeat(in, now)
	var out [4]deck.Schedule
	for i, r := range deck.Ratings {
		nc := rec[fsrs.Rating(r)].Card
		if relearnLater {
			if r == deck.Again {
				nc.State = fsrs.State(c.State)
				nc.Lapses = uint64(c.Lapses)
			}
		}
		out[i] = fromFSRS(nc)
	}
	if s.set.Fuzz {
		s.fuzz(&out, cardID, c, elapsed, now)
	}
	return out
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
	for _, r := range fsrs.FUZZ_RANGES {
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

func toFSRS(c deck.Schedule) fsrs.Card {
	return fsrs.Card{
		Due:           c.Due,
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ElapsedDays:   uint64(max(0, c.ElapsedDays)),
		ScheduledDays: uint64(max(0, c.ScheduledDays)),
		Reps:          uint64(max(0, c.Reps)),
		Lapses:        uint64(max(0, c.Lapses)),
		State:         fsrs.State(c.State),
		LastReview:    c.LastReview,
	}
}

func fromFSRS(c fsrs.Card) deck.Schedule {
	return deck.Schedule{
		State:         deck.State(c.State),
		Due:           c.Due.UTC(),
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ElapsedDays:   int(c.ElapsedDays),
		ScheduledDays: int(c.ScheduledDays),
		Reps:          int(c.Reps),
		Lapses:        int(c.Lapses),
		LastReview:    c.LastReview.UTC(),
	}
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
