package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RetentionRun is one saved run of `loci optimize --retention`: the year
// ahead simulated at each desired retention, so that the weekly summary can
// draw the curve without simulating again (which takes seconds).
type RetentionRun struct {
	At          time.Time // when the simulation ran
	Seed        uint64    // its random seed
	Days        int       // how many days it simulated
	Cards       int       // studied cards it started from
	InForce     float64   // the desired retention in force when it ran
	Recommended float64   // the level with the least time per card remembered
	Levels      []RetentionLevel
}

// RetentionLevel is the outcome of one desired retention in a run.
type RetentionLevel struct {
	Retention      float64
	MinutesPerDay  float64
	ReviewsPerDay  float64
	Remembered     float64 // cards expected to be recalled on the last day
	SecondsPerCard float64 // time spent per card remembered at the end
}

// SaveRetentionRun stores run, its levels with it, in one transaction.
func (d *DB) SaveRetentionRun(ctx context.Context, run RetentionRun) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO retention_runs (at, seed, days, cards, in_force, recommended)
			VALUES (?, ?, ?, ?, ?, ?)`, ms(run.At), int64(run.Seed), run.Days, run.Cards, run.InForce, run.Recommended)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO retention_levels
			(run_id, retention, minutes_per_day, reviews_per_day, remembered, seconds_per_card) VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, l := range run.Levels {
			if _, err := st.ExecContext(ctx, id, l.Retention, l.MinutesPerDay, l.ReviewsPerDay, l.Remembered, l.SecondsPerCard); err != nil {
				return fmt.Errorf("level %.2f: %w", l.Retention, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save retention simulation: %w", err)
	}
	return nil
}

// LatestRetentionRun returns the newest saved run, its levels by rising
// retention; ok is false when none was saved.
func (d *DB) LatestRetentionRun(ctx context.Context) (run RetentionRun, ok bool, err error) {
	var id, at, seed int64
	err = d.db.QueryRowContext(ctx, `SELECT id, at, seed, days, cards, in_force, recommended FROM retention_runs
		ORDER BY at DESC, id DESC LIMIT 1`).Scan(&id, &at, &seed, &run.Days, &run.Cards, &run.InForce, &run.Recommended)
	if errors.Is(err, sql.ErrNoRows) {
		return RetentionRun{}, false, nil
	}
	if err != nil {
		return RetentionRun{}, false, fmt.Errorf("read retention simulation: %w", err)
	}
	run.At, run.Seed = fromMS(at), uint64(seed)
	rows, err := d.db.QueryContext(ctx, `SELECT retention, minutes_per_day, reviews_per_day, remembered, seconds_per_card
		FROM retention_levels WHERE run_id = ? ORDER BY retention`, id)
	if err != nil {
		return RetentionRun{}, false, fmt.Errorf("read retention simulation: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l RetentionLevel
		if err := rows.Scan(&l.Retention, &l.MinutesPerDay, &l.ReviewsPerDay, &l.Remembered, &l.SecondsPerCard); err != nil {
			return RetentionRun{}, false, fmt.Errorf("read retention simulation: %w", err)
		}
		run.Levels = append(run.Levels, l)
	}
	if err := rows.Err(); err != nil {
		return RetentionRun{}, false, fmt.Errorf("read retention simulation: %w", err)
	}
	return run, true, nil
}
