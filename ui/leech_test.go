package ui_test

import (
	"context"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

// inReview gives the first card a review schedule that is due now, so that
// an Again is a lapse.
func inReview(t *testing.T, db *storage.DB) {
	t.Helper()
	c, err := db.Card(context.Background(), deck.HashID("First question?"))
	if err != nil || c == nil {
		t.Fatal(c, err)
	}
	c.Schedule = deck.Schedule{State: deck.StateReview, Due: now.Add(-time.Hour), Stability: 5, Difficulty: 5,
		ScheduledDays: 5, Reps: 3, LastReview: now.Add(-5 * 24 * time.Hour)}
	if _, err := db.Import(context.Background(), &deck.Set{Cards: []deck.Card{*c}}, now, storage.ImportOptions{Origin: "t"}); err != nil {
		t.Fatal(err)
	}
}

func TestLeechMessage(t *testing.T) {
	h := startWith(t, setup{cards: []string{fiveCards}, review: true, prepare: func(db *storage.DB, set *scheduler.Settings) {
		inReview(t, db)
		set.LeechThreshold = 1
	}})
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`First answer\.`)
	h.key(tcell.KeyRune, '1')
	h.waitFor(`Leech: suspended\. Rewrite it\? e to edit`)
	h.waitFor(`Second question\?`)
	c, _ := h.db.Card(context.Background(), deck.HashID("First question?"))
	if !c.Suspended || len(c.Tags) != 1 || c.Tags[0] != "leech" {
		t.Errorf("the leech is suspended=%v tags=%v", c.Suspended, c.Tags)
	}
}
