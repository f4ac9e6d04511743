package cli

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"loci/config"
	"loci/nudge"
	"loci/scheduler"
	"loci/stats/gather"
)

func daemonCmd(e *env) *cobra.Command {
	var unit string
	cmd := &cobra.Command{
		Use:   "daemon [--print-unit systemd|launchd]",
		Short: "Run the cron nudges and the weekly summary job in the foreground",
		Long: `Run the nudges in the foreground, for systemd, launchd, tmux or nohup.

Jobs (cron specs; an empty value turns a job off):
  nudge.daily    "0 9 * * *"   cards are due (skipped when nothing is due, or
                               today's reviews are done and only new cards are left)
  nudge.evening  "0 20 * * *"  nothing answered today and something is due
  nudge.weekly   "0 18 * * 0"  writes summary-YYYY-Www.md into the data directory
                               and nudges with its headline
No nudge is sent in nudge.quiet_hours (default 22:00-08:00). The daily and
evening nudges go out at most once per learner day and the weekly one once per
ISO week, also across restarts. Nudges go through the notifier setting:
desktop, file (notifier.file, default nudges.log in the data directory),
command (notifier.command, run without a shell, message as its last argument
and on stdin) or bell. Times are local, or in the timezone setting.

With decks_dir set, the daemon also watches that folder and brings a
changed file in as soon as it is saved. With zotero.library set, it imports
that Zotero library at start and again within seconds of each change (it
looks at the size and time of zotero.sqlite and its -wal file every two
seconds), as ` + "`loci import`" + ` would, so new highlights become cards; it reads
a running Zotero's library safely (see loci import --help).

One daemon runs per database (lock file <db>.daemon.lock). SIGINT and SIGTERM
stop it cleanly; SIGHUP reads the settings again (a new decks_dir needs a
restart, as do new zotero settings). It logs to stderr.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if unit != "" {
				return e.printUnit(unit)
			}
			return e.runDaemon()
		},
	}
	cmd.Flags().StringVar(&unit, "print-unit", "", "print a systemd user unit or a launchd plist that runs the daemon, and exit")
	return cmd
}

func nudgeCmd(e *env) *cobra.Command {
	var test bool
	cmd := &cobra.Command{
		Use:   "nudge --test",
		Short: "Send one nudge now through the configured notifier",
		Long: `Send one nudge now, saying what is due, through the configured notifier,
ignoring quiet hours and the once-a-day rule. It is recorded as a test nudge
and does not count as the day's daily nudge.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !test {
				return usagef("loci nudge needs --test (scheduled nudges come from `loci daemon`)")
			}
			return e.withDB(func() error {
				jobs, err := e.nudgeJobs(e.cfg, nil)
				if err != nil {
					return err
				}
				out, err := jobs.Run(e.ctx, nudge.JobTest)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "sent via %s: %s\n", jobs.Notifier.Name(), out.Message.Text())
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&test, "test", false, "send one nudge now")
	return cmd
}

// runDaemon takes the database's daemon lock and runs the jobs until the
// context ends (SIGINT, SIGTERM), reloading the settings on SIGHUP.
func (e *env) runDaemon() error {
	if err := e.open(); err != nil {
		return err
	}
	defer e.close()
	lock, err := nudge.Acquire(nudge.LockPath(e.db.Path))
	var locked *nudge.LockedError
	if errors.As(err, &locked) {
		return hintError{err, "stop that daemon first, or run this one on another database with --db PATH"}
	}
	if err != nil {
		return err
	}
	defer lock.Release()

	logger := log.New(e.stderr, "loci daemon: ", log.LstdFlags)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	loads := 0
	d := &nudge.Daemon{Log: logger, Load: func() (*nudge.Plan, error) {
		cfg := e.cfg // read at start
		if loads++; loads > 1 {
			c, err := config.Load(config.FilePath()) // a reload reads the file again
			if err != nil {
				return nil, err
			}
			cfg = c
		}
		return e.nudgePlan(cfg, logger)
	}}
	logger.Printf("pid %d, database %s, lock %s", os.Getpid(), e.db.Path, lock.Path)
	if dir := e.cfg.DecksDir; dir != "" {
		ctx, stop := context.WithCancel(e.ctx)
		defer stop()
		watched := make(chan struct{})
		go func() { defer close(watched); e.watchDecks(ctx, dir, logger) }()
		defer func() { stop(); <-watched }()
	}
	if lib := e.zoteroLibrary(); lib != "" {
		ctx, stop := context.WithCancel(e.ctx)
		defer stop()
		watched := make(chan struct{})
		go func() { defer close(watched); e.watchZotero(ctx, lib, logger) }()
		defer func() { stop(); <-watched }()
	}
	return d.Run(e.ctx, hup)
}

// nudgePlan builds the daemon's jobs and their schedule from settings.
func (e *env) nudgePlan(cfg *config.Config, logger *log.Logger) (*nudge.Plan, error) {
	jobs, err := e.nudgeJobs(cfg, logger)
	if err != nil {
		return nil, err
	}
	n := cfg.Nudge
	entries := jobs.Entries(nudge.Specs{Daily: n.Daily, Evening: n.Evening, Weekly: n.Weekly, Optimize: n.Optimize})
	for _, en := range entries { // name a bad spec before anything starts
		if _, err := nudge.ParseSpec(en.Setting, en.Spec); err != nil {
			return nil, hintError{err, "loci config set " + en.Setting + ` "SPEC" (or "" to turn the job off)`}
		}
	}
	zone := cfg.Timezone
	if zone == "" {
		abbr, _ := time.Now().Zone()
		zone = "local (" + abbr + ")"
	}
	d := cfg.Scheduler.DayStartsAt
	about := fmt.Sprintf("notifier %s; quiet hours %s; time zone %s; learner days start at %02d:%02d; summaries in %s",
		jobs.Notifier.Name(), jobs.Quiet, zone, int(d.Hours()), int(d.Minutes())%60, jobs.SummaryDir)
	return &nudge.Plan{Entries: entries, Location: cfg.Scheduler.Location, About: about}, nil
}

// nudgeJobs wires the nudge jobs to this database, a scheduler made from
// cfg, the study clock and the configured notifier. A notifier that cannot
// work here (notify-send missing, an empty notifier.command) is an error now.
func (e *env) nudgeJobs(cfg *config.Config, logger *log.Logger) (*nudge.Jobs, error) {
	sched, err := scheduler.New(cfg.Scheduler)
	if err != nil {
		return nil, err
	}
	var quiet nudge.Quiet
	if q := cfg.Nudge.QuietHours; q != "" {
		if quiet.From, quiet.To, err = config.ParseQuietHours(q); err != nil {
			return nil, fmt.Errorf("nudge.quiet_hours: %w", err)
		}
	}
	n, err := nudge.NewNotifier(nudge.NotifierSettings{
		Kind: cfg.Nudge.Notifier, File: e.nudgeLog(cfg), Command: cfg.Nudge.Command,
		GOOS: runtime.GOOS, Stdout: e.stdout,
	})
	if err != nil {
		return nil, err // it says what to do
	}
	study := &scheduler.Study{Store: e.db, Sched: sched, Now: e.now}
	due := func(ctx context.Context) (scheduler.Totals, error) {
		t, _, err := study.Due(ctx, "")
		return t, err
	}
	return &nudge.Jobs{
		Store: e.db, Due: due, Sched: sched, Now: e.now, Quiet: quiet, Notifier: n,
		Weekly: gather.New(e.db, sched, e.now).Weekly, SummaryDir: e.dataDir(), Log: logger,
		Refit: e.refit(cfg),
	}, nil
}

// dataDir is where the daemon writes its files: the XDG data directory for
// the default database, else the directory of the database in use.
func (e *env) dataDir() string {
	path, isDefault := e.dbPath()
	if isDefault {
		return config.DataDir()
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return filepath.Dir(path)
}

// nudgeLog is the file notifier's log: notifier.file (a relative path is
// taken inside the data directory), else nudges.log in the data directory.
func (e *env) nudgeLog(cfg *config.Config) string {
	switch f := cfg.Nudge.File; {
	case f == "":
		return filepath.Join(e.dataDir(), "nudges.log")
	case filepath.IsAbs(f):
		return f
	default:
		return filepath.Join(e.dataDir(), f)
	}
}
