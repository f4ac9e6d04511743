package storage

import (
	"context"
	"testing"

	"loci/deck"
)

// TestEditKeepsHistoryAndOverridesBuiltin: an edit keeps the card's row
// and schedule; a later built-in update leaves the learner's text; revert
// puts the built-in text back; a cloze deletion dropped by an edit retires
// its card.
func TestEditKeepsHistoryAndOverridesBuiltin(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	v1 := mustSet(t, twoCards)
	if _, _, err := d.SyncBuiltin(ctx, "v1", func() (*deck.Set, error) { return v1, nil }, t0); err != nil {
		t.Fatal(err)
	}
	one, _ := d.Card(ctx, "one")
	rev, err := d.Answer(ctx, one.Key, t0, deck.Good, 0, t0, func(cur deck.Card) (deck.Schedule, error) {
		s := cur.Schedule
		s.State, s.Reps = deck.StateLearning, 1
		return s, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mine := one
	mine.Back = "one, in my words"
	if err := d.EditCards(ctx, []string{"one"}, []deck.Card{*mine}, true, t0); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Card(ctx, "one")
	if got.Key != one.Key || got.Back != "one, in my words" || got.Schedule.Reps != 1 {
		t.Fatalf("after the edit: %+v", got)
	}
	if revs, _ := d.Reviews(ctx, one.Key); len(revs) != 1 || revs[0].ID != rev.ID {
		t.Errorf("history after the edit: %+v", revs)
	}

	// A new built-in version changes the card's answer: the learner's stays.
	v2 := mustSet(t, twoCards+"\nQ: four?\nA: 4\nid: four\n")
	v2.Cards[0].Back = "1, revised"
	if _, _, err := d.SyncBuiltin(ctx, "v2", func() (*deck.Set, error) { return v2, nil }, t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Card(ctx, "one"); got.Back != "one, in my words" {
		t.Errorf("the built-in update overwrote the learner's text: %q", got.Back)
	}
	if four, _ := d.Card(ctx, "four"); four == nil {
		t.Errorf("the built-in update added nothing")
	}
	if edited, _ := d.Edited(ctx, "one"); !edited {
		t.Errorf("the card is not marked edited")
	}

	// Revert: the built-in text is back, with the history.
	n, err := d.RevertEdit(ctx, []string{"one"}, &deck.Set{Cards: v2.Cards[:1]}, t0)
	if err != nil || n != 1 {
		t.Fatalf("revert: %d, %v", n, err)
	}
	if got, _ := d.Card(ctx, "one"); got.Back != "1, revised" || got.Schedule.Reps != 1 {
		t.Errorf("after revert: %+v", got)
	}

	// An edit that drops a cloze deletion retires its card; restoring it
	// brings it back with its row.
	cl, _ := d.SourceCards(ctx, "two/c2")
	if len(cl) != 2 {
		t.Fatalf("source of two/c2 = %d cards, want 2", len(cl))
	}
	c1 := cl[0]
	c1.Front = "{{c1::two}} and three"
	if err := d.EditCards(ctx, []string{"two/c1", "two/c2"}, []deck.Card{c1}, true, t0); err != nil {
		t.Fatal(err)
	}
	if c2, _ := d.Card(ctx, "two/c2"); c2 == nil || !c2.Suspended {
		t.Errorf("the dropped deletion's card is %+v, want retired", c2)
	}
	if cl, _ := d.SourceCards(ctx, "two/c1"); len(cl) != 1 {
		t.Errorf("source after the edit holds %d cards, want 1", len(cl))
	}
	c2 := cl[1]
	if err := d.EditCards(ctx, []string{"two/c1"}, []deck.Card{cl[0], c2}, true, t0); err != nil {
		t.Fatal(err)
	}
	if back, _ := d.Card(ctx, "two/c2"); back.Suspended || back.Key != cl[1].Key {
		t.Errorf("the deletion came back as %+v", back)
	}
}
