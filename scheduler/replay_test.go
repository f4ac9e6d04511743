package scheduler

import (
	"math"
	"testing"
	"time"

	"loci/deck"
)

func TestReplay(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Weights = fsrs5Defaults(t) })
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	good := func(at time.Time) deck.LogEntry {
		return deck.LogEntry{CardID: "c", At: at, Rating: deck.Good, Kind: deck.EntryLearn}
	}
	// Good on a new card, Good again ten minutes later: stability
	// w2·e^(w17·w18) = 3.173·e^(0.51655·0.6621) ≈ 4.467 days, which at 90%
	// retention is an interval of 4 days (fuzz off).
	got, err := s.Replay("c", []deck.LogEntry{good(t0), good(t0.Add(10 * time.Minute))})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Stability-3.173*math.Exp(0.51655*0.6621)) > 1e-9 || got.State != deck.StateReview ||
		!got.Due.Equal(t0.Add(10*time.Minute+4*24*time.Hour)) || got.Reps != 2 {
		t.Errorf("Replay(Good, Good) = %+v", got)
	}
	// A manual reset puts the card back to new: what follows starts over.
	h := []deck.LogEntry{good(t0), good(t0.Add(10 * time.Minute)),
		{CardID: "c", At: t0.Add(48 * time.Hour), Kind: deck.EntryManual},
		{CardID: "c", At: t0.Add(72 * time.Hour), Rating: deck.Again, Kind: deck.EntryLearn}}
	want := answer(t, s, "c", deck.Schedule{}, deck.Again, t0.Add(72*time.Hour))
	if got, err := s.Replay("c", h); got != want || err != nil {
		t.Errorf("Replay after a reset = %+v, %v; want %+v", got, err, want)
	}
	if got, err := s.Replay("c", nil); got != (deck.Schedule{}) || err != nil {
		t.Errorf("Replay(nil) = %+v, %v; want a new card", got, err)
	}
}
