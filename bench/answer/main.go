// Command answer measures one committed answer on a large collection: it
// opens a loci database, and for -n cards takes the next card of the queue
// and answers it through the same study session the review screen uses,
// timing each Answer call (one IMMEDIATE transaction, committed before it
// returns). It prints the median, p90, p99 and maximum in milliseconds.
//
//	go run ./bench/answer -db /tmp/bench.db -n 500
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

func main() {
	path := flag.String("db", "", "loci database to answer cards in (it is changed)")
	n := flag.Int("n", 500, "answers to time")
	flag.Parse()
	if err := run(*path, *n); err != nil {
		fmt.Fprintln(os.Stderr, "answer:", err)
		os.Exit(1)
	}
}

func run(path string, n int) error {
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	set := scheduler.DefaultSettings()
	set.NewPerDay, set.ReviewsPerDay = 9999, 99999
	sched, err := scheduler.New(set)
	if err != nil {
		return err
	}
	clock := time.Now()
	study := &scheduler.Study{Store: db, Sched: sched, Now: func() time.Time { return clock }}
	ratings := []deck.Rating{deck.Good, deck.Good, deck.Again, deck.Easy, deck.Hard}
	var took []float64
	for i := 0; i < n; i++ {
		c, err := study.Next(ctx, "")
		if err != nil {
			return err
		}
		if c == nil {
			break
		}
		t0 := time.Now()
		if _, err := study.Answer(ctx, c, ratings[i%len(ratings)], 5*time.Second); err != nil {
			return err
		}
		took = append(took, float64(time.Since(t0).Microseconds())/1000)
		clock = clock.Add(time.Second)
	}
	if len(took) == 0 {
		return fmt.Errorf("nothing to answer in %s", path)
	}
	slices.Sort(took)
	q := func(p float64) float64 { return took[min(len(took)-1, int(p*float64(len(took))))] }
	fmt.Printf("answers %d median_ms %.3f p90_ms %.3f p99_ms %.3f max_ms %.3f\n", len(took), q(0.5), q(0.9), q(0.99), took[len(took)-1])
	return nil
}
