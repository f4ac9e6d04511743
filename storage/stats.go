package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"loci/deck"
)

// The queries behind the weekly summary. The caller cuts time into learner
// days (the scheduler knows the day boundary and the time zone, with its
// daylight-saving changes) and passes the boundaries; each query turns them
// into a small table of days and lets SQLite aggregate, so that no review
// row is loaded into Go: day counts and tallies over review_quarters (see
// quarters.go), the forecast over cards_deck_queue, the week's cards over
// reviews_at_rating.
// Manual reschedules imported from Anki (kind 'manual', rating 0) are not
// answers and are left out everywhere, as Anki's statistics leave them out:
// the test is rating > 0, which reviews_at_rating answers without reading
// the row (kind != 'manual' would read every row of the range).

// MatureDays is the interval, in days, from which a review card counts as
// mature in the true-retention figures (as Anki's true-retention table).
// review_quarters holds tallies made at this threshold: a change to it
// needs a migration that counts them again (as RebuildQuarters does), or
// loci check will report every quarter.
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

func (t *Tally) dest() []any {
	return []any{&t.Reviews, &t.Millis, &t.NewLearned, &t.YoungReviewed, &t.YoungPassed, &t.MatureReviewed, &t.MaturePassed}
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

// dueCountsQuery counts the cards falling due on each day from
// cards_deck_queue alone, a range per deck, state and day: that index holds
// suspended too, where cards_queue would read every counted card's row
// (20,000 rows for a week at 300,000 cards: 70 ms against 4).
const dueCountsQuery = daysCTE + `SELECT d.i, count(*)
	FROM days d CROSS JOIN decks k CROSS JOIN cards c
	WHERE c.deck_id = k.id AND c.state IN (1, 2, 3) AND c.due >= d.lo AND c.due < d.hi AND c.suspended = 0
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

// WeekCards returns, for the answers from from up to to, the tally of every
// deck with answers (most answers first, then by name), and up to limit
// cards that have lapsed or were answered Again (most lapses first, then
// most Again, then the order the cards were added).
//
// One pass serves both: each card's answers are tallied once (so each card
// is looked up once, in key order), and the per-deck sums and the hardest
// cards are taken from those tallies. Two queries each grouping the same
// answers by card took half as long again.
func (d *DB) WeekCards(ctx context.Context, from, to time.Time, limit int) ([]DeckTally, []CardLapses, error) {
	rows, err := d.db.QueryContext(ctx, weekCardsQuery, ms(from), ms(to), limit)
	if err != nil {
		return nil, nil, fmt.Errorf("decks and hardest cards: %w", err)
	}
	defer rows.Close()
	var decks []DeckTally
	var hard []CardLapses
	var keys []int64 // of hard, for the order
	for rows.Next() {
		var isCard bool
		var key int64
		var t DeckTally
		var h CardLapses
		var kind string
		c := &h.Card
		err := rows.Scan(append([]any{&isCard, &t.Deck}, append(t.dest(),
			&key, &c.ID, &kind, &c.Front, &c.Back, &c.Ord, &h.Lapses, &h.Again)...)...)
		if err != nil {
			return nil, nil, fmt.Errorf("decks and hardest cards: %w", err)
		}
		if !isCard {
			decks = append(decks, t)
			continue
		}
		c.Deck, c.Kind = t.Deck, deck.Kind(kind)
		hard = append(hard, h)
		keys = append(keys, key)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("decks and hardest cards: %w", err)
	}
	sort.SliceStable(decks, func(i, j int) bool {
		if decks[i].Reviews != decks[j].Reviews {
			return decks[i].Reviews > decks[j].Reviews
		}
		return decks[i].Deck < decks[j].Deck
	})
	order := make([]int, len(hard))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := hard[order[i]], hard[order[j]]
		if a.Lapses != b.Lapses {
			return a.Lapses > b.Lapses
		}
		if a.Again != b.Again {
			return a.Again > b.Again
		}
		return keys[order[i]] < keys[order[j]]
	})
	sorted := make([]CardLapses, len(hard))
	for i, k := range order {
		sorted[i] = hard[k]
	}
	return decks, sorted, nil
}

// weekCardsQuery tallies each card's answers in a span (?1 up to ?2) once,
// as t, then gives a row per deck (0, name, its tally, then blanks) and a
// row per hardest card (1, deck, zeros, then the card), at most ?3 of them.
var weekCardsQuery = `WITH t AS MATERIALIZED (SELECT c.deck_id, w.* FROM
		(SELECT r.card_id, max(r.lapses) AS lapses, sum(r.rating = 1) AS again, ` + sumEach(tallyTerms("r"), quarterColumns...) + `
			FROM reviews r WHERE r.at >= ?1 AND r.at < ?2 AND r.rating > 0 GROUP BY r.card_id) w
		JOIN cards c ON c.id = w.card_id)
	SELECT 0, dk.name, ` + sumEach(quarterColumns) + `, 0, '', '', '', '', 0, 0, 0
		FROM t JOIN decks dk ON dk.id = t.deck_id GROUP BY t.deck_id
	UNION ALL
	SELECT * FROM (SELECT 1, dk.name, 0, 0, 0, 0, 0, 0, 0, c.id, c.uid, c.kind, c.front, c.back, c.ord, h.lapses, h.again
		FROM t h JOIN cards c ON c.id = h.card_id JOIN decks dk ON dk.id = c.deck_id
		WHERE h.lapses > 0 OR h.again > 0 ORDER BY h.lapses DESC, h.again DESC, h.card_id LIMIT ?3)`
