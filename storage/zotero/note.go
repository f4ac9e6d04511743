package zotero

import (
	"fmt"

	"loci/deck"
	"loci/deck/htmltext"
)

// note is a child note of a regular item.
type note struct {
	key    string
	parent int64
	html   string
}

// loadNotes reads the child notes, outside the trash, of the items read.
func (r *reader) loadNotes() ([]note, error) {
	rows, err := r.db.QueryContext(r.ctx, `SELECT i.key, n.parentItemID, n.note FROM itemNotes n JOIN items i ON i.itemID = n.itemID
		WHERE n.parentItemID IS NOT NULL AND n.itemID NOT IN (SELECT itemID FROM deletedItems)
		ORDER BY n.parentItemID, n.itemID`)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	defer rows.Close()
	var out []note
	for rows.Next() {
		var n note
		var key, html *string
		if err := rows.Scan(&key, &n.parent, &html); err != nil {
			return nil, fmt.Errorf("notes: %w", err)
		}
		if r.items[n.parent] == nil || html == nil {
			continue
		}
		n.key, n.html = deref(key), *html
		switch {
		case !validKey(n.key):
			r.warn("notes with a malformed key: skipped", "on item "+r.items[n.parent].key, true)
		case len(n.html) > MaxNote:
			r.warn("notes longer than 1 MiB: skipped", "note "+n.key, true)
		default:
			out = append(out, n)
		}
	}
	return out, rows.Err()
}

// cardsFromNote adds the Q:/A: and C: cards written in a note (see
// deck.CardsIn) to the set, attached to the item's paper and in its deck;
// their ids are the note's key and the card's own id. It returns how many
// it added. A note whose cards break the rules gives a warning and none.
func (r *reader) cardsFromNote(it *item, n note) int {
	name := "note " + n.key
	cards, err := deck.CardsIn(name, it.deckName, clean(htmltext.ToText(n.html)))
	if err != nil {
		r.warn("notes whose cards break the card rules: skipped", err.Error(), true)
		return 0
	}
	for _, c := range cards {
		c.ID = r.cardID(it, n.key) + "-" + c.ID
		c.Paper, c.File, c.Line = it.paper.Key, r.path, 0
		if c.Source == "" {
			c.Source = it.paper.Title
		}
		c.Tags = append(c.Tags, "zotero", "note")
		r.set.Cards = append(r.set.Cards, c)
	}
	return len(cards)
}
