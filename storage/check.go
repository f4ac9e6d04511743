package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Check verifies the database: SQLite's integrity check, foreign keys, that
// every card's schedule equals the one its newest review-log row left it
// with (the log rebuilds the cards; a cram answer leaves the card as it
// was, last review included), and that each card's answers are in
// time order (a clock that went backwards breaks replays and the
// optimizer), and that the answers counted per quarter hour for the
// summary equal the log's. It returns the problems found.
func (d *DB) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := d.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
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
			OR c.reps != r.reps OR c.lapses != r.lapses OR c.steps != r.steps OR (r.rating > 0 AND r.kind != 'cram' AND c.last_review != r.at)`)
	if err != nil {
		return nil, err
	}
	bad, err := scanUIDs(rows)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		problems = append(problems, "card state differs from its review log: "+listSome(bad))
	}
	// An answer recorded before the one logged ahead of it on the same card.
	rows, err = d.db.QueryContext(ctx, `SELECT c.uid FROM cards c JOIN (
			SELECT card_id, at, lag(at) OVER (PARTITION BY card_id ORDER BY id) AS prev
			FROM reviews WHERE rating > 0) r ON r.card_id = c.id
		WHERE r.at < r.prev GROUP BY c.id ORDER BY c.uid`)
	if err != nil {
		return nil, err
	}
	if bad, err = scanUIDs(rows); err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		problems = append(problems, "answers out of time order (a clock went backwards): "+listSome(bad))
	}
	p, err := d.checkQuarters(ctx)
	if err != nil {
		return nil, err
	}
	if p != "" {
		problems = append(problems, p)
	}
	return problems, nil
}

// scanUIDs reads a column of card ids and closes rows.
func scanUIDs(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var uid string
		if err := rows.Scan(&uid); err != nil {
			return nil, err
		}
		out = append(out, uid)
	}
	return out, rows.Err()
}

// listSome joins the first five ids, and "..." when there are more.
func listSome(ids []string) string {
	if len(ids) > 5 {
		ids = append(ids[:5:5], "...")
	}
	return strings.Join(ids, ", ")
}

// LogSize is the number of rows in the review log.
func (d *DB) LogSize(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM reviews").Scan(&n)
	return n, err
}
