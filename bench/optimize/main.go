// Command optimize is the helper of bench/optimize/run, the benchmark of
// `loci optimize` against fsrs-rs's optimizers through their npm bindings
// (FSRS-6: @open-spaced-repetition/binding@0.5.0, fsrs-rs 6.5; FSRS-5:
// fsrs-rs-nodejs@0.9.0). It is benchmark tooling, not part of loci: it
// reads the files it is given and writes only to stdout.
//
//	optimize simulate -cards N -reviews M -seed S [-learner example|default] > sim.csv
//	optimize revlog -db DB > log.csv   the review log as the FSRS-6 binding reads it
//	optimize items -db DB > items.json the training items, for the FSRS-5 binding
//	optimize compare -db DB -loci L.json -fsrs6 F6.json -fsrs5 F5.json -loci-seconds T -name NAME
//
// A review log CSV for loci import has the columns card_id, review_rating,
// review_time (ISO 8601) and review_duration (ms), as the shared real log.
// compare evaluates every weight set with loci's metrics on the items of
// the database, checks that the binding built the same items, and prints
// one block of the report.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: optimize simulate|revlog|items|compare [flags]")
		os.Exit(2)
	}
	cmds := map[string]func([]string) error{"simulate": simulate, "revlog": revlog, "items": items, "compare": compare}
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
