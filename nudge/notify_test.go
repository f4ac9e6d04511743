package nudge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperRecord is what the helper program writes: its arguments, its
// standard input and the nudge variables of its environment.
type helperRecord struct {
	Args  []string
	Stdin string
	Env   map[string]string
}

// TestMain lets the test binary stand in for a notifier program: with
// NUDGE_HELPER_OUT set it records how it was called and exits, with
// NUDGE_HELPER_FAIL set it prints a complaint and exits 3.
func TestMain(m *testing.M) {
	if msg := os.Getenv("NUDGE_HELPER_FAIL"); msg != "" {
		os.Stderr.WriteString(msg + "\n")
		os.Exit(3)
	}
	if out := os.Getenv("NUDGE_HELPER_OUT"); out != "" {
		in, _ := io.ReadAll(os.Stdin)
		rec := helperRecord{Args: os.Args[1:], Stdin: string(in), Env: map[string]string{}}
		for _, k := range []string{"LOCI_NUDGE_JOB", "LOCI_NUDGE_TITLE", "LOCI_NUDGE_BODY"} {
			rec.Env[k] = os.Getenv(k)
		}
		data, _ := json.Marshal(rec)
		if err := os.WriteFile(out, data, 0o600); err != nil {
			os.Exit(4)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func readRecord(t *testing.T, path string) helperRecord {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the helper did not run: %v", err)
	}
	var rec helperRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// The command notifier hands a message full of shell syntax to the program
// byte for byte, as its last argument and on stdin, and nothing runs it.
func TestCommandNotifierNoShell(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a shell that ran the message would create ./x and ./y here
	out := filepath.Join(dir, "record.json")
	t.Setenv("NUDGE_HELPER_OUT", out)
	m := Message{Job: JobDaily, Title: `$(touch x); rm -rf * "$HOME"`, Body: "`touch y` && echo 'q' | cat > z; ${IFS}\\n", At: at(28, 9, 0)}
	want := "loci: $(touch x); rm -rf * \"$HOME\" — `touch y` && echo 'q' | cat > z; ${IFS}\\n"
	if m.Text() != want {
		t.Fatalf("Text = %q, want %q", m.Text(), want)
	}
	n, err := NewNotifier(NotifierSettings{Kind: "command", Command: []string{os.Args[0], "--flag", "two words"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	rec := readRecord(t, out)
	if wantArgs := []string{"--flag", "two words", want}; !reflect.DeepEqual(rec.Args, wantArgs) {
		t.Errorf("args = %q, want %q", rec.Args, wantArgs)
	}
	if rec.Stdin != want+"\n" {
		t.Errorf("stdin = %q, want %q", rec.Stdin, want+"\n")
	}
	if rec.Env["LOCI_NUDGE_JOB"] != "daily" || rec.Env["LOCI_NUDGE_TITLE"] != m.Title || rec.Env["LOCI_NUDGE_BODY"] != m.Body {
		t.Errorf("env = %q", rec.Env)
	}
	for _, f := range []string{"x", "y", "z"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists: the message was run by a shell", f)
		}
	}
}

func TestCommandNotifierFailure(t *testing.T) {
	t.Setenv("NUDGE_HELPER_FAIL", "no display here")
	n := &Command{Argv: []string{os.Args[0]}}
	err := n.Notify(context.Background(), Message{Job: JobDaily, Title: "t"})
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 || !strings.Contains(err.Error(), "no display here") {
		t.Errorf("err = %v, want exit status 3 with the program's output", err)
	}
}

func TestDesktopNotifier(t *testing.T) {
	found := func(p string) (string, error) { return "/usr/bin/" + p, nil }
	missing := func(p string) (string, error) { return "", exec.ErrNotFound }
	m := Message{Title: "3 cards due", Body: "3 to review; $(x)"}
	tests := []struct {
		goos     string
		look     func(string) (string, error)
		wantProg string
		wantArgs []string
		wantErr  string
	}{
		{"linux", found, "/usr/bin/notify-send",
			[]string{"--app-name=loci", "--", "loci: 3 cards due", "3 to review; $(x)"}, ""},
		{"darwin", found, "/usr/bin/osascript",
			[]string{"-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run",
				"loci: 3 cards due", "3 to review; $(x)"}, ""},
		{"linux", missing, "", nil, "notify-send is not on PATH; install it (Debian/Ubuntu: apt install libnotify-bin)"},
		{"darwin", missing, "", nil, "osascript is not on PATH"},
		{"windows", found, "", nil, "not available on windows"},
	}
	for _, tt := range tests {
		d, err := NewDesktop(tt.goos, tt.look)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "loci config set notifier file") {
				t.Errorf("%s: err = %v, want %q and a way out", tt.goos, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.goos, err)
		}
		if d.Program != tt.wantProg || !reflect.DeepEqual(d.Args(m), tt.wantArgs) {
			t.Errorf("%s: %s %q, want %s %q", tt.goos, d.Program, d.Args(m), tt.wantProg, tt.wantArgs)
		}
	}
	// Run for real with the test binary standing in for notify-send.
	out := filepath.Join(t.TempDir(), "record.json")
	t.Setenv("NUDGE_HELPER_OUT", out)
	d, err := NewDesktop("linux", func(string) (string, error) { return os.Args[0], nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if rec := readRecord(t, out); !reflect.DeepEqual(rec.Args, tests[0].wantArgs) {
		t.Errorf("notify-send got %q, want %q", rec.Args, tests[0].wantArgs)
	}
}

func TestFileAndBellNotifiers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "nudges.log")
	n, err := NewNotifier(NotifierSettings{Kind: "file", File: path})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []Message{
		{Job: JobDaily, Title: "3 cards due", Body: "3 to review", At: at(28, 9, 0)},
		{Job: JobEvening, Title: "line\nbreak", At: at(28, 20, 0)},
	}
	for _, m := range msgs {
		if err := n.Notify(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	want := "2026-11-28T09:00:00Z daily loci: 3 cards due — 3 to review\n2026-11-28T20:00:00Z evening loci: line break\n"
	if err != nil || string(data) != want {
		t.Errorf("log = %q, %v; want %q", data, err, want)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("log mode = %v, %v; want 0600", st.Mode(), err)
	}
	var buf bytes.Buffer
	b, err := NewNotifier(NotifierSettings{Kind: "bell", Stdout: &buf})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Notify(context.Background(), msgs[0]); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "\a09:00 daily loci: 3 cards due — 3 to review\n"; got != want {
		t.Errorf("bell wrote %q, want %q", got, want)
	}
}

func TestNewNotifierErrors(t *testing.T) {
	missing := func(p string) (string, error) { return "", exec.ErrNotFound }
	tests := []struct {
		s    NotifierSettings
		want string
	}{
		{NotifierSettings{Kind: "command"}, "notifier.command is empty"},
		{NotifierSettings{Kind: "command", Command: []string{"no-such-notifier"}, LookPath: missing}, `command notifier: cannot run "no-such-notifier": executable file not found`},
		{NotifierSettings{Kind: "file"}, "no log file"},
		{NotifierSettings{Kind: "pigeon"}, `notifier "pigeon"`},
		{NotifierSettings{Kind: "desktop", GOOS: "linux", LookPath: missing}, "notify-send is not on PATH"},
	}
	for _, tt := range tests {
		if _, err := NewNotifier(tt.s); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want %q", tt.s, err, tt.want)
		}
	}
}

// A script that leaves a child running in the background is done when the
// script is: the nudge counts as sent and does not wait for the child.
// A script that hangs is stopped at the timeout with its children, and the
// error says so. (The deadlines only keep a broken test from hanging.)
func TestCommandNotifierChildren(t *testing.T) {
	t.Parallel() // it waits for programs to end; it shares nothing with the other tests
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	tests := []struct {
		name, script string
		timeout      time.Duration
		wantErr      string
	}{
		{"background child", `sleep 90 & echo $! > "$0"; echo sent`, 30 * time.Second, ""},
		{"hung script", `sleep 90 & echo $! > "$0"; sleep 90`, 500 * time.Millisecond, "no answer after 500ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &Command{Argv: []string{"sh", "-c", tt.script, pidFile}, Timeout: tt.timeout}
			done := make(chan error, 1)
			go func() { done <- n.Notify(context.Background(), Message{Job: JobDaily, Title: "t"}) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("Notify still waits after 60 s: it waits for the background child")
			}
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			data, rerr := os.ReadFile(pidFile)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
			if rerr != nil || pid <= 0 {
				t.Fatalf("the script wrote no child pid: %v", rerr)
			}
			defer syscall.Kill(pid, syscall.SIGKILL)
			if tt.wantErr != "" {
				// The child was in the killed group: once reaped by init it is gone.
				deadline := time.Now().Add(10 * time.Second)
				for syscall.Kill(pid, 0) == nil && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				if syscall.Kill(pid, 0) == nil {
					t.Errorf("the hung script's child %d still runs after the timeout", pid)
				}
			}
		})
	}
}
