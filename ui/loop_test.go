package ui_test

import (
	"context"
	"testing"
	"time"

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

// Bury and suspend are symbol keys that name the card they hit and how to
// take it back; the dashboard's letters b and s do nothing to a card here.
func TestDestructiveKeysConfirm(t *testing.T) {
	h := start(t, true)
	h.waitFor(`First question\?`)
	for _, r := range []rune{'b', 's'} {
		h.key(tcell.KeyRune, r)
		h.waitFor(`b and s do nothing here: - buries, @ suspends, u undoes`)
		h.waitFor(`First question\?`)
	}
	h.waitFor(`Space show answer\s+- bury\s+@ suspend\s+\? help`)
	h.key(tcell.KeyRune, '!')
	h.waitFor(`Suspended “First question\?” · u undoes`)
	h.waitFor(`Second question\?`)
	h.key(tcell.KeyRune, '-')
	h.waitFor(`Buried “Second question\?” until tomorrow · u undoes`)
	h.waitFor(`Third question\?`)
	h.key(tcell.KeyCtrlZ, 0)
	h.waitFor(`Undid the bury of “Second question\?”`)
	h.key(tcell.KeyRune, '?')
	h.waitFor(`-\s+bury until tomorrow`)
	h.waitFor(`@\s+suspend \(also !\)`)
	h.waitFor(`u\s+undo answer, bury, suspend\s+║`)
	c, _ := h.db.Card(context.Background(), deck.HashID("First question?"))
	if !c.Suspended {
		t.Errorf("! did not suspend the first card")
	}
}

// When nothing is left, the review screen and the dashboard say why and
// when the next card comes.
func TestNothingLeftSaysWhen(t *testing.T) {
	h := start(t, false)
	h.waitFor(`All decks\s+5`)
	h.key(tcell.KeyEnter, 0)
	for _, q := range []string{"First", "Second", "Third"} {
		h.waitFor(q + ` question\?`)
		h.key(tcell.KeyRune, ' ')
		h.key(tcell.KeyRune, '4')
	}
	h.waitFor(`The \[\.\.\.\] card is a cloze`)
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, '4')
	h.waitFor(`Fifth question\?`)
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, '4')
	h.waitFor(`Nothing more to study here for now\.`)
	h.waitFor(`next review on \w{3} \d+ \w{3} \(in \d+d\)`)
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`loci\s+·\s+nothing due now`)
	h.waitFor(`(?m)^next review on \w{3} \d+ \w{3} \(in \d+d\)\s*$`)
}

// Browse marks buried cards, and a history longer than the pane lists says
// how many older answers it leaves out.
func TestBrowseShowsBuriedAndLongHistory(t *testing.T) {
	h := start(t, false)
	ctx := context.Background()
	first, _ := h.db.Card(ctx, deck.HashID("First question?"))
	same := func(c deck.Card) (deck.Schedule, error) { return c.Schedule, nil }
	for i := 0; i < 11; i++ {
		if _, err := h.db.Answer(ctx, first.Key, now, deck.Good, 0, time.Time{}, same); err != nil {
			t.Fatal(err)
		}
	}
	h.waitFor(`All decks\s+5`)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, buryKey)
	h.waitFor(`Second question\?`)
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'b')
	h.waitFor(`Sub\s+First question\?\s+buried`)
	h.waitFor(`└─+ 10 more lines below ┘`) // 8 answers, the "… and 3 older" line and a blank one
}
