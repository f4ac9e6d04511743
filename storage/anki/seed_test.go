package anki

import (
	"testing"
	"time"

	"loci/deck"
)

// TestApplySeeds checks Anki's rule case by case with a seed function that
// records its arguments, so each expectation can be read off by hand.
func TestApplySeeds(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	seed := func(factor, ivl int, last, due time.Time, reps, lapses int) deck.Schedule {
		return deck.Schedule{State: deck.StateReview, Stability: float64(ivl), Difficulty: float64(factor) / 1000,
			LastReview: last, Due: due, Reps: reps, Lapses: lapses}
	}
	set := &deck.Set{
		Cards: []deck.Card{{ID: "whole"}, {ID: "cut"}, {ID: "blank"}, {ID: "plain"}},
		History: []deck.LogEntry{
			{CardID: "cut", At: day(1), Rating: 3, ExtID: "r1"}, // before the cut: history only
			{CardID: "cut", At: day(5), Rating: 3, ExtID: "r2"}, // the first replayable answer: seeded
			{CardID: "cut", At: day(9), Rating: 3, ExtID: "r3"}, // replayed normally
			{CardID: "plain", At: day(2), Rating: 1, ExtID: "r4"},
		},
	}
	st := Stats{
		Legacy: map[string]LegacySchedule{
			"whole": {From: "card", Ivl: 10, Factor: 2500, DueAt: day(20), Reps: 4},
			"cut":   {From: "revlog", Ivl: 3, Factor: 2300, LastReview: day(5), DueAt: day(8), Lapses: 1},
			"blank": {From: "card", Ivl: 7, Factor: 2500}, // neither last review nor due: stays new
		},
		NotReplayed: map[string]string{"r1": whyReset, "r2": whySeed},
	}
	ApplySeeds(set, st, seed)

	whole := set.Cards[0].Schedule
	if whole.Stability != 10 || whole.Difficulty != 2.5 || !whole.LastReview.Equal(day(10)) || whole.Reps != 4 {
		t.Errorf("whole card seeded as %+v; want stability 10, difficulty 2.5, last review 10 days before its due date", whole)
	}
	if got := set.Cards[2].Schedule; got != (deck.Schedule{}) {
		t.Errorf("a card with no times was seeded: %+v", got)
	}
	if got := set.Cards[1].Schedule; got != (deck.Schedule{}) {
		t.Errorf("a cut history seeded the card itself (%+v); the seed belongs on its answer", got)
	}
	h := set.History
	if !h[0].HistoryOnly || h[0].Seed != nil {
		t.Errorf("answer before the cut: history only %v, seed %v; want history only", h[0].HistoryOnly, h[0].Seed)
	}
	if h[1].HistoryOnly || h[1].Seed == nil || h[1].Seed.Stability != 3 || h[1].Seed.Lapses != 1 {
		t.Errorf("first replayable answer: history only %v, seed %+v; want the SM-2 seed (stability 3, 1 lapse)", h[1].HistoryOnly, h[1].Seed)
	}
	for _, i := range []int{2, 3} {
		if h[i].HistoryOnly || h[i].Seed != nil {
			t.Errorf("answer %s changed: %+v", h[i].ExtID, h[i])
		}
	}
}
