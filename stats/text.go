package stats

import (
	"fmt"
	"io"
	"strings"
)

// TextWidth is the width the text rendering fits in.
const TextWidth = 80

// ansi colours the text rendering; with on false it adds nothing.
type ansi struct{ on bool }

func (a ansi) wrap(code, s string) string {
	if !a.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (a ansi) bold(s string) string  { return a.wrap("1", s) }
func (a ansi) dim(s string) string   { return a.wrap("2", s) }
func (a ansi) green(s string) string { return a.wrap("32", s) }
func (a ansi) blue(s string) string  { return a.wrap("34", s) }
func (a ansi) red(s string) string   { return a.wrap("31", s) }

// change colours a change: up green, down red, unchanged dim.
func (a ansi) change(c Change) string {
	switch {
	case c.Sign > 0:
		return a.green(c.Arrow())
	case c.Sign < 0:
		return a.red(c.Arrow())
	}
	return a.dim(c.Arrow())
}

// Text writes the summary for a terminal, in at most TextWidth columns,
// with bar charts of Unicode blocks. With color it adds ANSI colours; the
// caller decides (NO_COLOR, whether the output is a terminal).
func Text(w io.Writer, s Summary, color bool) error {
	a := ansi{color}
	var b strings.Builder
	line := func(format string, args ...any) {
		b.WriteString(strings.TrimRight(fmt.Sprintf(format, args...), " "))
		b.WriteByte('\n')
	}

	line("%s", a.bold(fmt.Sprintf("loci · week %s · %s", s.Week, weekSpan(s))))
	line("")
	line("  %s%s  %s  %s", pad("", 24), lpad("This week", 10), lpad("Last week", 10), "Change")
	p := s.Previous
	row := func(label, now, before string, c Change) {
		line("  %s%s  %s  %s", pad(label, 24), lpad(now, 10), lpad(before, 10), a.change(c))
	}
	row("Reviews", fmt.Sprint(s.Reviews), fmt.Sprint(p.Reviews), ChangeInt(s.Reviews, p.Reviews))
	row("Minutes studied", MinutesText(s.Minutes), MinutesText(p.Minutes), ChangeMinutes(s.Minutes, p.Minutes))
	row("New cards learned", fmt.Sprint(s.NewLearned), fmt.Sprint(p.NewLearned), ChangeInt(s.NewLearned, p.NewLearned))
	row("True retention", Percent(s.Retention), Percent(p.Retention), ChangeRatio(s.Retention, p.Retention))
	row("Streak (days)", fmt.Sprint(s.Streak), fmt.Sprint(p.Streak), ChangeInt(s.Streak, p.Streak))
	line("")

	line("%s", a.bold("True retention (answers to cards in review)"))
	line("  %s%s  %s  %s", pad("", 28), lpad("Passed", 7), lpad("Failed", 7), lpad("Retention", 9))
	tr := s.TrueRetention
	for _, r := range []struct {
		label          string
		passed, failed int
		ratio          *float64
	}{
		{fmt.Sprintf("Young (interval < %d days)", MatureDays), tr.YoungPassed, tr.YoungFailed, s.RetentionYoung},
		{"Mature", tr.MaturePassed, tr.MatureFailed, s.RetentionMature},
		{"Total", tr.YoungPassed + tr.MaturePassed, tr.YoungFailed + tr.MatureFailed, s.Retention},
	} {
		line("  %s%s  %s  %s", pad(r.label, 28), lpad(fmt.Sprint(r.passed), 7), lpad(fmt.Sprint(r.failed), 7), lpad(Percent(r.ratio), 9))
	}
	line("")

	const barW = 40
	line("%s", a.bold("Reviews per day"))
	top := maxOf(len(s.Days), func(i int) int { return s.Days[i].Reviews })
	for _, d := range s.Days {
		bar, count := a.green(pad(Bar(d.Reviews, top, barW), barW)), fmt.Sprint(d.Reviews)
		note := fmt.Sprintf("%s min", MinutesText(d.Minutes))
		switch {
		case s.Today.Before(d.Date):
			bar, count, note = pad("", barW), "", "" // still to come
		case d.Date == s.Today:
			note += "  today"
		}
		line("  %s  %s %s  %s", dayLabel(d.Date), bar, lpad(count, 5), a.dim(note))
	}
	line("")

	line("%s", a.bold("Due in the next seven days"))
	top = maxOf(len(s.Forecast), func(i int) int { return s.Forecast[i].Due })
	for i, f := range s.Forecast {
		note := ""
		if i == 0 {
			note = "today + overdue"
		}
		line("  %s  %s %s  %s", dayLabel(f.Date), a.blue(pad(Bar(f.Due, top, barW), barW)), lpad(fmt.Sprint(f.Due), 5), a.dim(note))
	}
	line("")

	line("%s", a.bold("Decks"))
	if len(s.Decks) == 0 {
		line("  %s", a.dim("Nothing was reviewed this week."))
	} else {
		const nameW = TextWidth - 2 - 3*10
		line("  %s%s%s%s", pad("", nameW), lpad("Reviews", 10), lpad("Minutes", 10), lpad("Retention", 10))
		for _, d := range s.Decks {
			line("  %s%s%s%s", pad(clip(d.Name, nameW-2), nameW), lpad(fmt.Sprint(d.Reviews), 10),
				lpad(MinutesText(d.Minutes), 10), lpad(Percent(d.Retention), 10))
		}
	}
	line("")

	line("%s", a.bold("Paper checkpoints moved"))
	if len(s.PapersMoved) == 0 {
		line("  %s", a.dim("No paper checkpoint changed stage this week."))
	}
	for _, m := range s.PapersMoved {
		head := fmt.Sprintf("%s  %s  ", dayLabel(m.Date), pad(string(m.From)+" → "+string(m.To), 24))
		line("  %s%s", head, clip(m.Title+" ("+m.Key+")", TextWidth-2-len([]rune(head))))
	}
	line("")

	line("%s", a.bold(fmt.Sprintf("Hardest cards (most lapses; a leech at %d)", s.LeechAt)))
	if len(s.Hardest) == 0 {
		line("  %s", a.dim("No card was failed this week."))
	} else {
		line("  %s  %s  %s", lpad("Lapses", 6), lpad("Again", 5), "Card")
		for _, c := range s.Hardest {
			front, flag := c.Front, ""
			if c.Leech {
				flag = a.red("LEECH") + " "
				front = clip(front, TextWidth-2-6-2-5-2-6)
			} else {
				front = clip(front, TextWidth-2-6-2-5-2)
			}
			line("  %s  %s  %s%s", lpad(fmt.Sprint(c.Lapses), 6), lpad(fmt.Sprint(c.Again), 5), flag, front)
		}
	}
	line("")

	line("%s", a.bold("New leeches (rewrite them: loci edit CARD)"))
	if len(s.NewLeeches) == 0 {
		line("  %s", a.dim("No card became a leech this week."))
	}
	for _, l := range s.NewLeeches {
		head := fmt.Sprintf("%s  %s  ", dayLabel(l.Date), lpad(fmt.Sprint(l.Lapses), 6))
		line("  %s%s", head, clip(l.Front+" ("+l.ID+")", TextWidth-2-len([]rune(head))))
	}
	line("")
	textCurve(line, a, s.RetentionCurve)
	_, err := io.WriteString(w, b.String())
	return err
}

// textCurve writes the desired-retention section: the recommended level and
// the one in force in a small table, or how to get the curve.
func textCurve(line func(string, ...any), a ansi, c *RetentionCurve) {
	if c == nil || len(c.Levels) == 0 {
		line("%s", a.bold("Desired retention"))
		line("  %s", a.dim(curveNone(func(s string) string { return s })))
		return
	}
	line("%s", a.bold("Desired retention, simulated "+c.SimulatedAt.Format("Mon 2 Jan 2006")))
	line("  %s%s%s%s%s", pad("", 26), lpad("Min a day", 10), lpad("Reviews", 9), lpad("Remembered", 12), lpad("s/card kept", 13))
	row := func(r float64, name string) {
		l, ok := c.level(r)
		if !ok {
			line("  %s%s", pad(fmt.Sprintf("%d%%  %s", pct(r), name), 26), a.dim("not simulated"))
			return
		}
		line("  %s%s%s%s%s", pad(fmt.Sprintf("%d%%  %s", pct(r), name), 26), lpad(fmt.Sprintf("%.1f", l.MinutesPerDay), 10),
			lpad(fmt.Sprintf("%.1f", l.ReviewsPerDay), 9), lpad(fmt.Sprintf("%.0f", l.Remembered), 12), lpad(fmt.Sprintf("%.1f", l.SecondsPerCard), 13))
	}
	if pct(c.Recommended) == pct(c.InForce) {
		row(c.Recommended, "recommended, in force")
	} else {
		row(c.Recommended, "recommended")
		row(c.InForce, "in force")
	}
	line("  %s", a.dim("Whole curve: loci summary --format html; refresh: "+CurveCommand))
}
