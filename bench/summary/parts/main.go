// Command parts times each query of the weekly summary on its own, one after
// another on one connection, so that each one's wall and CPU time can be told
// apart (loci summary runs them side by side). The week is the one that holds
// -now, cut into learner days at 04:00 UTC, as bench/summary/run's summaries
// are.
//
//	go run ./bench/summary/parts -db /work/perf-data/big.db -n 9
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"loci/bench/measure"
)

func main() {
	dbPath := flag.String("db", "", "collection made by bench/gen")
	nowFlag := flag.String("now", "2026-11-29T12:00:00Z", "the time the summary is made at (RFC 3339)")
	runs := flag.Int("n", 9, "runs per query")
	flag.Parse()
	if err := run(*dbPath, *nowFlag, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench/summary/parts:", err)
		os.Exit(1)
	}
}

func run(dbPath, nowText string, runs int) error {
	now, err := time.Parse(time.RFC3339, nowText)
	if err != nil {
		return err
	}
	ctx := context.Background()
	db, sched, err := measure.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	// days returns the n+1 learner-day boundaries from the day that holds t.
	days := func(t time.Time, n int) []time.Time {
		start := sched.DayStart(t)
		out := make([]time.Time, n+1)
		for i := range out {
			out[i] = sched.DayStart(start.AddDate(0, 0, i).Add(12 * time.Hour))
		}
		return out
	}
	today := sched.DayStart(now)
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7)
	from, to := monday, monday.AddDate(0, 0, 7)
	forecast := days(now, 7)
	forecast[0] = time.Time{}
	parts := []struct {
		name string
		run  func() error
	}{
		{"heatmap: 53 weeks of day counts", func() error {
			_, err := db.DayCounts(ctx, days(monday.AddDate(0, 0, -7*52), 53*7))
			return err
		}},
		{"day tallies: two weeks", func() error { _, err := db.DayTallies(ctx, days(monday.AddDate(0, 0, -7), 14)); return err }},
		{"per-deck tallies, hardest cards", func() error { _, _, err := db.WeekCards(ctx, from, to, 10); return err }},
		{"forecast: due on each of 7 days", func() error { _, err := db.DueCounts(ctx, forecast); return err }},
		{"paper moves of the week", func() error { _, err := db.StageMoves(ctx, from, to); return err }},
		{"new leeches of the week", func() error { _, err := db.NewLeeches(ctx, from, to); return err }},
		{"streak: days studied since the first", func() error {
			first, ok, err := db.FirstReview(ctx)
			if err != nil || !ok {
				return err
			}
			_, err = db.ActiveDays(ctx, days(first, int(to.Sub(first).Hours()/24)))
			return err
		}},
	}
	var sumWall, sumCPU float64
	fmt.Printf("%-40s %10s %10s\n", "query (median of runs)", "wall ms", "CPU ms")
	for _, p := range parts {
		w, c, err := measure.Repeat(runs, p.run)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		sumWall += w
		sumCPU += c
		fmt.Printf("%-40s %10.1f %10.1f\n", p.name, w, c)
	}
	fmt.Printf("%-40s %10.1f %10.1f\n", "all, one after another", sumWall, sumCPU)
	return nil
}
