package cli

import (
	"fmt"
	"math"
	"time"

	"loci/deck"
	"loci/scheduler/optimizer"
	"loci/storage"
)

// retentionReport is what `loci optimize --retention --json` prints.
type retentionReport struct {
	Cards       int                        `json:"cards"`     // studied cards whose start is in the log
	NewCards    int                        `json:"new_cards"` // cards not yet studied
	NewPerDay   int                        `json:"new_per_day"`
	Days        int                        `json:"days"`
	Seed        uint64                     `json:"seed"`
	Habits      optimizer.Habits           `json:"habits"`
	Levels      []optimizer.RetentionLevel `json:"levels"`
	Recommended float64                    `json:"recommended"`
	Current     float64                    `json:"current"` // the desired retention in force
}

// chooseRetention simulates the learner's collection for the next year at
// each desired retention and recommends the one with the least time per
// remembered card.
func (e *env) chooseRetention(o optimizeOptions) error {
	habits := optimizer.NewHabitCounter(e.study.Sched.DaysBetween)
	ds, err := e.reviewLog(e.ctx, e.study.Sched.DaysBetween, habits)
	if err != nil {
		return err
	}
	now := e.now()
	counts, err := e.db.Counts(e.ctx, "", now, now, now)
	if err != nil {
		return err
	}
	newCards := 0
	for _, c := range counts {
		newCards += c.New
	}
	set := e.cfg.Scheduler
	inForce := set.Weights
	cfg := optimizer.RetentionConfig{
		Weights:       inForce,
		Cards:         optimizer.MemoryNow(inForce, ds.Histories, now, e.study.Sched.DaysBetween),
		NewCards:      newCards,
		NewPerDay:     set.NewPerDay,
		ReviewsPerDay: set.ReviewsPerDay,
		MaxInterval:   set.MaximumInterval,
		Days:          365,
		Habits:        habits.Habits(),
		Seed:          o.seed,
	}
	levels := optimizer.SimulateRetention(cfg, optimizer.RetentionLevels())
	rep := retentionReport{Cards: len(cfg.Cards), NewCards: newCards, NewPerDay: set.NewPerDay, Days: cfg.Days, Seed: o.seed,
		Habits: cfg.Habits, Levels: levels, Recommended: optimizer.Recommend(levels).Retention, Current: set.DesiredRetention}
	if err := e.saveRetention(rep, now); err != nil {
		return err
	}
	if o.asJSON {
		return e.printJSON(rep)
	}
	e.printRetention(rep)
	return nil
}

// saveRetention keeps the run for the weekly summary, which draws its curve
// without simulating again.
func (e *env) saveRetention(rep retentionReport, at time.Time) error {
	run := storage.RetentionRun{At: at, Seed: rep.Seed, Days: rep.Days, Cards: rep.Cards, InForce: rep.Current,
		Recommended: rep.Recommended}
	for _, l := range rep.Levels {
		run.Levels = append(run.Levels, storage.RetentionLevel{Retention: l.Retention, MinutesPerDay: l.MinutesPerDay,
			ReviewsPerDay: l.ReviewsPerDay, Remembered: l.Remembered, SecondsPerCard: l.SecondsPerCard})
	}
	return e.db.SaveRetentionRun(e.ctx, run)
}

// printRetention shows every third level, the recommended one and the one
// in force, in a small table.
func (e *env) printRetention(rep retentionReport) {
	fmt.Fprintf(e.stdout, "The next %d days of your %s and %s (%d a day), under the weights in force,\n",
		rep.Days, deck.Plural(rep.Cards, "studied card", "studied cards"), deck.Plural(rep.NewCards, "new one", "new ones"), rep.NewPerDay)
	fmt.Fprintf(e.stdout, "with your answer times (%.0f s a new card, %.0f s a review, %.0f s a lapse) and ratings:\n\n",
		rep.Habits.LearnSeconds, rep.Habits.RecallSeconds, rep.Habits.ForgetSeconds)
	fmt.Fprintf(e.stdout, "%-9s %11s %11s %11s %14s\n", "retention", "min a day", "reviews/day", "remembered", "s a card kept")
	pct := func(r float64) int { return int(math.Round(r * 100)) }
	for i, l := range rep.Levels {
		mark := ""
		switch {
		case pct(l.Retention) == pct(rep.Recommended):
			mark = "  ← least time per card"
		case pct(l.Retention) == pct(rep.Current):
			mark = "  (in force)"
		case i%3 != 0 && i != len(rep.Levels)-1:
			continue
		}
		if pct(l.Retention) == pct(rep.Current) && pct(l.Retention) == pct(rep.Recommended) {
			mark += " (in force)"
		}
		fmt.Fprintf(e.stdout, "%-9s %11.1f %11.1f %11.0f %14.1f%s\n", fmt.Sprintf("%d%%", pct(l.Retention)),
			l.MinutesPerDay, l.ReviewsPerDay, l.Remembered, l.SecondsPerCard, mark)
	}
	fmt.Fprintf(e.stdout, "\nRecommended desired retention: %d%% (now %d%%). Set it with `loci config set desired_retention %.2f`.\n",
		pct(rep.Recommended), pct(rep.Current), rep.Recommended)
	if pct(rep.Recommended) == pct(rep.Levels[0].Retention) {
		fmt.Fprintln(e.stdout, "It is the lowest level simulated: less time per card kept, but more of your cards forgotten at any moment.")
	}
	fmt.Fprintln(e.stdout, "Saved: `loci summary --format html` draws the whole curve.")
}
