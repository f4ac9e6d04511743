package storage

import (
	"context"
	"fmt"
	"strings"
)

// Check verifies the database: SQLite's integrity check, foreign keys, and
// that every card's schedule equals the one its newest review-log row left
// it with (the log rebuilds the cards; a cram answer leaves the card as it
// was, last review included). It returns the problems found.
func (d *DB) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := d.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		if s != "ok" {
			problems = append(problems, "integrity: "+s)
		}
	}
	rows.Close()
	var fk int
	if err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return nil, err
	}
	if fk > 0 {
		problems = append(problems, fmt.Sprintf("%d rows break a foreign key", fk))
	}
	rows, err = d.db.QueryContext(ctx, `SELECT c.uid FROM cards c
		JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE card_id = c.id)
		WHERE c.state != r.state OR c.due != r.due OR c.stability != r.stability OR c.difficulty != r.difficulty
			OR c.elapsed_days != r.elapsed_days OR c.scheduled_days != r.scheduled_days
			OR c.reps != r.reps OR c.lapses != r.lapses OR (r.rating > 0 AND r.kind != 'cram' AND c.last_review != r.at)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var uid string
		rows.Scan(&uid)
		bad = append(bad, uid)
	}
	if len(bad) > 0 {
		if len(bad) > 5 {
			bad = append(bad[:5], "...")
		}
		problems = append(problems, fmt.Sprintf("card state differs from its review log: %s", strings.Join(bad, ", ")))
	}
	return problems, rows.Err()
}

// LogSize is the number of rows in the review log.
func (d *DB) LogSize(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM reviews").Scan(&n)
	return n, err
}
