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

// simulate writes the review log of a simulated learner as CSV on stdout:
// a learner whose memory follows FSRS-6 with optimizer.ExampleLearner's
// hand-chosen weights (decay 0.75), scheduled with the default weights and
// reviewing at intervals spread by optimizer.ExampleSpread.
func simulate(args []string) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	cards := fs.Int("cards", 5000, "cards introduced, 20 a day")
	reviews := fs.Int("reviews", 100000, "stop at the end of the day this many reviews are reached")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := optimizer.Simulate(optimizer.SimConfig{Weights: optimizer.ExampleLearner, Scheduler: optimizer.DefaultWeights(),
		Cards: *cards, Reviews: *reviews, Seed: *seed, IDPrefix: "c", Spread: optimizer.ExampleSpread,
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
