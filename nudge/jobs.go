package nudge

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// Store is what the jobs need from the database; storage.DB satisfies it.
type Store interface {
	// ClaimNudge records a nudge before it is sent and reports false when
	// the job already has one for the period.
	ClaimNudge(ctx context.Context, job, period string, at time.Time, message string) (bool, error)
	// ReleaseNudge forgets a claim whose nudge could not be delivered.
	ReleaseNudge(ctx context.Context, job, period string) error
	// ReviewCount counts the answers given in [from, to).
	ReviewCount(ctx context.Context, from, to time.Time) (int, error)
	Papers(ctx context.Context) ([]deck.PaperProgress, error)
}

// DueFunc returns what is studyable now with the daily limits applied;
// loci wires it to scheduler.Study.Due over every deck.
type DueFunc func(ctx context.Context) (scheduler.Totals, error)

// WeeklySummary builds the summary of the ISO week that holds now: a
// one-line headline and the Markdown document.
type WeeklySummary func(ctx context.Context, now time.Time) (headline, markdown string, err error)

// Refit is what a re-fit of the FSRS weights did.
type Refit struct {
	Saved         bool    // the fitted weights predict better and are in force now
	Before, After float64 // log loss of the weights in force and of the fitted ones
	Reviews       int     // reviews measured
	Note          string  // why nothing was fitted (too few reviews), if so
}

// RefitFunc fits the FSRS weights to the review log and saves them only if
// they predict it better than the weights in force; loci wires it to
// `loci optimize`'s fit.
type RefitFunc func(ctx context.Context) (Refit, error)

// Jobs runs the nudges against one database with one notifier.
type Jobs struct {
	Store      Store
	Due        DueFunc
	Sched      *scheduler.Scheduler // learner days and the learner's time zone
	Now        func() time.Time     // the study clock (LOCI_NOW or the real one)
	Quiet      Quiet
	Notifier   Notifier
	Weekly     WeeklySummary
	Refit      RefitFunc   // the optimize job; nil leaves it out
	SummaryDir string      // where the weekly job writes summary-YYYY-Www.md
	Log        *log.Logger // where RunLogged reports; nil discards
}

// Outcome is what one run of a job did.
type Outcome struct {
	Job     string
	Sent    bool
	Skip    string  // why nothing was sent, when Sent is false
	Message Message // what was (or would have been) sent
	Summary string  // the weekly summary file written, if any
}

// Run runs one job now and reports what it did. A notifier failure is
// returned as an error after the claim on the period has been released.
func (j *Jobs) Run(ctx context.Context, job string) (Outcome, error) {
	now := j.Now().In(j.location())
	switch job {
	case JobDaily, JobEvening:
		return j.remind(ctx, job, now)
	case JobWeekly:
		return j.weekly(ctx, now)
	case JobOptimize:
		return j.optimize(ctx, now)
	case JobTest:
		return j.test(ctx, now)
	}
	return Outcome{}, fmt.Errorf("unknown nudge job %q (want daily, evening, weekly, optimize or test)", job)
}

// RunLogged runs a job with its own deadline, so that a daemon stopping
// waits for it rather than cutting a transaction short, and logs the outcome.
// Errors are warnings: the daemon keeps running.
func (j *Jobs) RunLogged(job string) {
	limit := 2 * time.Minute
	if job == JobOptimize { // fitting a large log takes a while
		limit = 30 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	out, err := j.Run(ctx, job)
	l := j.Log
	if l == nil {
		return
	}
	switch {
	case err != nil:
		l.Printf("warning: %s: %v", job, err)
	case out.Sent:
		l.Printf("%s: sent via %s: %s", job, j.Notifier.Name(), out.Message.Text())
	default:
		l.Printf("%s: skipped: %s", job, out.Skip)
	}
	if out.Summary != "" {
		l.Printf("%s: summary written to %s", job, out.Summary)
	}
}

func (j *Jobs) location() *time.Location {
	if loc := j.Sched.Settings().Location; loc != nil {
		return loc
	}
	return time.Local
}

// DayPeriod names the learner day that holds now, as its calendar date.
func (j *Jobs) DayPeriod(now time.Time) string {
	return j.Sched.DayStart(now).Format("2006-01-02")
}

// WeekPeriod names the ISO week that holds the learner day of now.
func (j *Jobs) WeekPeriod(now time.Time) string { return WeekName(j.Sched, now) }

// WeekName names the ISO week that holds the learner day of now, such as
// "2026-W48": at 02:00 on a Monday the learner is still in Sunday's week.
func WeekName(sched *scheduler.Scheduler, now time.Time) string {
	y, w := sched.DayStart(now).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// remind is the daily and the evening job.
func (j *Jobs) remind(ctx context.Context, job string, now time.Time) (Outcome, error) {
	out := Outcome{Job: job}
	if j.Quiet.Contains(now) {
		out.Skip = "quiet hours " + j.Quiet.String()
		return out, nil
	}
	f, err := j.Facts(ctx, now)
	if err != nil {
		return out, fmt.Errorf("%s nudge: %w", job, err)
	}
	switch {
	case f.Due.Sum() == 0:
		out.Skip = "nothing due"
		return out, nil
	case job == JobDaily && f.Studied > 0 && f.Due.Review+f.Due.Learning == 0:
		out.Skip = "today's reviews are done (only new cards are left)"
		return out, nil
	case job == JobEvening && f.Studied > 0:
		out.Skip = fmt.Sprintf("already studied today (%s)", deck.Plural(f.Studied, "answer", "answers"))
		return out, nil
	}
	msg := DailyMessage(job, f, now)
	if job == JobEvening {
		msg = EveningMessage(f, now)
	}
	return j.send(ctx, out, j.DayPeriod(now), msg)
}

// weekly writes the week's summary and nudges with its headline.
func (j *Jobs) weekly(ctx context.Context, now time.Time) (Outcome, error) {
	out := Outcome{Job: JobWeekly}
	if j.Weekly == nil {
		return out, fmt.Errorf("weekly nudge: no summary builder")
	}
	headline, md, err := j.Weekly(ctx, now)
	if err != nil {
		return out, fmt.Errorf("weekly summary: %w", err)
	}
	period := j.WeekPeriod(now)
	path := filepath.Join(j.SummaryDir, "summary-"+period+".md")
	if err := writeFile(path, []byte(md)); err != nil {
		return out, fmt.Errorf("weekly summary: %w", err)
	}
	out.Summary = path
	if j.Quiet.Contains(now) {
		out.Skip = "quiet hours " + j.Quiet.String()
		return out, nil
	}
	return j.send(ctx, out, period, WeeklyMessage(headline, path, now))
}

// MonthPeriod names the calendar month of the learner day of now.
func (j *Jobs) MonthPeriod(now time.Time) string { return j.Sched.DayStart(now).Format("2006-01") }

// optimize re-fits the weights at most once a month: it claims the month
// first, so that a second run in it does nothing, then fits (saving only
// better weights) and says what it found, unless in quiet hours. A failed
// fit gives the month back; a failed delivery does not, as the fit is done.
func (j *Jobs) optimize(ctx context.Context, now time.Time) (Outcome, error) {
	out := Outcome{Job: JobOptimize}
	if j.Refit == nil {
		return out, fmt.Errorf("optimize job: no optimizer")
	}
	period := j.MonthPeriod(now)
	ok, err := j.Store.ClaimNudge(ctx, JobOptimize, period, now, "re-fit of the FSRS weights")
	if err != nil {
		return out, err
	}
	if !ok {
		out.Skip = "already re-fitted for " + period
		return out, nil
	}
	r, err := j.Refit(ctx)
	if err != nil {
		return out, errors.Join(fmt.Errorf("optimize job: %w", err), j.Store.ReleaseNudge(ctx, JobOptimize, period))
	}
	out.Message = OptimizeMessage(r, now)
	if j.Quiet.Contains(now) {
		out.Skip = "quiet hours " + j.Quiet.String() + " (re-fitted: " + out.Message.Text() + ")"
		return out, nil
	}
	if err := j.Notifier.Notify(ctx, out.Message); err != nil {
		return out, fmt.Errorf("optimize nudge via %s: %w", j.Notifier.Name(), err)
	}
	out.Sent = true
	return out, nil
}

// test sends the daily message now, whatever the rules say, and records it
// as a "test" nudge so that it never counts as the day's daily nudge.
func (j *Jobs) test(ctx context.Context, now time.Time) (Outcome, error) {
	out := Outcome{Job: JobTest}
	f, err := j.Facts(ctx, now)
	if err != nil {
		return out, fmt.Errorf("test nudge: %w", err)
	}
	out.Message = DailyMessage(JobTest, f, now)
	period := time.Now().UTC().Format(time.RFC3339Nano) // each test is its own period
	if _, err := j.Store.ClaimNudge(ctx, JobTest, period, now, out.Message.Text()); err != nil {
		return out, err
	}
	if err := j.Notifier.Notify(ctx, out.Message); err != nil {
		_ = j.Store.ReleaseNudge(ctx, JobTest, period)
		return out, fmt.Errorf("test nudge via %s: %w", j.Notifier.Name(), err)
	}
	out.Sent = true
	return out, nil
}

// send claims the period for the job, then delivers the message. Nothing is
// sent when the claim finds the period taken.
func (j *Jobs) send(ctx context.Context, out Outcome, period string, msg Message) (Outcome, error) {
	out.Message = msg
	ok, err := j.Store.ClaimNudge(ctx, out.Job, period, msg.At, msg.Text())
	if err != nil {
		return out, err
	}
	if !ok {
		out.Skip = "already sent for " + period
		return out, nil
	}
	if err := j.Notifier.Notify(ctx, msg); err != nil {
		if rerr := j.Store.ReleaseNudge(ctx, out.Job, period); rerr != nil {
			err = fmt.Errorf("%w (and %v)", err, rerr)
		}
		return out, fmt.Errorf("%s nudge via %s: %w", out.Job, j.Notifier.Name(), err)
	}
	out.Sent = true
	return out, nil
}

// Facts gathers what a nudge says at now.
func (j *Jobs) Facts(ctx context.Context, now time.Time) (Facts, error) {
	var f Facts
	var err error
	if f.Due, err = j.Due(ctx); err != nil {
		return f, err
	}
	if f.Studied, f.Streak, err = Streak(ctx, j.Store, j.Sched, now); err != nil {
		return f, err
	}
	papers, err := j.Store.Papers(ctx)
	if err != nil {
		return f, err
	}
	for _, p := range papers {
		if p.Stage == deck.Queued || p.Stage == deck.Read {
			f.Papers++
		}
	}
	f.DayEnd = j.Sched.DayEnd(now).In(j.location())
	return f, nil
}

// maxStreak bounds the walk back through the review log.
const maxStreak = 3660

// Streak counts the answers of the learner day that holds now, and the
// consecutive learner days with at least one answer: through today when
// today has answers, else through yesterday (a streak still to be kept).
// It asks the store one day at a time, newest first, and stops at the first
// day without answers.
func Streak(ctx context.Context, s Store, sched *scheduler.Scheduler, now time.Time) (today, streak int, err error) {
	start := sched.DayStart(now)
	if today, err = s.ReviewCount(ctx, start, sched.DayEnd(now)); err != nil {
		return 0, 0, err
	}
	if today > 0 {
		streak = 1
	}
	for end := start; streak < maxStreak; streak++ {
		// A minute before a day's start lies in the day before it.
		prev := sched.DayStart(end.Add(-time.Minute))
		n, err := s.ReviewCount(ctx, prev, end)
		if err != nil {
			return 0, 0, err
		}
		if n == 0 {
			break
		}
		end = prev
	}
	return today, streak, nil
}

// writeFile replaces path with data through a temporary file in the same
// directory, so a reader never sees half a summary.
func writeFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".summary-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
