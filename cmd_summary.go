package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/scheduler"
	"loci/stats"
	"loci/storage"
)

func summaryCmd(e *env) *cobra.Command {
	var week, format, out string
	cmd := &cobra.Command{
		Use:   "summary [--week 2026-W48] [--format text|md|json|html] [-o FILE]",
		Short: "Show how a week of study went",
		Long: `Summarise a week of study: reviews and minutes per day, new cards learned,
true retention (young and mature cards, as Anki's true-retention table), the
streak, the cards due in the next seven days, per-deck rows, paper checkpoints
that moved, the hardest cards, and the change against the week before.

The week is an ISO week (Monday to Sunday learner days; a learner day starts
at day_starts_at, 04:00 by default); without --week it is the current one.

Formats: text (for the terminal; colour unless NO_COLOR is set or the output
is not a terminal), md (Markdown), json (field names are stable: week,
reviews, minutes, new_learned, retention, retention_young, retention_mature,
streak, days, forecast, decks, papers_moved, hardest, previous), and html
(one self-contained page with charts).`,
		Example: `  loci summary
  loci summary --week 2026-W47 --format md -o week47.md
  loci summary --format html -o summary.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var w stats.Week
			if week != "" {
				var err error
				if w, err = stats.ParseWeek(week); err != nil {
					return usageError{err}
				}
			}
			switch format {
			case "markdown":
				format = "md"
			case "text", "md", "json", "html":
			default:
				return usagef("--format %q: want text, md, json or html", format)
			}
			return e.withDB(func() error {
				s, err := newSummarySource(e.db, e.study.Sched, e.now).Summary(e.ctx, w)
				if err != nil {
					return err
				}
				if out == "" {
					return renderSummary(e.stdout, s, format, format == "text" && colorOK(e.stdout))
				}
				var b bytes.Buffer
				if err := renderSummary(&b, s, format, false); err != nil {
					return err
				}
				if err := os.WriteFile(out, b.Bytes(), 0o600); err != nil {
					return hintError{fmt.Errorf("write the summary: %w", err), "loci summary -o PATH with a directory you can write to"}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&week, "week", "", "ISO week such as 2026-W48 (default: the current week)")
	cmd.Flags().StringVar(&format, "format", "text", "text, md, json or html")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

func renderSummary(w io.Writer, s stats.Summary, format string, color bool) error {
	switch format {
	case "md":
		return stats.Markdown(w, s)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(s)
	case "html":
		return stats.HTML(w, s)
	}
	return stats.Text(w, s, color)
}

// colorOK reports whether text for w may carry colour: w is a terminal and
// NO_COLOR (https://no-color.org) is unset or empty.
func colorOK(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && os.Getenv("NO_COLOR") == "" && term.IsTerminal(int(f.Fd()))
}

// summarySource gathers weekly summaries from the database, cutting time
// into learner days at the scheduler's day boundary in its time zone. The
// TUI's stats screen uses it too (it satisfies ui.StatsSource).
type summarySource struct {
	db    *storage.DB
	sched *scheduler.Scheduler
	now   func() time.Time
}

func newSummarySource(db *storage.DB, sched *scheduler.Scheduler, now func() time.Time) summarySource {
	return summarySource{db, sched, now}
}

// dayStart is the moment the learner day of date d begins.
func (s summarySource) dayStart(d stats.Date) time.Time {
	set := s.sched.Settings()
	loc := set.Location
	if loc == nil {
		loc = time.Local
	}
	off := set.DayStartsAt
	clock := time.Date(d.Year, d.Month, d.Day, int(off/time.Hour), int(off%time.Hour/time.Minute), int(off%time.Minute/time.Second), 0, loc)
	return s.sched.DayStart(clock)
}

// bounds returns the n+1 boundaries of n learner days from date from on.
func (s summarySource) bounds(from stats.Date, n int) []time.Time {
	out := make([]time.Time, n+1)
	for i := range out {
		out[i] = s.dayStart(from.AddDays(i))
	}
	return out
}

// learnerDate is the date of the learner day that holds t.
func (s summarySource) learnerDate(t time.Time) stats.Date { return stats.DateOf(s.sched.DayStart(t)) }

// Summary builds the summary of week w; the zero week is the current one.
func (s summarySource) Summary(ctx context.Context, w stats.Week) (stats.Summary, error) {
	today := s.learnerDate(s.now())
	if w.IsZero() {
		w = stats.WeekOf(today)
	}
	in := stats.Input{Week: w, Today: today}
	monday := w.Monday()
	from, to := s.dayStart(monday), s.dayStart(monday.AddDays(7))
	fail := func(err error) (stats.Summary, error) {
		return stats.Summary{}, fmt.Errorf("summary of %s: %w", w, err)
	}

	tallies, err := s.db.DayTallies(ctx, s.bounds(monday.AddDays(-7), 14))
	if err != nil {
		return fail(err)
	}
	for i, t := range tallies {
		in.Days[i] = stats.Tally(t)
	}
	heatFrom := monday.AddDays(-7 * (stats.HeatmapWeeks - 1))
	if in.Heatmap, err = s.db.DayCounts(ctx, s.bounds(heatFrom, stats.HeatmapWeeks*7)); err != nil {
		return fail(err)
	}
	if err := s.streakDays(ctx, &in); err != nil {
		return fail(err)
	}
	forecast := s.bounds(today, 7)
	forecast[0] = time.Time{} // the first day also counts overdue cards
	due, err := s.db.DueCounts(ctx, forecast)
	if err != nil {
		return fail(err)
	}
	copy(in.Forecast[:], due)

	decks, err := s.db.DeckTallies(ctx, from, to)
	if err != nil {
		return fail(err)
	}
	for _, d := range decks {
		in.Decks = append(in.Decks, stats.DeckTally{Deck: d.Deck, Tally: stats.Tally(d.Tally)})
	}
	moves, err := s.db.StageMoves(ctx, from, to)
	if err != nil {
		return fail(err)
	}
	loc := s.sched.Settings().Location
	if loc == nil {
		loc = time.Local
	}
	for _, m := range moves {
		in.Moves = append(in.Moves, stats.Move{Key: m.Key, Title: m.Title, From: m.From, To: m.To,
			At: m.At.In(loc), Date: s.learnerDate(m.At)})
	}
	hard, err := s.db.HardestCards(ctx, from, to, stats.HardestCount)
	if err != nil {
		return fail(err)
	}
	for _, h := range hard {
		front, _ := h.Card.Shown(nil)
		in.Cards = append(in.Cards, stats.CardTally{ID: h.Card.ID, Deck: h.Card.Deck, Front: strings.TrimSpace(front),
			Lapses: h.Lapses, Again: h.Again})
	}
	return stats.Build(in), nil
}

// streakDays fills in which learner days had answers, from the first
// answer ever up to the day the week's streak is counted to.
func (s summarySource) streakDays(ctx context.Context, in *stats.Input) error {
	first, ok, err := s.db.FirstReview(ctx)
	if err != nil || !ok {
		return err
	}
	in.ActiveFrom = s.learnerDate(first)
	n := stats.AsOf(in.Week, in.Today).Sub(in.ActiveFrom) + 1
	if n <= 0 {
		return nil
	}
	in.Active, err = s.db.ActiveDays(ctx, s.bounds(in.ActiveFrom, n))
	return err
}
