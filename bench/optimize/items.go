package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"loci/deck"
	"loci/scheduler"
	"loci/scheduler/optimizer"
	"loci/storage"
)

// readLog reads a database's review log.
func readLog(path string) ([]deck.LogEntry, error) {
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.ReviewLog(ctx)
}

// dbItems reads a database's review log and builds the training items as
// `loci optimize` does (default settings: learner days turn at 04:00).
func dbItems(path string) (optimizer.Dataset, error) {
	sched, err := scheduler.New(scheduler.DefaultSettings())
	if err != nil {
		return optimizer.Dataset{}, err
	}
	log, err := readLog(path)
	if err != nil {
		return optimizer.Dataset{}, err
	}
	return optimizer.BuildItems(log, sched.DaysBetween), nil
}

func dbFlag(name string, args []string) (string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	dbPath := fs.String("db", "", "loci database")
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if *dbPath == "" {
		return "", errors.New("want -db DB")
	}
	return *dbPath, nil
}

// items writes the training items as JSON on stdout: an array of items,
// each an array of [rating, delta_t] pairs, oldest first, in time order of
// their last review (the order fsrs-rs's recency weighting expects).
func items(args []string) error {
	path, err := dbFlag("items", args)
	if err != nil {
		return err
	}
	ds, err := dbItems(path)
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

// revlog writes the database's review log as the FSRS-6 binding's
// convertCsvToFsrsItems reads it: card_id, review_time (ms), review_rating,
// review_state (1 learning, 2 review, 3 relearning: the srs-benchmark's
// card states, of which fsrs-rs treats 0 and 1 as learning) and
// review_duration (ms). Manual entries are left out.
func revlog(args []string) error {
	path, err := dbFlag("revlog", args)
	if err != nil {
		return err
	}
	log, err := readLog(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "card_id,review_time,review_rating,review_state,review_duration")
	for _, e := range log {
		state := 2
		switch e.Kind {
		case deck.EntryManual:
			continue
		case deck.EntryLearn:
			state = 1
		case deck.EntryRelearn:
			state = 3
		}
		fmt.Fprintf(w, "%q,%d,%d,%d,%d\n", e.CardID, e.At.UnixMilli(), e.Rating, state, e.Duration.Milliseconds())
	}
	return w.Flush()
}
