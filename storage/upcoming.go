package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loci/deck"
)

// Upcoming returns what comes next in deckName (and its sub-decks; "" for
// all) among the cards in study (neither suspended nor buried past now): how
// many are in learning, and the earliest due time of a learning card and of
// a review card (zero when there is none). It lets the screens say when the
// next card comes when nothing is left now.
func (d *DB) Upcoming(ctx context.Context, deckName string, now time.Time) (deck.Upcoming, error) {
	where, args := deckFilter(deckName)
	var up deck.Upcoming
	var learn, review sql.NullInt64
	err := d.db.QueryRowContext(ctx, `SELECT coalesce(sum(c.state IN (1, 3)), 0),
			min(CASE WHEN c.state IN (1, 3) THEN c.due END), min(CASE WHEN c.state = 2 THEN c.due END)
		FROM cards c WHERE c.state IN (1, 2, 3) AND c.suspended = 0 AND c.buried_until <= ? AND `+where,
		append([]any{ms(now)}, args...)...).Scan(&up.Learning, &learn, &review)
	if err != nil {
		return up, fmt.Errorf("read the next due cards: %w", err)
	}
	if learn.Valid {
		up.NextLearning = fromMS(learn.Int64)
	}
	if review.Valid {
		up.NextReview = fromMS(review.Int64)
	}
	return up, nil
}
