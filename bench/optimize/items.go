package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"loci/scheduler"
	"loci/scheduler/optimizer"
	"loci/storage"
)

// dbItems reads a database's review log and builds the training items as
// `loci optimize` does (default settings: learner days turn at 04:00).
func dbItems(path string) (optimizer.Dataset, error) {
	sched, err := scheduler.New(scheduler.DefaultSettings())
	if err != nil {
		return optimizer.Dataset{}, err
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		return optimizer.Dataset{}, err
	}
	defer db.Close()
	log, err := db.ReviewLog(ctx)
	if err != nil {
		return optimizer.Dataset{}, err
	}
	return optimizer.BuildItems(log, sched.DaysBetween), nil
}

// items writes the training items as JSON on stdout: an array of items,
// each an array of [rating, delta_t] pairs, oldest first, in time order of
// their last review (the order fsrs-rs's recency weighting expects).
func items(args []string) error {
	fs := flag.NewFlagSet("items", flag.ContinueOnError)
	dbPath := fs.String("db", "", "loci database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" {
		return errors.New("want -db DB")
	}
	ds, err := dbItems(*dbPath)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	w.WriteByte('[')
	for i, it := range ds.Items {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('[')
		for k, r := range it {
			if k > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, "[%d,%d]", r.Rating, r.DeltaT)
		}
		w.WriteByte(']')
	}
	w.WriteString("]\n")
	return w.Flush()
}
