package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"loci/deck"
	"loci/storage"
)

// TestCrashSafety answers cards with the real binary and kills it with
// SIGKILL at random moments, 25 times (250 under LOCI_SOAK). After each
// kill: every answer the binary reported as committed is in the review log,
// SQLite's integrity check passes, and every card equals the state its
// review log rebuilds. The moments are drawn from a window that follows how
// long an answer takes on this machine: it shrinks after an answer that
// finished before its kill and grows after a kill, so that about one answer
// in five finishes and the kills fall across start-up, work and commit,
// busy machine or not.
func TestCrashSafety(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	r, db := newDBRunner(t)
	now := "2026-11-28T10:00:00Z"
	// The cards answered, in turn: the built-in deck's basic cards outside
	// the papers' (which may wait for their paper). Taking them from the
	// deck rather than from `loci next` spares a process per answer.
	set, err := deck.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range set.Cards {
		if c.Kind == deck.Basic && c.Paper == "" {
			ids = append(ids, c.ID)
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	ratings := []string{"again", "hard", "good", "easy"}
	window := 60 * time.Millisecond // start-up alone takes about 30 ms on a quiet machine
	reported, kills, attempts := 0, 0, 0
	want := 25
	if os.Getenv("LOCI_SOAK") != "" {
		want = 250
	}
	for kills < want {
		id := ids[attempts%len(ids)]
		attempts++
		cmd := exec.Command(r.bin, "answer", id, ratings[rng.IntN(4)])
		cmd.Env = append(append([]string(nil), r.env...), "LOCI_NOW="+now)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(window))))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			kills++
			window = window * 11 / 10
		} else {
			window = window * 7 / 10
		}
		if strings.HasPrefix(out.String(), "due ") {
			reported++ // the binary prints only after the commit
		}
		check(t, db, reported, attempts)
	}
	t.Logf("%d attempts, %d killed, %d reported committed (last window %v)", attempts, kills, reported, window)
}

// check opens the database as a fresh process would and verifies it.
func check(t *testing.T, path string, reported, attempts int) {
	t.Helper()
	d, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("database unreadable after a kill: %v", err)
	}
	defer d.Close()
	problems, err := d.Check(context.Background())
	if err != nil || len(problems) > 0 {
		t.Fatalf("after a kill: %v %v", problems, err)
	}
	n, err := d.LogSize(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n < reported || n > attempts {
		t.Fatalf("review log holds %d answers; %d were reported committed out of %d attempts", n, reported, attempts)
	}
}

// TestFullDiskDuringAnswer makes the disk refuse the answer's write — the
// answering process may not grow any file past the write-ahead log's current
// size (RLIMIT_FSIZE, set with bash's ulimit) — and checks that the answer
// fails with a clear error and the previous state is intact.
func TestFullDiskDuringAnswer(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	r, db := newDBRunner(t)
	now := "2026-11-28T10:00:00Z"
	r.configure([2]string{"new_per_day", "9999"})
	r.run(now, "due")
	// Holding the database open keeps the write-ahead log from being reset
	// when each command exits, so it only grows.
	held, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for i := 0; i < 10; i++ {
		r.run(now, "answer", r.next(now), "good")
	}
	st, err := os.Stat(db + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	before, _ := held.LogSize(context.Background())
	id := r.next(now)
	card, _ := held.Card(context.Background(), id)
	limitKB := st.Size() / 1024
	cmd := exec.Command("bash", "-c", "ulimit -f "+itoa(limitKB)+"; exec \"$0\" answer \"$1\" good", r.bin, id)
	cmd.Env = append(append([]string(nil), r.env...), "LOCI_NOW="+now)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("answer succeeded on a full disk: %s", out)
	}
	if !strings.Contains(string(out), "nothing was written") {
		t.Errorf("error does not say nothing was written: %s", out)
	}
	after, _ := held.LogSize(context.Background())
	again, _ := held.Card(context.Background(), id)
	if after != before || again.Schedule != card.Schedule {
		t.Errorf("the failed answer changed something: log %d → %d, card %+v → %+v", before, after, card.Schedule, again.Schedule)
	}
	if p, err := held.Check(context.Background()); err != nil || len(p) > 0 {
		t.Errorf("Check after a full disk: %v %v", p, err)
	}
	// With space again, the same answer goes through.
	r.run(now, "answer", id, "good")
}

// TestReadOnlyDatabase runs loci on a database it may read but not write
// (as the user nobody when the test runs as root, which ignores file modes)
// and checks for a clear one-line error and an untouched file.
func TestReadOnlyDatabase(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	env := []string{"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_DB=" + db,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config")}
	bin := binary(t)
	r := &runner{t: t, bin: bin, env: env}
	r.run("2026-11-28T10:00:00Z", "due")
	before, _ := os.ReadFile(db)
	// The test's temporary folders are private; let the other user in.
	for _, p := range []string{dir, filepath.Dir(dir), filepath.Dir(bin)} {
		os.Chmod(p, 0o755)
	}
	os.Chmod(bin, 0o755)
	os.Chmod(db, 0o444)
	cmd := exec.Command(bin, "answer", "intro-audience", "good")
	cmd.Env = append(env, "LOCI_NOW=2026-11-28T10:00:00Z")
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	} else {
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
	}
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("an answer on a read-only database succeeded: %s", out)
	}
	if _, ok := err.(*exec.ExitError); !ok {
		t.Fatalf("could not run loci as another user: %v", err)
	}
	if !strings.Contains(string(out), "read-only") || strings.Count(strings.TrimSpace(string(out)), "\n") > 1 {
		t.Errorf("want a short error saying read-only, got:\n%s", out)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("the read-only database was modified")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// newDBRunner runs the real binary against a database (LOCI_DB) as loci's
// first run leaves it (the template, see TestScripts), with its own home,
// data and config folders, and returns the database's path.
func newDBRunner(t *testing.T) (*runner, string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	if err := seedDB(db); err != nil {
		t.Fatal(err)
	}
	return &runner{t: t, bin: binary(t), env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_DB=" + db,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}, db
}

// TestConcurrentProcesses runs three workloads on one database for 2
// seconds, two ticks of the daemon's jobs (LOCI_SOAK=10m for a longer
// soak), and on a busy machine until each has done a least amount of work:
// one process after another answering cards (10 answers); `loci daemon`
// with every job firing each second; and imports of new card files
// alternating with `loci summary` (5 of each). No command may fail or report "database is
// locked", and at the end every reported answer and imported card is there.
func TestConcurrentProcesses(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	r, db := newDBRunner(t)
	dir := filepath.Dir(db)
	r.configure([][2]string{{"new_per_day", "9999"}, {"nudge.daily", "@every 1s"}, {"nudge.evening", "@every 1s"},
		{"nudge.weekly", "@every 1s"}, {"nudge.quiet_hours", ""}, {"notifier", "file"}}...)
	r.run("", "due")
	before, _ := countCards(t, db)
	d := startDaemon(t, r)
	span := soakSpan(t, 2*time.Second)
	stop := time.Now().Add(span)
	type tally struct {
		ops      int
		failures []string
	}
	work := func(least int, step func(i int) (string, error)) chan tally {
		ch := make(chan tally, 1)
		go func() {
			var tl tally
			for i := 0; (time.Now().Before(stop) || tl.ops < least) && len(tl.failures) < 10; i++ {
				out, err := step(i)
				if err != nil || strings.Contains(out, "locked") {
					tl.failures = append(tl.failures, fmt.Sprintf("%v: %s", err, out))
					continue
				}
				tl.ops++
			}
			ch <- tl
		}()
		return ch
	}
	exec1 := func(args ...string) (string, error) {
		cmd := exec.Command(r.bin, args...)
		cmd.Env = r.env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	answers := work(10, func(int) (string, error) {
		out, err := exec1("next", "--json")
		if err != nil {
			return out, err
		}
		var c struct{ ID string }
		if err := json.Unmarshal([]byte(out), &c); err != nil || c.ID == "" {
			return out, fmt.Errorf("next: %v", err)
		}
		return exec1("answer", c.ID, "good")
	})
	imports := work(5, func(i int) (string, error) {
		file := filepath.Join(dir, fmt.Sprintf("batch-%03d.md", i))
		text := fmt.Sprintf("---\ndeck: Concurrent\n---\nQ: batch %d, card one?\nA: one\n\nQ: batch %d, card two?\nA: two\n", i, i)
		if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
			return "", err
		}
		if out, err := exec1("import", file); err != nil {
			return out, err
		}
		return exec1("summary", "--format", "json")
	})
	a, im := <-answers, <-imports
	if code := d.stop(t); code != 0 {
		t.Errorf("daemon exit %d\n%s", code, d.stderr.String())
	}
	if strings.Contains(d.stderr.String(), "locked") {
		t.Errorf("the daemon met a locked database:\n%s", d.stderr.String())
	}
	for name, tl := range map[string]tally{"answer": a, "import+summary": im} {
		if len(tl.failures) > 0 {
			t.Errorf("%s: %d failures, first: %s", name, len(tl.failures), tl.failures[0])
		}
	}
	logged, cards := countReviewsAndCards(t, db)
	if logged != a.ops {
		t.Errorf("review log holds %d answers, %d were reported", logged, a.ops)
	}
	if cards != before+2*im.ops {
		t.Errorf("%d cards, want %d before plus 2 for each of %d imports", cards, before, im.ops)
	}
	nudges := logLines(filepath.Join(dir, "nudges.log"))
	if len(nudges) == 0 {
		t.Errorf("the daemon sent no nudge in %v", span)
	}
	t.Logf("%v: %d answers, %d imports+summaries, %d nudge lines, 0 locked", span, a.ops, im.ops, len(nudges))
}

// soakSpan is how long a soak test runs: LOCI_SOAK (a Go duration) when it
// is set, else def, which keeps the default test run short.
func soakSpan(t *testing.T, def time.Duration) time.Duration {
	v := os.Getenv("LOCI_SOAK")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("LOCI_SOAK=%q: want a duration such as 10m", v)
	}
	return d
}

func countCards(t *testing.T, db string) (int, error) {
	_, n := countReviewsAndCards(t, db)
	return n, nil
}

// countReviewsAndCards opens the database afresh and counts its review log
// and its cards, after checking it.
func countReviewsAndCards(t *testing.T, path string) (reviews, cards int) {
	t.Helper()
	d, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if p, err := d.Check(context.Background()); err != nil || len(p) > 0 {
		t.Fatalf("Check: %v %v", p, err)
	}
	reviews, _ = d.LogSize(context.Background())
	all, err := d.Cards(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return reviews, len(all)
}
