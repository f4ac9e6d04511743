package optimizer

import (
	"reflect"
	"testing"

	"loci/deck"
)

func TestSimulate(t *testing.T) {
	cfg := SimConfig{Weights: DefaultWeights(), Cards: 50, NewPerDay: 10, Reviews: 800, Seed: 9, Start: at(1, 0, 0)}
	log := Simulate(cfg)
	if !reflect.DeepEqual(log, Simulate(cfg)) {
		t.Fatal("the same config gave two different logs")
	}
	if len(log) < 800 || len(log) > 1000 {
		t.Errorf("%d entries, want 800 and the rest of that day", len(log))
	}
	cards := map[string]bool{}
	for i, e := range log {
		first := !cards[e.CardID]
		cards[e.CardID] = true
		switch {
		case first && e.Kind != deck.EntryLearn:
			t.Fatalf("entry %d: a card's first review is %s, want learn", i, e.Kind)
		case i > 0 && e.CardID == log[i-1].CardID && e.At.Before(log[i-1].At):
			t.Fatalf("entry %d: not in time order", i)
		case e.Kind == deck.EntryReview && e.Rating == deck.Again &&
			(i+1 == len(log) || log[i+1].Kind != deck.EntryRelearn || log[i+1].Rating != deck.Good):
			t.Fatalf("entry %d: a lapse not followed by a Good relearning step", i)
		}
		if h := e.At.Hour(); h < 9 || h > 21 {
			t.Fatalf("entry %d at %v: outside 09:00–21:10", i, e.At)
		}
	}
	if len(cards) != 50 {
		t.Errorf("%d cards, want 50", len(cards))
	}
}
