package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// simulated is seedHistory's database, made once per test binary: the
// import of its 7000 reviews is most of the optimize tests' time.
var simulated struct {
	once sync.Once
	db   []byte
	log  []deck.LogEntry
	err  error
}

// seedHistory writes to path a database holding the log of a simulated
// learner whose memory follows FSRS-6 with hand-chosen weights other than
// the defaults, and returns the log.
func seedHistory(t *testing.T, path string) []deck.LogEntry {
	t.Helper()
	simulated.once.Do(func() {
		dir, err := os.MkdirTemp("", "loci-simulated-")
		if err != nil {
			simulated.err = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "loci.db")
		if simulated.log, simulated.err = importSimulated(db); simulated.err == nil {
			simulated.db, simulated.err = os.ReadFile(db)
		}
	})
	if simulated.err != nil {
		t.Fatalf("simulated collection: %v", simulated.err)
	}
	if err := os.WriteFile(path, simulated.db, 0o600); err != nil {
		t.Fatal(err)
	}
	return simulated.log
}

// importSimulated makes the database at path: the simulated log imported
// as loci imports a review history, replayed to schedule each card. It
// closes the database, so that the file alone holds everything.
func importSimulated(path string) ([]deck.LogEntry, error) {
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	log := optimizer.Simulate(optimizer.SimConfig{Weights: optimizer.ExampleLearner, Scheduler: optimizer.DefaultWeights(),
		Cards: 500, Reviews: 7000, Seed: 3, Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)})
	set := &deck.Set{History: log}
	seen := map[string]bool{}
	for _, e := range log {
		if !seen[e.CardID] {
			seen[e.CardID] = true
			set.Cards = append(set.Cards, deck.Card{ID: e.CardID, Deck: "Sim", Kind: deck.Basic, Front: e.CardID, Back: "-"})
		}
	}
	settings := scheduler.DefaultSettings()
	settings.Location = time.UTC
	sched, err := scheduler.New(settings)
	if err == nil {
		_, err = db.Import(ctx, set, log[0].At, storage.ImportOptions{Origin: "sim", Replay: sched.ReplayLog})
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if st, serr := os.Stat(path + "-wal"); err == nil && serr == nil && st.Size() > 0 {
		err = fmt.Errorf("%s-wal holds %d bytes after the database was closed", path, st.Size())
	}
	return log, err
}

type optimizeJSON struct {
	Reviews, Cards, Rescheduled int
	LogLossDefault              *float64 `json:"logloss_default"`
	LogLossFitted               *float64 `json:"logloss_fitted"`
	RMSEDefault                 *float64 `json:"rmse_default"`
	RMSEFitted                  *float64 `json:"rmse_fitted"`
	LogLossSplit                *float64 `json:"logloss_split"`
	RMSESplit                   *float64 `json:"rmse_split"`
	Weights                     []float64
	Saved                       bool
}

// simulatedCollection makes a scratch database of seedHistory's learner
// and points loci's settings and clock at the scratch folder.
func simulatedCollection(t *testing.T) (dbPath, cfgPath string, log []deck.LogEntry) {
	t.Helper()
	dir := t.TempDir()
	dbPath, cfgPath = filepath.Join(dir, "loci.db"), filepath.Join(dir, "config.toml")
	t.Setenv("LOCI_CONFIG", cfgPath)
	t.Setenv("LOCI_NOW", "2026-11-28T09:00:00Z")
	t.Setenv("TZ", "UTC")
	return dbPath, cfgPath, seedHistory(t, dbPath)
}

func TestOptimizeCommand(t *testing.T) {
	dbPath, cfgPath, log := simulatedCollection(t)

	// A dry run reports and writes nothing.
	out, stderr, code := runLoci(t, "--db", dbPath, "optimize", "--dry-run", "--json")
	if code != 0 {
		t.Fatalf("optimize --dry-run: exit %d\n%s", code, stderr)
	}
	var r optimizeJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Reviews < optimizer.MinItems || r.Cards < 400 || len(r.Weights) != 21 || r.Saved || r.LogLossFitted == nil ||
		!(*r.LogLossFitted < *r.LogLossDefault) || !(*r.RMSEFitted < *r.RMSEDefault) {
		t.Fatalf("dry run = %s", out)
	}
	// Fitted on the past and scored on the future, the weights do worse
	// than in-sample but better than the defaults on the same reviews.
	if r.LogLossSplit == nil || r.RMSESplit == nil || !(*r.LogLossSplit > *r.LogLossFitted && *r.LogLossSplit < *r.LogLossDefault) {
		t.Fatalf("dry run splits = %s", out)
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
	if code != 0 || !strings.Contains(out, "weights in force") || !strings.Contains(out, "not saved") ||
		!strings.Contains(out, "fitted on the past, future") {
		t.Errorf("second optimize: exit %d\n%s", code, out)
	}
}

type retentionJSON struct {
	Cards, NewCards int
	Levels          []optimizer.RetentionLevel
	Recommended     float64
	Current         float64
}

// --retention simulates the collection at 28 levels, the same way for the
// same seed, and recommends the level with the least time per remembered
// card; it changes no setting, and saves the run for the weekly summary,
// whose HTML then draws the curve and whose JSON carries its numbers.
func TestOptimizeRetention(t *testing.T) {
	dbPath, cfgPath, _ := simulatedCollection(t)
	if out, _, code := runLoci(t, "--db", dbPath, "summary", "--format", "html"); code != 0 ||
		strings.Contains(out, `<svg id="curve"`) || !strings.Contains(out, "No desired-retention curve yet") {
		t.Errorf("HTML summary before any simulation: exit %d, want a line on how to get the curve", code)
	}
	run := func(args ...string) retentionJSON {
		t.Helper()
		out, stderr, code := runLoci(t, append([]string{"--db", dbPath, "optimize", "--retention", "--json"}, args...)...)
		var r retentionJSON
		if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
			t.Fatalf("optimize --retention: exit %d, %v\n%s%s", code, err, out, stderr)
		}
		return r
	}
	a, b, c := run(), run(), run("--seed", "2")
	if fmt.Sprint(a) != fmt.Sprint(b) || fmt.Sprint(a) == fmt.Sprint(c) {
		t.Errorf("seed 1 twice gave different results, or seed 2 the same")
	}
	if a.Cards != 500 || len(a.Levels) != 28 || a.Levels[0].Retention != 0.70 || a.Levels[27].Retention != 0.97 {
		t.Fatalf("report: %d cards, %d levels", a.Cards, len(a.Levels))
	}
	if best := optimizer.Recommend(a.Levels); best.Retention != a.Recommended || best.SecondsPerCard <= 0 {
		t.Errorf("recommended %v, least time per card at %+v", a.Recommended, best)
	}
	out, _, code := runLoci(t, "--db", dbPath, "optimize", "--retention")
	if code != 0 || !strings.Contains(out, "least time per card") || !strings.Contains(out, "Recommended desired retention") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(cfgPath); err == nil {
		t.Errorf("--retention wrote the settings file")
	}
	// The latest run (seed 1, as a) is the one the summary shows.
	out, _, code = runLoci(t, "--db", dbPath, "summary", "--format", "json")
	var sum struct {
		Curve *struct {
			Seed        uint64                     `json:"seed"`
			Recommended float64                    `json:"recommended"`
			Levels      []optimizer.RetentionLevel `json:"levels"`
		} `json:"retention_curve"`
	}
	if err := json.Unmarshal([]byte(out), &sum); code != 0 || err != nil || sum.Curve == nil {
		t.Fatalf("summary JSON after --retention: exit %d, %v, curve %v", code, err, sum.Curve)
	}
	if sum.Curve.Seed != 1 || sum.Curve.Recommended != a.Recommended || fmt.Sprint(sum.Curve.Levels) != fmt.Sprint(a.Levels) {
		t.Errorf("summary curve: seed %d, recommended %v, levels %v; want seed 1, %v, %v",
			sum.Curve.Seed, sum.Curve.Recommended, sum.Curve.Levels, a.Recommended, a.Levels)
	}
	mark := fmt.Sprintf(">recommended %.0f%%</text>", a.Recommended*100)
	if fmt.Sprintf("%.2f", a.Recommended) == fmt.Sprintf("%.2f", a.Current) {
		mark = fmt.Sprintf(">recommended, in force %.0f%%</text>", a.Recommended*100)
	}
	out, _, code = runLoci(t, "--db", dbPath, "summary", "--format", "html")
	for _, want := range []string{`<svg id="curve"`, `<polyline class="minutes"`, mark} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("HTML summary after --retention (exit %d) lacks %q", code, want)
		}
	}
	if _, stderr, code := runLoci(t, "--db", dbPath, "optimize", "--retention", "--dry-run"); code != exitUsage ||
		!strings.Contains(stderr, "--retention only simulates") {
		t.Errorf("--retention --dry-run: exit %d, %q", code, stderr)
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

// The daemon's optimize job fits with the daemon's settings: the first
// re-fit saves better weights in the settings file, the next finds them in
// force and keeps them.
func TestRefitJob(t *testing.T) {
	dbPath, cfgPath, _ := simulatedCollection(t)
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdout: &out, stderr: &errb, dbFlag: dbPath}
	if err := e.open(); err != nil {
		t.Fatal(err)
	}
	defer e.close()
	first, err := e.refit(e.cfg)(context.Background())
	if err != nil || !first.Saved || first.Reviews < optimizer.MinItems || !(first.After < first.Before) {
		t.Fatalf("first re-fit = %+v, %v", first, err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil || !cfg.IsSet("weights") {
		t.Fatalf("settings after the re-fit: weights set %v, %v", cfg != nil && cfg.IsSet("weights"), err)
	}
	second, err := e.refit(cfg)(context.Background())
	if err != nil || second.Saved || second.Before != first.After {
		t.Errorf("second re-fit = %+v, %v; want the first's weights kept (log loss %v)", second, err, first.After)
	}
}
