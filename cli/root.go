package cli

import (
	"fmt"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/spf13/cobra"

	"loci/stats/gather"
	"loci/ui"
)

// version is loci's release; the build may override it with -ldflags -X.
var version = "0.1.0-dev"

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "loci",
		Short: "Spaced-repetition study in the terminal",
		Long: `loci schedules flashcards with FSRS and reviews them in the terminal.

With no command it opens the dashboard on the built-in guide deck.
Every command takes --db PATH (or LOCI_DB) and honours LOCI_NOW (RFC 3339)
as the current time.`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.runUI("", false)
		},
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.PersistentFlags().StringVar(&e.dbFlag, "db", "", "database file (default $LOCI_DB, else loci.db in the XDG data directory)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		reviewCmd(e), dueCmd(e), nextCmd(e), answerCmd(e), decksCmd(e), undoCmd(e),
		suspendCmd(e, true), suspendCmd(e, false), papersCmd(e), addCmd(e), importCmd(e), exportCmd(e), backupCmd(e), restoreCmd(e), checkCmd(e), configCmd(e), versionCmd(e), daemonCmd(e), nudgeCmd(e), optimizeCmd(e), summaryCmd(e),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// noArgs, exactArgs: argument checks that fail as usage errors (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s needs %s", cmd.CommandPath(), names)
		}
		return nil
	}
}

// runUI opens the dashboard, or the review screen of a deck.
func (e *env) runUI(deckName string, review bool) error {
	if err := e.open(); err != nil {
		return err
	}
	defer e.close()
	// The day's backup runs beside the interface so that it never delays the
	// first card; its warning, if any, is printed once the screen is gone.
	done := make(chan struct{})
	go func() { e.dailyBackup(); close(done) }()
	// A hangup (the terminal closed) ends the interface like q. Only here:
	// the daemon reads SIGHUP as "reload the settings".
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGHUP)
	defer stop()
	app := ui.New(ctx, e.study, e.db, e.now)
	app.SetStats(gather.New(e.db, e.study.Sched, e.now))
	err := app.Run(deckName, review)
	<-done
	return err
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print loci's version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(e.stdout, "loci %s (%s, FSRS-6 via go-fsrs v4.0.0)\n", version, runtime.Version())
			return nil
		},
	}
}
