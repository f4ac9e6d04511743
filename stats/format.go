package stats

import (
	"fmt"
	"math"
	"strings"

	"github.com/mattn/go-runewidth"

	"loci/deck"
)

// Change is a figure's change against the previous week, ready to print.
type Change struct {
	Text string // "+5", "−1.5", "±0", "+4.2 pts"; "" when there is nothing to compare
	Sign int    // +1 up, -1 down, 0 unchanged or not comparable
}

// Arrow is the change with an arrow, or "–" when not comparable.
func (c Change) Arrow() string {
	switch {
	case c.Text == "":
		return "–"
	case c.Sign > 0:
		return "▲ " + c.Text
	case c.Sign < 0:
		return "▼ " + c.Text
	}
	return "= " + c.Text
}

func signed(v float64, format string) string {
	switch {
	case v > 0:
		return "+" + fmt.Sprintf(format, v)
	case v < 0:
		return "−" + fmt.Sprintf(format, -v) // a true minus sign
	}
	return "±" + fmt.Sprintf(format, 0.0)
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// ChangeInt is the change of a count.
func ChangeInt(now, before int) Change {
	d := float64(now - before)
	return Change{signed(d, "%.0f"), sign(d)}
}

// ChangeMinutes is the change of minutes studied, to a tenth.
func ChangeMinutes(now, before float64) Change {
	d := math.Round((now-before)*10) / 10
	return Change{signed(d, "%.1f"), sign(d)}
}

// ChangeRatio is the change of a retention in percentage points; nothing
// when either week has none.
func ChangeRatio(now, before *float64) Change {
	if now == nil || before == nil {
		return Change{}
	}
	d := math.Round((*now-*before)*1000) / 10
	return Change{signed(d, "%.1f") + " pts", sign(d)}
}

// Percent formats a retention as 86.4%, or "–" when there is none.
func Percent(r *float64) string {
	if r == nil {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", *r*100)
}

// MinutesText formats minutes with one decimal.
func MinutesText(m float64) string { return fmt.Sprintf("%.1f", m) }

// DaysText formats a streak: "1 day", "12 days".
func DaysText(n int) string { return deck.Plural(n, "day", "days") }

// eighths are the partial blocks of a bar, from one eighth to seven.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws v against top as a bar of at most width cells of Unicode
// blocks, to an eighth of a cell; any v above zero shows at least a sliver.
func Bar(v, top, width int) string {
	if v <= 0 || top <= 0 || width <= 0 {
		return ""
	}
	n := int(math.Round(float64(min(v, top)) * float64(width*8) / float64(top)))
	n = max(n, 1)
	return strings.Repeat("█", n/8) + eighths[n%8]
}

// clip cuts s to at most w display cells, ending it with "…" when cut, and
// flattens line breaks and tabs to spaces.
func clip(s string, w int) string {
	s = strings.Join(strings.Fields(s), " ")
	return runewidth.Truncate(s, w, "…")
}

// pad fills s with spaces to w display cells (left-aligned).
func pad(s string, w int) string { return runewidth.FillRight(s, w) }

// lpad right-aligns s in w display cells.
func lpad(s string, w int) string { return runewidth.FillLeft(s, w) }

// dayLabel is a learner day as "Mon 23 Nov" ("Mon  2 Nov": days aligned).
func dayLabel(d Date) string { return d.Format("Mon _2 Jan") }

// weekSpan is "Mon 23 Nov – Sun 29 Nov 2026".
func weekSpan(s Summary) string {
	return dayLabel(s.From) + " – " + dayLabel(s.To) + " " + s.To.Format("2006")
}

// maxOf returns the largest of the values given by at for 0..n-1.
func maxOf[T int | float64](n int, at func(int) T) T {
	var m T
	for i := 0; i < n; i++ {
		m = max(m, at(i))
	}
	return m
}

// WeeklyLine is the weekly nudge's one line: "week 2026-W48: 143 reviews
// (+23 on last week), 52.3 minutes, 91.2% true retention, 12-day streak".
func WeeklyLine(s Summary) string {
	reviews := deck.Plural(s.Reviews, "review", "reviews")
	if d := s.Reviews - s.Previous.Reviews; d != 0 {
		reviews += fmt.Sprintf(" (%+d on last week)", d)
	}
	parts := []string{reviews}
	if s.Minutes > 0 {
		parts = append(parts, MinutesText(s.Minutes)+" minutes")
	}
	if s.Retention != nil {
		parts = append(parts, Percent(s.Retention)+" true retention")
	}
	if s.Streak > 0 {
		parts = append(parts, fmt.Sprintf("%d-day streak", s.Streak))
	}
	return "week " + s.Week.String() + ": " + strings.Join(parts, ", ")
}
