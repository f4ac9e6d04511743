package optimizer

import (
	"time"

	"loci/deck"
)

// Habits are what a learner's own log says about how they study, for
// simulating their collection: the time answers take and how they rate.
type Habits struct {
	LearnSeconds  float64    `json:"learn_seconds"`  // a new card's first learner day: all its answers that day
	RecallSeconds float64    `json:"recall_seconds"` // a review answered Hard, Good or Easy
	ForgetSeconds float64    `json:"forget_seconds"` // a review answered Again, with its relearning answers that day
	FirstRating   [4]float64 `json:"first_rating"`   // shares of Again, Hard, Good, Easy as a card's first answer
	RecallRating  [3]float64 `json:"recall_rating"`  // shares of Hard, Good, Easy among recalled reviews
}

// DefaultHabits are fsrs-rs's simulator defaults (simulation.rs
// SimulatorConfig::default: rating shares, and costs from its
// state_rating_costs with two learning steps and one relearning step),
// used where a log says nothing.
func DefaultHabits() Habits {
	return Habits{LearnSeconds: 27.5, RecallSeconds: 13.0, ForgetSeconds: 31.7,
		FirstRating: [4]float64{0.24, 0.094, 0.495, 0.171}, RecallRating: [3]float64{0.224, 0.631, 0.145}}
}

// maxAnswer caps one answer's time, as Anki's "maximum answer seconds"
// (60 by default) caps what it logs: longer is the learner away.
const maxAnswer = 60 * time.Second

// HabitCounter tallies Habits from review logs one card at a time.
type HabitCounter struct {
	days                     DaysFunc
	learnT, recallT, forgetT time.Duration
	learnN, recallN, forgetN int
	first                    [4]int
	recalled                 [3]int
}

// NewHabitCounter returns an empty counter that tells learner days with
// days.
func NewHabitCounter(days DaysFunc) *HabitCounter { return &HabitCounter{days: days} }

// Add tallies one card's entries, in time order (manual entries and
// entries without a rating are skipped). A card whose first entry is not a
// learning step started before the log and counts for reviews only.
func (c *HabitCounter) Add(h []deck.LogEntry) {
	var prev time.Time
	first, forgetting := true, false
	for _, e := range h {
		if !graded(e) {
			continue
		}
		took := min(e.Duration, maxAnswer)
		sameDay := !first && c.days(prev, e.At) == 0
		switch {
		case first && e.Kind == deck.EntryLearn:
			c.learnN++
			c.learnT += took
			c.first[e.Rating-1]++
			forgetting = false
		case e.Kind == deck.EntryLearn && sameDay:
			c.learnT += took
		case e.Kind == deck.EntryReview && e.Rating == deck.Again:
			c.forgetN++
			c.forgetT += took
			forgetting = true
		case e.Kind == deck.EntryReview:
			c.recallN++
			c.recallT += took
			c.recalled[e.Rating-2]++
			forgetting = false
		case e.Kind == deck.EntryRelearn && forgetting && sameDay:
			c.forgetT += took
		}
		first, prev = false, e.At
	}
}

// Habits returns the tallied habits; a figure with no answers behind it
// is DefaultHabits'.
func (c *HabitCounter) Habits() Habits {
	h := DefaultHabits()
	mean := func(d time.Duration, n int, def float64) float64 {
		if n == 0 || d == 0 {
			return def
		}
		return d.Seconds() / float64(n)
	}
	h.LearnSeconds = mean(c.learnT, c.learnN, h.LearnSeconds)
	h.RecallSeconds = mean(c.recallT, c.recallN, h.RecallSeconds)
	h.ForgetSeconds = mean(c.forgetT, c.forgetN, h.ForgetSeconds)
	if n := c.first[0] + c.first[1] + c.first[2] + c.first[3]; n > 0 {
		for i, k := range c.first {
			h.FirstRating[i] = float64(k) / float64(n)
		}
	}
	if n := c.recalled[0] + c.recalled[1] + c.recalled[2]; n > 0 {
		for i, k := range c.recalled {
			h.RecallRating[i] = float64(k) / float64(n)
		}
	}
	return h
}
