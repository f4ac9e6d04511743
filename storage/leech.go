package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loci/deck"
	"loci/deck/search"
)

// leechTag is the tag a leech carries: the one is:leech searches for.
const leechTag = search.LeechTag

// MarkLeech records that the answer reviewID made card key a leech: it tags
// the card "leech" and, with suspend, suspends it, and keeps a row saying
// what it changed so that UnmarkLeech can put exactly that back. It returns
// "suspended" or "tagged", for the learner.
func (d *DB) MarkLeech(ctx context.Context, key, reviewID int64, at time.Time, suspend bool) (string, error) {
	outcome := "tagged"
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var tags string
		var lapses, suspended int
		err := tx.QueryRowContext(ctx, "SELECT tags, lapses, suspended FROM cards WHERE id = ?", key).Scan(&tags, &lapses, &suspended)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: key %d", ErrNoCard, key)
		}
		if err != nil {
			return err
		}
		tagged := !hasTag(tags, leechTag)
		if tagged {
			tags = strings.TrimSpace(tags + " " + leechTag)
		}
		suspendNow := suspend && suspended == 0
		if suspend {
			outcome = "suspended"
		}
		if _, err := tx.ExecContext(ctx, "UPDATE cards SET tags = ?, suspended = CASE WHEN ? THEN 1 ELSE suspended END WHERE id = ?",
			tags, suspendNow, key); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO leeches(card_id, review_id, at, lapses, tagged, suspended)
			VALUES (?, ?, ?, ?, ?, ?)`, key, reviewID, ms(at), lapses, tagged, suspendNow)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("mark card %d a leech: %w", key, err)
	}
	return outcome, nil
}

// UnmarkLeech takes back what MarkLeech did for the answer reviewID, when
// that answer is undone: the tag it added goes, the suspension it made is
// lifted. An answer that made no leech changes nothing.
func (d *DB) UnmarkLeech(ctx context.Context, reviewID int64) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var key int64
		var tagged, suspended bool
		err := tx.QueryRowContext(ctx, "SELECT card_id, tagged, suspended FROM leeches WHERE review_id = ?", reviewID).
			Scan(&key, &tagged, &suspended)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if tagged {
			var tags string
			if err := tx.QueryRowContext(ctx, "SELECT tags FROM cards WHERE id = ?", key).Scan(&tags); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET tags = ? WHERE id = ?", withoutTag(tags, leechTag), key); err != nil {
				return err
			}
		}
		if suspended {
			if _, err := tx.ExecContext(ctx, "UPDATE cards SET suspended = 0 WHERE id = ? AND suspended = 1", key); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM leeches WHERE review_id = ?", reviewID)
		return err
	})
	if err != nil {
		return fmt.Errorf("undo the leech mark of review %d: %w", reviewID, err)
	}
	return nil
}

// NewLeech is a card that became a leech in a span of time.
type NewLeech struct {
	Card   deck.Card
	At     time.Time
	Lapses int
}

// NewLeeches returns the cards that became leeches in [from, to), each once
// (at its latest mark), oldest first.
func (d *DB) NewLeeches(ctx context.Context, from, to time.Time) ([]NewLeech, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT l.at, l.lapses, c.id, c.uid, dk.name, c.kind, c.front, c.back, c.ord
		FROM (SELECT card_id, max(at) AS at, max(lapses) AS lapses FROM leeches WHERE at >= ? AND at < ? GROUP BY card_id) l
		JOIN cards c ON c.id = l.card_id JOIN decks dk ON dk.id = c.deck_id
		ORDER BY l.at, c.id`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("new leeches: %w", err)
	}
	defer rows.Close()
	var out []NewLeech
	for rows.Next() {
		var l NewLeech
		var at int64
		var kind string
		c := &l.Card
		if err := rows.Scan(&at, &l.Lapses, &c.Key, &c.ID, &c.Deck, &kind, &c.Front, &c.Back, &c.Ord); err != nil {
			return nil, err
		}
		c.Kind = deck.Kind(kind)
		l.At = fromMS(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

// hasTag reports whether a stored tag list (space-separated) holds tag.
func hasTag(tags, tag string) bool {
	for _, t := range strings.Fields(tags) {
		if t == tag {
			return true
		}
	}
	return false
}

// withoutTag returns a stored tag list without tag.
func withoutTag(tags, tag string) string {
	var out []string
	for _, t := range strings.Fields(tags) {
		if t != tag {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}
