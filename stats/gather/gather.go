// Package gather reads a week's facts for the weekly summary out of the
// database and cuts time into learner days at the scheduler's day boundary.
// It is the one bridge between storage (which answers the queries) and stats
// (which does the summary maths on plain values): it owns neither SQL nor
// summary arithmetic, only which question is asked for which span of time.
// The summary command, the daemon's weekly job and the TUI's stats screen
// all use it.
package gather

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"loci/scheduler"
	"loci/stats"
	"loci/storage"
)

// Source gathers weekly summaries from the database, cutting time
// into learner days at the scheduler's day boundary in its time zone. The
// TUI's stats screen uses it too (it satisfies ui.StatsSource).
type Source struct {
	db    *storage.DB
	sched *scheduler.Scheduler
	now   func() time.Time
}

// New returns the source for db that cuts days with sched and takes the
// current time from now.
func New(db *storage.DB, sched *scheduler.Scheduler, now func() time.Time) Source {
	return Source{db, sched, now}
}

// dayStart is the moment the learner day of date d begins.
func (s Source) dayStart(d stats.Date) time.Time {
	set := s.sched.Settings()
	loc := set.Location
	if loc == nil {
		loc = time.Local
	}
	off := set.DayStartsAt
	clock := time.Date(d.Year, d.Month, d.Day, int(off/time.Hour), int(off%time.Hour/time.Minute), int(off%time.Minute/time.Second), 0, loc)
	return s.sched.DayStart(clock)
}

// bounds returns the n+1 boundaries of n learner days from date from on.
func (s Source) bounds(from stats.Date, n int) []time.Time {
	out := make([]time.Time, n+1)
	for i := range out {
		out[i] = s.dayStart(from.AddDays(i))
	}
	return out
}

// learnerDate is the date of the learner day that holds t.
func (s Source) learnerDate(t time.Time) stats.Date { return stats.DateOf(s.sched.DayStart(t)) }

// Summary builds the summary of week w; the zero week is the current one.
func (s Source) Summary(ctx context.Context, w stats.Week) (stats.Summary, error) {
	today := s.learnerDate(s.now())
	if w.IsZero() {
		w = stats.WeekOf(today)
	}
	in := stats.Input{Week: w, Today: today}
	monday := w.Monday()
	from, to := s.dayStart(monday), s.dayStart(monday.AddDays(7))
	fail := func(err error) (stats.Summary, error) {
		return stats.Summary{}, fmt.Errorf("summary of %s: %w", w, err)
	}

	// The queries are independent reads: each runs on its own connection
	// (WAL lets readers run side by side), so that on two cores the
	// summary of a large log takes about half its CPU time.
	var (
		g       group
		tallies []storage.Tally
		due     []int
		decks   []storage.DeckTally
		moves   []storage.StageMove
		hard    []storage.CardLapses
	)
	heatFrom := monday.AddDays(-7 * (stats.HeatmapWeeks - 1))
	forecast := s.bounds(today, 7)
	forecast[0] = time.Time{} // the first day also counts overdue cards
	g.run(func() (err error) {
		in.Heatmap, err = s.db.DayCounts(ctx, s.bounds(heatFrom, stats.HeatmapWeeks*7))
		return
	})
	g.run(func() (err error) { decks, hard, err = s.db.WeekCards(ctx, from, to, stats.HardestCount); return })
	g.run(func() (err error) { tallies, err = s.db.DayTallies(ctx, s.bounds(monday.AddDays(-7), 14)); return })
	g.run(func() (err error) { due, err = s.db.DueCounts(ctx, forecast); return })
	g.run(func() (err error) { moves, err = s.db.StageMoves(ctx, from, to); return })
	g.run(func() error { return s.streakDays(ctx, &in) })
	if err := g.wait(); err != nil {
		return fail(err)
	}
	for i, t := range tallies {
		in.Days[i] = stats.Tally(t)
	}
	copy(in.Forecast[:], due)
	for _, d := range decks {
		in.Decks = append(in.Decks, stats.DeckTally{Deck: d.Deck, Tally: stats.Tally(d.Tally)})
	}
	loc := s.sched.Settings().Location
	if loc == nil {
		loc = time.Local
	}
	for _, m := range moves {
		in.Moves = append(in.Moves, stats.Move{Key: m.Key, Title: m.Title, From: m.From, To: m.To,
			At: m.At.In(loc), Date: s.learnerDate(m.At)})
	}
	for _, h := range hard {
		front, _ := h.Card.Shown(nil)
		in.Cards = append(in.Cards, stats.CardTally{ID: h.Card.ID, Deck: h.Card.Deck, Front: strings.TrimSpace(front),
			Lapses: h.Lapses, Again: h.Again})
	}
	leeches, err := s.db.NewLeeches(ctx, from, to)
	if err != nil {
		return fail(err)
	}
	for _, l := range leeches {
		front, _ := l.Card.Shown(nil)
		in.Leeches = append(in.Leeches, stats.Leech{ID: l.Card.ID, Deck: l.Card.Deck, Front: strings.TrimSpace(front),
			Lapses: l.Lapses, Date: s.learnerDate(l.At)})
	}
	in.LeechThreshold = s.sched.Settings().LeechThreshold
	if in.Curve, err = s.curve(ctx, loc); err != nil {
		return fail(err)
	}
	return stats.Build(in), nil
}

// curve reads the latest saved run of `loci optimize --retention`, its time
// in the learner's zone loc; nil when none was saved. It never simulates:
// that takes seconds, and the summary must be quick.
func (s Source) curve(ctx context.Context, loc *time.Location) (*stats.RetentionCurve, error) {
	run, ok, err := s.db.LatestRetentionRun(ctx)
	if err != nil || !ok {
		return nil, err
	}
	c := &stats.RetentionCurve{SimulatedAt: run.At.In(loc), Seed: run.Seed, Days: run.Days, Cards: run.Cards,
		Recommended: run.Recommended, InForceThen: run.InForce, InForce: s.sched.Settings().DesiredRetention}
	for _, l := range run.Levels {
		c.Levels = append(c.Levels, stats.CurveLevel(l))
	}
	return c, nil
}

// streakDays fills in which learner days had answers, from the first
// answer ever up to the day the week's streak is counted to.
func (s Source) streakDays(ctx context.Context, in *stats.Input) error {
	first, ok, err := s.db.FirstReview(ctx)
	if err != nil || !ok {
		return err
	}
	in.ActiveFrom = s.learnerDate(first)
	n := stats.AsOf(in.Week, in.Today).Sub(in.ActiveFrom) + 1
	if n <= 0 {
		return nil
	}
	in.Active, err = s.db.ActiveDays(ctx, s.bounds(in.ActiveFrom, n))
	return err
}

// Weekly is the daemon's weekly job: the headline and the summary that `loci
// summary --format md` prints for the ISO week that holds the learner day of
// now. It has the shape of nudge.WeeklySummary.
func (s Source) Weekly(ctx context.Context, now time.Time) (headline, markdown string, err error) {
	sum, err := s.Summary(ctx, stats.WeekOf(s.learnerDate(now)))
	if err != nil {
		return "", "", err
	}
	var b strings.Builder
	if err := stats.Markdown(&b, sum); err != nil {
		return "", "", fmt.Errorf("summary of %s: %w", sum.Week, err)
	}
	return stats.WeeklyLine(sum), b.String(), nil
}

// group runs functions on their own goroutines and keeps the first error.
type group struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

func (g *group) run(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}()
}

// wait waits for every function and returns the first error.
func (g *group) wait() error {
	g.wg.Wait()
	return g.err
}
