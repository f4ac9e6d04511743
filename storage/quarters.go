package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loci/deck"
)

// The review log's answers tallied per quarter hour of UTC time, so that the
// weekly summary reads a year of day counts and two weeks of day tallies
// from a few thousand small rows instead of millions of index entries.
//
// A learner day starts at day_starts_at in the learner's time zone, and both
// can change (and daylight saving moves the zone's offset), so the counts are
// not kept per learner day: they are kept per quarter hour since 1970, UTC,
// which every day boundary at a whole quarter of an hour in a zone whose
// offset is whole quarters (all of today's zones) cuts cleanly. A boundary
// inside a quarter hour (day_starts_at 04:10, say) costs one exact count of
// that part from the reviews_at_rating index, so the answer is exact for any
// boundary, and no setting change needs the table rebuilt.
//
// Triggers keep review_quarters equal to the log on every write, whatever
// the writer: an answer or cram answer inserts a row, undo deletes one,
// imported history inserts many, a manual entry (rating 0) is no answer and
// counts nowhere; an UPDATE of the log is refused by reviews_append_only.
// Check compares the table with the log, and RebuildQuarters makes it anew.

// quarterMS is the width of a bucket: a quarter of an hour, in milliseconds.
const quarterMS = int64(15 * time.Minute / time.Millisecond)

// quarterOf is the bucket of a time in Unix milliseconds: floor(ms /
// quarterMS), also for times before 1970.
func quarterOf(ms int64) int64 {
	q := ms / quarterMS
	if ms%quarterMS < 0 {
		q--
	}
	return q
}

// quarterSQL is quarterOf in SQL, of the column or row field x (SQLite's %
// and / truncate toward zero, as Go's do).
func quarterSQL(x string) string {
	q := strconv.FormatInt(quarterMS, 10)
	return "((" + x + " - ((" + x + " % " + q + ") + " + q + ") % " + q + ") / " + q + ")"
}

// tallyTerms are what one review row r adds to each field of a Tally, in the
// order of Tally's fields and of review_quarters' columns: the caller keeps
// rows with rating > 0 (answers). Cram answers count as time studied, but
// not as new cards learned nor in true retention: they changed no schedule.
// Both the triggers and the queries over the log use these terms, so that
// the two cannot disagree. Migration 10 is written from them: a change here
// needs a new migration that makes the triggers again and counts the table
// again (RebuildQuarters), never an edit of the shipped one alone.
func tallyTerms(r string) []string {
	mature := strconv.Itoa(MatureDays)
	review := r + ".state_before = 2 AND " + r + ".kind != 'cram'"
	return []string{
		"1",
		r + ".duration_ms",
		"(" + r + ".state_before = 0 AND " + r + ".kind != 'cram')",
		"(" + review + " AND " + r + ".scheduled_before < " + mature + ")",
		"(" + review + " AND " + r + ".scheduled_before < " + mature + " AND " + r + ".rating >= 2)",
		"(" + review + " AND " + r + ".scheduled_before >= " + mature + ")",
		"(" + review + " AND " + r + ".scheduled_before >= " + mature + " AND " + r + ".rating >= 2)",
	}
}

// quarterColumns are review_quarters' tally columns, in the order of
// tallyTerms.
var quarterColumns = []string{"answers", "millis", "new_learned", "young_reviewed", "young_passed", "mature_reviewed", "mature_passed"}

// sumEach wraps each term in coalesce(sum(term), 0), named as names (when
// given) in order, and joins them.
func sumEach(terms []string, names ...string) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = "coalesce(sum(" + t + "), 0)"
		if names != nil {
			out[i] += " AS " + names[i]
		}
	}
	return strings.Join(out, ", ")
}

// tallyColumns aggregates review rows r (answers only) into a Tally.
var tallyColumns = sumEach(tallyTerms("r"))

// quartersFromLog computes review_quarters' rows from the log.
var quartersFromLog = `SELECT ` + quarterSQL("r.at") + `, ` + tallyColumns +
	` FROM reviews r WHERE r.rating > 0 GROUP BY 1`

// quartersSchema creates review_quarters and the triggers that keep it (the
// 10th migration; RebuildQuarters fills it from the log).
var quartersSchema = func() string {
	add := tallyTerms("NEW")
	sub := tallyTerms("OLD")
	var set, dec []string
	for i, c := range quarterColumns {
		set = append(set, c+" = "+c+" + excluded."+c)
		dec = append(dec, c+" = "+c+" - "+sub[i])
	}
	return `
-- The answers (rating > 0) of each quarter hour since 1970 (UTC), tallied as
-- storage.Tally: the weekly summary sums whole quarters and counts only a
-- boundary that falls inside one from the log. Triggers keep it equal to
-- the log on every insert and delete; loci check compares the two.
CREATE TABLE review_quarters (
	quarter         INTEGER PRIMARY KEY, -- floor(at / 900000)
	answers         INTEGER NOT NULL,
	millis          INTEGER NOT NULL,
	new_learned     INTEGER NOT NULL,
	young_reviewed  INTEGER NOT NULL,
	young_passed    INTEGER NOT NULL,
	mature_reviewed INTEGER NOT NULL,
	mature_passed   INTEGER NOT NULL
);
CREATE TRIGGER review_quarters_insert AFTER INSERT ON reviews WHEN NEW.rating > 0
BEGIN
	INSERT INTO review_quarters VALUES (` + quarterSQL("NEW.at") + `, ` + strings.Join(add, ", ") + `)
		ON CONFLICT (quarter) DO UPDATE SET ` + strings.Join(set, ", ") + `;
END;
CREATE TRIGGER review_quarters_delete AFTER DELETE ON reviews WHEN OLD.rating > 0
BEGIN
	UPDATE review_quarters SET ` + strings.Join(dec, ", ") + ` WHERE quarter = ` + quarterSQL("OLD.at") + `;
	DELETE FROM review_quarters WHERE quarter = ` + quarterSQL("OLD.at") + ` AND answers = 0;
END;
`
}()

// dayPieces cuts the days delimited by bounds into what the quarters answer
// and what the log must: for each day, the whole quarters inside it, and the
// parts of a quarter at either end that a boundary cuts. They are written as
// JSON arrays of [day, from, to]: quarters from up to to, and log times (Unix
// ms) from up to to. Empty pieces are left out.
func dayPieces(bounds []time.Time) (whole, edges string, err error) {
	if _, err := boundsJSON(bounds); err != nil { // checks that they rise
		return "", "", err
	}
	var w, e strings.Builder
	w.WriteByte('[')
	e.WriteByte('[')
	piece := func(b *strings.Builder, i int, from, to int64) {
		if from >= to {
			return
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, "[%d,%d,%d]", i, from, to)
	}
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := ms(bounds[i]), ms(bounds[i+1])
		a, b := quarterOf(lo+quarterMS-1), quarterOf(hi) // first whole quarter, end of the last
		if a >= b {
			piece(&e, i, lo, hi)
			continue
		}
		piece(&w, i, a, b)
		piece(&e, i, lo, a*quarterMS)
		piece(&e, i, b*quarterMS, hi)
	}
	w.WriteByte(']')
	e.WriteByte(']')
	return w.String(), e.String(), nil
}

// piecesCTE names the two arrays of dayPieces, bound to ?1 and ?2, as the
// tables whole(i, a, b) and edge(i, lo, hi).
const piecesCTE = `WITH whole(i, a, b) AS (SELECT value->>0, value->>1, value->>2 FROM json_each(?1)),
	edge(i, lo, hi) AS (SELECT value->>0, value->>1, value->>2 FROM json_each(?2)) `

// dayCountsQuery counts each day's answers: whole quarters from
// review_quarters, the cut ends from reviews_at_rating alone (no review row
// is read).
const dayCountsQuery = piecesCTE + `SELECT i, sum(n) FROM (
	SELECT w.i AS i, (SELECT coalesce(sum(q.answers), 0) FROM review_quarters q WHERE q.quarter >= w.a AND q.quarter < w.b) AS n FROM whole w
	UNION ALL
	SELECT e.i, (SELECT count(*) FROM reviews r WHERE r.at >= e.lo AND r.at < e.hi AND r.rating > 0) FROM edge e)
	GROUP BY i`

// dayTalliesQuery tallies each day's answers: whole quarters from
// review_quarters, the cut ends from the log's rows.
var dayTalliesQuery = piecesCTE + `SELECT i, ` + sumEach(quarterColumns) + ` FROM (
	SELECT w.i AS i, q.` + strings.Join(quarterColumns, ", q.") + ` FROM whole w CROSS JOIN review_quarters q WHERE q.quarter >= w.a AND q.quarter < w.b
	UNION ALL
	SELECT e.i, ` + tallyColumns + ` FROM edge e CROSS JOIN reviews r
		WHERE r.at >= e.lo AND r.at < e.hi AND r.rating > 0 GROUP BY e.i)
	GROUP BY i`

// DayCounts returns the number of answers on each day delimited by bounds.
func (d *DB) DayCounts(ctx context.Context, bounds []time.Time) ([]int, error) {
	whole, edges, err := dayPieces(bounds)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, dayCountsQuery, whole, edges)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	return scanPerDay(rows, days(bounds))
}

// DayTallies returns the tally of each day delimited by bounds: day i runs
// from bounds[i] up to bounds[i+1].
func (d *DB) DayTallies(ctx context.Context, bounds []time.Time) ([]Tally, error) {
	whole, edges, err := dayPieces(bounds)
	if err != nil {
		return nil, fmt.Errorf("day tallies: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, dayTalliesQuery, whole, edges)
	if err != nil {
		return nil, fmt.Errorf("day tallies: %w", err)
	}
	defer rows.Close()
	out := make([]Tally, days(bounds))
	for rows.Next() {
		var i int
		var t Tally
		if err := rows.Scan(append([]any{&i}, t.dest()...)...); err != nil {
			return nil, fmt.Errorf("day tallies: %w", err)
		}
		out[i] = t
	}
	return out, rows.Err()
}

// checkQuarters returns a problem when review_quarters differs from the
// log: how many quarters differ and the first of them; "" when they agree.
func (d *DB) checkQuarters(ctx context.Context) (string, error) {
	var n int
	var first sql.NullInt64
	err := d.db.QueryRowContext(ctx, `WITH log AS (`+quartersFromLog+`)
		SELECT count(DISTINCT quarter), min(quarter) FROM (
			SELECT * FROM (SELECT * FROM review_quarters EXCEPT SELECT * FROM log)
			UNION ALL
			SELECT * FROM (SELECT * FROM log EXCEPT SELECT * FROM review_quarters))`).Scan(&n, &first)
	if err != nil {
		return "", fmt.Errorf("check answers per quarter hour: %w", err)
	}
	if n == 0 {
		return "", nil
	}
	at := fromMS(first.Int64 * quarterMS).UTC().Format("2006-01-02 15:04 UTC")
	return fmt.Sprintf("answers per quarter hour differ from the review log in %s (the first at %s): loci check --repair counts them again",
		deck.Plural(n, "quarter hour", "quarter hours"), at), nil
}

// RebuildQuarters counts review_quarters again from the review log, in one
// transaction, and returns the number of quarter hours with answers. The
// table is derived: nothing the learner did is in it alone.
func (d *DB) RebuildQuarters(ctx context.Context) (int, error) {
	var n int
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM review_quarters"); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO review_quarters "+quartersFromLog)
		if err != nil {
			return err
		}
		rows, err := res.RowsAffected()
		n = int(rows)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count answers per quarter hour: %w", err)
	}
	return n, nil
}
