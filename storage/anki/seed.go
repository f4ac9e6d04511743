package anki

import (
	"time"

	"loci/deck"
)

// SM2Seed turns what SM-2 knew of a card (ease in permille, interval in
// days, last review, due time, reps and lapses) into the card's FSRS
// starting state, as Anki's memory_state_from_sm2 does. The scheduler's
// FromSM2 is the one loci uses; it is a parameter so that this package stays
// free of scheduling maths.
type SM2Seed func(factor, ivl int, lastReview, due time.Time, reps, lapses int) deck.Schedule

// ApplySeeds applies Anki's rule for which of a card's past answers rebuild
// its FSRS state (see LegacySchedule) to a set that Read returned with st:
//
//   - a card whose history cannot be replayed at all ("card") starts from
//     the state its own ease and interval give;
//   - a card whose history is cut short ("revlog") gets that state as the
//     seed of its first replayable answer, which the replay starts from;
//   - every other answer Anki would not replay stays in the history only,
//     without changing the card.
//
// A card with neither a last review nor a due time stays new: nothing tells
// when it was studied.
func ApplySeeds(set *deck.Set, st Stats, seed SM2Seed) {
	index := make(map[string]int, len(set.Cards)) // card id → position in set.Cards
	for i := range set.Cards {
		index[set.Cards[i].ID] = i
	}
	seedAt := map[string]deck.Schedule{} // card id → the seed of its first replayable answer
	for id, l := range st.Legacy {
		s, ok := seedOf(l, seed)
		if !ok {
			continue
		}
		if l.From == "card" {
			if i, ok := index[id]; ok {
				set.Cards[i].Schedule = s
			}
			continue
		}
		seedAt[id] = s
	}
	for i := range set.History {
		h := &set.History[i]
		if _, cut := st.NotReplayed[h.ExtID]; cut {
			s, ok := seedAt[h.CardID]
			markCut(h, s, ok)
		}
	}
}

// seedCard applies the rule of ApplySeeds to the history of one card, in
// place, and returns the card's starting schedule: the state its own ease
// and interval give when its history cannot be replayed at all, else new.
func seedCard(h *cardHistory, seed SM2Seed) deck.Schedule {
	var s, start deck.Schedule
	ok := false
	if h.legacy != nil {
		if s, ok = seedOf(*h.legacy, seed); ok && h.legacy.From == "card" {
			start, ok = s, false
		}
	}
	for i, why := range h.why {
		if why != "" {
			markCut(&h.entries[i], s, ok)
		}
	}
	return start
}

// seedOf is the FSRS state Anki starts a card from when l is what it knew
// of it; false when nothing tells when the card was studied.
func seedOf(l LegacySchedule, seed SM2Seed) (deck.Schedule, bool) {
	last := l.LastReview
	if last.IsZero() && !l.DueAt.IsZero() {
		last = l.DueAt.Add(-time.Duration(l.Ivl) * 24 * time.Hour)
	}
	if last.IsZero() {
		return deck.Schedule{}, false
	}
	return seed(l.Factor, l.Ivl, last, l.DueAt, l.Reps, l.Lapses), true
}

// markCut marks an entry Anki's FSRS would not replay: the answer the seed
// s (if ok) was taken from starts the replay in that state; any other stays
// in the history only.
func markCut(h *deck.LogEntry, s deck.Schedule, ok bool) {
	if ok && h.At.Equal(s.LastReview) {
		h.Seed = &s
		return
	}
	h.HistoryOnly = true
}
