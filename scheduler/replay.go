package scheduler

import "loci/deck"

// Replay returns the schedule a card has after its history (oldest first)
// is answered again from a new card with this scheduler's settings and
// weights. A manual entry (rating 0: a reset or reschedule brought in from
// Anki) cuts the history: only what follows the last one is replayed, from
// new, as Anki's FSRS starts over after a reset. It is what
// `loci optimize --reschedule` gives every card after new weights.
//
// go-fsrs v4's Reschedule does the same walk, but counts days in UTC and
// not in the learner's days, so loci keeps its own.
func (s *Scheduler) Replay(cardID string, history []deck.LogEntry) (deck.Schedule, error) {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Rating == 0 {
			history = history[i+1:]
			break
		}
	}
	_, final, err := s.ReplayLog(cardID, deck.Schedule{}, history)
	return final, err
}
