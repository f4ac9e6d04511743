package optimizer

import (
	"testing"

	"loci/deck"
)

// Cram answers changed no schedule, so they teach the model nothing.
func TestCramAnswersAreNotGraded(t *testing.T) {
	for _, tc := range []struct {
		e    deck.LogEntry
		want bool
	}{
		{deck.LogEntry{Kind: deck.EntryReview, Rating: deck.Good}, true},
		{deck.LogEntry{Kind: deck.EntryLearn, Rating: deck.Again}, true},
		{deck.LogEntry{Kind: deck.EntryCram, Rating: deck.Good}, false},
		{deck.LogEntry{Kind: deck.EntryCram, Rating: deck.Again}, false},
		{deck.LogEntry{Kind: deck.EntryManual}, false},
	} {
		if got := graded(tc.e); got != tc.want {
			t.Errorf("graded(%s %s) = %v, want %v", tc.e.Kind, tc.e.Rating, got, tc.want)
		}
	}
}
