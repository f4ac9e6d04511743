package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loci/deck"
)

// Cram records an answer given in a cram session: a review-log row of kind
// 'cram' whose schedule before and after are the card's schedule as stored,
// which stays as it is. It goes into the undo journal like any answer.
func (d *DB) Cram(ctx context.Context, key int64, at time.Time, r deck.Rating, took time.Duration) (deck.Review, error) {
	var rev deck.Review
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := cardByKey(ctx, tx, key)
		if err != nil {
			return err
		}
		rev = deck.Review{CardKey: key, CardID: c.ID, At: at, Rating: r, Duration: took, Before: c.Schedule,
			After: c.Schedule, Kind: deck.EntryCram}
		if rev.ID, err = insertReview(ctx, tx, rev); err != nil {
			return err
		}
		rev.UndoID, err = journal(ctx, tx, deck.ActAnswer, c, rev.ID)
		return err
	})
	if err != nil {
		return deck.Review{}, fmt.Errorf("cram answer to card %d: %w", key, err)
	}
	return rev, nil
}

// extraNewKey is the meta row that holds the learner day's extra new cards
// as "<day start in Unix ms> <count>".
const extraNewKey = "extra_new"

// ExtraNew returns how many new cards custom study added to the daily limit
// for the learner day that starts at dayStart (0 on any other day).
func (d *DB) ExtraNew(ctx context.Context, dayStart time.Time) (int, error) {
	v, err := d.Meta(ctx, extraNewKey)
	if err != nil {
		return 0, fmt.Errorf("read today's extra new cards: %w", err)
	}
	return extraFor(v, dayStart), nil
}

// AddExtraNew raises the new-card limit of the learner day that starts at
// dayStart by n (today only: the setting is untouched, and the next day
// starts from it again) and returns the day's extra in all. Only the newest
// day is kept; n = 0 only reads.
func (d *DB) AddExtraNew(ctx context.Context, dayStart time.Time, n int) (int, error) {
	if n < 0 {
		return 0, fmt.Errorf("extra new cards must not be negative, got %d", n)
	}
	if n == 0 {
		return d.ExtraNew(ctx, dayStart)
	}
	var total int
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", extraNewKey).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		total = extraFor(v, dayStart) + n
		_, err = tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
			extraNewKey, strconv.FormatInt(ms(dayStart), 10)+" "+strconv.Itoa(total))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("raise today's new-card limit: %w", err)
	}
	return total, nil
}

// extraFor reads a stored "<day> <count>" for the day starting at dayStart.
func extraFor(v string, dayStart time.Time) int {
	day, count, ok := strings.Cut(v, " ")
	if !ok || day != strconv.FormatInt(ms(dayStart), 10) {
		return 0
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
