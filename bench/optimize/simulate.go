package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"loci/scheduler/optimizer"
)

// learner are the weights of the simulated learner's memory: those
// loci fits to the real log, so the learner is a plausible one whose
// memory differs from the default weights that schedule the reviews.
var learner = optimizer.Weights{0.2174, 0.9495, 2.6453, 6.332, 7.4733, 0.4869, 1.8192, 0.0185, 1.2992,
	0.1743, 0.8066, 1.952, 0.1029, 0.292, 2.3344, 0.2382, 2.9898, 0.3729, 0.8126}

// simulate writes the review log of a simulated learner as CSV on stdout.
func simulate(args []string) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	cards := fs.Int("cards", 5000, "cards introduced, 20 a day")
	reviews := fs.Int("reviews", 100000, "stop at the end of the day this many reviews are reached")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := optimizer.Simulate(optimizer.SimConfig{Weights: learner, Scheduler: optimizer.DefaultWeights(),
		Cards: *cards, Reviews: *reviews, Seed: *seed, IDPrefix: "c",
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "card_id,review_rating,review_time,review_duration")
	for _, e := range log {
		n, err := strconv.Atoi(strings.TrimPrefix(e.CardID, "c"))
		if err != nil {
			return fmt.Errorf("card id %q: %w", e.CardID, err)
		}
		fmt.Fprintf(w, "%d,%d,%s,%d\n", 1704067200000+int64(n), e.Rating, e.At.UTC().Format(time.RFC3339Nano),
			e.Duration.Milliseconds())
	}
	return w.Flush()
}
