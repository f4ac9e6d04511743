// Package nudge is the reminder room: the jobs `loci
// daemon` runs on github.com/robfig/cron/v3 and `loci nudge --test` runs
// once, the rules that keep them quiet, the notifiers that deliver them, and
// the lock that keeps one daemon per database.
//
// # Jobs
//
//   - daily (default "0 9 * * *"): how many cards are due, the streak, the
//     papers waiting. Skipped when nothing is due, or when the learner has
//     studied today and no reviews or learning cards are left (only new
//     cards, which are optional).
//   - evening (default "0 20 * * *"): only if nothing was answered today and
//     something is due; it says when the streak ends.
//   - weekly (default "0 18 * * 0"): writes the ISO week's Markdown summary
//     as summary-YYYY-Www.md into the data directory and nudges with its
//     headline.
//
// Every job is silent in quiet hours (default 22:00-08:00, which may wrap
// past midnight; the weekly summary file is still written). The daily and
// evening nudges go out at most once per learner day, the weekly one at most
// once per ISO week: before anything is sent, the (job, period) pair is
// inserted into the database's nudges table in its own short transaction, and
// a run that inserts nothing sends nothing, so a restarted daemon never
// repeats a nudge. A nudge the notifier failed to deliver is released again
// and logged as a warning; it never stops the daemon.
//
// # Notifiers
//
// desktop (notify-send on Linux, osascript on macOS, found with
// exec.LookPath at start), file (one line per nudge appended to a log),
// command (a configured program run without a shell, the message as its last
// argument and on stdin), bell (a terminal bell and a line on stdout).
//
// # Clock
//
// cron fires on the real clock. What "now" means for due counts, learner
// days and ISO weeks comes from Jobs.Now, which loci sets from LOCI_NOW when
// it is given.
//
// This package must not touch SQL (it asks a Store, which storage.DB
// satisfies), the settings file (package cli reads it and hands the
// values over), or the UI; and it never writes to stdout except through the
// bell notifier.
package nudge
