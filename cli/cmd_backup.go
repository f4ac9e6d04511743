package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"loci/deck"
)

// keepDailyBackups is how many automatic daily backups are kept.
const keepDailyBackups = 7

func backupCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup [-o FILE]",
		Short: "Write a consistent copy of the database (default: into the backups folder beside it)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				path := out
				var err error
				if out == "" {
					path, err = e.db.Backup(e.ctx, "manual")
				} else {
					err = e.db.BackupTo(e.ctx, out)
				}
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, path)
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (must not exist)")
	return cmd
}

func restoreCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the database with a backup (the current one is saved first)",
		Args:  exactArgs(1, "the backup file to restore"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withDB(func() error {
				saved, err := e.db.Restore(e.ctx, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "restored %s; the previous database is saved at %s\n", args[0], saved)
				return nil
			})
		},
	}
}

// dailyBackup takes the automatic backup of the day; a failure is a warning,
// never a reason to stop the learner from studying. The warning goes out
// after the terminal interface has closed, so it is written to a buffer
// first and flushed by the caller's stderr at exit.
func (e *env) dailyBackup() {
	if _, err := e.db.DailyBackup(e.ctx, time.Now(), keepDailyBackups); err != nil {
		e.warnings = append(e.warnings, "daily backup: "+err.Error())
	}
}

func checkCmd(e *env) *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the database: integrity, and every card against its review log",
		Long: `Verify the database: SQLite's integrity check, foreign keys, every card
against its review log, answers in time order, and the answers counted per
quarter hour (which the weekly summary reads) against the log.

--repair first counts the answers per quarter hour again from the log; they
are derived from it, so nothing is lost.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				if repair {
					n, err := e.db.RebuildQuarters(e.ctx)
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "counted the answers of %s again from the review log\n", deck.Plural(n, "quarter hour", "quarter hours"))
				}
				problems, err := e.db.Check(e.ctx)
				if err != nil {
					return err
				}
				for _, p := range problems {
					fmt.Fprintln(e.stdout, p)
				}
				if len(problems) > 0 {
					return hintError{fmt.Errorf("%s found", deck.Plural(len(problems), "problem", "problems")), "loci restore FILE with a backup from " + e.db.BackupDir()}
				}
				fmt.Fprintln(e.stdout, "ok")
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "count the answers per quarter hour again from the review log first")
	return cmd
}
