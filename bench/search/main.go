// Command search measures the first screen of a search (the first 50 rows,
// ordered, as the browse screen loads them) on a collection made by
// bench/gen, against the sqlite3 shell running the same statement with the
// same values in the same run.
//
// For each query it prints the median of -n runs of storage.DB.Search (the
// statement and reading the rows into cards) and the median of the shell's
// own ".timer" over -n runs of the statement in one shell session, and the
// number of cards the query matches. It gives wall time and CPU time (user
// and system) for both: on a machine shared with other work, the wall time
// includes waiting for a core, and the CPU time is what an idle machine's
// wall time would be.
//
//	go run ./bench/search -db /tmp/bench.db -now 2026-11-29T12:00:00Z
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"loci/bench/measure"
	"loci/deck/search"
	"loci/storage"
)

// queries are the searches measured, with the column each is sorted by:
// ones that stop early, ones that scan every card, ones that sort every
// match, and ones over the review log.
var queries = []struct {
	q    string
	sort storage.SortKey
	desc bool
}{
	{"", storage.SortAdded, false},
	{`deck:"Deck 07" is:due`, storage.SortDue, false},
	{`"question 4242 test"`, storage.SortAdded, false},
	{"which idea", storage.SortAdded, false},
	{"tag:topic03 prop:ivl>=10", storage.SortStability, true},
	{"is:review prop:retrievability<0.8", storage.SortDue, false},
	{"rated:7:1", storage.SortAdded, false},
	{"is:leech or prop:lapses>5", storage.SortLapses, true},
	{`-is:suspended (deck:"Deck 1*" or paper:bench-paper-00*) prop:due<3`, storage.SortDue, false},
	{"-tag:topic0* -is:new", storage.SortInterval, true},
}

func main() {
	dbPath := flag.String("db", "", "collection made by bench/gen")
	nowFlag := flag.String("now", "2026-11-29T12:00:00Z", "the time searches are read at (RFC 3339)")
	runs := flag.Int("n", 15, "runs per query")
	flag.Parse()
	if err := run(*dbPath, *nowFlag, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
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
	fmt.Printf("%-62s %7s %18s %18s %6s\n", "query (first 50 rows)", "matches", "loci ms wall/cpu", "sqlite3 wall/cpu", "ratio")
	var worst, worstCPU, worstRef float64
	for _, qq := range queries {
		q, err := search.Parse(qq.q)
		if err != nil {
			return err
		}
		opt := storage.SearchOptions{Now: now, DayStart: sched.DayStart(now), RecallDays: sched.RecallDays,
			Sort: qq.sort, Desc: qq.desc, Limit: 50}
		n, err := db.SearchCount(ctx, q, opt)
		if err != nil {
			return err
		}
		m, mc, err := measure.Repeat(runs, func() error { _, err := db.Search(ctx, q, opt); return err })
		if err != nil {
			return err
		}
		stmt, args, err := storage.SearchSQL(q, opt)
		if err != nil {
			return err
		}
		ref, refCPU, err := shell(dbPath, inline(stmt, args), runs)
		if err != nil {
			return err
		}
		worst = max(worst, m)
		if mc > worstCPU {
			worstCPU, worstRef = mc, refCPU
		}
		label := qq.q
		if label == "" {
			label = "(all)"
		}
		label += " · " + string(qq.sort)
		if qq.desc {
			label += " desc"
		}
		fmt.Printf("%-62s %7d %8.1f / %6.1f %8.1f / %6.1f %5.2f×\n", clip(label, 62), n, m, mc, ref, refCPU, mc/max(refCPU, 0.001))
	}
	fmt.Printf("slowest first screen: %.1f ms wall, %.1f ms CPU (ratio: CPU time against the shell's)\n", worst, worstCPU)
	fmt.Printf("summary wall_ms=%.1f cpu_ms=%.1f shell_cpu_ms=%.1f\n", worst, worstCPU, worstRef)
	return nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// shell runs stmt runs+1 times in one sqlite3 session with .timer on and
// returns the median real time and CPU time (user and system) of all but
// the first, in milliseconds.
func shell(dbPath, stmt string, runs int) (float64, float64, error) {
	var in bytes.Buffer
	in.WriteString(".output /dev/null\n")
	in.WriteString(storage.SearchPragma + ";\n") // the same page cache as loci's search connection
	in.WriteString(stmt + ";\n.timer on\n")
	for range runs {
		in.WriteString(stmt + ";\n")
	}
	cmd := exec.Command("sqlite3", "-readonly", dbPath)
	cmd.Stdin = &in
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	var times, cpus []float64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		// Run Time: real 0.012 user 0.010000 sys 0.001000
		f := strings.Fields(sc.Text())
		if len(f) == 8 && f[0] == "Run" && f[2] == "real" {
			var v [3]float64
			for i, j := range []int{3, 5, 7} {
				if v[i], err = strconv.ParseFloat(f[j], 64); err != nil {
					return 0, 0, err
				}
			}
			times = append(times, v[0]*1000)
			cpus = append(cpus, (v[1]+v[2])*1000)
		}
	}
	if len(times) != runs {
		return 0, 0, fmt.Errorf("sqlite3 printed %d timings, want %d: %s", len(times), runs, out)
	}
	return measure.Median(times), measure.Median(cpus), nil
}

// inline writes the parameters into the statement as SQL literals, for the
// shell; the values are the ones storage made, not user input typed here.
func inline(stmt string, args []any) string {
	var b strings.Builder
	i := 0
	for _, r := range stmt {
		if r != '?' || i >= len(args) {
			b.WriteRune(r)
			continue
		}
		switch v := args[i].(type) {
		case string:
			b.WriteString("'" + strings.ReplaceAll(v, "'", "''") + "'")
		case float64:
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		default:
			fmt.Fprint(&b, v)
		}
		i++
	}
	return b.String()
}
