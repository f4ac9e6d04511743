package storage

import (
	"context"
	"fmt"
)

// DeckNames returns the full name of every deck, in the order they were
// created, for resolving the names learners type.
func (d *DB) DeckNames(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT name FROM decks ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list decks: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list decks: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
