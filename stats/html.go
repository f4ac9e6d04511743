package stats

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"
)

//go:embed summary.html.tmpl
var pageSource string

// page is the HTML template, parsed the first time a page is written rather
// than when every loci process starts.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("summary").Funcs(template.FuncMap{
		"pct":     Percent,
		"minutes": MinutesText,
		"day":     func(d Date) string { return d.Format("Mon 2 Jan") },
		"add":     func(a, b int) int { return a + b },
	}).Parse(pageSource))
})

// figure is one headline figure of the page with its change.
type figure struct {
	Name, Value, Before string
	Change              Change
}

// Class is the CSS class of the change: up, down or same.
func (f figure) Class() string {
	switch f.Change.Sign {
	case 1:
		return "up"
	case -1:
		return "down"
	}
	return "same"
}

// Arrow is the change as printed.
func (f figure) Arrow() string { return f.Change.Arrow() }

type htmlView struct {
	S         Summary
	Span      string
	Figures   []figure
	Heatmap   heatmapSVG
	HeatFacts [][2]string
	Days      barChartSVG
	Forecast  barChartSVG
	Retention retentionSVG
	Leech     int
	Mature    int
	// Curve is the desired-retention chart, with the sentences under it;
	// HasCurve is false when no simulation was saved.
	HasCurve              bool
	Curve                 curveSVG
	CurveFacts, CurveWhen string
	CurveCommand          string
}

// HTML writes the summary as one self-contained HTML page: styles inline,
// charts as inline SVG, no script and nothing fetched from the network.
func HTML(w io.Writer, s Summary) error {
	p := s.Previous
	v := htmlView{S: s, Span: weekSpan(s),
		Figures: []figure{
			{"Reviews", fmt.Sprint(s.Reviews), fmt.Sprint(p.Reviews), ChangeInt(s.Reviews, p.Reviews)},
			{"Minutes studied", MinutesText(s.Minutes), MinutesText(p.Minutes), ChangeMinutes(s.Minutes, p.Minutes)},
			{"New cards learned", fmt.Sprint(s.NewLearned), fmt.Sprint(p.NewLearned), ChangeInt(s.NewLearned, p.NewLearned)},
			{"True retention", Percent(s.Retention), Percent(p.Retention), ChangeRatio(s.Retention, p.Retention)},
			{"Streak", DaysText(s.Streak), DaysText(p.Streak), ChangeInt(s.Streak, p.Streak)},
		},
		Heatmap:   newHeatmap(s),
		HeatFacts: heatFacts(s),
		Retention: newRetention(s),
		Leech:     s.LeechAt,
		Mature:    MatureDays,
	}
	if c := s.RetentionCurve; c != nil && len(c.Levels) > 0 {
		v.HasCurve, v.Curve, v.CurveFacts, v.CurveWhen = true, newCurve(c), curveFacts(c), curveWhen(c)
	}
	v.CurveCommand = CurveCommand
	var dates []Date
	var reviews, due []int
	for _, d := range s.Days {
		dates, reviews = append(dates, d.Date), append(reviews, d.Reviews)
	}
	v.Days = newBarChart("days", fmt.Sprintf("Reviews per day this week: %d in all", s.Reviews), "#2da44e", dates, reviews, s.Today, true)
	dates = nil
	total := 0
	for _, f := range s.Forecast {
		dates, due = append(dates, f.Date), append(due, f.Due)
		total += f.Due
	}
	v.Forecast = newBarChart("forecast", fmt.Sprintf("Cards due in the next seven days: %d in all", total), "#2f81f7", dates, due, s.Today, false)
	return page().Execute(w, v)
}
