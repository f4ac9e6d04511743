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

// The queries behind the weekly summary. The caller cuts time into learner
// days (the scheduler knows the day boundary and the time zone, with its
// daylight-saving changes) and passes the boundaries; each query turns them
// into a small table of days and lets SQLite aggregate over the indexes
// reviews_at_rating and cards_queue, so that no review row is loaded into Go.
// Manual reschedules imported from Anki (kind 'manual', rating 0) are not
// answers and are left out everywhere, as Anki's statistics leave them out:
// the test is rating > 0, which reviews_at_rating answers without reading
// the row (kind != 'manual' would read every row of the range).

// MatureDays is the interval, in days, from which a review card counts as
// mature in the true-retention figures (as Anki's true-retention table).
const MatureDays = 21

// Tally is what the answers of a span of time add up to. Its fields match
// stats.Tally, so one converts to the other.
type Tally struct {
	Reviews        int   // answers given
	Millis         int64 // time spent answering
	NewLearned     int   // answers to cards that were new
	YoungReviewed  int   // answers to review cards whose interval was under MatureDays
	YoungPassed    int   // of those, rated Hard or better
	MatureReviewed int   // answers to review cards whose interval was MatureDays or more
	MaturePassed   int   // of those, rated Hard or better
}

// daysCTE turns the JSON array of boundaries bound to its one parameter
// into the table days(i, lo, hi): day i runs from lo to hi (Unix ms).
// The array is read once; lead() pairs each boundary with the next.
const daysCTE = `WITH days AS (SELECT i, lo, hi FROM
	(SELECT key AS i, value AS lo, lead(value) OVER (ORDER BY key) AS hi FROM json_each(?)) WHERE hi IS NOT NULL) `

// boundsJSON writes day boundaries as a JSON array of Unix milliseconds,
// checking that they rise; n boundaries make n-1 days.
func boundsJSON(bounds []time.Time) (string, error) {
	var b strings.Builder
	b.WriteByte('[')
	for i, t := range bounds {
		if i > 0 {
			if !t.After(bounds[i-1]) {
				return "", fmt.Errorf("day boundary %d (%s) is not after the one before (%s)", i, t, bounds[i-1])
			}
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(t.UnixMilli(), 10))
	}
	b.WriteByte(']')
	return b.String(), nil
}

// days returns the number of days that bounds delimit.
func days(bounds []time.Time) int { return max(0, len(bounds)-1) }

// DayTallies returns the tally of each day delimited by bounds: day i runs
// from bounds[i] up to bounds[i+1].
func (d *DB) DayTallies(ctx context.Context, bounds []time.Time) ([]Tally, error) {
	arg, err := boundsJSON(bounds)
	if err != nil {
		return nil, fmt.Errorf("day tallies: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, dayTalliesQuery, arg, MatureDays, MatureDays, MatureDays, MatureDays)
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

// dayTalliesQuery tallies the answers of each day; CROSS JOIN keeps days
// as the outer loop, so each day is one range of the reviews_at_rating
// index.
const dayTalliesQuery = daysCTE + `SELECT d.i, ` + tallyColumns + `
	FROM days d CROSS JOIN reviews r
	WHERE r.at >= d.lo AND r.at < d.hi AND r.rating > 0
	GROUP BY d.i`

// tallyColumns aggregates review rows r into a Tally; it takes MatureDays
// four times as parameters. Cram answers count as time studied, but not as
// new cards learned nor in true retention: they changed no schedule.
const tallyColumns = `count(*), coalesce(sum(r.duration_ms), 0), coalesce(sum(r.state_before = 0 AND r.kind != 'cram'), 0),
	coalesce(sum(r.state_before = 2 AND r.kind != 'cram' AND r.scheduled_before < ?), 0),
	coalesce(sum(r.state_before = 2 AND r.kind != 'cram' AND r.scheduled_before < ? AND r.rating >= 2), 0),
	coalesce(sum(r.state_before = 2 AND r.kind != 'cram' AND r.scheduled_before >= ?), 0),
	coalesce(sum(r.state_before = 2 AND r.kind != 'cram' AND r.scheduled_before >= ? AND r.rating >= 2), 0)`

func (t *Tally) dest() []any {
	return []any{&t.Reviews, &t.Millis, &t.NewLearned, &t.YoungReviewed, &t.YoungPassed, &t.MatureReviewed, &t.MaturePassed}
}

// dayCountsQuery counts each day's answers from reviews_at_rating alone,
// without reading a review row: the heatmap counts a year and more.
const dayCountsQuery = daysCTE + `SELECT d.i,
	(SELECT count(*) FROM reviews r WHERE r.at >= d.lo AND r.at < d.hi AND r.rating > 0)
	FROM days d`

// DayCounts returns the number of answers on each day delimited by bounds.
func (d *DB) DayCounts(ctx context.Context, bounds []time.Time) ([]int, error) {
	arg, err := boundsJSON(bounds)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, dayCountsQuery, arg)
	if err != nil {
		return nil, fmt.Errorf("reviews per day: %w", err)
	}
	return scanPerDay(rows, days(bounds))
}

// ActiveDays reports for each day delimited by bounds whether any card was
// answered that day. It looks up one review per day at most, so it is cheap
// over years of days.
func (d *DB) ActiveDays(ctx context.Context, bounds []time.Time) ([]bool, error) {
	arg, err := boundsJSON(bounds)
	if err != nil {
		return nil, fmt.Errorf("days studied: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, daysCTE+`SELECT d.i,
		EXISTS (SELECT 1 FROM reviews r WHERE r.at >= d.lo AND r.at < d.hi AND r.rating > 0)
		FROM days d`, arg)
	if err != nil {
		return nil, fmt.Errorf("days studied: %w", err)
	}
	counts, err := scanPerDay(rows, days(bounds))
	out := make([]bool, len(counts))
	for i, n := range counts {
		out[i] = n > 0
	}
	return out, err
}

// dueCountsQuery counts the cards falling due on each day, over cards_queue.
const dueCountsQuery = daysCTE + `SELECT d.i, count(*)
	FROM days d CROSS JOIN cards c
	WHERE c.state IN (1, 2, 3) AND c.due >= d.lo AND c.due < d.hi AND c.suspended = 0
	GROUP BY d.i`

// DueCounts returns how many cards in learning, review or relearning fall
// due on each day delimited by bounds; suspended cards are left out. Pass
// the zero time as bounds[0] to count overdue cards on the first day.
func (d *DB) DueCounts(ctx context.Context, bounds []time.Time) ([]int, error) {
	if len(bounds) > 0 && bounds[0].IsZero() {
		bounds = append([]time.Time{time.UnixMilli(0)}, bounds[1:]...)
	}
	arg, err := boundsJSON(bounds)
	if err != nil {
		return nil, fmt.Errorf("due forecast: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, dueCountsQuery, arg)
	if err != nil {
		return nil, fmt.Errorf("due forecast: %w", err)
	}
	return scanPerDay(rows, days(bounds))
}

// scanPerDay reads rows of (day index, count) into a slice of n days; days
// without a row stay 0.
func scanPerDay(rows *sql.Rows, n int) ([]int, error) {
	defer rows.Close()
	out := make([]int, n)
	for rows.Next() {
		var i, v int
		if err := rows.Scan(&i, &v); err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, rows.Err()
}

// FirstReview returns the time of the oldest answer; ok is false when the
// review log holds none.
func (d *DB) FirstReview(ctx context.Context) (at time.Time, ok bool, err error) {
	var v int64
	err = d.db.QueryRowContext(ctx, `SELECT at FROM reviews WHERE rating > 0 ORDER BY at LIMIT 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("first review: %w", err)
	}
	return fromMS(v), true, nil
}

// DeckTally is one deck's tally over a span of time.
type DeckTally struct {
	Deck string
	Tally
}

// DeckTallies returns the tally of every deck with answers from from up to
// to, most answers first.
func (d *DB) DeckTallies(ctx context.Context, from, to time.Time) ([]DeckTally, error) {
	// Each card's answers are tallied first, so that each card is looked up
	// once and in key order (pages read in turn), not once per answer in
	// time order: half the time on a week of 34,000 answers.
	rows, err := d.db.QueryContext(ctx, `WITH t(card_id, n, ms, nl, yr, yp, mr, mp) AS (
			SELECT r.card_id, `+tallyColumns+` FROM reviews r
			WHERE r.at >= ? AND r.at < ? AND r.rating > 0 GROUP BY r.card_id)
		SELECT dk.name, sum(t.n), sum(t.ms), sum(t.nl), sum(t.yr), sum(t.yp), sum(t.mr), sum(t.mp)
		FROM t JOIN cards c ON c.id = t.card_id JOIN decks dk ON dk.id = c.deck_id
		GROUP BY dk.id ORDER BY sum(t.n) DESC, dk.name`,
		MatureDays, MatureDays, MatureDays, MatureDays, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("deck tallies: %w", err)
	}
	defer rows.Close()
	var out []DeckTally
	for rows.Next() {
		var t DeckTally
		if err := rows.Scan(append([]any{&t.Deck}, t.dest()...)...); err != nil {
			return nil, fmt.Errorf("deck tallies: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// StageMove is a paper checkpoint changing stage.
type StageMove struct {
	Key, Title string
	From, To   deck.Stage
	At         time.Time
}

// StageMoves returns the paper stage changes from from up to to, oldest
// first. A paper's first record is its arrival (added as queued, or at the
// stage its source gave it), not a move; neither is a record that leaves
// the stage as it was.
func (d *DB) StageMoves(ctx context.Context, from, to time.Time) ([]StageMove, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT p.key, p.title,
		coalesce((SELECT e.stage FROM paper_stages e WHERE e.paper_id = s.paper_id
			AND (e.at < s.at OR (e.at = s.at AND e.id < s.id)) ORDER BY e.at DESC, e.id DESC LIMIT 1), s.stage),
		s.stage, s.at
		FROM paper_stages s JOIN papers p ON p.id = s.paper_id
		WHERE s.at >= ? AND s.at < ? ORDER BY s.at, s.id`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("paper moves: %w", err)
	}
	defer rows.Close()
	var out []StageMove
	for rows.Next() {
		var m StageMove
		var at int64
		if err := rows.Scan(&m.Key, &m.Title, &m.From, &m.To, &at); err != nil {
			return nil, fmt.Errorf("paper moves: %w", err)
		}
		if m.From == m.To {
			continue // a paper's first record (queued when added) moves nothing
		}
		m.At = fromMS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CardLapses is a card answered in a span of time with its lapses as of
// its last answer in the span and the number of Again answers in it.
type CardLapses struct {
	Card          deck.Card // identity and content only: no schedule
	Lapses, Again int
}

// HardestCards returns up to limit cards answered from from up to to that
// have lapsed or were answered Again in that time: most lapses first, then
// most Again, then the order the cards were added.
func (d *DB) HardestCards(ctx context.Context, from, to time.Time, limit int) ([]CardLapses, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT c.uid, dk.name, c.kind, c.front, c.back, c.ord, h.lapses, h.again
		FROM (SELECT r.card_id AS id, max(r.lapses) AS lapses, sum(r.rating = 1) AS again
			FROM reviews r WHERE r.at >= ? AND r.at < ? AND r.rating > 0
			GROUP BY r.card_id HAVING max(r.lapses) > 0 OR sum(r.rating = 1) > 0) h
		JOIN cards c ON c.id = h.id JOIN decks dk ON dk.id = c.deck_id
		ORDER BY h.lapses DESC, h.again DESC, c.id LIMIT ?`, ms(from), ms(to), limit)
	if err != nil {
		return nil, fmt.Errorf("hardest cards: %w", err)
	}
	defer rows.Close()
	var out []CardLapses
	for rows.Next() {
		var h CardLapses
		var kind string
		c := &h.Card
		if err := rows.Scan(&c.ID, &c.Deck, &kind, &c.Front, &c.Back, &c.Ord, &h.Lapses, &h.Again); err != nil {
			return nil, fmt.Errorf("hardest cards: %w", err)
		}
		c.Kind = deck.Kind(kind)
		out = append(out, h)
	}
	return out, rows.Err()
}
