// Command loci is a spaced-repetition study companion for the terminal.
//
// Run it with no arguments for the dashboard on the built-in guide deck;
// `loci --help` lists the commands. This file and its siblings in package
// main only parse flags and wire the rooms together: deck (cards), storage
// (SQLite), scheduler (FSRS) and ui (tview).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

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

// Main runs loci with args and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(&env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr})
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
