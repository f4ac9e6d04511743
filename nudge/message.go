package nudge

import (
	"fmt"
	"strings"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// The jobs.
const (
	JobDaily    = "daily"    // cards are due
	JobEvening  = "evening"  // nothing studied today
	JobWeekly   = "weekly"   // the week's summary
	JobOptimize = "optimize" // the monthly re-fit of the FSRS weights
	JobTest     = "test"     // `loci nudge --test`
)

// Message is one nudge as a notifier delivers it.
type Message struct {
	Job   string
	Title string // short: a desktop notification's title
	Body  string // may be empty
	At    time.Time
}

// Text is the whole message on one line, as the file and command notifiers
// and the database record carry it.
func (m Message) Text() string {
	s := "loci: " + m.Title
	if m.Body != "" {
		s += " — " + m.Body
	}
	return strings.Join(strings.Fields(s), " ")
}

// Facts are what a nudge tells the learner, gathered at one moment.
type Facts struct {
	Due     scheduler.Totals // studyable now, daily limits applied
	Studied int              // answers given since the learner day began
	Streak  int              // consecutive learner days with answers, through today or, if none yet today, through yesterday
	Papers  int              // paper checkpoints queued or read, not yet understood
	DayEnd  time.Time        // when the learner day ends, in the learner's zone
}

// AtRisk reports whether the streak ends with today unless the learner studies.
func (f Facts) AtRisk() bool { return f.Studied == 0 && f.Streak > 0 }

// dueParts lists the non-empty queues: "9 to review, 3 learning, 20 new".
func dueParts(t scheduler.Totals) string {
	var parts []string
	if t.Review > 0 {
		parts = append(parts, fmt.Sprintf("%d to review", t.Review))
	}
	if t.Learning > 0 {
		parts = append(parts, fmt.Sprintf("%d learning", t.Learning))
	}
	if t.New > 0 {
		parts = append(parts, fmt.Sprintf("%d new", t.New))
	}
	return strings.Join(parts, ", ")
}

func papersPart(n int) string {
	if n == 0 {
		return ""
	}
	return deck.Plural(n, "paper", "papers") + " waiting"
}

func joinParts(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " · ")
}

// DailyMessage is the morning nudge: how much is due, the streak, papers.
func DailyMessage(job string, f Facts, at time.Time) Message {
	title := "nothing due now"
	if n := f.Due.Sum(); n > 0 {
		title = deck.Plural(n, "card", "cards") + " due"
	}
	streak := ""
	switch {
	case f.AtRisk():
		streak = "keep your " + fmt.Sprintf("%d-day streak", f.Streak) + " going"
	case f.Streak > 0:
		streak = fmt.Sprintf("%d-day streak", f.Streak)
	}
	return Message{Job: job, Title: title, Body: joinParts(dueParts(f.Due), streak, papersPart(f.Papers)), At: at}
}

// EveningMessage is the nudge for a day with nothing studied yet: the streak
// at risk and when the day ends, then what is due.
func EveningMessage(f Facts, at time.Time) Message {
	title := "nothing studied today"
	if f.AtRisk() {
		title = fmt.Sprintf("your %d-day streak ends at %s", f.Streak, f.DayEnd.Format("15:04"))
	}
	due := deck.Plural(f.Due.Sum(), "card", "cards") + " due"
	if parts := dueParts(f.Due); parts != "" {
		due += ": " + parts
	}
	return Message{Job: JobEvening, Title: title, Body: joinParts(due, papersPart(f.Papers)), At: at}
}

// OptimizeMessage says what a re-fit of the FSRS weights found.
func OptimizeMessage(r Refit, at time.Time) Message {
	title := "FSRS weights re-fitted: kept the ones in force"
	if r.Saved {
		title = "FSRS weights re-fitted and saved"
	}
	body := fmt.Sprintf("log loss %.4f in force, %.4f fitted, on %s", r.Before, r.After, deck.Plural(r.Reviews, "review", "reviews"))
	if r.Note != "" {
		body = r.Note
	}
	return Message{Job: JobOptimize, Title: title, Body: body, At: at}
}

// WeeklyMessage nudges with the summary's headline and where the file is.
func WeeklyMessage(headline, path string, at time.Time) Message {
	return Message{Job: JobWeekly, Title: headline, Body: "summary in " + path, At: at}
}
