package ui_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
	"loci/deck/cardedit"
	"loci/scheduler"
	"loci/storage"
	"loci/ui"
)

// sedEditor is a stand-in for $EDITOR that replaces old with new in the file.
func sedEditor(old, new string) func(*storage.DB) ui.CardEditor {
	return func(db *storage.DB) ui.CardEditor {
		return &cardedit.Editor{Store: db, Now: func() time.Time { return now },
			Run: func(_ context.Context, path string, _ int) error {
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				return os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o600)
			}}
	}
}

func TestEditFromReview(t *testing.T) {
	h := startWith(t, setup{cards: []string{fiveCards}, review: true, editor: sedEditor("A: First answer.", "A: First answer, rewritten.")})
	h.waitFor(`First question\?`)
	h.waitFor(`e edit`)
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, 'e')
	h.waitFor(`First answer, rewritten\.`)
	h.waitFor(`Saved ` + deck.HashID("First question?") + `; its history is kept`)
	c, _ := h.db.Card(context.Background(), deck.HashID("First question?"))
	if c.Back != "First answer, rewritten." {
		t.Errorf("stored back = %q", c.Back)
	}
}

// TestEditLeech: after "Leech: suspended", e edits the leech, not the next card.
func TestEditLeech(t *testing.T) {
	h := startWith(t, setup{cards: []string{fiveCards}, review: true, prepare: func(db *storage.DB, set *scheduler.Settings) {
		inReview(t, db)
		set.LeechThreshold = 1
	}, editor: sedEditor("Q: First question?", "Q: First question, asked better?")})
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, '1')
	h.waitFor(`Leech: suspended`)
	h.waitFor(`Second question\?`)
	h.key(tcell.KeyRune, 'e')
	h.waitFor(`Saved ` + deck.HashID("First question?"))
	c, _ := h.db.Card(context.Background(), deck.HashID("First question?"))
	if c.Front != "First question, asked better?" || c.Schedule.Lapses != 1 {
		t.Errorf("the leech is now %q with %d lapses", c.Front, c.Schedule.Lapses)
	}
	if s, _ := h.db.Card(context.Background(), deck.HashID("Second question?")); s.Front != "Second question?" {
		t.Errorf("the next card was edited: %q", s.Front)
	}
}

func TestEditFromBrowse(t *testing.T) {
	h := startWith(t, setup{cards: []string{fiveCards}, editor: sedEditor("A: First answer.", "A: First answer, edited.")})
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'b')
	h.waitFor(`Cards: 5`)
	h.key(tcell.KeyRune, 'e') // the first card is selected
	h.waitFor(`First answer, edited\.`)
	h.waitFor(`Saved ` + deck.HashID("First question?"))
}
