package storage

import (
	"context"
	"database/sql"
	"errors"
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
	args = append([]any{ms(now)}, args...)
	var up deck.Upcoming
	var learn, review sql.NullInt64
	// Learning cards are few: count them. Review cards are most of a
	// collection: walk the (state, due) index to the first one in study
	// instead of reading them all.
	err := d.db.QueryRowContext(ctx, `SELECT count(*), min(c.due) FROM cards c
		WHERE c.state IN (1, 3) AND c.suspended = 0 AND c.buried_until <= ? AND `+where, args...).Scan(&up.Learning, &learn)
	if err == nil {
		err = d.db.QueryRowContext(ctx, `SELECT c.due FROM cards c
			WHERE c.state = 2 AND c.suspended = 0 AND c.buried_until <= ? AND `+where+` ORDER BY c.due LIMIT 1`, args...).Scan(&review)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
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
