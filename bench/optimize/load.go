package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

// load reads a review log CSV into a new loci database: one stand-in
// card per card_id, and the reviews as imported history (through
// storage.Import, which replays each card's history through the
// scheduler). A bare log is taken to hold each card's history from its
// first review: entries on a card's first learner day are its learning
// steps, the rest reviews.
func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	dbPath := fs.String("db", "", "database to create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbPath == "" || fs.NArg() != 1 {
		return errors.New("want -db DB FILE.csv")
	}
	sched, err := scheduler.New(scheduler.DefaultSettings())
	if err != nil {
		return err
	}
	log, err := readLog(fs.Arg(0), sched.DaysBetween)
	if err != nil {
		return err
	}
	set := &deck.Set{History: log}
	seen := map[string]bool{}
	for _, e := range log {
		if !seen[e.CardID] {
			seen[e.CardID] = true
			set.Cards = append(set.Cards, deck.Card{ID: e.CardID, Deck: "Review log", Kind: deck.Basic,
				Front: "Card " + e.CardID, Back: "-", File: fs.Arg(0)})
		}
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Import(ctx, set, time.Now(), storage.ImportOptions{Origin: filepath.Base(fs.Arg(0)), Replay: sched.ReplayLog})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "loaded %d cards, %d reviews into %s\n", res.Added, res.ReviewsAdded, *dbPath)
	return nil
}

// readLog reads the CSV, labels the kinds, and returns the entries grouped
// by card in time order.
func readLog(path string, days func(a, b time.Time) int) ([]deck.LogEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", path, err)
	}
	want := []string{"card_id", "review_rating", "review_time", "review_duration"}
	if len(head) < 4 || head[0] != want[0] || head[1] != want[1] || head[2] != want[2] || head[3] != want[3] {
		return nil, fmt.Errorf("%s:1: header %v, want %v", path, head, want)
	}
	var log []deck.LogEntry
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		rating, err := strconv.Atoi(rec[1])
		if err != nil || rating < 1 || rating > 4 {
			return nil, fmt.Errorf("%s:%d: review_rating %q: want 1-4", path, line, rec[1])
		}
		at, err := time.Parse(time.RFC3339Nano, rec[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: review_time %q: want an ISO 8601 time", path, line, rec[2])
		}
		took, err := strconv.ParseInt(rec[3], 10, 64)
		if err != nil || took < 0 {
			return nil, fmt.Errorf("%s:%d: review_duration %q: want milliseconds", path, line, rec[3])
		}
		log = append(log, deck.LogEntry{CardID: "revlog-" + rec[0], At: at.UTC(), Rating: deck.Rating(rating),
			Duration: time.Duration(took) * time.Millisecond, Kind: deck.EntryReview,
			ExtID: fmt.Sprintf("revlog:%s:%d", rec[0], at.UnixMilli())})
	}
	sort.SliceStable(log, func(i, j int) bool {
		return log[i].CardID < log[j].CardID || (log[i].CardID == log[j].CardID && log[i].At.Before(log[j].At))
	})
	first := 0 // index of the current card's first review
	for i := range log {
		if log[i].CardID != log[first].CardID {
			first = i
		}
		if days(log[first].At, log[i].At) == 0 {
			log[i].Kind = deck.EntryLearn
		}
	}
	return log, nil
}
