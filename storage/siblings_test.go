package storage

import (
	"context"
	"testing"
	"time"

	"loci/deck"
)

// TestAnswerBuriesReverseSibling: answering either side of a card that asks
// both ways buries the other side for the day, and undo brings it back; a
// card that merely has a similar id is left alone.
func TestAnswerBuriesReverseSibling(t *testing.T) {
	const file = "---\ndeck: D\n---\nQ: chien\nA: dog\nid: chien\nreverse: true\n\nQ: plain\nA: card\nid: plain/r\n\nQ: other\nA: card\nid: plain\n"
	for _, tc := range []struct{ answer, sibling, untouched string }{
		{"chien", "chien/r", "plain/r"},
		{"chien/r", "chien", "plain"},
		{"plain", "", "plain/r"}, // "plain/r" is no reverse card: its ord is 0
	} {
		t.Run(tc.answer, func(t *testing.T) {
			ctx := context.Background()
			d := mustOpen(t, "")
			if _, err := d.Sync(ctx, mustSet(t, file), "t", false, t0); err != nil {
				t.Fatal(err)
			}
			c, _ := d.Card(ctx, tc.answer)
			end := t0.Add(19 * time.Hour)
			_, err := d.Answer(ctx, c.Key, t0, deck.Good, 0, end, func(cur deck.Card) (deck.Schedule, error) {
				s := cur.Schedule
				s.State = deck.StateLearning
				return s, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.sibling != "" {
				if s, _ := d.Card(ctx, tc.sibling); !s.BuriedUntil.Equal(end) {
					t.Errorf("sibling %s buried until %v, want %v", tc.sibling, s.BuriedUntil, end)
				}
			}
			if u, _ := d.Card(ctx, tc.untouched); !u.BuriedUntil.IsZero() {
				t.Errorf("%s was buried", tc.untouched)
			}
			if _, err := d.Undo(ctx, 0, func(time.Time) time.Time { return end }); err != nil {
				t.Fatal(err)
			}
			if tc.sibling != "" {
				if s, _ := d.Card(ctx, tc.sibling); !s.BuriedUntil.IsZero() {
					t.Errorf("after undo %s is still buried", tc.sibling)
				}
			}
		})
	}
}
