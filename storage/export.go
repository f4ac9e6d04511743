package storage

import (
	"context"
	"fmt"

	"loci/deck"
)

// CardOrder is the order EachCard goes through the cards in.
type CardOrder int

const (
	// ByPosition is the order the cards were added in.
	ByPosition CardOrder = iota
	// ByDeck takes the cards of one deck after another, decks in the order
	// their first cards were added, each deck's cards in the order they were
	// added: what an export that writes a file per deck wants.
	ByDeck
)

// deckFirst gives each deck (deck_id) the position of its first card
// (first), for ByDeck: one pass over the table (an index would make it a
// lookup per card).
const deckFirst = ` JOIN (SELECT deck_id, min(position) AS first FROM cards NOT INDEXED GROUP BY deck_id) f
	ON f.deck_id = c.deck_id`

// orderBy is the query tail of each CardOrder.
var orderBy = map[CardOrder]string{
	ByPosition: " ORDER BY c.position, c.id",
	ByDeck:     " ORDER BY f.first, c.deck_id, c.position, c.id",
}

// EachCard calls fn with every card of a deck and its sub-decks ("" for
// all), in the given order, one row at a time: the memory an export needs
// stays the same whatever the size of the collection (SQLite sorts in its
// own bounded cache, spilling to a temporary file). An error from fn stops
// the walk and is returned as it is. fn must not write to the database:
// the walk holds a read transaction.
func (d *DB) EachCard(ctx context.Context, deckName string, order CardOrder, fn func(*deck.Card) error) error {
	tail, ok := orderBy[order]
	if !ok {
		return fmt.Errorf("list cards: unknown order %d", order)
	}
	where, args := deckFilter(deckName)
	// The whole collection is read in table order and sorted: through an
	// index it would be a random lookup per card (4× the CPU at 300,000
	// cards). One deck is found through cards_deck_queue.
	from := " FROM cards c "
	if deckName == "" {
		from = " FROM cards c NOT INDEXED "
	}
	q := cardFields + from + cardJoins
	if order == ByDeck {
		q += deckFirst
	}
	rows, err := d.db.QueryContext(ctx, q+" WHERE "+where+tail, args...)
	if err != nil {
		return fmt.Errorf("list cards: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list cards: %w", err)
	}
	return nil
}

// PaperUse is a paper that cards of a deck are attached to.
type PaperUse struct {
	Deck, Paper string
}

// PaperUses returns the papers the cards of each deck are attached to, for
// a deck and its sub-decks ("" for all): decks in EachCard's ByDeck order,
// each deck's papers in the order of the first card attached. An export
// learns from it, before writing a deck, which papers the deck's file lists.
// It holds one row per deck and paper, not per card.
func (d *DB) PaperUses(ctx context.Context, deckName string) ([]PaperUse, error) {
	where, args := deckFilter(deckName)
	rows, err := d.db.QueryContext(ctx, `SELECT dk.name, p.key FROM (
			SELECT c.deck_id, c.paper_id, min(c.position) AS pos FROM cards c
			WHERE c.paper_id IS NOT NULL AND `+where+` GROUP BY c.deck_id, c.paper_id) c
		JOIN decks dk ON dk.id = c.deck_id JOIN papers p ON p.id = c.paper_id`+deckFirst+`
		ORDER BY f.first, c.deck_id, c.pos`, args...)
	if err != nil {
		return nil, fmt.Errorf("list paper uses: %w", err)
	}
	defer rows.Close()
	var out []PaperUse
	for rows.Next() {
		var u PaperUse
		if err := rows.Scan(&u.Deck, &u.Paper); err != nil {
			return nil, fmt.Errorf("list paper uses: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ReversePair is a forward card and its reverse card in the same deck.
type ReversePair struct {
	Deck, Forward string // the deck, and the forward card's id
}

// ReversePairs returns, for a deck and its sub-decks ("" for all), the
// forward cards whose reverse card is in the same deck, so that an export
// writes each pair once, as the forward card with "reverse: true". A
// reverse card's id is its forward card's with "/r", or Anki's "/1" for
// "/0" (deck.ReverseID). It reads the reverse cards only.
func (d *DB) ReversePairs(ctx context.Context, deckName string) ([]ReversePair, error) {
	where, args := deckFilter(deckName)
	rows, err := d.db.QueryContext(ctx, `SELECT dk.name, f.uid FROM cards c NOT INDEXED
		JOIN cards f ON f.uid = CASE WHEN c.uid GLOB 'anki-*/1' THEN substr(c.uid, 1, length(c.uid) - 1) || '0'
			ELSE substr(c.uid, 1, length(c.uid) - 2) END
		JOIN decks dk ON dk.id = c.deck_id
		WHERE c.kind = 'basic' AND c.ord = 1 AND (c.uid GLOB 'anki-*/1' OR c.uid GLOB '*/r')
			AND f.deck_id = c.deck_id AND `+where+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list reverse cards: %w", err)
	}
	defer rows.Close()
	var out []ReversePair
	for rows.Next() {
		var p ReversePair
		if err := rows.Scan(&p.Deck, &p.Forward); err != nil {
			return nil, fmt.Errorf("list reverse cards: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
