package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"

	"loci/scheduler/optimizer"
)

// lociReport is the part of `loci optimize --json` compare reads.
type lociReport struct {
	Reviews       int       `json:"reviews"`
	Cards         int       `json:"cards"`
	LogLossFitted *float64  `json:"logloss_fitted"`
	Weights       []float64 `json:"weights"`
}

// fsrsReport is what fsrs.mjs prints.
type fsrsReport struct {
	Weights  []float64 `json:"weights"`
	Seconds  float64   `json:"seconds"` // computeParameters alone
	Evaluate struct {
		LogLoss  float64 `json:"logLoss"`
		RMSEBins float64 `json:"rmseBins"`
	} `json:"evaluate"` // fsrs-rs's own evaluate of its weights
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
	if len(w) != len(out) {
		return out, fmt.Errorf("%s: %d weights, want 19", name, len(w))
	}
	copy(out[:], w)
	return out, nil
}

// compare evaluates loci's and fsrs-rs's weights with the same metrics on
// the same items and prints the figures and ratios.
func compare(args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	dbPath := fs.String("db", "", "loci database")
	lociPath := fs.String("loci", "", "output of loci optimize --dry-run --json")
	fsrsPath := fs.String("fsrs", "", "output of fsrs.mjs")
	lociSec := fs.Float64("loci-seconds", 0, "wall time of the loci process")
	nodeSec := fs.Float64("node-seconds", 0, "wall time of the node process")
	name := fs.String("name", "", "name of the log")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" || *lociPath == "" || *fsrsPath == "" {
		return errors.New("want -db, -loci and -fsrs")
	}
	var lr lociReport
	var fr fsrsReport
	if err := readJSON(*lociPath, &lr); err != nil {
		return err
	}
	if err := readJSON(*fsrsPath, &fr); err != nil {
		return err
	}
	lw, err := weights(*lociPath, lr.Weights)
	if err != nil {
		return err
	}
	fw, err := weights(*fsrsPath, fr.Weights)
	if err != nil {
		return err
	}
	ds, err := dbItems(*dbPath)
	if err != nil {
		return err
	}
	def := optimizer.Evaluate(optimizer.DefaultWeights(), ds.Items)
	lm, fm := optimizer.Evaluate(lw, ds.Items), optimizer.Evaluate(fw, ds.Items)
	if lr.LogLossFitted == nil || math.Abs(*lr.LogLossFitted-lm.LogLoss) > 1e-9 || lr.Reviews != len(ds.Items) {
		return fmt.Errorf("loci's report (%d reviews) does not match the database's %d items", lr.Reviews, len(ds.Items))
	}
	fmt.Printf("== %s: %d log entries used, %d reviews of %d cards measured\n", *name, ds.Reviews, len(ds.Items), ds.Cards)
	fmt.Printf("%-30s %9s %12s %10s\n", "", "log loss", "RMSE (bins)", "wall time")
	fmt.Printf("%-30s %9.4f %12.4f\n", "default weights", def.LogLoss, def.RMSEBins)
	fmt.Printf("%-30s %9.4f %12.4f %9.2fs  (whole process)\n", "loci optimize", lm.LogLoss, lm.RMSEBins, *lociSec)
	fmt.Printf("%-30s %9.4f %12.4f %9.2fs  (computeParameters; node process %.2fs)\n", "fsrs-rs 0.9 (fsrs-rs-nodejs)",
		fm.LogLoss, fm.RMSEBins, fr.Seconds, *nodeSec)
	fmt.Printf("%-30s %9.4f %12.4f  (fsrs-rs's own evaluate, for reference)\n", "  fsrs-rs weights, by fsrs-rs", fr.Evaluate.LogLoss, fr.Evaluate.RMSEBins)
	ratio := lm.LogLoss / fm.LogLoss
	speed := *lociSec / fr.Seconds
	fmt.Printf("log loss loci / fsrs-rs  %.4f  (target <= 1.01: %s)\n", ratio, verdict(ratio <= 1.01))
	fmt.Printf("RMSE     loci / fsrs-rs  %.4f\n", lm.RMSEBins/fm.RMSEBins)
	fmt.Printf("time     loci / fsrs-rs  %.4f  (target < 1: %s; %.1fx faster)\n", speed, verdict(speed < 1), 1/speed)
	for i, v := range fw {
		if v < optimizer.Bounds[i][0] || v > optimizer.Bounds[i][1] {
			fmt.Printf("note: fsrs-rs w[%d] = %v is outside what loci accepts [%v, %v]; evaluated as go-fsrs would use it\n",
				i, v, optimizer.Bounds[i][0], optimizer.Bounds[i][1])
		}
	}
	fmt.Printf("loci    weights %v\nfsrs-rs weights %v\n\n", round4(lw), round4(fw))
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
