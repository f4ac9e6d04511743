package scheduler

import (
	"fmt"
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
func (s *Scheduler) ReplayLog(cardID string, start deck.Schedule, history []deck.LogEntry) ([]deck.Review, deck.Schedule, error) {
	cur := start
	rows := make([]deck.Review, 0, len(history))
	for _, e := range history {
		next := cur
		switch {
		case e.Seed != nil:
			next = *e.Seed
		case e.Rating == 0 || e.HistoryOnly || e.Kind == deck.EntryCram:
		default:
			var err error
			if next, err = s.Answer(cardID, cur, e.Rating, e.At); err != nil {
				return nil, start, fmt.Errorf("replay the answer of %s: %w", e.At.UTC().Format(time.RFC3339), err)
			}
		}
		rows = append(rows, deck.Review{CardID: cardID, At: e.At.UTC(), Rating: e.Rating, Duration: e.Duration,
			Before: cur, After: next, Kind: e.Kind, ExtID: e.ExtID})
		cur = next
	}
	return rows, cur, nil
}

// FromSM2 turns an SM-2 schedule (Anki's ease factor in permille and
// interval in days) into an FSRS memory state as Anki does for cards whose
// history cannot be replayed (memory_state_from_sm2, fsrs-rs
// src/inference.rs, which go-fsrs v4 follows): the stability that gives the
// same interval at the desired retention under the weights' forgetting
// curve, and the difficulty that would give the same growth. A factor of at
// most 1100 was written by Anki's own FSRS and encodes the difficulty
// directly.
func (s *Scheduler) FromSM2(factor, ivl int, lastReview, due time.Time, reps, lapses int) deck.Schedule {
	ivl = max(ivl, 1)
	ease := float64(factor) / 1000
	if factor <= 0 {
		ease = 2.5
	}
	// Never an error: ease > 1 and the interval and retention are in range.
	m, _ := s.f.MemoryStateFromSM2(max(ease, 1.001), float64(ivl), s.set.DesiredRetention)
	stab, diff := max(m.Stability, 0.1), m.Difficulty
	if factor > 0 && factor <= 1100 {
		diff = min(max((ease-0.1)*9+1, 1), 10)
	}
	if due.IsZero() {
		due = lastReview.Add(time.Duration(ivl) * 24 * time.Hour)
	}
	return deck.Schedule{State: deck.StateReview, Due: due.UTC(), Stability: stab, Difficulty: diff,
		ScheduledDays: ivl, Reps: max(reps, 1), Lapses: lapses, LastReview: lastReview.UTC()}
}
