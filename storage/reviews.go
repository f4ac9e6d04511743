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

// Answer records one answer in a single IMMEDIATE transaction: it reads the
// card's current schedule, asks next for the new one, appends the review log
// row and updates the card, and commits before returning. Reading inside the
// write lock means two processes answering the same card cannot both start
// from the same old state. With a non-zero burySiblings, the card's
// siblings (see siblings) that are new or in review are buried until then,
// so that the next card does not give the answer away.
func (d *DB) Answer(ctx context.Context, key int64, at time.Time, r deck.Rating, took time.Duration,
	burySiblings time.Time, next func(deck.Card) (deck.Schedule, error)) (deck.Review, error) {
	var rev deck.Review
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := cardByKey(ctx, tx, key)
		if err != nil {
			return err
		}
		after, err := next(*c)
		if err != nil {
			return err
		}
		rev = deck.Review{CardKey: key, CardID: c.ID, At: at, Rating: r, Duration: took, Before: c.Schedule, After: after}
		rev.ID, err = insertReview(ctx, tx, rev)
		if err != nil {
			return err
		}
		if rev.UndoID, err = journal(ctx, tx, deck.ActAnswer, c, rev.ID); err != nil {
			return err
		}
		if where, args, ok := siblings(c, ""); ok && !burySiblings.IsZero() {
			// (+state keeps the planner off the state index.)
			if _, err := tx.ExecContext(ctx, `UPDATE cards SET buried_until = ?
				WHERE `+where+` AND id != ? AND +state IN (0, 2) AND buried_until < ?`,
				append(append([]any{ms(burySiblings)}, args...), key, ms(burySiblings))...); err != nil {
				return err
			}
		}
		return setSchedule(ctx, tx, key, after)
	})
	if err != nil {
		return deck.Review{}, fmt.Errorf("answer card %d: %w", key, err)
	}
	return rev, nil
}

func insertReview(ctx context.Context, tx *sql.Tx, r deck.Review) (int64, error) {
	b, a := r.Before, r.After
	kind, err := logKind(r.Kind, r.Rating)
	if err != nil {
		return 0, err
	}
	var ext sql.NullString
	if r.ExtID != "" {
		ext = sql.NullString{String: r.ExtID, Valid: true}
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO reviews (card_id, at, rating, duration_ms, kind, ext_id,
		state_before, due_before, stability_before, difficulty_before, elapsed_before, scheduled_before,
		reps_before, lapses_before, last_review_before, steps_before,
		state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, steps)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.CardKey, ms(r.At), int(r.Rating), r.Duration.Milliseconds(), string(kind), ext,
		int(b.State), ms(b.Due), b.Stability, b.Difficulty, b.ElapsedDays, b.ScheduledDays, b.Reps, b.Lapses, ms(b.LastReview), b.Steps,
		int(a.State), ms(a.Due), a.Stability, a.Difficulty, a.ElapsedDays, a.ScheduledDays, a.Reps, a.Lapses, a.Steps).Scan(&id)
	return id, err
}

// logKind is the kind a review-log row is stored with ("" is loci's own
// answer, "review"). The log keeps one rule that its counts rely on: a
// manual entry, and only a manual entry, has rating 0 (see stats.go).
func logKind(kind deck.EntryKind, r deck.Rating) (deck.EntryKind, error) {
	if kind == "" {
		kind = deck.EntryReview
	}
	if (kind == deck.EntryManual) != (r == 0) {
		return "", fmt.Errorf("a %s entry with rating %d: manual entries, and only they, have rating 0", kind, r)
	}
	return kind, nil
}

func setSchedule(ctx context.Context, tx *sql.Tx, key int64, s deck.Schedule) error {
	_, err := tx.ExecContext(ctx, `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?,
		elapsed_days = ?, scheduled_days = ?, reps = ?, lapses = ?, last_review = ?, steps = ? WHERE id = ?`,
		int(s.State), ms(s.Due), s.Stability, s.Difficulty, s.ElapsedDays, s.ScheduledDays, s.Reps, s.Lapses,
		ms(s.LastReview), s.Steps, key)
	return err
}

const reviewColumns = `SELECT r.id, r.card_id, c.uid, r.at, r.rating, r.duration_ms,
	r.state_before, r.due_before, r.stability_before, r.difficulty_before, r.elapsed_before, r.scheduled_before,
	r.reps_before, r.lapses_before, r.last_review_before, r.steps_before,
	r.state, r.due, r.stability, r.difficulty, r.elapsed_days, r.scheduled_days, r.reps, r.lapses, r.steps
	FROM reviews r JOIN cards c ON c.id = r.card_id`

func scanReview(row scanner) (deck.Review, error) {
	var r deck.Review
	var at, took, dueB, lastB, dueA int64
	b, a := &r.Before, &r.After
	err := row.Scan(&r.ID, &r.CardKey, &r.CardID, &at, &r.Rating, &took,
		&b.State, &dueB, &b.Stability, &b.Difficulty, &b.ElapsedDays, &b.ScheduledDays, &b.Reps, &b.Lapses, &lastB, &b.Steps,
		&a.State, &dueA, &a.Stability, &a.Difficulty, &a.ElapsedDays, &a.ScheduledDays, &a.Reps, &a.Lapses, &a.Steps)
	if err != nil {
		return r, err
	}
	r.At, r.Duration = fromMS(at), time.Duration(took)*time.Millisecond
	b.Due, b.LastReview = fromMS(dueB), fromMS(lastB)
	a.Due, a.LastReview = fromMS(dueA), r.At
	return r, nil
}

// Reviews returns the review log of one card, oldest first.
func (d *DB) Reviews(ctx context.Context, key int64) ([]deck.Review, error) {
	rows, err := d.db.QueryContext(ctx, reviewColumns+" WHERE r.card_id = ? ORDER BY r.id", key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []deck.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Meta reads a value from the meta table; a missing key gives "".
func (d *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := d.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SyncBuiltin merges the built-in deck when its version differs from the one
// recorded, and records the new version in the same transaction, so that
// concurrent first runs seed it once.
func (d *DB) SyncBuiltin(ctx context.Context, version string, set func() (*deck.Set, error), now time.Time) (bool, SyncResult, error) {
	if v, err := d.Meta(ctx, "builtin_version"); err != nil || v == version {
		return false, SyncResult{}, err
	}
	s, err := set()
	if err != nil {
		return false, SyncResult{}, err
	}
	var res SyncResult
	synced := false
	err = d.tx(ctx, func(tx *sql.Tx) error {
		var have string
		err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'builtin_version'").Scan(&have)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if have == version {
			return nil
		}
		if res, err = syncTx(ctx, tx, s, "builtin", true, now, nil); err != nil {
			return err
		}
		synced = true
		_, err = tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('builtin_version', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, version)
		return err
	})
	return synced, res, err
}

// clozeBase is the part of a cloze card's id that its siblings share: the id
// without its "/cN".
func clozeBase(c *deck.Card) (string, bool) {
	if c.Kind != deck.Cloze {
		return "", false
	}
	return strings.CutSuffix(c.ID, "/c"+strconv.Itoa(c.Ord))
}
