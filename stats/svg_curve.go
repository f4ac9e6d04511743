package stats

import (
	"fmt"
	"math"
	"strings"
)

// curveSVG is the desired-retention curve: desired retention across, minutes
// a day on the left scale and cards remembered at the end on the right, the
// recommended level and the one in force marked by upright lines.
type curveSVG struct {
	W, H                 int
	Left, Right          int // x of the two scales
	Top, Base            int // y of the top of the plot and of its axis
	Label                string
	Minutes, Remembered  string // polyline points
	Points               []svgCircle
	LeftTicks, RightTick []svgText
	Grid                 []int // y of the horizontal grid lines
	XTicks               []svgText
	Marks                []curveMark
	LegendY              int
	MinutesKey, KeptKey  svgText
}

type svgCircle struct {
	X, Y, R int
	Title   string
}

// curveMark is an upright line at a level with its name above the plot.
type curveMark struct {
	X, Y1, Y2 int
	Class     string
	Stroke    string
	Dash      string
	Text      svgText
	Anchor    string // of the name: middle, or start and end near the edges
}

// niceCeil is the smallest of 1, 2, 4, 6, 8 or 10 times a power of ten
// that is at least v, so that a quarter of it is a round tick; 1 for
// nothing.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	step := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 4, 6, 8, 10} {
		if m*step >= v*(1-1e-9) {
			return m * step
		}
	}
	return 10 * step
}

func newCurve(c *RetentionCurve) curveSVG {
	const w, h, left, right, top, base = 900, 300, 60, 836, 44, 236
	g := curveSVG{W: w, H: h, Left: left, Right: right, Top: top, Base: base, LegendY: h - 10}
	lv := c.Levels
	lo, hi := lv[0].Retention, lv[len(lv)-1].Retention
	span := hi - lo
	if span <= 0 {
		span = 1
	}
	x := func(r float64) int { return left + int(math.Round((r-lo)/span*float64(right-left))) }
	topMin := niceCeil(maxOf(len(lv), func(i int) float64 { return lv[i].MinutesPerDay }))
	topKept := niceCeil(maxOf(len(lv), func(i int) float64 { return lv[i].Remembered }))
	y := func(v, scale float64) int { return base - int(math.Round(v/scale*float64(base-top))) }
	var mins, kept []string
	for i, l := range lv {
		px, py := x(l.Retention), y(l.MinutesPerDay, topMin)
		mins = append(mins, fmt.Sprintf("%d,%d", px, py))
		kept = append(kept, fmt.Sprintf("%d,%d", px, y(l.Remembered, topKept)))
		r := 3
		if pct(l.Retention) == pct(c.Recommended) {
			r = 5
		}
		g.Points = append(g.Points, svgCircle{px, py, r, fmt.Sprintf("%d%%: %.1f min a day, %.1f reviews a day, %.0f cards remembered, %.1f s per card kept",
			pct(l.Retention), l.MinutesPerDay, l.ReviewsPerDay, l.Remembered, l.SecondsPerCard)})
		if p := pct(l.Retention); p%5 == 0 || i == len(lv)-1 {
			g.XTicks = append(g.XTicks, svgText{px, base + 18, fmt.Sprintf("%d%%", p)})
		}
	}
	g.Minutes, g.Remembered = strings.Join(mins, " "), strings.Join(kept, " ")
	for i := range 5 {
		yy := base - i*(base-top)/4
		g.Grid = append(g.Grid, yy)
		g.LeftTicks = append(g.LeftTicks, svgText{left - 8, yy + 4, fmt.Sprintf("%g", topMin*float64(i)/4)})
		g.RightTick = append(g.RightTick, svgText{right + 8, yy + 4, fmt.Sprintf("%g", topKept*float64(i)/4)})
	}
	// The marks: the recommended level on the first row of names, the one
	// in force on the second (or both on one when they are the same).
	mark := func(r float64, row int, name, stroke, dash string) {
		if r < lo-1e-9 || r > hi+1e-9 {
			return
		}
		mx, anchor := x(r), "middle"
		switch {
		case mx < left+80:
			anchor = "start"
		case mx > right-80:
			anchor = "end"
		}
		g.Marks = append(g.Marks, curveMark{X: mx, Y1: top - 4 - 16*(1-row), Y2: base, Class: name, Stroke: stroke, Dash: dash,
			Text: svgText{mx, 14 + 16*row, fmt.Sprintf("%s %d%%", name, pct(r))}, Anchor: anchor})
	}
	if pct(c.Recommended) == pct(c.InForce) {
		mark(c.Recommended, 0, "recommended, in force", "#1a7f37", "")
	} else {
		mark(c.Recommended, 0, "recommended", "#1a7f37", "")
		mark(c.InForce, 1, "in force", "#59636e", "4 3")
	}
	g.MinutesKey = svgText{left, h - 10, "minutes a day (left scale)"}
	g.KeptKey = svgText{left + 260, h - 10, fmt.Sprintf("cards remembered after %d days (right scale)", c.Days)}
	g.Label = fmt.Sprintf("Minutes a day and cards remembered against desired retention, %d%% to %d%%: %s", pct(lo), pct(hi), curveFacts(c))
	return g
}
