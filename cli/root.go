package cli

import (
	"context"
	"fmt"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"loci/deck/cardedit"
	"loci/scheduler"
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
as the current time.

Keys: on the dashboard Enter studies a deck, c opens custom study (more new
cards today, review ahead, a search, cram), b browses cards, p papers, s stats.
Reviewing: Space shows the answer, 1-4 rate it (Again, Hard, Good, Easy),
u undoes, - buries, @ suspends. Browsing: / edits the search, o orders by the
next column (due, interval, stability, difficulty, lapses, added), r reverses.
? shows each screen's keys; q goes back.

` + searchHelp,
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
		reviewCmd(e), dueCmd(e), searchCmd(e), studyCmd(e), nextCmd(e), answerCmd(e), decksCmd(e), undoCmd(e),
		suspendCmd(e, true), suspendCmd(e, false), papersCmd(e), addCmd(e), importCmd(e), exportCmd(e), backupCmd(e), restoreCmd(e), checkCmd(e), configCmd(e), versionCmd(e), daemonCmd(e), nudgeCmd(e), optimizeCmd(e), summaryCmd(e), editCmd(e),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// noArgs, exactArgs: argument checks that fail as usage errors (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			if cmd.SuggestionsMinimumDistance <= 0 {
				cmd.SuggestionsMinimumDistance = 2
			}
			if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
				return usagef("unknown command %q for %q; did you mean %s?", args[0], cmd.CommandPath(), strings.Join(near, " or "))
			}
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
	if err := e.syncDecks(); err != nil {
		return err
	}
	e.trace.step("decks folder synced")
	deckName, err := e.resolveDeck(deckName)
	if err != nil {
		return err
	}
	// The day's backup runs beside the interface, once the first screen is
	// drawn (copying a large database takes seconds of a core the first
	// card needs); its warning, if any, is printed once the screen is gone.
	ctx, stop := hangupEnds(e.ctx)
	defer stop()
	app := e.newApp(ctx)
	e.trace.step("interface built")
	ran, done := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case <-app.Drawn():
			e.trace.step("first screen drawn")
		case <-ran:
		}
		e.dailyBackup()
		close(done)
	}()
	err = app.Run(deckName, review)
	close(ran)
	<-done
	return err
}

// newApp builds the terminal interface over the open database, with the
// stats screen, media, search and custom study wired in.
func (e *env) newApp(ctx context.Context) *ui.App {
	app := ui.New(ctx, e.study, e.db, e.now)
	app.SetStats(gather.New(e.db, e.study.Sched, e.now))
	app.SetEditor(e.cardEditor(cardedit.Terminal))
	app.SetMedia(e.mediaDir(), nil)
	app.SetSearch(e.searcher())
	app.SetCustom(e.custom(scheduler.SessionLimit))
	return app
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

// hangupEnds returns a context that also ends on SIGHUP, for the terminal
// interface: a hangup (the terminal closed) ends it like q. Only there: the
// daemon reads SIGHUP as "reload the settings".
func hangupEnds(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, syscall.SIGHUP)
}
