package nudge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Notifier delivers a nudge.
type Notifier interface {
	Name() string // what the log calls it: "desktop (notify-send)", "file /path"
	Notify(ctx context.Context, m Message) error
}

// NotifierSettings choose and configure a notifier.
type NotifierSettings struct {
	Kind    string    // desktop, file, command or bell
	File    string    // the file notifier's log
	Command []string  // the command notifier's program and arguments
	GOOS    string    // runtime.GOOS, for the desktop notifier
	Stdout  io.Writer // where the bell rings
	// LookPath finds a program (exec.LookPath); tests replace it.
	LookPath func(string) (string, error)
}

// NewNotifier checks that the chosen notifier can work here and returns it.
// A missing program is reported now, with what to do about it, rather than
// at the first nudge.
func NewNotifier(s NotifierSettings) (Notifier, error) {
	look := s.LookPath
	if look == nil {
		look = exec.LookPath
	}
	switch s.Kind {
	case "desktop":
		return NewDesktop(s.GOOS, look)
	case "file":
		if s.File == "" {
			return nil, errors.New("file notifier: no log file; set it with `loci config set notifier.file PATH`")
		}
		return &File{Path: s.File}, nil
	case "command":
		if len(s.Command) == 0 {
			return nil, errors.New("command notifier: notifier.command is empty; set it with `loci config set notifier.command \"PROGRAM ARGS...\"`")
		}
		if _, err := look(s.Command[0]); err != nil {
			var ee *exec.Error
			if errors.As(err, &ee) {
				err = ee.Err // without exec's repetition of the name
			}
			return nil, fmt.Errorf("command notifier: cannot run %q: %w; fix it with `loci config set notifier.command \"PROGRAM ARGS...\"`", s.Command[0], err)
		}
		return &Command{Argv: s.Command}, nil
	case "bell":
		w := s.Stdout
		if w == nil {
			w = os.Stdout
		}
		return &Bell{W: w}, nil
	}
	return nil, fmt.Errorf("notifier %q: want desktop, file, command or bell (`loci config set notifier file`)", s.Kind)
}

// notifyTimeout bounds a notifier program, so a hung one cannot hold a job.
const notifyTimeout = 30 * time.Second

// outputGrace is how long a notifier's output is still read after the
// program itself has ended: a child it left running in the background (a
// script's `sleep 90 &`) keeps the output pipe open, and must not hold the
// nudge until it ends.
const outputGrace = time.Second

// Desktop shows a desktop notification through the platform's program,
// passing the title and body as separate arguments, never through a shell.
type Desktop struct {
	Program string                   // absolute path found at start
	args    func(m Message) []string // the program's arguments for a message
}

// NewDesktop finds the desktop notification program for goos.
func NewDesktop(goos string, lookPath func(string) (string, error)) (*Desktop, error) {
	var prog, hint string
	var args func(Message) []string
	switch goos {
	case "darwin":
		prog, hint = "osascript", "it ships with macOS: put /usr/bin on PATH"
		// The script reads its text from argv, so no quoting is involved.
		args = func(m Message) []string {
			return []string{"-e", "on run argv", "-e", "display notification (item 2 of argv) with title (item 1 of argv)",
				"-e", "end run", "loci: " + m.Title, m.Body}
		}
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		prog, hint = "notify-send", "install it (Debian/Ubuntu: apt install libnotify-bin)"
		args = func(m Message) []string { return []string{"--app-name=loci", "--", "loci: " + m.Title, m.Body} }
	default:
		return nil, fmt.Errorf("desktop notifier: not available on %s; use `loci config set notifier file` (or command, bell)", goos)
	}
	path, err := lookPath(prog)
	if err != nil {
		return nil, fmt.Errorf("desktop notifier: %s is not on PATH; %s, or use `loci config set notifier file` (or command, bell)", prog, hint)
	}
	return &Desktop{Program: path, args: args}, nil
}

// Name says which program shows the notification.
func (d *Desktop) Name() string { return "desktop (" + filepath.Base(d.Program) + ")" }

// Args returns the program's arguments for a message.
func (d *Desktop) Args(m Message) []string { return d.args(m) }

// Notify runs the program.
func (d *Desktop) Notify(ctx context.Context, m Message) error {
	return run(ctx, notifyTimeout, d.Program, d.args(m), "", nil)
}

// File appends one line per nudge to a log: the time (RFC 3339), the job
// and the message.
type File struct {
	Path string
	mu   sync.Mutex
}

// Name says where the log is.
func (f *File) Name() string { return "file " + f.Path }

// Notify appends the line, creating the file (mode 0600) and its directory.
func (f *File) Notify(_ context.Context, m Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s %s %s\n", m.At.Format(time.RFC3339), m.Job, m.Text())
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// Command runs a configured program without a shell. The message is its
// last argument and its standard input; LOCI_NUDGE_JOB, LOCI_NUDGE_TITLE
// and LOCI_NUDGE_BODY carry the parts.
type Command struct {
	Argv []string
	// Timeout bounds the program; zero means notifyTimeout (30 s).
	Timeout time.Duration
}

// Name says which program runs.
func (c *Command) Name() string { return "command " + c.Argv[0] }

// Notify runs the program and waits for it.
func (c *Command) Notify(ctx context.Context, m Message) error {
	text := m.Text()
	args := append(append([]string(nil), c.Argv[1:]...), text)
	env := append(os.Environ(), "LOCI_NUDGE_JOB="+m.Job, "LOCI_NUDGE_TITLE="+m.Title, "LOCI_NUDGE_BODY="+m.Body)
	timeout := c.Timeout
	if timeout == 0 {
		timeout = notifyTimeout
	}
	return run(ctx, timeout, c.Argv[0], args, text+"\n", env)
}

// run starts a program with arguments as given (no shell) and reports a
// failure with what the program printed. The program runs in its own
// process group: at the timeout the whole group is killed, children
// included, and once the program has ended its output is read for at most
// outputGrace more, so neither a hung program nor a background child it
// leaves behind holds the job past the timeout.
func run(ctx context.Context, timeout time.Duration, prog string, args []string, stdin string, env []string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = env
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	ownProcessGroup(cmd)
	cmd.WaitDelay = outputGrace
	err := cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // the program succeeded; a child it started still holds its output
	}
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("no answer after %v, stopped: %w", timeout, err)
	}
	if err != nil {
		if msg := strings.TrimSpace(out.String()); msg != "" {
			return fmt.Errorf("%s: %w: %s", prog, err, msg)
		}
		return fmt.Errorf("%s: %w", prog, err)
	}
	return nil
}

// syncBuffer is a bytes.Buffer that several goroutines may write and read
// at once (a program's output copiers; cron's logger in tests).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Bell rings the terminal bell and prints the nudge as a line.
type Bell struct {
	W  io.Writer
	mu sync.Mutex
}

// Name is "bell".
func (b *Bell) Name() string { return "bell" }

// Notify writes "\a", the time, the job and the message.
func (b *Bell) Notify(_ context.Context, m Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, err := fmt.Fprintf(b.W, "\a%s %s %s\n", m.At.Format("15:04"), m.Job, m.Text())
	return err
}
