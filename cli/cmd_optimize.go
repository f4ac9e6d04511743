package cli

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/deck"
	"loci/scheduler"
	"loci/scheduler/optimizer"
)

// optimizeOptions are the flags of `loci optimize`.
type optimizeOptions struct {
	dryRun, asJSON, reschedule bool
	retention                  float64 // 0 when not given
}

// optimizeReport is what `loci optimize --json` prints. Metrics and weights
// are null when there were too few reviews to fit.
type optimizeReport struct {
	Reviews        int                `json:"reviews"` // reviews the weights were fitted and measured on
	Cards          int                `json:"cards"`
	LogLossDefault *float64           `json:"logloss_default"`
	LogLossFitted  *float64           `json:"logloss_fitted"`
	RMSEDefault    *float64           `json:"rmse_default"`
	RMSEFitted     *float64           `json:"rmse_fitted"`
	Weights        []float64          `json:"weights"`
	Saved          bool               `json:"saved"`
	Rescheduled    int                `json:"rescheduled"`    // cards whose schedule changed
	Note           string             `json:"note,omitempty"` // why nothing was fitted or saved
	inForce        *optimizer.Metrics // the weights in force, when they are not the defaults
}

func optimizeCmd(e *env) *cobra.Command {
	var o optimizeOptions
	cmd := &cobra.Command{
		Use:   "optimize [--dry-run] [--json] [--desired-retention R] [--reschedule]",
		Short: "Fit the FSRS weights to your own review history",
		Long: `Fit the 19 FSRS-5 weights to your review history, as Anki's optimizer
(fsrs-rs) does, and show log loss and RMSE (bins) for the default and the
fitted weights on the same reviews (lower is better). The fitted weights are
saved, and used from then on, only when they predict your reviews better
than the weights in force.

A review counts when it comes a learner day or more after the card's
previous one, on a card whose first review is in the log; at least ` + strconv.Itoa(optimizer.MinItems) + `
are needed, else nothing changes.

--desired-retention R also sets the retention target (0.70 to 0.99).
--reschedule recomputes every card's schedule from its history with the
weights and retention in force afterwards, in one transaction.
--dry-run fits and reports but saves and reschedules nothing.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("desired-retention") && !(o.retention >= 0.7 && o.retention <= 0.99) {
				return usagef("--desired-retention %v: want a number from 0.70 to 0.99", o.retention)
			}
			return e.withDB(func() error { return e.optimize(o) })
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "fit and report, but save and reschedule nothing")
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object: reviews, cards, logloss_default, logloss_fitted, rmse_default, rmse_fitted, weights, saved")
	f.Float64Var(&o.retention, "desired-retention", 0, "also set the desired retention (0.70 to 0.99)")
	f.BoolVar(&o.reschedule, "reschedule", false, "recompute every card's schedule from its history afterwards")
	return cmd
}

// trainingItems reads the review log and turns it into training items; the
// log itself is let go once the items hold what they need.
func (e *env) trainingItems() (optimizer.Dataset, error) {
	log, err := e.db.ReviewLog(e.ctx)
	if err != nil {
		return optimizer.Dataset{}, err
	}
	return optimizer.BuildItems(log, e.study.Sched.DaysBetween), nil
}

func (e *env) optimize(o optimizeOptions) error {
	ds, err := e.trainingItems()
	if err != nil {
		return err
	}
	rep := optimizeReport{Reviews: len(ds.Items), Cards: ds.Cards}
	if len(ds.Items) < optimizer.MinItems {
		rep.Note = fmt.Sprintf("too few reviews to fit weights: %d count, %d are needed; nothing changed",
			len(ds.Items), optimizer.MinItems)
		return e.printOptimize(rep, o)
	}
	var bar *progressbar.ProgressBar
	res, err := optimizer.Fit(e.ctx, ds.Items, func(p optimizer.Progress) {
		if bar == nil {
			bar = e.optimizeBar(p.Total)
		}
		if bar != nil {
			bar.Set(p.Done)
		}
	})
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	res.Weights = roundWeights(res.Weights) // what is saved is what is measured
	def, fit := optimizer.Evaluate(optimizer.DefaultWeights(), ds.Items), optimizer.Evaluate(res.Weights, ds.Items)
	rep.LogLossDefault, rep.LogLossFitted, rep.RMSEDefault, rep.RMSEFitted = &def.LogLoss, &fit.LogLoss, &def.RMSEBins, &fit.RMSEBins
	rep.Weights = res.Weights[:]
	best := def.LogLoss
	// The FSRS-5 optimizer measures weights in force that are FSRS-5's
	// (19 numbers, converted: w19 = 0, w20 = 0.5).
	if cur := e.cfg.Scheduler.Weights; e.cfg.IsSet("weights") && cur[19] == 0 && cur[20] == 0.5 {
		m := optimizer.Evaluate(optimizer.Weights(cur[:19]), ds.Items)
		rep.inForce, best = &m, min(best, m.LogLoss)
	}
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
		return e.printOptimize(rep, o)
	}
	if o.retention != 0 {
		if err := e.cfg.Set("desired_retention", strconv.FormatFloat(o.retention, 'f', -1, 64)); err != nil {
			return err
		}
	}
	if better {
		if err := e.cfg.Set("weights", joinWeights(res.Weights)); err != nil {
			return fmt.Errorf("save the fitted weights: %w", err)
		}
		if err := e.cfg.Set("weights_fitted_at", e.now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("record when the weights were fitted: %w", err)
		}
		rep.Saved = true
	}
	if o.reschedule {
		sched, err := scheduler.New(e.cfg.Scheduler)
		if err != nil {
			return err
		}
		rep.Rescheduled, err = e.db.Reschedule(e.ctx, func(id string, h []deck.LogEntry, _ deck.Schedule) (deck.Schedule, error) {
			return sched.Replay(id, h)
		})
		if err != nil {
			return err
		}
	}
	return e.printOptimize(rep, o)
}

// optimizeBar is a progress bar on stderr when stderr is a terminal, else nil.
func (e *env) optimizeBar(total int) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("fitting"),
		progressbar.OptionClearOnFinish(), progressbar.OptionShowCount())
}

// roundWeights rounds to 4 decimals, as Anki shows weights. The bounds are
// multiples of 0.001, so a rounded weight stays inside them.
func roundWeights(w optimizer.Weights) optimizer.Weights {
	for i := range w {
		w[i] = math.Round(w[i]*1e4) / 1e4
	}
	return w
}

func joinWeights(w optimizer.Weights) string {
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
	fmt.Fprintf(e.stdout, "Fitted the FSRS-5 weights to %d reviews of %d cards.\n\n", rep.Reviews, rep.Cards)
	fmt.Fprintf(e.stdout, "%-18s %9s %12s\n", "", "log loss", "RMSE (bins)")
	fmt.Fprintf(e.stdout, "%-18s %9.4f %12.4f\n", "default weights", *rep.LogLossDefault, *rep.RMSEDefault)
	if rep.inForce != nil {
		fmt.Fprintf(e.stdout, "%-18s %9.4f %12.4f\n", "weights in force", rep.inForce.LogLoss, rep.inForce.RMSEBins)
	}
	fmt.Fprintf(e.stdout, "%-18s %9.4f %12.4f\n\n", "fitted weights", *rep.LogLossFitted, *rep.RMSEFitted)
	fmt.Fprintf(e.stdout, "weights %s\n", joinWeights(optimizer.Weights(rep.Weights)))
	if rep.Saved {
		fmt.Fprintln(e.stdout, "Saved: the scheduler uses these weights from now on (see `loci config`).")
	} else {
		fmt.Fprintf(e.stdout, "%s.\n", capitalize(rep.Note))
	}
	if o.reschedule && !o.dryRun {
		fmt.Fprintf(e.stdout, "Rescheduled %d cards from their history.\n", rep.Rescheduled)
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
