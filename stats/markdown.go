package stats

import (
	"fmt"
	"io"
	"strings"
)

// mdEscaper escapes what Markdown (CommonMark with GitHub's tables) would
// otherwise read as markup inside a table cell or a line of text.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `|`, `\|`, `~`, `\~`, `#`, `\#`, `&`, `&amp;`,
)

// md makes text safe for one Markdown table cell or line.
func md(s string) string { return mdEscaper.Replace(strings.Join(strings.Fields(s), " ")) }

// mdBar is a bar chart cell: blocks in a code span so that they line up.
func mdBar(v, top int) string {
	b := Bar(v, top, 20)
	if b == "" {
		return ""
	}
	return "`" + b + "`"
}

// Markdown writes the summary as GitHub-flavoured Markdown: headings,
// tables and bars of Unicode blocks, which render on a code-hosting site.
func Markdown(w io.Writer, s Summary) error {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p := s.Previous
	day := func(d Date) string { return d.Format("Mon 2 Jan") }

	line("# Weekly summary: %s", s.Week)
	line("")
	line("%s – %s %d. Streak counted to %s; forecast from %s.", day(s.From), day(s.To), s.To.Year, day(s.AsOf), day(s.Today))
	line("")
	line("| | This week | Last week | Change |")
	line("|---|---:|---:|---:|")
	row := func(label, now, before string, c Change) {
		line("| %s | %s | %s | %s |", label, now, before, c.Arrow())
	}
	row("Reviews", fmt.Sprint(s.Reviews), fmt.Sprint(p.Reviews), ChangeInt(s.Reviews, p.Reviews))
	row("Minutes studied", MinutesText(s.Minutes), MinutesText(p.Minutes), ChangeMinutes(s.Minutes, p.Minutes))
	row("New cards learned", fmt.Sprint(s.NewLearned), fmt.Sprint(p.NewLearned), ChangeInt(s.NewLearned, p.NewLearned))
	row("True retention", Percent(s.Retention), Percent(p.Retention), ChangeRatio(s.Retention, p.Retention))
	row("Streak (days)", fmt.Sprint(s.Streak), fmt.Sprint(p.Streak), ChangeInt(s.Streak, p.Streak))
	line("")

	line("## True retention")
	line("")
	line("Answers to cards in review; Hard, Good and Easy pass, Again fails.")
	line("")
	line("| | Passed | Failed | Retention |")
	line("|---|---:|---:|---:|")
	tr := s.TrueRetention
	line("| Young (interval < %d days) | %d | %d | %s |", MatureDays, tr.YoungPassed, tr.YoungFailed, Percent(s.RetentionYoung))
	line("| Mature | %d | %d | %s |", tr.MaturePassed, tr.MatureFailed, Percent(s.RetentionMature))
	line("| **Total** | %d | %d | %s |", tr.YoungPassed+tr.MaturePassed, tr.YoungFailed+tr.MatureFailed, Percent(s.Retention))
	line("")

	line("## Reviews per day")
	line("")
	line("| Day | Reviews | Minutes | |")
	line("|---|---:|---:|---|")
	top := maxOf(len(s.Days), func(i int) int { return s.Days[i].Reviews })
	for _, d := range s.Days {
		label := day(d.Date)
		if d.Date == s.Today {
			label = "**" + label + "** (today)"
		}
		line("| %s | %d | %s | %s |", label, d.Reviews, MinutesText(d.Minutes), mdBar(d.Reviews, top))
	}
	line("")

	line("## Due in the next seven days")
	line("")
	line("| Day | Due | |")
	line("|---|---:|---|")
	top = maxOf(len(s.Forecast), func(i int) int { return s.Forecast[i].Due })
	for i, f := range s.Forecast {
		label := day(f.Date)
		if i == 0 {
			label += " (today, with overdue cards)"
		}
		line("| %s | %d | %s |", label, f.Due, mdBar(f.Due, top))
	}
	line("")

	line("## Decks")
	line("")
	if len(s.Decks) == 0 {
		line("Nothing was reviewed this week.")
	} else {
		line("| Deck | Reviews | Minutes | New | Retention |")
		line("|---|---:|---:|---:|---:|")
		for _, d := range s.Decks {
			line("| %s | %d | %s | %d | %s |", md(d.Name), d.Reviews, MinutesText(d.Minutes), d.NewLearned, Percent(d.Retention))
		}
	}
	line("")

	line("## Paper checkpoints moved")
	line("")
	if len(s.PapersMoved) == 0 {
		line("No paper checkpoint changed stage this week.")
	}
	for _, m := range s.PapersMoved {
		line("- **%s** (`%s`): %s → %s on %s", md(m.Title), strings.ReplaceAll(m.Key, "`", "'"), m.From, m.To, day(m.Date))
	}
	line("")

	line("## Hardest cards")
	line("")
	if len(s.Hardest) == 0 {
		line("No card was failed this week.")
	} else {
		line("Most lapses first; a card with %d lapses or more is a leech.", s.LeechAt)
		line("")
		line("| Card | Deck | Lapses | Again this week | |")
		line("|---|---|---:|---:|---|")
		for _, c := range s.Hardest {
			flag := ""
			if c.Leech {
				flag = "**leech**"
			}
			line("| %s | %s | %d | %d | %s |", md(clip(c.Front, 120)), md(c.Deck), c.Lapses, c.Again, flag)
		}
	}
	line("")

	line("## New leeches")
	line("")
	if len(s.NewLeeches) == 0 {
		line("No card became a leech this week.")
	}
	for _, l := range s.NewLeeches {
		line("- %s: %s (`%s`, %s), %d lapses; rewrite it with `loci edit %s`", day(l.Date), md(clip(l.Front, 120)),
			strings.ReplaceAll(l.ID, "`", "'"), md(l.Deck), l.Lapses, strings.ReplaceAll(l.ID, "`", "'"))
	}
	line("")

	line("## Desired retention")
	line("")
	if c := s.RetentionCurve; c == nil || len(c.Levels) == 0 {
		line("%s", curveNone(func(s string) string { return "`" + s + "`" }))
	} else {
		line("%s", curveFacts(c))
		line("")
		line("_%s; refresh with `%s`; the HTML summary draws the whole curve._", curveWhen(c), CurveCommand)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
