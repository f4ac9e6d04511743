package stats

import (
	"cmp"
	"fmt"
)

// The charts of the HTML page are laid out here as plain geometry; the
// template only writes it out, so every text in them is escaped by
// html/template.

// heatColors are the five levels of the heatmap, from no review to most.
var heatColors = [5]string{"#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127"}

// HeatLevel maps a day's reviews to a level 0–4 against the busiest day.
func HeatLevel(n, top int) int {
	if n <= 0 || top <= 0 {
		return 0
	}
	return min(4, max(1, (4*n+top-1)/top))
}

type svgText struct {
	X, Y int
	Text string
}

type svgRect struct {
	X, Y, W, H int
	Fill       string
	Class      string
	Title      string
}

// heatmapSVG is the calendar of the last HeatmapWeeks weeks: a column per
// week, a row per weekday, Monday on top.
type heatmapSVG struct {
	W, H   int
	Label  string
	Cells  []svgRect
	Months []svgText
	Rows   []svgText
	Legend []svgRect
	Less   svgText
	More   svgText
}

const (
	cell    = 20
	cellGap = 4
	heatX   = 34
	heatY   = 18
)

func newHeatmap(s Summary) heatmapSVG {
	h := heatmapSVG{W: heatX + HeatmapWeeks*(cell+cellGap) + 10, H: heatY + 7*(cell+cellGap) + 26}
	top := maxOf(len(s.Heatmap), func(i int) int { return s.Heatmap[i].Reviews })
	total, lastCol := 0, -9
	for i, d := range s.Heatmap {
		col, row := i/7, i%7
		x, y := heatX+col*(cell+cellGap), heatY+row*(cell+cellGap)
		r := svgRect{X: x, Y: y, W: cell, H: cell, Class: "day",
			Fill: heatColors[HeatLevel(d.Reviews, top)], Title: fmt.Sprintf("%s: %d reviews", d.Date, d.Reviews)}
		if s.Today.Before(d.Date) {
			r.Class, r.Fill, r.Title = "day future", "#ffffff", d.Date.String()+": to come"
		}
		h.Cells = append(h.Cells, r)
		total += d.Reviews
		// A month is named above the week that holds its first day (and
		// above the first week), where there is room for the name.
		if end := d.Date.AddDays(6); row == 0 && (col == 0 || end.Day <= 7) {
			if col-lastCol < 3 && len(h.Months) > 0 {
				h.Months = h.Months[:len(h.Months)-1]
			}
			h.Months = append(h.Months, svgText{x, heatY - 6, end.Format("Jan")})
			lastCol = col
		}
	}
	for i, name := range []string{"Mon", "Wed", "Fri"} {
		h.Rows = append(h.Rows, svgText{0, heatY + (2*i)*(cell+cellGap) + cell - 3, name})
	}
	ly := heatY + 7*(cell+cellGap) + 6
	lx := h.W - 10 - 5*(cell+cellGap) - 30
	h.Less = svgText{lx - 4, ly + cell - 3, "less"}
	for i, c := range heatColors {
		h.Legend = append(h.Legend, svgRect{X: lx + i*(cell+cellGap), Y: ly, W: cell, H: cell, Fill: c})
	}
	h.More = svgText{lx + 5*(cell+cellGap) + 2, ly + cell - 3, "more"}
	h.Label = fmt.Sprintf("Reviews per day over the last %d weeks: %d in all", HeatmapWeeks, total)
	return h
}

// barChartSVG is a column chart of seven days.
type barChartSVG struct {
	ID, Label string
	W, H      int
	Base      int // y of the axis
	Bars      []svgRect
	Values    []svgText
	Labels    []svgText
	Empty     string
}

// newBarChart lays out seven columns; with pastOnly, the days after today
// are still to come and get no bar and no value.
func newBarChart(id, label, fill string, dates []Date, values []int, today Date, pastOnly bool) barChartSVG {
	const w, h, top, base, barW, step, left = 434, 190, 24, 150, 40, 58, 24
	c := barChartSVG{ID: id, Label: label, W: w, H: h, Base: base}
	most := maxOf(len(values), func(i int) int { return values[i] })
	for i, v := range values {
		x := left + i*step
		bh := 0
		if most > 0 {
			bh = v * (base - top) / most
			if v > 0 {
				bh = max(bh, 2)
			}
		}
		value := fmt.Sprint(v)
		if pastOnly && today.Before(dates[i]) {
			value = ""
		}
		c.Bars = append(c.Bars, svgRect{X: x, Y: base - bh, W: barW, H: bh, Fill: fill, Class: "bar",
			Title: fmt.Sprintf("%s: %s", dates[i], cmp.Or(value, "to come"))})
		c.Values = append(c.Values, svgText{x + barW/2, base - bh - 6, value})
		name := dates[i].Format("Mon")
		if dates[i] == today {
			name = "today"
		}
		c.Labels = append(c.Labels, svgText{x + barW/2, base + 18, name})
		c.Labels = append(c.Labels, svgText{x + barW/2, base + 34, dates[i].Format("2 Jan")})
	}
	if most == 0 {
		c.Empty = "none"
	}
	return c
}

// retentionSVG shows true retention as three bars on a 0–100% scale.
type retentionSVG struct {
	W, H    int
	GridEnd int
	Label   string
	Rows    []retentionRow
	Ticks   []svgText
	Grid    []int
}

type retentionRow struct {
	Y         int
	Name      string
	Track     svgRect
	Fill      svgRect
	Value     svgText
	Count     svgText
	HasValue  bool
	NoneLabel svgText
}

func newRetention(s Summary) retentionSVG {
	const w, left, barW, rowH, barH = 434, 64, 230, 44, 24
	r := retentionSVG{W: w, H: 3*rowH + 28, GridEnd: 3*rowH + 4,
		Label: "True retention: total " + Percent(s.Retention) + ", young " + Percent(s.RetentionYoung) + ", mature " + Percent(s.RetentionMature)}
	tr := s.TrueRetention
	for i, row := range []struct {
		name           string
		ratio          *float64
		passed, failed int
	}{
		{"Young", s.RetentionYoung, tr.YoungPassed, tr.YoungFailed},
		{"Mature", s.RetentionMature, tr.MaturePassed, tr.MatureFailed},
		{"Total", s.Retention, tr.YoungPassed + tr.MaturePassed, tr.YoungFailed + tr.MatureFailed},
	} {
		y := 8 + i*rowH
		rr := retentionRow{Y: y + barH/2 + 4, Name: row.name,
			Track: svgRect{X: left, Y: y, W: barW, H: barH, Fill: "#eef1f4", Class: "track"},
			Count: svgText{left + barW + 64, y + barH/2 + 4, fmt.Sprintf("%d/%d", row.passed, row.passed+row.failed)}}
		if row.ratio != nil {
			rr.HasValue = true
			rr.Fill = svgRect{X: left, Y: y, W: int(*row.ratio*barW + 0.5), H: barH, Fill: "#2f81f7", Class: "ratio",
				Title: fmt.Sprintf("%s: %d passed, %d failed", row.name, row.passed, row.failed)}
			rr.Value = svgText{left + barW + 8, y + barH/2 + 4, Percent(row.ratio)}
		} else {
			rr.NoneLabel = svgText{left + barW + 8, y + barH/2 + 4, "–"}
		}
		r.Rows = append(r.Rows, rr)
	}
	for _, pct := range []int{0, 25, 50, 75, 100} {
		x := left + pct*barW/100
		r.Grid = append(r.Grid, x)
		r.Ticks = append(r.Ticks, svgText{x, 3*rowH + 22, fmt.Sprintf("%d%%", pct)})
	}
	return r
}

// heatFacts are the numbers beside the heatmap.
func heatFacts(s Summary) [][2]string {
	total, studied, elapsed, best := 0, 0, 0, Day{}
	for _, d := range s.Heatmap {
		if s.Today.Before(d.Date) {
			continue
		}
		elapsed++
		total += d.Reviews
		if d.Reviews > 0 {
			studied++
		}
		if d.Reviews > best.Reviews {
			best = d
		}
	}
	facts := [][2]string{
		{"Reviews", fmt.Sprint(total)},
		{"Days studied", fmt.Sprintf("%d of %d", studied, elapsed)},
	}
	if studied > 0 {
		facts = append(facts,
			[2]string{"Average on a day studied", fmt.Sprintf("%.0f", float64(total)/float64(studied))},
			[2]string{"Busiest day", fmt.Sprintf("%s (%d)", best.Date.Format("Mon 2 Jan"), best.Reviews)})
	}
	return facts
}
