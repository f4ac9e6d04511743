package cli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/config"
	"loci/deck"
	"loci/nudge"
	"loci/scheduler"
	"loci/scheduler/optimizer"
)

// optimizeOptions are the flags of `loci optimize`.
type optimizeOptions struct {
	dryRun, asJSON, reschedule bool
	retention                  float64 // 0 when not given
	simulate                   bool    // --retention: simulate the year ahead instead of fitting
	seed                       uint64
}

// optimizeReport is what `loci optimize --json` prints. Metrics and weights
// are null when there were too few reviews to fit; the split figures are
// null when the reviews could not be cut into time-series folds.
type optimizeReport struct {
	Reviews        int                `json:"reviews"` // reviews the weights were fitted and measured on
	Cards          int                `json:"cards"`
	LogLossDefault *float64           `json:"logloss_default"`
	LogLossFitted  *float64           `json:"logloss_fitted"`
	RMSEDefault    *float64           `json:"rmse_default"`
	RMSEFitted     *float64           `json:"rmse_fitted"`
	LogLossSplit   *float64           `json:"logloss_split"` // time-series splits: fitted on the past, scored on the future
	RMSESplit      *float64           `json:"rmse_split"`
	Weights        []float64          `json:"weights"`
	Saved          bool               `json:"saved"`
	Rescheduled    int                `json:"rescheduled"`          // cards whose schedule changed
	Note           string             `json:"note,omitempty"`       // why nothing was fitted or saved
	SplitNote      string             `json:"split_note,omitempty"` // why the split figures are null
	inForce        *optimizer.Metrics // the weights in force, when they are not the defaults
	best           float64            // the lower log loss of the default weights and those in force
}

func optimizeCmd(e *env) *cobra.Command {
	var o optimizeOptions
	cmd := &cobra.Command{
		Use:   "optimize [--dry-run] [--json] [--desired-retention R] [--reschedule] | --retention [--seed N] [--json]",
		Short: "Fit the FSRS weights to your own review history, or choose a desired retention",
		Long: `Fit the 21 FSRS-6 weights to your review history, as Anki's optimizer
(fsrs-rs) does, and show log loss and RMSE (bins) for the default and the
fitted weights on the same reviews (lower is better), and for weights
fitted on the past and scored on the reviews that came after
(time-series splits: how well fitting predicts your future). The fitted
weights are saved, and used from then on, only when they predict your
reviews better than the weights in force.

A review counts when it comes a learner day or more after the card's
previous one, on a card whose first review is in the log; at least ` + strconv.Itoa(optimizer.MinItems) + `
are needed, else nothing changes.

--desired-retention R also sets the retention target (0.70 to 0.99).
--reschedule recomputes every card's schedule from its history with the
weights and retention in force afterwards, in one transaction.
--dry-run fits and reports but saves and reschedules nothing.

--retention fits nothing: it simulates your collection for the next year
under the weights in force, with your own answer times and ratings from
the log and new cards at your daily limit, at each desired retention from
0.70 to 0.97, shows minutes and reviews a day and the cards remembered at
the end, and recommends the retention with the least time per remembered
card. --seed makes another draw of the simulation.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("desired-retention") && !(o.retention >= 0.7 && o.retention <= 0.99) {
				return usagef("--desired-retention %v: want a number from 0.70 to 0.99", o.retention)
			}
			if o.simulate && (o.dryRun || o.reschedule || o.retention != 0) {
				return usagef("--retention only simulates: it takes --seed and --json, not --dry-run, --reschedule or --desired-retention")
			}
			if o.simulate {
				return e.withDB(func() error { return e.chooseRetention(o) })
			}
			return e.withDB(func() error { return e.optimize(o) })
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "fit and report, but save and reschedule nothing")
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object: reviews, cards, logloss_default, logloss_fitted, rmse_default, rmse_fitted, logloss_split, rmse_split, weights, saved")
	f.Float64Var(&o.retention, "desired-retention", 0, "also set the desired retention (0.70 to 0.99)")
	f.BoolVar(&o.reschedule, "reschedule", false, "recompute every card's schedule from its history afterwards")
	f.BoolVar(&o.simulate, "retention", false, "simulate the next year at desired retentions 0.70 to 0.97 and recommend one")
	f.Uint64Var(&o.seed, "seed", 1, "with --retention: the simulation's random seed")
	return cmd
}

// reviewLog streams the review log card by card into the optimizer's
// builders: training items and card histories, and the learner's habits
// when habits is not nil. The log itself is never held whole.
func (e *env) reviewLog(ctx context.Context, days optimizer.DaysFunc, habits *optimizer.HabitCounter) (optimizer.Dataset, error) {
	b := optimizer.NewBuilder(days)
	err := e.db.EachCardLog(ctx, func(h []deck.LogEntry) error {
		b.Add(h)
		if habits != nil {
			habits.Add(h)
		}
		return nil
	})
	if err != nil {
		return optimizer.Dataset{}, err
	}
	return b.Dataset(), nil
}

// optimizeHeap is the soft limit on the Go heap while optimizing: the
// fits of a large log hold about 60 MB live, and the garbage collector
// would let the heap grow to twice that before collecting; near this limit
// it collects sooner instead (DESIGN.md: under 150 MB on 1M reviews).
const optimizeHeap = 96 << 20

func (e *env) optimize(o optimizeOptions) error {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(optimizeHeap))
	rep, err := e.fitWeights(e.ctx, e.cfg, o, e.newBar("fitting"))
	if err != nil {
		return err
	}
	return e.printOptimize(rep, o)
}

// fitWeights fits the weights to the review log, measures them, and (unless
// a dry run) saves them in cfg when they predict better than the weights in
// force, sets the desired retention and reschedules as o asks. `loci
// optimize` and the daemon's optimize job both use it.
func (e *env) fitWeights(ctx context.Context, cfg *config.Config, o optimizeOptions, bar *bar) (optimizeReport, error) {
	sched, err := scheduler.New(cfg.Scheduler)
	if err != nil {
		return optimizeReport{}, err
	}
	ds, err := e.reviewLog(ctx, sched.DaysBetween, nil)
	if err != nil {
		return optimizeReport{}, err
	}
	inForce := cfg.Scheduler.Weights
	rep := optimizeReport{Reviews: len(ds.Items), Cards: ds.Cards}
	if len(ds.Items) < optimizer.MinItems {
		rep.Note = fmt.Sprintf("too few reviews to fit weights: %s so far, %d needed; nothing changed",
			deck.Plural(len(ds.Items), "review", "reviews"), optimizer.MinItems)
		return rep, nil
	}
	res, split, err := optimizer.FitWithSplits(ctx, ds.Items, optimizer.FSRS6, bar.set)
	bar.finish()
	splitErr := err
	if errors.Is(err, optimizer.ErrSplits) {
		err = nil // the fit stands; only scoring it on the future failed
	}
	if err != nil {
		return rep, fmt.Errorf("optimize: %w", err)
	}
	res.Weights = roundWeights(res.Weights) // what is saved is what is measured
	def, fit := optimizer.Evaluate(optimizer.DefaultWeights(), ds.Items), optimizer.Evaluate(res.Weights, ds.Items)
	rep.LogLossDefault, rep.LogLossFitted, rep.RMSEDefault, rep.RMSEFitted = &def.LogLoss, &fit.LogLoss, &def.RMSEBins, &fit.RMSEBins
	if splitErr == nil {
		rep.LogLossSplit, rep.RMSESplit = &split.LogLoss, &split.RMSEBins
	} else {
		rep.SplitNote = "not scored on the future: " + splitErr.Error()
	}
	rep.Weights = res.Weights[:]
	best := def.LogLoss
	if inForce != optimizer.DefaultWeights() {
		m := optimizer.Evaluate(inForce, ds.Items)
		rep.inForce, best = &m, min(best, m.LogLoss)
	}
	rep.best = best
	better := fit.LogLoss < best
	switch {
	case o.dryRun && o.reschedule:
		rep.Note = "dry run: nothing saved or rescheduled"
	case o.dryRun:
		rep.Note = "dry run: nothing saved"
	case !better:
		rep.Note = "the fitted weights predict your reviews no better than the weights in force: not saved"
	}
	if o.dryRun {
		return rep, nil
	}
	if o.retention != 0 {
		if err := cfg.Set("desired_retention", strconv.FormatFloat(o.retention, 'f', -1, 64)); err != nil {
			return rep, err
		}
	}
	if better {
		if err := cfg.Set("weights", joinWeights(res.Weights[:])); err != nil {
			return rep, fmt.Errorf("save the fitted weights: %w", err)
		}
		if err := cfg.Set("weights_fitted_at", e.now().UTC().Format(time.RFC3339)); err != nil {
			return rep, fmt.Errorf("record when the weights were fitted: %w", err)
		}
		rep.Saved = true
	}
	if o.reschedule {
		sched, err := scheduler.New(cfg.Scheduler)
		if err != nil {
			return rep, err
		}
		rep.Rescheduled, err = e.db.Reschedule(ctx, func(id string, h []deck.LogEntry, _ deck.Schedule) (deck.Schedule, error) {
			return sched.Replay(id, h)
		})
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// refit is the daemon's optimize job: fitWeights with cfg, saving only
// better weights, rescheduling nothing.
func (e *env) refit(cfg *config.Config) nudge.RefitFunc {
	return func(ctx context.Context) (nudge.Refit, error) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(optimizeHeap))
		rep, err := e.fitWeights(ctx, cfg, optimizeOptions{}, e.newBar(""))
		if err != nil {
			return nudge.Refit{}, err
		}
		r := nudge.Refit{Saved: rep.Saved, Reviews: rep.Reviews}
		if rep.LogLossFitted == nil {
			r.Note = rep.Note
			return r, nil
		}
		r.Before, r.After = rep.best, *rep.LogLossFitted
		return r, nil
	}
}

// bar is a progress bar on stderr when stderr is a terminal; its methods do
// nothing otherwise.
type bar struct {
	e     *env
	label string
	pb    *progressbar.ProgressBar
}

func (e *env) newBar(label string) *bar { return &bar{e: e, label: label} }

func (b *bar) set(done, total int) {
	if b.pb == nil {
		f, ok := b.e.stderr.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return
		}
		b.pb = progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(b.label),
			progressbar.OptionClearOnFinish(), progressbar.OptionShowCount())
	}
	b.pb.Set(done)
}

func (b *bar) finish() {
	if b.pb != nil {
		b.pb.Finish()
	}
}

// roundWeights rounds to 4 decimals, as Anki shows weights. The bounds are
// multiples of 0.001, so a rounded weight stays inside them.
func roundWeights(w optimizer.Weights) optimizer.Weights {
	for i := range w {
		w[i] = math.Round(w[i]*1e4) / 1e4
	}
	return w
}

func joinWeights(w []float64) string {
	parts := make([]string, len(w))
	for i, v := range w {
		parts[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strings.Join(parts, ",")
}

func (e *env) printOptimize(rep optimizeReport, o optimizeOptions) error {
	if o.asJSON {
		return e.printJSON(rep)
	}
	if rep.LogLossFitted == nil {
		fmt.Fprintf(e.stdout, "%s (a review counts when it comes a day or more after the card's previous one).\n", capitalize(rep.Note))
		return nil
	}
	fmt.Fprintf(e.stdout, "Fitted the FSRS-6 weights to %s of %s.\n\n",
		deck.Plural(rep.Reviews, "review", "reviews"), deck.Plural(rep.Cards, "card", "cards"))
	fmt.Fprintf(e.stdout, "%-26s %9s %12s\n", "", "log loss", "RMSE (bins)")
	fmt.Fprintf(e.stdout, "%-26s %9.4f %12.4f\n", "default weights", *rep.LogLossDefault, *rep.RMSEDefault)
	if rep.inForce != nil {
		fmt.Fprintf(e.stdout, "%-26s %9.4f %12.4f\n", "weights in force", rep.inForce.LogLoss, rep.inForce.RMSEBins)
	}
	fmt.Fprintf(e.stdout, "%-26s %9.4f %12.4f\n", "fitted weights", *rep.LogLossFitted, *rep.RMSEFitted)
	if rep.LogLossSplit != nil {
		fmt.Fprintf(e.stdout, "%-26s %9.4f %12.4f\n", "fitted on the past, future", *rep.LogLossSplit, *rep.RMSESplit)
		fmt.Fprintf(e.stdout, "(the last row: fitted on the older reviews and scored on the newer ones, in %d time-series splits)\n\n",
			optimizer.Splits)
	} else {
		fmt.Fprintf(e.stdout, "(%s)\n\n", rep.SplitNote)
	}
	fmt.Fprintf(e.stdout, "weights %s\n", joinWeights(rep.Weights))
	if rep.Saved {
		fmt.Fprintln(e.stdout, "Saved: the scheduler uses these weights from now on (see `loci config`).")
	} else {
		fmt.Fprintf(e.stdout, "%s.\n", capitalize(rep.Note))
	}
	if o.reschedule && !o.dryRun {
		fmt.Fprintf(e.stdout, "Rescheduled %s from their history.\n", deck.Plural(rep.Rescheduled, "card", "cards"))
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
