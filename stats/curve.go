package stats

import (
	"fmt"
	"math"
	"time"
)

// CurveCommand is the command that simulates the curve and saves it.
const CurveCommand = "loci optimize --retention"

// RetentionCurve is the latest saved run of `loci optimize --retention`:
// the year ahead simulated at each desired retention. The summary shows it
// as saved and never simulates (that takes seconds on a large collection).
type RetentionCurve struct {
	SimulatedAt time.Time `json:"simulated_at"` // in the learner's time zone
	Seed        uint64    `json:"seed"`
	Days        int       `json:"days"`  // days simulated
	Cards       int       `json:"cards"` // studied cards the simulation started from
	Recommended float64   `json:"recommended"`
	// InForceThen is the desired retention in force when it was simulated,
	// InForce the one in force now (the one the chart marks).
	InForceThen float64      `json:"in_force_when_simulated"`
	InForce     float64      `json:"in_force"`
	Levels      []CurveLevel `json:"levels"` // by rising retention
}

// CurveLevel is the outcome of simulating one desired retention.
type CurveLevel struct {
	Retention     float64 `json:"retention"`
	MinutesPerDay float64 `json:"minutes_per_day"`
	ReviewsPerDay float64 `json:"reviews_per_day"`
	Remembered    float64 `json:"remembered"` // cards expected to be recalled on the last day
	// SecondsPerCard is the time spent per card remembered at the end.
	SecondsPerCard float64 `json:"seconds_per_remembered_card"`
}

// pct is a retention as a whole percentage.
func pct(r float64) int { return int(math.Round(r * 100)) }

// level returns the simulated level at retention r (to the percent).
func (c *RetentionCurve) level(r float64) (CurveLevel, bool) {
	for _, l := range c.Levels {
		if pct(l.Retention) == pct(r) {
			return l, true
		}
	}
	return CurveLevel{}, false
}

// copyCurve returns a copy of c that shares nothing with it.
func copyCurve(c *RetentionCurve) *RetentionCurve {
	if c == nil {
		return nil
	}
	out := *c
	out.Levels = append([]CurveLevel{}, c.Levels...)
	return &out
}

// curveNone is the line the summaries print when no curve was saved, with
// the command quoted by code.
func curveNone(code func(string) string) string {
	return "No desired-retention curve yet: run " + code(CurveCommand) + " to simulate one."
}

// curveFacts says in a sentence what the curve recommends against what is
// in force, for the text and Markdown summaries and under the chart.
func curveFacts(c *RetentionCurve) string {
	rec, _ := c.level(c.Recommended)
	s := fmt.Sprintf("%d%% takes the least time per card kept: %.1f min a day, %.0f cards remembered, %.1f s per card kept",
		pct(c.Recommended), rec.MinutesPerDay, rec.Remembered, rec.SecondsPerCard)
	if pct(c.InForce) == pct(c.Recommended) {
		return s + "; it is in force."
	}
	if l, ok := c.level(c.InForce); ok {
		return s + fmt.Sprintf(". In force, %d%%: %.1f min a day, %.0f cards remembered, %.1f s per card kept.",
			pct(c.InForce), l.MinutesPerDay, l.Remembered, l.SecondsPerCard)
	}
	return s + fmt.Sprintf(". In force: %d%%, outside the levels simulated.", pct(c.InForce))
}

// curveWhen says when the curve was simulated; the callers add how to
// refresh it.
func curveWhen(c *RetentionCurve) string {
	then := ""
	if pct(c.InForceThen) != pct(c.InForce) {
		then = fmt.Sprintf(", when %d%% was in force,", pct(c.InForceThen))
	}
	return fmt.Sprintf("Simulated %s%s for the next %d days from %d studied cards (seed %d)",
		c.SimulatedAt.Format("Mon 2 Jan 2006 15:04"), then, c.Days, c.Cards, c.Seed)
}
