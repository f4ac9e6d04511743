package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/stats"
	"loci/stats/gather"
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
				s, err := gather.New(e.db, e.study.Sched, e.now).Summary(e.ctx, w)
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
				fmt.Fprintf(e.stdout, "wrote the %s summary of %s to %s\n", format, s.Week, out)
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
