package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"loci/config"
)

// TestMain lets this test binary be loci itself: started under the name
// "loci" (the link setUp makes, which the scripts find on their PATH) it
// runs the program exactly as main does, so the end-to-end tests need no
// separate build and link of the command. (testscript.Main would do the
// same, but would also make `loci` in a script run the process, where the
// scripts' own `loci` command runs Main in this process: see TestScripts.)
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "loci" {
		os.Exit(Run())
	}
	// The tests, and the commands they run in-process, run in UTC, as the
	// processes they start do (TZ=UTC): set once, before any test, since
	// time.Local may not change while other goroutines read it.
	os.Setenv("TZ", "UTC")
	time.Local = time.UTC
	os.Exit(cleanup{m}.Run())
}

// cleanup runs the tests, then removes the fixtures the end-to-end tests
// share.
type cleanup struct{ m *testing.M }

// Run runs the tests. The end-to-end tests spend much of their time
// waiting, for their processes' start-up and writes and for the daemon's
// one-second cron ticks, so unless -parallel is given, four of them run per
// core instead of go test's default of one.
func (c cleanup) Run() int {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", strconv.Itoa(4*runtime.GOMAXPROCS(0)))
	}
	code := c.m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	return code
}

// runner runs loci commands for a test, each with env (and LOCI_NOW).
type runner struct {
	t   *testing.T
	bin string
	env []string
	// inProcess runs the commands through Main in this process (see
	// inProcess) instead of as processes of bin: only for a test that is not
	// parallel, and not under LOCI_TEST_EXEC=1 (execAll).
	inProcess bool
}

// run runs loci at the given LOCI_NOW and returns stdout; the test fails
// unless it exits 0.
func (r *runner) run(now string, args ...string) string {
	r.t.Helper()
	stdout, stderr, code := r.call(now, args...)
	if code != exitOK {
		r.t.Fatalf("loci %s at %s: exit %d\n%s", strings.Join(args, " "), now, code, stderr)
	}
	return stdout
}

// runFail runs loci at the given LOCI_NOW, for a command that is meant to
// fail, and returns its stdout and stderr together and its exit status; the
// test fails if it exits 0.
func (r *runner) runFail(now string, args ...string) (string, int) {
	r.t.Helper()
	stdout, stderr, code := r.call(now, args...)
	if code == exitOK {
		r.t.Fatalf("loci %s: exit 0, want a failure\n%s%s", strings.Join(args, " "), stdout, stderr)
	}
	return stdout + stderr, code
}

// call runs loci with args at the given LOCI_NOW and returns its standard
// output and error and its exit status.
func (r *runner) call(now string, args ...string) (stdout, stderr string, code int) {
	r.t.Helper()
	env := append(append([]string(nil), r.env...), "LOCI_NOW="+now)
	var out, errb strings.Builder
	if r.inProcess && !execAll() {
		code, err := inProcess("", env, args, &out, &errb)
		if err != nil {
			r.t.Fatalf("loci %s in-process: %v", strings.Join(args, " "), err)
		}
		return out.String(), errb.String(), code
	}
	cmd := exec.Command(r.bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &out, &errb
	var exit *exec.ExitError
	if err := cmd.Run(); err != nil && !errors.As(err, &exit) {
		r.t.Fatalf("loci %s at %s: %v", strings.Join(args, " "), now, err)
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// configure changes settings as `loci config set` does (config.Set: each
// value checked, then the file written), in this process: most tests only
// need the settings in place, and config.txtar runs the command itself.
func (r *runner) configure(kvs ...[2]string) {
	r.t.Helper()
	home := ""
	for _, kv := range r.env {
		if v, ok := strings.CutPrefix(kv, "XDG_CONFIG_HOME="); ok {
			home = v
		}
	}
	if home == "" {
		r.t.Fatal("configure: the runner has no XDG_CONFIG_HOME")
	}
	cfg, err := config.Load(filepath.Join(home, "loci", "config.toml"))
	if err != nil {
		r.t.Fatal(err)
	}
	for _, kv := range kvs {
		if err := cfg.Set(kv[0], kv[1]); err != nil {
			r.t.Fatalf("config set %s %q: %v", kv[0], kv[1], err)
		}
	}
}

type dueJSON struct {
	New, Learning, Review int
	Decks                 []struct {
		Name                  string
		New, Learning, Review int
	}
}

func (r *runner) due(now string) dueJSON {
	r.t.Helper()
	var d dueJSON
	if err := json.Unmarshal([]byte(r.run(now, "due", "--json")), &d); err != nil {
		r.t.Fatal(err)
	}
	return d
}

// next returns the id of the next card, or "" when `loci next --json` says null.
func (r *runner) next(now string) string {
	r.t.Helper()
	out := r.run(now, "next", "--json")
	if strings.TrimSpace(out) == "null" {
		return ""
	}
	var c struct{ ID, Deck, Front, Back string }
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		r.t.Fatal(err)
	}
	if c.ID == "" || c.Front == "" || c.Back == "" || !strings.HasPrefix(c.Deck, "Alignment guide::") {
		r.t.Fatalf("next --json = %s", out)
	}
	return c.ID
}

// TestEndToEnd scripts two days of study and a review day, through Main in
// this process (the real binary under LOCI_TEST_EXEC=1). With fuzz off and FSRS-5's default weights (19 numbers, read as
// FSRS-6 weights with w19 = 0 and w20 = 0.5), a new card answered Good,
// then Good again from learning, has stability w2·e^(w17·w18) =
// 3.173·e^(0.51655·0.6621) ≈ 4.467 days; at 90% desired retention the
// interval equals the stability, so it is due after round(4.467) = 4 days.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	r := &runner{t: t, bin: binary(t), inProcess: true, env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	day1 := "2026-11-28T10:00:00Z"
	r.configure([2]string{"new_per_day", "3"}, [2]string{"fuzz", "false"}, [2]string{"weights", fsrs5Weights})
	if d := r.due(day1); d.New != 3 || d.Learning != 0 || d.Review != 0 || len(d.Decks) < 10 {
		t.Fatalf("day 1 due = %+v, want 3 new across the guide's decks", d)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "loci", "loci.db")); err != nil {
		t.Fatalf("database not created in the XDG data directory: %v", err)
	}
	var ids []string
	for i := 0; i < 3; i++ {
		id := r.next(day1)
		ids = append(ids, id)
		if out := r.run(day1, "answer", id, "good", "--duration", "7s"); !strings.Contains(out, "due 2026-11-28T10:10:00Z (in 10m)") {
			t.Fatalf("answer good on a new card: %q, want due in 10m", out)
		}
	}
	if d := r.due(day1); d.New != 0 || d.Learning != 3 || d.Review != 0 {
		t.Fatalf("after 3 new cards = %+v, want 0 new (limit), 3 learning", d)
	}
	for i := 0; i < 3; i++ {
		id := r.next(day1) // learning cards inside the learn-ahead window
		if out := r.run(day1, "answer", id, "3"); !strings.Contains(out, "due 2026-12-02T10:00:00Z (in 4d)") {
			t.Fatalf("second good: %q, want due 2026-12-02T10:00:00Z (4 days)", out)
		}
	}
	if id := r.next(day1); id != "" {
		t.Fatalf("next after finishing = %q, want null", id)
	}
	// Day 2: the new-card limit starts again; nothing is due for review.
	day2 := "2026-11-29T10:00:00Z"
	if d := r.due(day2); d.New != 3 || d.Learning != 0 || d.Review != 0 {
		t.Fatalf("day 2 due = %+v, want 3 new, nothing else", d)
	}
	// 03:00 on 2 December still belongs to the learner day of 1 December.
	if d := r.due("2026-12-02T03:00:00Z"); d.Review != 0 {
		t.Fatalf("before the 04:00 boundary: %d reviews due, want 0", d.Review)
	}
	// From 04:00 the three cards due at 10:00 that day are studyable.
	if d := r.due("2026-12-02T04:00:00Z"); d.Review != 3 {
		t.Fatalf("after the 04:00 boundary: %d reviews due, want 3", d.Review)
	}
	id := r.next("2026-12-02T04:00:00Z")
	if id != ids[0] {
		t.Errorf("first review = %s, want the first card learned, %s", id, ids[0])
	}
	r.run("2026-12-02T04:00:00Z", "answer", id, "again")
	if d := r.due("2026-12-02T04:00:00Z"); d.Review != 2 || d.Learning != 1 {
		t.Fatalf("after a lapse = %+v, want 2 review and 1 relearning", d)
	}
	r.run("2026-12-02T04:00:00Z", "undo")
	if d := r.due("2026-12-02T04:00:00Z"); d.Review != 3 || d.Learning != 0 {
		t.Fatalf("after undo = %+v, want 3 reviews again", d)
	}
}
