package ui_test

import (
	"context"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
)

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.key(tcell.KeyRune, r)
	}
}

func TestBrowseQueryLanguageAndSort(t *testing.T) {
	h := start(t, false)
	ctx := context.Background()
	// The fifth card becomes a review card due in five days.
	c, _ := h.db.Card(ctx, deck.HashID("Fifth question?"))
	_, err := h.db.Answer(ctx, c.Key, now, deck.Easy, time.Second, time.Time{}, func(cur deck.Card) (deck.Schedule, error) {
		return deck.Schedule{State: deck.StateReview, Due: now.Add(5 * 24 * time.Hour), Stability: 12, Difficulty: 3,
			ScheduledDays: 5, Reps: 1, LastReview: now}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'b')
	h.waitFor(`Cards: 5 · order added`)
	h.waitFor(`(?s)Front.*First question.*Fifth question`)

	h.key(tcell.KeyRune, '/')
	h.typeText("is:new -paper:toy-paper")
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Cards: 4 `)

	// A query that does not parse says where, and keeps the table.
	h.key(tcell.KeyRune, '/')
	h.key(tcell.KeyCtrlU, 0)
	h.typeText("(third")
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`search: column 1: unclosed "\("`)
	h.waitFor(`Cards: 4 `)
	h.key(tcell.KeyCtrlU, 0)
	h.typeText("front:third*")
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Cards: 1 `)
	h.waitFor(`Third answer\.`)

	// Orders: due puts the review card first; o moves on, r reverses.
	h.key(tcell.KeyRune, '/')
	h.key(tcell.KeyCtrlU, 0)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Cards: 5 `)
	h.key(tcell.KeyRune, 'o')
	h.waitFor(`Cards: 5 · due ▲`)
	h.waitFor(`Due▲`)
	h.waitFor(`(?s)Front.*Fifth question\?\s+review\s+5d\s+5d\s+12\.0\s+3\.0\s+0.*First question`)
	h.key(tcell.KeyRune, 'o')
	h.waitFor(`Ivl▲`)
	h.key(tcell.KeyRune, 'r')
	h.waitFor(`Ivl▼`)
	h.waitFor(`(?s)Front.*Fifth question.*First question`)
	h.key(tcell.KeyRune, '?')
	h.waitFor(`prop:ivl>=10`)
	h.key(tcell.KeyRune, 'x')
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks`)
}

func TestCustomStudyMoreNewCards(t *testing.T) {
	h := start(t, false)
	h.waitFor(`c custom study`)
	h.key(tcell.KeyRune, 'c')
	h.waitFor(`Custom study`)
	h.waitFor(`More new cards today`)
	h.key(tcell.KeyTab, 0)
	h.typeText("x")
	h.key(tcell.KeyTab, 0)
	h.key(tcell.KeyEnter, 0) // Start
	h.waitFor(`Extra new cards: want a number from 1, not "x"`)
	h.key(tcell.KeyBacktab, 0)
	h.key(tcell.KeyCtrlU, 0)
	h.typeText("3")
	h.key(tcell.KeyTab, 0)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Today's new-card limit: 20 \+ 3 extra, 23 left`)
	h.waitFor(`First question\?`)
	if n, err := h.db.ExtraNew(context.Background(), time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)); err != nil || n != 3 {
		t.Errorf("today's extra new cards = %d, %v; want 3", n, err)
	}
}

// chooseMode opens the custom-study form with the mode at index i.
func (h *harness) chooseMode(i int) {
	h.key(tcell.KeyRune, 'c')
	h.waitFor(`More new cards today`)
	h.key(tcell.KeyEnter, 0) // open the list
	for range i {
		h.key(tcell.KeyDown, 0)
	}
	h.key(tcell.KeyEnter, 0)
	h.key(tcell.KeyTab, 0)
}

func TestCustomStudyCram(t *testing.T) {
	h := start(t, false)
	ctx := context.Background()
	h.waitFor(`All decks`)
	h.chooseMode(3)
	h.waitFor(`Cram a search`)
	h.typeText("first or second")
	h.key(tcell.KeyTab, 0)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Custom study: first or second \(cram\)`)
	for _, step := range []struct {
		q string
		r rune
	}{{"First", '1'}, {"Second", '3'}, {"First", '3'}} {
		h.waitFor(step.q + ` question\?`)
		h.key(tcell.KeyRune, ' ')
		h.waitFor(step.q + ` answer\.`)
		h.waitFor(`1 Again   2 Hard   3 Good   4 Easy   \(cram\)`)
		h.key(tcell.KeyRune, step.r)
		h.waitFor(`cram: the schedule stays`)
	}
	h.waitFor(`Custom study done\.`)
	log, _ := h.db.ReviewLog(ctx)
	if len(log) != 3 {
		t.Fatalf("log holds %d answers, want 3", len(log))
	}
	for _, e := range log {
		if e.Kind != deck.EntryCram {
			t.Errorf("answer %+v is not logged as cram", e)
		}
	}
	for _, q := range []string{"First question?", "Second question?"} {
		c, _ := h.db.Card(ctx, deck.HashID(q))
		if c.Schedule.State != deck.StateNew || c.Schedule.Reps != 0 {
			t.Errorf("%s changed by cram: %+v", q, c.Schedule)
		}
	}
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks\s+5\s+0\s+0\s+5`)
}

func TestCustomStudySearchReschedules(t *testing.T) {
	h := start(t, false)
	ctx := context.Background()
	h.waitFor(`All decks`)
	h.chooseMode(2)
	h.waitFor(`Study a search`)
	h.typeText("second")
	h.key(tcell.KeyTab, 0)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Custom study: second`)
	h.waitFor(`New 1\s+Learn 0\s+Due 0`)
	// Good twice: into learning, then (the step is within the learn-ahead
	// window) graduated.
	for range 2 {
		h.waitFor(`Second question\?`)
		h.key(tcell.KeyRune, ' ')
		h.waitFor(`Second answer\.`)
		h.key(tcell.KeyRune, '3')
	}
	h.waitFor(`Custom study done\.`)
	c, _ := h.db.Card(ctx, deck.HashID("Second question?"))
	if c.Schedule.State != deck.StateReview {
		t.Errorf("after the session the card is %s, want review", c.Schedule.State)
	}
	log, _ := h.db.ReviewLog(ctx)
	if len(log) != 2 || log[0].Kind == deck.EntryCram {
		t.Errorf("log = %+v, want two ordinary answers", log)
	}
	// A bad query stays in the form with its column.
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks`)
	h.chooseMode(2)
	h.typeText("deck:")
	h.key(tcell.KeyTab, 0)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`search: column 1: deck: needs a value`)
	h.key(tcell.KeyEscape, 0)
	h.waitFor(`All decks`)
}
