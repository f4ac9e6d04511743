// Package cli holds loci's commands: it parses flags, opens the database,
// calls the rooms that own the work (deck, storage, scheduler, stats, nudge,
// ui) and prints their results. It owns no domain logic of its own: a rule
// about cards, schedules, summaries or SQL belongs in the package that owns
// that subject, where it is unit-tested, and cli only wires it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // something went wrong at run time
	exitUsage   = 2 // the command line or environment was wrong
)

// usageError marks an error in how loci was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// hintError adds a line telling the learner what to try.
type hintError struct {
	err  error
	hint string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }

// Run is the whole program: it runs loci with the process's arguments and
// standard streams, ending the context on SIGINT or SIGTERM so that every
// command can finish cleanly, and returns the exit code. main calls it, and
// so do the end-to-end tests, which run their own binary as loci.
func Run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Main runs loci with args and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	trace := newTracer()
	trace.step("main")
	defer trace.flush(stderr)
	root := newRoot(&env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, trace: trace})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "loci: error: %v\n", err)
	var he hintError
	if errors.As(err, &he) {
		fmt.Fprintf(stderr, "Try: %s\n", he.hint)
	}
	var ue usageError
	if errors.As(err, &ue) {
		cmd, _, _ := root.Find(args)
		if cmd == nil {
			cmd = root
		}
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return exitUsage
	}
	return exitFailure
}
