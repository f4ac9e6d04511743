package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"

	"loci/scheduler/optimizer"
)

// lociReport is the part of `loci optimize --json` compare reads.
type lociReport struct {
	Reviews       int       `json:"reviews"`
	Cards         int       `json:"cards"`
	LogLossFitted *float64  `json:"logloss_fitted"`
	LogLossSplit  *float64  `json:"logloss_split"`
	RMSESplit     *float64  `json:"rmse_split"`
	Weights       []float64 `json:"weights"`
}

type metrics struct {
	LogLoss  float64 `json:"logLoss"`
	RMSEBins float64 `json:"rmseBins"`
}

// fsrs6Report is what npm/fsrs6.mjs prints.
type fsrs6Report struct {
	Items        [][][2]int `json:"items"`
	Weights      []float64  `json:"weights"`
	Seconds      float64    `json:"seconds"`    // computeParameters alone
	CPUSeconds   float64    `json:"cpuSeconds"` // its CPU time, all threads
	Fitted       metrics    `json:"fitted"`
	Default      metrics    `json:"default"`
	Split        metrics    `json:"split"`
	SplitSeconds float64    `json:"splitSeconds"`
	Other        metrics    `json:"other"` // loci's weights, by the binding's evaluate
}

// fsrs5Report is what npm/fsrs5.mjs prints.
type fsrs5Report struct {
	Weights []float64 `json:"weights"`
	Seconds float64   `json:"seconds"`
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func weights(name string, w []float64) (optimizer.Weights, error) {
	var out optimizer.Weights
	switch len(w) {
	case len(out):
		copy(out[:], w)
		return out, nil
	case 19:
		return optimizer.FromFSRS5([19]float64(w)), nil
	}
	return out, fmt.Errorf("%s: %d weights, want 21 or 19", name, len(w))
}

// sameItems reports whether the binding built the items loci built, in any
// order.
func sameItems(a []optimizer.Item, b [][][2]int) bool {
	key := func(pairs [][2]int) string { return fmt.Sprint(pairs) }
	if len(a) != len(b) {
		return false
	}
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, it := range a {
		p := make([][2]int, len(it))
		for k, r := range it {
			p[k] = [2]int{int(r.Rating), int(r.DeltaT)}
		}
		ka[i], kb[i] = key(p), key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// compare evaluates every weight set with the same metrics on the same
// items and prints the figures and ratios.
func compare(args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	dbPath := fs.String("db", "", "loci database")
	lociPath := fs.String("loci", "", "output of loci optimize --dry-run --json")
	f6Path := fs.String("fsrs6", "", "output of npm/fsrs6.mjs")
	f5Path := fs.String("fsrs5", "", "output of npm/fsrs5.mjs")
	lociSec := fs.Float64("loci-seconds", 0, "wall time of the loci process")
	lociCPU := fs.Float64("loci-cpu", 0, "CPU time (user + system) of the loci process")
	name := fs.String("name", "", "name of the log")
	truth := fs.Bool("truth", false, "the log is optimizer.ExampleLearner's: show its weights too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" || *lociPath == "" || *f6Path == "" || *f5Path == "" {
		return errors.New("want -db, -loci, -fsrs6 and -fsrs5")
	}
	var lr lociReport
	var f6 fsrs6Report
	var f5 fsrs5Report
	for path, v := range map[string]any{*lociPath: &lr, *f6Path: &f6, *f5Path: &f5} {
		if err := readJSON(path, v); err != nil {
			return err
		}
	}
	lw, err := weights(*lociPath, lr.Weights)
	if err != nil {
		return err
	}
	w6, err := weights(*f6Path, f6.Weights)
	if err != nil {
		return err
	}
	w5, err := weights(*f5Path, f5.Weights)
	if err != nil {
		return err
	}
	ds, err := dbItems(*dbPath)
	if err != nil {
		return err
	}
	if lr.LogLossFitted == nil || lr.LogLossSplit == nil || lr.Reviews != len(ds.Items) {
		return fmt.Errorf("loci's report (%d reviews) does not match the database's %d items", lr.Reviews, len(ds.Items))
	}
	loci5, err := optimizer.FitModel(context.Background(), ds.Items, optimizer.FSRS5, nil)
	if err != nil {
		return err
	}
	filtered := optimizer.OutlierFiltered(ds.Items)
	lociSplitB, err := optimizer.EvaluateSplits(context.Background(), filtered, optimizer.FSRS6, nil)
	if err != nil {
		return err
	}

	same := "the same items"
	if !sameItems(ds.Items, f6.Items) {
		same = fmt.Sprintf("DIFFERENT items (%d)", len(f6.Items))
	}
	fmt.Printf("== %s: %d log entries used, %d reviews of %d cards measured; the FSRS-6 binding built %s\n",
		*name, ds.Reviews, len(ds.Items), ds.Cards, same)
	row := func(label string, m optimizer.Metrics, note string) {
		fmt.Printf("  %-34s %9.4f %12.4f  %s\n", label, m.LogLoss, m.RMSEBins, note)
	}
	fmt.Printf("A. loci's protocol: all %d items in time order (recency weights; splits: 5 folds over them)\n", len(ds.Items))
	fmt.Printf("  %-34s %9s %12s\n", "in-sample", "log loss", "RMSE (bins)")
	lm := optimizer.Evaluate(lw, ds.Items)
	m6 := optimizer.Evaluate(w6, ds.Items)
	row("default FSRS-6 weights", optimizer.Evaluate(optimizer.DefaultWeights(), ds.Items), "")
	row("loci FSRS-6", lm, "")
	row("fsrs-rs 6.5 FSRS-6 (binding 0.5.0)", m6, "")
	row("loci FSRS-5 (w19 = 0, w20 = 0.5)", optimizer.Evaluate(loci5.Weights, ds.Items), "")
	row("fsrs-rs 0.9 FSRS-5 (nodejs 0.9.0)", optimizer.Evaluate(w5, ds.Items), "")
	if *truth {
		row("the true weights (ExampleLearner)", optimizer.Evaluate(optimizer.ExampleLearner, ds.Items), "")
	}
	row("loci FSRS-6, time-series splits", optimizer.Metrics{LogLoss: *lr.LogLossSplit, RMSEBins: *lr.RMSESplit}, "")

	fmt.Printf("B. fsrs-rs binding's protocol: %d outlier-filtered items, pre-training items first\n", len(filtered))
	row("default FSRS-6, by fsrs-rs", optimizer.Metrics{LogLoss: f6.Default.LogLoss, RMSEBins: f6.Default.RMSEBins}, "")
	row("loci FSRS-6, by fsrs-rs", optimizer.Metrics{LogLoss: f6.Other.LogLoss, RMSEBins: f6.Other.RMSEBins},
		fmt.Sprintf("(by loci: %.4f)", optimizer.Evaluate(lw, filtered).LogLoss))
	row("fsrs-rs FSRS-6, by fsrs-rs", optimizer.Metrics{LogLoss: f6.Fitted.LogLoss, RMSEBins: f6.Fitted.RMSEBins},
		fmt.Sprintf("(by loci: %.4f)", optimizer.Evaluate(w6, filtered).LogLoss))
	row("loci FSRS-6, time-series splits", lociSplitB, "")
	row("fsrs-rs FSRS-6, time-series splits", optimizer.Metrics{LogLoss: f6.Split.LogLoss, RMSEBins: f6.Split.RMSEBins}, "")

	inA, inB := lm.LogLoss/m6.LogLoss, f6.Other.LogLoss/f6.Fitted.LogLoss
	split := lociSplitB.LogLoss / f6.Split.LogLoss
	speed := *lociSec / f6.Seconds
	fmt.Printf("log loss in-sample loci / fsrs-rs  %.4f (A)  %.4f (B)  (target <= 1.01: %s)\n", inA, inB, verdict(max(inA, inB) <= 1.01))
	fmt.Printf("log loss splits    loci / fsrs-rs  %.4f (B)  (target <= 1.01: %s)\n", split, verdict(split <= 1.01))
	fmt.Printf("RMSE (bins)        loci / fsrs-rs  %.4f (A)  %.4f (B)\n", lm.RMSEBins/m6.RMSEBins, f6.Other.RMSEBins/f6.Fitted.RMSEBins)
	cpu := *lociCPU / f6.CPUSeconds
	fmt.Printf("time: loci optimize (whole process: fit + 5 split fits) %.2fs wall, %.2fs CPU; fsrs-rs computeParameters alone "+
		"%.2fs wall, %.2fs CPU, its splits %.2fs; FSRS-5 computeParameters %.2fs\n", *lociSec, *lociCPU, f6.Seconds,
		f6.CPUSeconds, f6.SplitSeconds, f5.Seconds)
	fmt.Printf("time  loci / fsrs-rs computeParameters  %.3f wall (target < 1: %s; %.1fx faster), %.3f CPU\n", speed,
		verdict(speed < 1), 1/speed, cpu)
	fmt.Printf("loci FSRS-6    %v\nfsrs-rs FSRS-6 %v\nloci FSRS-5    %v\nfsrs-rs FSRS-5 %v\n", round4(lw), round4(w6),
		round4(loci5.Weights), round4(w5))
	if *truth {
		fmt.Printf("true weights   %v\n", round4(optimizer.ExampleLearner))
	}
	fmt.Println()
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func round4(w optimizer.Weights) []float64 {
	out := make([]float64, len(w))
	for i, v := range w {
		out[i] = math.Round(v*1e4) / 1e4
	}
	return out
}
