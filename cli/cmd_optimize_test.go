package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/config"
	"loci/deck"
	"loci/scheduler"
	"loci/scheduler/optimizer"
	"loci/storage"
)

// runLoci runs loci in-process with args and returns stdout, stderr and the
// exit code.
func runLoci(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// seedHistory fills a database with the log of a simulated learner whose
// memory follows FSRS with weights other than the defaults.
func seedHistory(t *testing.T, path string) []deck.LogEntry {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	truth := optimizer.Weights{1.2, 2.8, 7.5, 30, 5.0, 1.2, 0.8, 0.05, 1.0, 0.3, 1.6, 1.2, 0.2, 0.45,
		1.5, 0.5, 2.0, 0.8, 0.3}
	log := optimizer.Simulate(optimizer.SimConfig{Weights: truth, Scheduler: optimizer.DefaultWeights(),
		Cards: 500, Reviews: 7000, Seed: 3, Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)})
	set := &deck.Set{History: log}
	seen := map[string]bool{}
	for _, e := range log {
		if !seen[e.CardID] {
			seen[e.CardID] = true
			set.Cards = append(set.Cards, deck.Card{ID: e.CardID, Deck: "Sim", Kind: deck.Basic, Front: e.CardID, Back: "-"})
		}
	}
	set2 := scheduler.DefaultSettings()
	set2.Location = time.UTC
	sched, err := scheduler.New(set2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, set, log[0].At, storage.ImportOptions{Origin: "sim", Replay: sched.ReplayLog}); err != nil {
		t.Fatal(err)
	}
	return log
}

type optimizeJSON struct {
	Reviews, Cards, Rescheduled int
	LogLossDefault              *float64 `json:"logloss_default"`
	LogLossFitted               *float64 `json:"logloss_fitted"`
	RMSEDefault                 *float64 `json:"rmse_default"`
	RMSEFitted                  *float64 `json:"rmse_fitted"`
	Weights                     []float64
	Saved                       bool
}

func TestOptimizeCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath, cfgPath := filepath.Join(dir, "loci.db"), filepath.Join(dir, "config.toml")
	t.Setenv("LOCI_CONFIG", cfgPath)
	t.Setenv("LOCI_NOW", "2026-11-28T09:00:00Z")
	t.Setenv("TZ", "UTC")
	log := seedHistory(t, dbPath)

	// A dry run reports and writes nothing.
	out, stderr, code := runLoci(t, "--db", dbPath, "optimize", "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("optimize --dry-run: exit %d\n%s", code, stderr)
	}
	var r optimizeJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Reviews < optimizer.MinItems || r.Cards < 400 || len(r.Weights) != 19 || r.Saved || r.LogLossFitted == nil ||
		!(*r.LogLossFitted < *r.LogLossDefault) || !(*r.RMSEFitted < *r.RMSEDefault) {
		t.Fatalf("dry run = %s", out)
	}
	if _, err := os.Stat(cfgPath); err == nil {
		t.Fatalf("a dry run wrote the settings file")
	}

	// A real run saves the weights, the time and the retention, and
	// reschedules every card from its history with them.
	out, stderr, code = runLoci(t, "--db", dbPath, "optimize", "--json", "--reschedule", "--desired-retention", "0.85")
	if code != 0 {
		t.Fatalf("optimize: exit %d\n%s", code, stderr)
	}
	var r2 optimizeJSON
	if err := json.Unmarshal([]byte(out), &r2); err != nil {
		t.Fatal(err)
	}
	if !r2.Saved || r2.Rescheduled < 400 || fmt.Sprint(r2.Weights) != fmt.Sprint(r.Weights) {
		t.Fatalf("optimize = %s; want saved, cards rescheduled, the dry run's weights", out)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if at, _ := cfg.Get("weights_fitted_at"); at != "2026-11-28T09:00:00Z" || cfg.Scheduler.DesiredRetention != 0.85 {
		t.Errorf("settings after optimize: fitted at %q, retention %v", at, cfg.Scheduler.DesiredRetention)
	}
	for i, w := range r.Weights {
		if cfg.Scheduler.Weights[i] != w {
			t.Errorf("saved w[%d] = %v, fitted %v", i, cfg.Scheduler.Weights[i], w)
		}
	}
	if w := cfg.Scheduler.Weights; len(r.Weights) == 19 && (w[19] != 0 || w[20] != 0.5) {
		t.Errorf("19 fitted weights read as w19 %v, w20 %v; want FSRS-5's 0 and 0.5", w[19], w[20])
	}
	// A card's schedule is what replaying its history with the new
	// settings gives.
	sched, err := scheduler.New(cfg.Scheduler)
	if err != nil {
		t.Fatal(err)
	}
	id := log[0].CardID
	var hist []deck.LogEntry
	for _, e := range log {
		if e.CardID == id {
			hist = append(hist, e)
		}
	}
	db, err := storage.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Card(context.Background(), id)
	db.Close()
	if err != nil || c == nil {
		t.Fatal(err)
	}
	want, err := sched.Replay(id, hist)
	if err != nil {
		t.Fatal(err)
	}
	if c.Schedule.Stability != want.Stability || !c.Schedule.Due.Equal(want.Due) {
		t.Errorf("card %s after --reschedule: %+v, want %+v", id, c.Schedule, want)
	}

	// Fitting again gives the same weights: no better than those in force.
	out, _, code = runLoci(t, "--db", dbPath, "optimize")
	if code != 0 || !strings.Contains(out, "weights in force") || !strings.Contains(out, "not saved") {
		t.Errorf("second optimize: exit %d\n%s", code, out)
	}
}

func TestOptimizeTooFewAndUsage(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LOCI_CONFIG", filepath.Join(dir, "config.toml"))
	dbPath := filepath.Join(dir, "loci.db")
	out, _, code := runLoci(t, "--db", dbPath, "optimize", "--json")
	var r optimizeJSON
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil || r.Saved || r.Reviews != 0 || r.LogLossFitted != nil || r.Weights != nil {
		t.Errorf("optimize on an empty log: exit %d, %v\n%s", code, err, out)
	}
	if out, _, _ := runLoci(t, "--db", dbPath, "optimize"); !strings.Contains(out, "Too few reviews") {
		t.Errorf("text output: %q", out)
	}
	if _, stderr, code := runLoci(t, "--db", dbPath, "optimize", "--desired-retention", "1.5"); code != exitUsage ||
		!strings.Contains(stderr, "0.70 to 0.99") {
		t.Errorf("bad retention: exit %d, %q", code, stderr)
	}
}
