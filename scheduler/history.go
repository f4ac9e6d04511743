package scheduler

import (
	"loci/deck"
)

// ReplayLog runs a card's past answers (imported from Anki or a review-log
// file) through the scheduler in order, starting from start, and returns one
// review-log row per entry, each with the schedule before and after, and the
// schedule the card ends with. A manual entry (Anki's reset or reschedule,
// rating 0) puts the card back to new, as FSRS in Anki treats a reset.
// Entries must be sorted by time.
func (s *Scheduler) ReplayLog(cardID string, start deck.Schedule, history []deck.LogEntry) ([]deck.Review, deck.Schedule) {
	cur := start
	rows := make([]deck.Review, 0, len(history))
	for _, e := range history {
		var next deck.Schedule
		if e.Rating == 0 || e.Kind == deck.EntryManual {
			next = deck.Schedule{State: deck.StateNew, Due: e.At.UTC()}
		} else {
			next = s.Answer(cardID, cur, e.Rating, e.At)
		}
		rows = append(rows, deck.Review{CardID: cardID, At: e.At.UTC(), Rating: e.Rating, Duration: e.Duration,
			Before: cur, After: next, Kind: e.Kind, ExtID: e.ExtID})
		cur = next
	}
	return rows, cur
}
