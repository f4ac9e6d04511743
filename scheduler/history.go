package scheduler

import (
	"math"
	"time"

	"loci/deck"
)

// ReplayLog runs a card's past answers (imported from Anki or a review-log
// file) through the scheduler in order, starting from start, and returns one
// review-log row per entry, each with the schedule before and after, and the
// schedule the card ends with. An entry with a Seed moves the card to that
// state; a manual entry (rating 0), a cram answer or one marked HistoryOnly is kept in the
// log and leaves the card as it was: the importer decides, by its source's
// rules, which answers count. Entries must be sorted by time.
func (s *Scheduler) ReplayLog(cardID string, start deck.Schedule, history []deck.LogEntry) ([]deck.Review, deck.Schedule) {
	cur := start
	rows := make([]deck.Review, 0, len(history))
	for _, e := range history {
		var next deck.Schedule
		switch {
		case e.Seed != nil:
			next = *e.Seed
		case e.Rating == 0 || e.HistoryOnly || e.Kind == deck.EntryCram:
			next = cur
		default:
			next = s.Answer(cardID, cur, e.Rating, e.At)
		}
		rows = append(rows, deck.Review{CardID: cardID, At: e.At.UTC(), Rating: e.Rating, Duration: e.Duration,
			Before: cur, After: next, Kind: e.Kind, ExtID: e.ExtID})
		cur = next
	}
	return rows, cur
}

// FromSM2 turns an SM-2 schedule (Anki's ease factor in permille and
// interval in days) into an FSRS memory state as Anki does for cards whose
// history cannot be replayed (memory_state_from_sm2, fsrs-rs
// src/inference.rs): the stability that gives the same interval at the
// desired retention, and the difficulty that would give the same growth.
// A factor of at most 1100 was written by Anki's own FSRS and encodes the
// difficulty directly.
func (s *Scheduler) FromSM2(factor, ivl int, lastReview, due time.Time, reps, lapses int) deck.Schedule {
	w := s.set.Weights
	r := s.set.DesiredRetention
	decay := -0.5
	ivl = max(ivl, 1)
	stab := float64(ivl) * (math.Pow(0.9, 1/decay) - 1) / (math.Pow(r, 1/decay) - 1)
	stab = max(stab, 0.1)
	f := float64(factor) / 1000
	var diff float64
	if factor > 0 && factor <= 1100 {
		diff = (f-0.1)*9 + 1
	} else {
		if factor <= 0 {
			f = 2.5
		}
		diff = 11 - (f-1)/(math.Exp(w[8])*math.Pow(stab, -w[9])*(math.Exp((1-r)*w[10])-1))
	}
	diff = min(max(diff, 1), 10)
	if due.IsZero() {
		due = lastReview.Add(time.Duration(ivl) * 24 * time.Hour)
	}
	return deck.Schedule{State: deck.StateReview, Due: due.UTC(), Stability: stab, Difficulty: diff,
		ScheduledDays: ivl, Reps: max(reps, 1), Lapses: lapses, LastReview: lastReview.UTC()}
}
