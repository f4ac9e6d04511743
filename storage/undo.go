package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"loci/deck"
)

// ErrNothingToUndo is returned by Undo when the journal is empty or its
// newest action is not the one the caller meant to undo.
var ErrNothingToUndo = errors.New("nothing to undo")

// journalKeep is how many actions the undo journal keeps.
const journalKeep = 1000

// journal records an action on card c (as it was before the action) inside
// tx and returns its id; reviewID is the answer's log row, 0 otherwise. An
// answer's undo restores the schedule from the log; any other action's undo
// restores the flags kept here (suspended as stored: 1 by the learner, 2
// retired from its source file).
func journal(ctx context.Context, tx *sql.Tx, kind deck.ActionKind, c *deck.Card, reviewID int64) (int64, error) {
	var rid sql.NullInt64
	var susp int
	if reviewID > 0 {
		rid = sql.NullInt64{Int64: reviewID, Valid: true}
	} else if err := tx.QueryRowContext(ctx, "SELECT suspended FROM cards WHERE id = ?", c.Key).Scan(&susp); err != nil {
		return 0, fmt.Errorf("journal %s: %w", kind, err)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO actions (kind, card_id, review_id, suspended_before, buried_before)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, string(kind), c.Key, rid, susp, ms(c.BuriedUntil)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("journal %s: %w", kind, err)
	}
	if id%100 == 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM actions WHERE id <= ?", id-journalKeep); err != nil {
			return 0, fmt.Errorf("trim the undo journal: %w", err)
		}
	}
	return id, nil
}

// Suspend sets or clears the learner's suspension of a card and records it
// in the undo journal; it returns the journal entry's id.
func (d *DB) Suspend(ctx context.Context, key int64, on bool) (int64, error) {
	v, kind := 0, deck.ActUnsuspend
	if on {
		v, kind = 1, deck.ActSuspend
	}
	return d.cardAction(ctx, key, kind, "UPDATE cards SET suspended = ? WHERE id = ?", v, key)
}

// Bury hides a card until the given time (the end of the learner's day) and
// records it in the undo journal; it returns the journal entry's id.
func (d *DB) Bury(ctx context.Context, key int64, until time.Time) (int64, error) {
	return d.cardAction(ctx, key, deck.ActBury, "UPDATE cards SET buried_until = ? WHERE id = ?", ms(until), key)
}

// cardByKey reads a card inside tx; a missing card is an error.
func cardByKey(ctx context.Context, tx *sql.Tx, key int64) (*deck.Card, error) {
	c, err := scanCard(tx.QueryRowContext(ctx, cardColumns+" WHERE c.id = ?", key))
	if err == nil && c == nil {
		err = fmt.Errorf("%w: key %d", ErrNoCard, key)
	}
	return c, err
}

// cardAction journals an action on one card and applies update, in one
// transaction.
func (d *DB) cardAction(ctx context.Context, key int64, kind deck.ActionKind, update string, args ...any) (int64, error) {
	var id int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := cardByKey(ctx, tx, key)
		if err != nil {
			return err
		}
		if id, err = journal(ctx, tx, kind, c, 0); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, update, args...)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("%s card %d: %w", kind, key, err)
	}
	return id, nil
}

// Undo takes back the newest action of the journal, whatever its kind, in
// one transaction. With id > 0 it does so only if the newest action is that
// one (another process may have acted since); id 0 undoes the newest.
//
// An answer is removed from the review log and its card put back exactly as
// it was before (the log is otherwise append-only); burial, when not nil,
// gives the time the answer buried the card's siblings until (see
// Answer), and those still buried until exactly then come back. A bury or a
// (un)suspension restores the card's flags as they were.
func (d *DB) Undo(ctx context.Context, id int64, burial func(answeredAt time.Time) time.Time) (deck.Action, error) {
	var act deck.Action
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var kind string
		var rid sql.NullInt64
		var susp int
		var buried int64
		err := tx.QueryRowContext(ctx, `SELECT a.id, a.kind, a.card_id, c.uid, a.review_id, a.suspended_before, a.buried_before
			FROM actions a JOIN cards c ON c.id = a.card_id ORDER BY a.id DESC LIMIT 1`).
			Scan(&act.ID, &kind, &act.CardKey, &act.CardID, &rid, &susp, &buried)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && id > 0 && act.ID != id) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		act.Kind = deck.ActionKind(kind)
		if _, err := tx.ExecContext(ctx, "DELETE FROM actions WHERE id = ?", act.ID); err != nil {
			return err
		}
		if act.Kind != deck.ActAnswer {
			_, err := tx.ExecContext(ctx, "UPDATE cards SET suspended = ?, buried_until = ? WHERE id = ?", susp, buried, act.CardKey)
			return err
		}
		rev, err := undoAnswer(ctx, tx, act.CardKey, rid.Int64, burial)
		act.Review = &rev
		return err
	})
	if err != nil {
		return deck.Action{}, fmt.Errorf("undo: %w", err)
	}
	return act, nil
}

// undoAnswer removes review reviewID of card key from the log and puts the
// card back as it was before it. It refuses when the card has been answered
// since (an import may have added newer history).
func undoAnswer(ctx context.Context, tx *sql.Tx, key, reviewID int64, burial func(time.Time) time.Time) (deck.Review, error) {
	rev, err := scanReview(tx.QueryRowContext(ctx, reviewColumns+" WHERE r.id = ?", reviewID))
	if errors.Is(err, sql.ErrNoRows) {
		return rev, fmt.Errorf("the answer to undo is no longer in the review log")
	}
	if err != nil {
		return rev, err
	}
	var newer int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM reviews WHERE card_id = ? AND id > ?", key, reviewID).Scan(&newer); err != nil {
		return rev, err
	}
	if newer > 0 {
		return rev, fmt.Errorf("card %s has newer history than the answer to undo", rev.CardID)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM reviews WHERE id = ?", rev.ID); err != nil {
		return rev, err
	}
	if burial != nil {
		c, err := scanCard(tx.QueryRowContext(ctx, cardColumns+" WHERE c.id = ?", key))
		if err != nil {
			return rev, err
		}
		if where, args, ok := siblings(c, ""); ok {
			if _, err := tx.ExecContext(ctx, `UPDATE cards SET buried_until = 0 WHERE `+where+` AND buried_until = ?`,
				append(args, ms(burial(rev.At)))...); err != nil {
				return rev, err
			}
		}
	}
	return rev, setSchedule(ctx, tx, key, rev.Before)
}
