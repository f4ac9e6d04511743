package ui_test

import (
	"context"
	"testing"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
)

// u takes back the session's actions newest first, whatever their kind: a
// suspension, a bury, then an answer, as Anki's reviewer does.
func TestUndoTakesBackEveryKindInOrder(t *testing.T) {
	h := start(t, true)
	ctx := context.Background()
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, '3') // Good: First goes to learning
	h.waitFor(`Second question\?`)
	h.key(tcell.KeyRune, buryKey)
	h.waitFor(`Third question\?`)
	h.key(tcell.KeyRune, suspendKey)
	h.waitFor(`The \[\.\.\.\] card is a cloze`)

	card := func(front string) *deck.Card {
		c, _ := h.db.Card(ctx, deck.HashID(front))
		return c
	}
	for _, step := range []struct {
		status, shown string
		check         func() bool
	}{
		{`Undid the suspend of`, `Third question\?`, func() bool { return !card("Third question?").Suspended }},
		{`Undid the bury of`, `Second question\?`, func() bool { return card("Second question?").BuriedUntil.IsZero() }},
		{`Undid the good answer of`, `First question\?`, func() bool { return card("First question?").Schedule.State == deck.StateNew }},
	} {
		h.key(tcell.KeyRune, 'u')
		h.waitFor(step.status)
		h.waitFor(step.shown)
		if !step.check() {
			t.Errorf("after %q the database still holds the action", step.status)
		}
	}
	if revs, _ := h.db.Reviews(ctx, card("First question?").Key); len(revs) != 0 {
		t.Errorf("the undone answer left %d log rows", len(revs))
	}
}
