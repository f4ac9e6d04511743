// Command gen writes a synthetic loci collection straight into a database,
// for the benchmarks (bench/run, bench/summary) and the HTML screenshot: a
// number of cards spread over decks (-decks, 50 by default), some of them
// suspended and some attached to paper checkpoints at every stage, and a
// review log of exactly -reviews rows over a span of days ending at -now,
// written in one transaction through storage.Bulk.
//
// The log is what loci itself would have written: each card is introduced
// on a random day and answered by a simulated learner (see studyCard), and
// every answer's schedule comes from loci's scheduler, so the collection
// passes `loci check` (each card in the state its last answer left it, each
// review starting from the state the one before left). How many answers a
// card gets depends on the retention the scheduler aims at; gen picks the
// lowest one that gives at least -reviews answers on a sample of cards,
// then drops whole histories of random cards (they stay new, never
// studied) and the newest answers of one card to hit the size exactly.
//
//	go run ./bench/gen -db /tmp/bench.db -cards 100000 -reviews 1000000 -days 730
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"loci/storage"
)

func main() {
	var o options
	flag.StringVar(&o.db, "db", "", "database to create (must not exist)")
	flag.IntVar(&o.cards, "cards", 100000, "number of cards")
	flag.IntVar(&o.reviews, "reviews", 1000000, "number of reviews")
	flag.IntVar(&o.days, "days", 730, "days of history, ending at -now")
	nowFlag := flag.String("now", "2026-11-29T12:00:00Z", "end of the history (RFC 3339)")
	flag.Float64Var(&o.rest, "rest", 0.05, "share of days with no study at all")
	flag.IntVar(&o.decks, "decks", 50, "number of decks")
	flag.IntVar(&o.papers, "papers", 200, "number of paper checkpoints, each with a few cards")
	flag.Float64Var(&o.suspended, "suspended", 0.02, "share of cards suspended")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.Parse()
	if err := run(o, *nowFlag); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(o options, nowFlag string) error {
	if o.db == "" {
		return fmt.Errorf("want -db PATH")
	}
	if _, err := os.Stat(o.db); err == nil {
		return fmt.Errorf("%s exists: gen writes a new database", o.db)
	}
	var err error
	if o.now, err = time.Parse(time.RFC3339, nowFlag); err != nil {
		return fmt.Errorf("-now %q: %w", nowFlag, err)
	}
	if err := o.validate(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(o.db), 0o700); err != nil {
		return err
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, o.db)
	if err != nil {
		return err
	}
	began := time.Now()
	res, err := generate(ctx, db, o)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", o.db, cerr)
	}
	if err != nil {
		return err
	}
	fmt.Printf("gen: %d cards (%d never studied), %d reviews over %d days to %s in %s (retention %.2f)\n",
		o.cards, res.unstudied, o.reviews, o.days, o.now.Format(time.RFC3339),
		time.Since(began).Round(time.Millisecond), res.retention)
	return nil
}
