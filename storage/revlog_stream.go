package storage

import (
	"context"
	"database/sql"
	"fmt"

	"loci/deck"
)

// EachCardLog calls fn with each card's review log, oldest first, cards in
// insertion order, as ReviewLog returns them, but one card at a time: the
// slice is reused after fn returns, so a caller that keeps what it needs
// (the optimizer keeps 8 bytes a review) reads a large log in little
// memory. An error from fn stops the walk and is returned.
func (d *DB) EachCardLog(ctx context.Context, fn func(history []deck.LogEntry) error) error {
	rows, err := d.db.QueryContext(ctx, historyQuery)
	if err != nil {
		return fmt.Errorf("read review log: %w", err)
	}
	defer rows.Close()
	return eachCard(rows, func(_ int64, hist []deck.LogEntry) error { return fn(hist) })
}

// eachCard reads historyQuery's rows and calls fn with each card's key and
// entries; the slice is reused after fn returns.
func eachCard(rows *sql.Rows, fn func(card int64, history []deck.LogEntry) error) error {
	var h historyRow
	var hist []deck.LogEntry
	card := int64(-1)
	for rows.Next() {
		var e deck.LogEntry
		key, err := h.scan(rows, &e)
		if err != nil {
			return err
		}
		if key != card && len(hist) > 0 {
			if err := fn(card, hist); err != nil {
				return err
			}
			hist = hist[:0]
		}
		card = key
		hist = append(hist, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read review log: %w", err)
	}
	if len(hist) > 0 {
		return fn(card, hist)
	}
	return nil
}
