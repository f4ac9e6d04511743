package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/stats"
)

// StatsSource gives the stats screen its weekly summaries; the zero week
// asks for the current one. The command layer satisfies it over storage
// and the scheduler's day boundary.
type StatsSource interface {
	Summary(ctx context.Context, week stats.Week) (stats.Summary, error)
}

// heatColors are the heatmap's levels 1–4 (level 0 is a grey dot), readable
// on dark and light terminals alike.
var heatColors = [5]string{"gray", "#9be9a8", "#40c463", "#30a14e", "#216e39"}

// statsView is the stats screen: the last 16 weeks as a calendar heatmap,
// the week's reviews per day, its headline figures with their change, and
// the cards due in the next seven days. It fits 80×24.
type statsView struct {
	app      *App
	src      StatsSource
	root     *tview.Flex
	title    *fitText
	heat     *tview.TextView
	days     *tview.TextView
	figures  *tview.TextView
	forecast *tview.TextView
	status   *tview.TextView
	keys     *fitText
	actions  []*action
	sum      stats.Summary
}

// newStatsView builds the screen and adds it to the pages as "stats".
func newStatsView(a *App, src StatsSource) *statsView {
	box := func(title string) *tview.TextView {
		tv := tview.NewTextView().SetDynamicColors(true).SetWrap(false)
		tv.SetBorder(true).SetTitle(" " + title + " ").SetTitleAlign(tview.AlignLeft)
		return tv
	}
	v := &statsView{app: a, src: src,
		title:    newTitleLine(),
		heat:     box("Last 16 weeks"),
		days:     box("This week"),
		figures:  box("Compared with the week before"),
		forecast: box("Due next 7 days"),
		status:   tview.NewTextView().SetDynamicColors(true),
	}
	v.keys = newKeyBar(&v.actions)
	v.actions = []*action{
		{keys: []tcell.Key{tcell.KeyLeft}, runes: []rune{'['}, label: "[", help: "week before", run: func() { v.load(v.sum.Week.Prev()) }},
		{keys: []tcell.Key{tcell.KeyRight}, runes: []rune{']'}, label: "]", help: "week after", run: func() { v.load(v.sum.Week.Next()) }},
		{runes: []rune{'t'}, label: "t", help: "this week", run: func() { v.load(stats.Week{}) }},
		{runes: []rune{'?'}, label: "?", help: "help", run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "back", run: a.showDashboard},
	}
	top := tview.NewFlex().AddItem(v.heat, 40, 0, false).AddItem(v.days, 0, 1, false)
	bottom := tview.NewFlex().AddItem(v.figures, 40, 0, false).AddItem(v.forecast, 0, 1, false)
	v.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(v.title, 1, 0, false).
		AddItem(top, 11, 0, false).
		AddItem(bottom, 0, 1, false). // takes what is left (9 rows at 80×24), so the footer always shows
		AddItem(v.status, 1, 0, false).
		AddItem(v.keys, 1, 0, false)
	v.root.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if dispatch(v.actions, ev) {
			return nil
		}
		return ev
	})
	a.pages.AddPage("stats", v.root, true, false)
	return v
}

// open shows the screen on the current week.
func (v *statsView) open() {
	v.load(stats.Week{})
	v.app.pages.SwitchToPage("stats")
	v.app.onTop = v.actions
	v.app.tv.SetFocus(v.root)
}

// load fetches the summary of week w and draws it; on error the screen
// keeps what it showed and says what went wrong.
func (v *statsView) load(w stats.Week) {
	s, err := v.src.Summary(v.app.ctx, w)
	if err != nil {
		v.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	v.sum = s
	v.status.SetText("")
	v.render()
}

func (v *statsView) render() {
	s := v.sum
	span := s.From.Format("Mon 2 Jan") + " – " + s.To.Format("Mon 2 Jan 2006")
	v.title.SetText(fmt.Sprintf("[::b]Stats[::-]  ·  week %s  ·  %s", s.Week, span))
	v.heat.SetText(heatmapText(s))
	v.days.SetText(dayBars(s))
	v.figures.SetText(figuresText(s))
	v.forecast.SetText(forecastText(s))
}

// heatmapText draws the heatmap: a column per week, a row per weekday from
// Monday, month names above the weeks where months begin.
func heatmapText(s stats.Summary) string {
	weeks := len(s.Heatmap) / 7
	top := 0
	for _, d := range s.Heatmap {
		top = max(top, d.Reviews)
	}
	months := []rune(strings.Repeat(" ", 4+2*weeks))
	next := 0 // first free column for a month name
	for w := 0; w < weeks; w++ {
		if end := s.Heatmap[w*7+6].Date; w == 0 || end.Day <= 7 {
			col := 4 + 2*w
			if col >= next && col+3 <= len(months) {
				copy(months[col:], []rune(end.Format("Jan")))
				next = col + 4
			}
		}
	}
	var b strings.Builder
	b.WriteString("[gray]" + strings.TrimRight(string(months), " ") + "[-]\n")
	total := 0
	for row := 0; row < 7; row++ {
		label := "   "
		if row%2 == 0 {
			label = s.Heatmap[row].Date.Format("Mon")
		}
		b.WriteString("[gray]" + label + "[-] ")
		for w := 0; w < weeks; w++ {
			d := s.Heatmap[w*7+row]
			switch lvl := stats.HeatLevel(d.Reviews, top); {
			case s.Today.Before(d.Date):
				b.WriteString("  ")
			case lvl == 0:
				b.WriteString("[gray]·[-] ")
			default:
				b.WriteString("[" + heatColors[lvl] + "]■[-] ")
			}
			total += d.Reviews
		}
		b.WriteString("\n")
	}
	legend := "[gray]less[-] [gray]·[-]"
	for _, c := range heatColors[1:] {
		legend += "[" + c + "]■[-]"
	}
	fmt.Fprintf(&b, "%s [gray]more[-]  %s", legend, deck.Plural(total, "review", "reviews"))
	return b.String()
}

// dayBars draws the week's reviews per day as bars.
func dayBars(s stats.Summary) string {
	top := 0
	for _, d := range s.Days {
		top = max(top, d.Reviews)
	}
	var b strings.Builder
	for _, d := range s.Days {
		label := d.Date.Format("Mon _2")
		if d.Date == s.Today {
			label = "[::b]" + label + "[::-]"
		}
		if s.Today.Before(d.Date) {
			fmt.Fprintf(&b, "[gray]%s[-]\n", d.Date.Format("Mon _2"))
			continue
		}
		fmt.Fprintf(&b, "%s [green]%-24s[-] %4d\n", label, stats.Bar(d.Reviews, top, 24), d.Reviews)
	}
	fmt.Fprintf(&b, "[gray]%s · %s min · %d new[-]", deck.Plural(s.Reviews, "review", "reviews"), stats.MinutesText(s.Minutes), s.NewLearned)
	return b.String()
}

// figuresText lists the headline figures with their change.
func figuresText(s stats.Summary) string {
	p := s.Previous
	row := func(name, value string, c stats.Change) string {
		color := "gray"
		switch c.Sign {
		case 1:
			color = "green"
		case -1:
			color = "red"
		}
		return fmt.Sprintf("%-10s %9s  [%s]%s[-]\n", name, value, color, tview.Escape(c.Arrow()))
	}
	return row("Reviews", fmt.Sprint(s.Reviews), stats.ChangeInt(s.Reviews, p.Reviews)) +
		row("Minutes", stats.MinutesText(s.Minutes), stats.ChangeMinutes(s.Minutes, p.Minutes)) +
		row("New cards", fmt.Sprint(s.NewLearned), stats.ChangeInt(s.NewLearned, p.NewLearned)) +
		row("Retention", stats.Percent(s.Retention), stats.ChangeRatio(s.Retention, p.Retention)) +
		fmt.Sprintf("[gray]  young %s · mature %s[-]\n", stats.Percent(s.RetentionYoung), stats.Percent(s.RetentionMature)) +
		row("Streak", stats.DaysText(s.Streak), stats.ChangeInt(s.Streak, p.Streak)) +
		fmt.Sprintf("[gray]vs %s[-]", p.Week)
}

// forecastText draws the cards due on each of the next seven days.
func forecastText(s stats.Summary) string {
	top := 0
	for _, f := range s.Forecast {
		top = max(top, f.Due)
	}
	var b strings.Builder
	for i, f := range s.Forecast {
		label := f.Date.Format("Mon _2")
		if i == 0 {
			label = "[::b]Today [::-]"
		}
		fmt.Fprintf(&b, "%s [blue]%-24s[-] %4d\n", label, stats.Bar(f.Due, top, 24), f.Due)
	}
	return strings.TrimRight(b.String(), "\n")
}
