package cli

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"loci/storage"
)

// daemonBuffer collects a running daemon's stderr.
type daemonBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (d *daemonBuffer) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.b.Write(p)
}

func (d *daemonBuffer) String() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.b.String()
}

// eventually polls cond until it holds; the deadline only keeps a broken
// test from hanging and measures nothing.
func eventually(t *testing.T, what string, cond func() bool, show func() string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s\n%s", what, show())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type daemonProc struct {
	cmd    *exec.Cmd
	stderr *daemonBuffer
}

func startDaemon(t *testing.T, r *runner, args ...string) *daemonProc {
	t.Helper()
	cmd := exec.Command(r.bin, append([]string{"daemon"}, args...)...)
	cmd.Env = r.env
	p := &daemonProc{cmd: cmd, stderr: &daemonBuffer{}}
	cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // no-op once it has exited
	return p
}

// stop sends SIGTERM and returns the exit code.
func (p *daemonProc) stop(t *testing.T) int {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// logLines reads the nudge log's lines; none when it does not exist yet.
func logLines(path string) []string {
	data, _ := os.ReadFile(path)
	if s := strings.TrimSuffix(string(data), "\n"); s != "" {
		return strings.Split(s, "\n")
	}
	return nil
}

// TestDaemonEndToEnd runs the real binary as `loci daemon` with "@every 1s"
// specs and the file notifier: a nudge line appears, a second daemon is
// refused, SIGTERM exits 0, the nudge is recorded, and a restart the same
// day sends nothing again.
func TestDaemonEndToEnd(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	r := &runner{t: t, bin: binary(t), env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_NOW=2026-11-28T10:00:00Z",
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	now := "2026-11-28T10:00:00Z"
	r.configure([][2]string{{"nudge.daily", "@every 1s"}, {"nudge.evening", ""}, {"nudge.weekly", "@every 1s"}, {"notifier", "file"}}...)
	logPath := filepath.Join(dir, "nudges.log") // beside a --db database
	d := startDaemon(t, r, "--db", db)
	eventually(t, "the daily and weekly nudges in "+logPath, func() bool { return len(logLines(logPath)) >= 2 }, d.stderr.String)

	// A second daemon on the same database is refused with the holder's pid.
	second := exec.Command(r.bin, "daemon", "--db", db)
	second.Env = r.env
	out, err := second.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("second daemon: %v, want exit 1\n%s", err, out)
	}
	want := fmt.Sprintf("loci: error: another loci daemon (pid %d) is already running on this database: it holds the lock %s.daemon.lock",
		d.cmd.Process.Pid, db)
	if !strings.Contains(string(out), want) {
		t.Errorf("second daemon said:\n%s\nwant %q", out, want)
	}

	if code := d.stop(t); code != 0 {
		t.Fatalf("daemon exit code %d after SIGTERM, want 0\n%s", code, d.stderr.String())
	}
	lines := logLines(logPath)
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want one daily and one weekly nudge:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	// The built-in deck offers 20 new cards a day by default.
	wantDaily := "2026-11-28T10:00:00Z daily loci: 20 cards due — 20 new"
	wantSummary := filepath.Join(dir, "summary-2026-W48.md")
	wantWeekly := "2026-11-28T10:00:00Z weekly loci: week 2026-W48: 0 reviews — summary in " + wantSummary
	if daily := findPrefix(lines, "2026-11-28T10:00:00Z daily "); !strings.HasPrefix(daily, wantDaily) {
		t.Errorf("daily line %q, want it to start %q", daily, wantDaily)
	}
	if weekly := findPrefix(lines, "2026-11-28T10:00:00Z weekly "); weekly != wantWeekly {
		t.Errorf("weekly line %q, want %q", weekly, wantWeekly)
	}
	if md, err := os.ReadFile(wantSummary); err != nil || !strings.HasPrefix(string(md), "# Weekly summary: 2026-W48\n\nMon 23 Nov – Sun 29 Nov 2026.") {
		t.Errorf("summary file: %v\n%s", err, md)
	}
	checkRecorded(t, db, lines)
	if !strings.Contains(d.stderr.String(), " stopped\n") {
		t.Errorf("no clean stop in the daemon's log:\n%s", d.stderr.String())
	}

	// A restart the same learner day sends nothing; SIGHUP reads the
	// settings again.
	d = startDaemon(t, r, "--db", db)
	eventually(t, "a skipped daily run", func() bool {
		return strings.Contains(d.stderr.String(), "daily: skipped: already sent for 2026-11-28")
	}, d.stderr.String)
	r.run(now, "config", "set", "nudge.daily", "")
	r.run(now, "config", "set", "nudge.weekly", "")
	if err := d.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the reload", func() bool { return strings.Contains(d.stderr.String(), "every job is turned off") }, d.stderr.String)
	if code := d.stop(t); code != 0 {
		t.Fatalf("restarted daemon exit code %d, want 0\n%s", code, d.stderr.String())
	}
	if n := len(logLines(logPath)); n != 2 {
		t.Errorf("after a restart the log has %d lines, want still 2", n)
	}
}

func findPrefix(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// checkRecorded opens the database as another process would and checks one
// nudge per job, each with the message of its log line.
func checkRecorded(t *testing.T, path string, lines []string) {
	t.Helper()
	d, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := d.Nudges(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"daily": "2026-11-28", "weekly": "2026-W48"}
	if len(got) != len(want) {
		t.Fatalf("recorded nudges %+v, want one daily and one weekly", got)
	}
	for _, n := range got {
		line := findPrefix(lines, "2026-11-28T10:00:00Z "+n.Job+" ")
		if n.Period != want[n.Job] || line != "2026-11-28T10:00:00Z "+n.Job+" "+n.Message ||
			!n.SentAt.Equal(time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("recorded %+v; want period %s, the log's message (%q) and LOCI_NOW", n, want[n.Job], line)
		}
	}
}

// TestNudgeTestCommand sends one nudge with `loci nudge --test` through the
// file notifier, and explains a missing desktop notifier.
func TestNudgeTestCommand(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	r := &runner{t: t, bin: binary(t), env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + data, "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	now := "2026-11-28T23:30:00Z" // inside the default quiet hours
	r.configure([2]string{"notifier", "file"})
	out := r.run(now, "nudge", "--test")
	logPath := filepath.Join(data, "loci", "nudges.log") // the XDG data directory
	if !strings.HasPrefix(out, "sent via file "+logPath+": loci: 20 cards due — 20 new") {
		t.Errorf("nudge --test printed %q", out)
	}
	lines := logLines(logPath)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "2026-11-28T23:30:00Z test loci: 20 cards due") {
		t.Errorf("log = %q, want one test line", lines)
	}

	// Without notify-send on PATH the desktop notifier says what to do.
	r.configure([2]string{"notifier", "desktop"})
	cmd := exec.Command(r.bin, "nudge", "--test")
	cmd.Env = append(append([]string(nil), r.env...), "LOCI_NOW="+now)
	for i, kv := range cmd.Env {
		if strings.HasPrefix(kv, "PATH=") {
			cmd.Env[i] = "PATH=" + dir // nothing there
		}
	}
	msg, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(msg), "notify-send is not on PATH") ||
		!strings.Contains(string(msg), "or use `loci config set notifier file`") {
		t.Errorf("desktop without notify-send: %v\n%s", err, msg)
	}
}

// TestPrintUnit checks the systemd unit and the launchd plist name the
// binary, the database and the XDG directories by absolute path.
func TestPrintUnit(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	bin := binary(t)
	exe, err := filepath.EvalSymlinks(bin)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "my data", "100% loci.db")
	env := []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config")}
	print := func(kind string) (string, error) {
		cmd := exec.Command(bin, "daemon", "--print-unit", kind, "--db", db)
		cmd.Env = env
		out, err := cmd.Output()
		return string(out), err
	}
	unit, err := print("systemd")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ExecStart=\"" + exe + "\" \"daemon\" \"--db\" \"" + strings.ReplaceAll(db, "%", "%%") + "\"\n",
		fmt.Sprintf("Environment=\"XDG_DATA_HOME=%s\"\n", filepath.Join(dir, "data")),
		fmt.Sprintf("Environment=\"XDG_CONFIG_HOME=%s\"\n", filepath.Join(dir, "config")),
		"[Install]\nWantedBy=default.target\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("systemd unit lacks %q:\n%s", want, unit)
		}
	}
	plist, err := print("launchd")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Dict struct {
			Keys    []string `xml:"key"`
			Strings []string `xml:"string"`
			Array   struct {
				Strings []string `xml:"string"`
			} `xml:"array"`
		} `xml:"dict"`
	}
	if err := xml.Unmarshal([]byte(plist), &doc); err != nil {
		t.Fatalf("plist is not XML: %v\n%s", err, plist)
	}
	if got, want := doc.Dict.Array.Strings, []string{exe, "daemon", "--db", db}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ProgramArguments = %q, want %q", got, want)
	}
	if len(doc.Dict.Strings) == 0 || doc.Dict.Strings[0] != "loci.daemon" {
		t.Errorf("Label = %q", doc.Dict.Strings)
	}
	cmd := exec.Command(bin, "daemon", "--print-unit", "upstart")
	cmd.Env = env
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 2 {
		t.Errorf("--print-unit upstart: %v, want exit 2", err)
	}
}
