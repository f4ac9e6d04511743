package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"loci/deck"
)

// stageRank is an SQL expression giving the place of the stage in column
// col on the ladder queued → read → understood → replicated (0 for queued),
// so that stages compare as numbers.
func stageRank(col string) string {
	var b strings.Builder
	b.WriteString("(CASE " + col)
	for i, st := range deck.Stages {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", st, i)
	}
	b.WriteString(" ELSE 0 END)")
	return b.String()
}

// refreshWaiting sets cards.waiting for the cards of one paper (paperID),
// or of every paper when paperID is 0: a card waits while its paper's stage
// is below the card's unlock stage. Only cards with an unlock stage, or
// still marked waiting, are touched.
func refreshWaiting(ctx context.Context, tx *sql.Tx, paperID int64) error {
	q := `UPDATE cards SET waiting = coalesce((SELECT ` + stageRank("p.stage") + ` < ` + stageRank("cards.unlock") + `
			FROM papers p WHERE p.id = cards.paper_id), 0)
		WHERE (unlock != '' OR waiting != 0)`
	args := []any{}
	if paperID != 0 {
		q += " AND paper_id = ?"
		args = append(args, paperID)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("update cards waiting for their paper: %w", err)
	}
	return nil
}

// PaperCards returns the cards of the paper with the given key, in the order
// they were added; each card's Waiting says whether it is held back from the
// new queue until the paper reaches its Unlock stage.
func (d *DB) PaperCards(ctx context.Context, key string) ([]deck.Card, error) {
	rows, err := d.db.QueryContext(ctx, cardColumns+" WHERE p.key = ? ORDER BY c.position, c.id", key)
	if err != nil {
		return nil, fmt.Errorf("list cards of paper %q: %w", key, err)
	}
	return scanCards(rows)
}

// PapersCards returns, for every paper that has cards, its cards in the
// order they were added, keyed by paper key; one query serves a whole
// papers listing.
func (d *DB) PapersCards(ctx context.Context) (map[string][]deck.Card, error) {
	rows, err := d.db.QueryContext(ctx, cardColumns+" WHERE c.paper_id IS NOT NULL ORDER BY c.position, c.id")
	if err != nil {
		return nil, fmt.Errorf("list cards of papers: %w", err)
	}
	cards, err := scanCards(rows)
	if err != nil {
		return nil, err
	}
	out := map[string][]deck.Card{}
	for _, c := range cards {
		out[c.Paper] = append(out[c.Paper], c)
	}
	return out, nil
}
