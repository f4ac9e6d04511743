package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

// TestManualEntriesAloneHaveRatingZero checks the rule the answer counts
// rely on (rating > 0 is an answer): a row that breaks it is refused and
// nothing of the batch is written.
func TestManualEntriesAloneHaveRatingZero(t *testing.T) {
	tests := []struct {
		kind    deck.EntryKind
		rating  deck.Rating
		wantErr bool
	}{
		{"", deck.Good, false},
		{deck.EntryReview, deck.Again, false},
		{deck.EntryLearn, deck.Easy, false},
		{deck.EntryManual, 0, false},
		{deck.EntryManual, deck.Good, true},
		{deck.EntryReview, 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.rating.String(), func(t *testing.T) {
			ctx := context.Background()
			d := mustOpen(t, "")
			at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
			err := d.Bulk(ctx, func(b *Bulk) error {
				k, err := b.Card(deck.Card{ID: "c1", Deck: "A", Front: "f", Back: "b"}, at)
				if err != nil {
					return err
				}
				return b.Review(deck.Review{CardKey: k, At: at, Rating: tt.rating}, tt.kind)
			})
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "rating 0") {
				t.Errorf("error %q does not say why", err)
			}
			n, err := d.LogSize(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 0, false: 1}[tt.wantErr]; n != want {
				t.Errorf("%d rows in the log, want %d", n, want)
			}
		})
	}
}
