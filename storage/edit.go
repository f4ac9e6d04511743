package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"loci/deck"
)

// SourceCards returns the cards that share card id's source, the card
// itself included, in id order: all the cloze cards of its text, or both
// sides of a card that asks both ways. Cards retired from their source
// (suspended = 2) are left out. Nil when there is no such card.
func (d *DB) SourceCards(ctx context.Context, id string) ([]deck.Card, error) {
	c, err := d.Card(ctx, id)
	if err != nil || c == nil {
		return nil, err
	}
	where, args, ok := siblings(c, "c.")
	if !ok {
		return []deck.Card{*c}, nil
	}
	rows, err := d.db.QueryContext(ctx, cardColumns+" WHERE ((c.id = ?) OR ("+where+")) AND c.suspended != 2 ORDER BY c.uid",
		append([]any{c.Key}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("cards of the source of %s: %w", id, err)
	}
	return scanCards(rows)
}

// CardOrigin returns where a card was first added from: "builtin", a file
// name given to import, "add", or "decks:PATH" for a file of the decks
// folder. "" when there is no such card.
func (d *DB) CardOrigin(ctx context.Context, id string) (string, error) {
	var origin string
	err := d.db.QueryRowContext(ctx, "SELECT origin FROM cards WHERE uid = ?", id).Scan(&origin)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return origin, err
}

// EditCards replaces the cards of one source (the ids in replaced) with the
// learner's edited cards, in one transaction. Cards keep their rows, and so
// their schedules and history; an edited card with a new id (a cloze
// deletion added) is added as new with the origin of the first replaced
// card; a replaced card the edit no longer makes is retired (suspended = 2)
// as a card removed from its file is. With learnerText, the cards are
// marked edited, so that a later update of their source (the built-in deck,
// a re-import) leaves the learner's text alone.
func (d *DB) EditCards(ctx context.Context, replaced []string, cards []deck.Card, learnerText bool, now time.Time) error {
	if len(replaced) == 0 {
		return errors.New("edit: no card to replace")
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var origin string
		if err := tx.QueryRowContext(ctx, "SELECT origin FROM cards WHERE uid = ?", replaced[0]).Scan(&origin); err != nil {
			return fmt.Errorf("card %s: %w", replaced[0], err)
		}
		keep := map[string]bool{}
		for _, c := range cards {
			keep[c.ID] = true
			// The learner's text replaces the stored one even where an
			// earlier edit had marked it.
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET edited = 0 WHERE uid = ?", c.ID); err != nil {
				return err
			}
		}
		if _, err := syncTx(ctx, tx, &deck.Set{Cards: cards}, origin, false, now, nil); err != nil {
			return err
		}
		for _, c := range cards {
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET edited = ?, suspended = CASE WHEN suspended = 2 THEN 0 ELSE suspended END WHERE uid = ?",
				learnerText, c.ID); err != nil {
				return err
			}
		}
		for _, id := range replaced {
			if keep[id] {
				continue
			}
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET suspended = 2 WHERE uid = ? AND suspended = 0", id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save the edit of %s: %w", replaced[0], err)
	}
	return nil
}

// Edited reports whether the learner's own text overrides card id's source.
func (d *DB) Edited(ctx context.Context, id string) (bool, error) {
	var edited bool
	err := d.db.QueryRowContext(ctx, "SELECT edited FROM cards WHERE uid = ?", id).Scan(&edited)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("%w: %q", ErrNoCard, id)
	}
	return edited, err
}

// RevertEdit drops the learner's override of the cards in ids and, in the
// same transaction, puts back the source's text from set (the built-in deck;
// nil leaves the text until the next import of the card's file). It
// returns how many cards were marked edited.
func (d *DB) RevertEdit(ctx context.Context, ids []string, set *deck.Set, now time.Time) (int, error) {
	var n int
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var origin string
		for _, id := range ids {
			r, err := tx.ExecContext(ctx, "UPDATE cards SET edited = 0 WHERE uid = ? AND edited = 1", id)
			if err != nil {
				return err
			}
			k, _ := r.RowsAffected()
			n += int(k)
			if origin == "" {
				tx.QueryRowContext(ctx, "SELECT origin FROM cards WHERE uid = ?", id).Scan(&origin)
			}
		}
		if set == nil || len(set.Cards) == 0 {
			return nil
		}
		if _, err := syncTx(ctx, tx, set, origin, false, now, nil); err != nil {
			return err
		}
		// A card the edit had retired (a dropped cloze deletion) is back.
		for _, c := range set.Cards {
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET suspended = 0 WHERE uid = ? AND suspended = 2", c.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("revert the edit of %v: %w", ids, err)
	}
	return n, nil
}
