// Command optimize is the helper of bench/optimize/run, the benchmark of
// `loci optimize` against the FSRS-5 optimizer of fsrs-rs (through its npm
// binding fsrs-rs-nodejs@0.9.0). It is benchmark tooling, not part of loci:
// it writes only the scratch files and databases the script names.
//
//	optimize simulate -cards N -reviews M -seed S > sim.csv
//	optimize items -db DB > items.json  the training items, for fsrs-rs
//	optimize compare -db DB -loci L.json -fsrs F.json -loci-seconds T -fsrs-seconds T -name NAME
//
// A review log CSV has the columns card_id, review_rating, review_time
// (ISO 8601) and review_duration (ms), as ../../../shared/data/revlog-real.csv.
// compare evaluates both weight sets with loci's own metrics
// (scheduler/optimizer.Evaluate) on the items of the database and prints
// one block of the report.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: optimize simulate|items|compare [flags]")
		os.Exit(2)
	}
	cmds := map[string]func([]string) error{"simulate": simulate, "items": items, "compare": compare}
	run, ok := cmds[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "optimize: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	if err := run(os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "optimize %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}
