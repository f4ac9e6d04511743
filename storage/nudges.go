package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Nudge is one reminder the daemon sent: its job ("daily", "evening",
// "weekly", "test"), the period it was sent for (a learner day such as
// "2026-11-28", an ISO week such as "2026-W48"), when, and what it said.
type Nudge struct {
	ID      int64
	Job     string
	Period  string
	SentAt  time.Time
	Message string
}

// ClaimNudge records that job is about to send message for period, in one
// short IMMEDIATE transaction committed before the caller sends anything.
// It reports false, and records nothing, when the job already has a nudge
// for that period: the (job, period) pair is unique, so a daemon restarted
// within the same minute or day never sends the same nudge twice.
func (d *DB) ClaimNudge(ctx context.Context, job, period string, at time.Time, message string) (bool, error) {
	var n int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO nudges (job, period, sent_at, message) VALUES (?, ?, ?, ?)
			ON CONFLICT (job, period) DO NOTHING`, job, period, ms(at), message)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record %s nudge for %s: %w", job, period, err)
	}
	return n == 1, nil
}

// ReleaseNudge deletes the record of job's nudge for period, so that a
// nudge the notifier failed to deliver may be sent by a later run.
func (d *DB) ReleaseNudge(ctx context.Context, job, period string) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM nudges WHERE job = ? AND period = ?", job, period)
		return err
	})
	if err != nil {
		return fmt.Errorf("release %s nudge for %s: %w", job, period, err)
	}
	return nil
}

// Nudges lists the nudges sent by job ("" for every job), oldest first.
func (d *DB) Nudges(ctx context.Context, job string) ([]Nudge, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, job, period, sent_at, message FROM nudges
		WHERE ? = '' OR job = ? ORDER BY sent_at, id`, job, job)
	if err != nil {
		return nil, fmt.Errorf("list nudges: %w", err)
	}
	defer rows.Close()
	var out []Nudge
	for rows.Next() {
		var n Nudge
		var at int64
		if err := rows.Scan(&n.ID, &n.Job, &n.Period, &at, &n.Message); err != nil {
			return nil, fmt.Errorf("list nudges: %w", err)
		}
		n.SentAt = fromMS(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// ReviewCount counts the answers given from from (inclusive) to to
// (exclusive); manual reschedules brought in from Anki (rating 0) are not
// answers and are left out. The nudges ask it whether the learner studied
// on a learner day, one day at a time, for the streak.
func (d *DB) ReviewCount(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM reviews WHERE at >= ? AND at < ? AND rating > 0",
		ms(from), ms(to)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count answers from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return n, nil
}
