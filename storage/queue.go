package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"loci/deck"
)

// deckFilter returns a WHERE fragment and its arguments that keep the cards
// of deckName and its sub-decks; an empty name keeps all.
func deckFilter(deckName string) (string, []any) {
	if deckName == "" {
		return "1", nil
	}
	return "c.deck_id IN (SELECT id FROM decks WHERE name = ? OR substr(name, 1, length(?) + 2) = ? || '::')",
		[]any{deckName, deckName, deckName}
}

// Counts returns, for every deck (or the one named and its sub-decks), the
// number of cards and how many are studyable in each queue, before any daily
// limit: learning cards due by learnUntil, review cards due before dayEnd,
// and new cards; suspended cards and cards buried past now are left out.
// New cards that wait for their paper checkpoint are counted apart, as
// Waiting, and not as New.
func (d *DB) Counts(ctx context.Context, deckName string, now, learnUntil, dayEnd time.Time) ([]deck.Counts, error) {
	where, args := deckFilter(deckName)
	// Every column read is in cards_deck_queue, so SQLite counts from the
	// index alone. Decks come in the order they were created, which is the
	// order their first cards were added. (The filter's "?" parameters
	// number on from ?3.)
	q := `SELECT dk.name, n.cards, n.new, n.waiting, n.learning, n.review FROM (
		SELECT c.deck_id,
			count(*) AS cards,
			coalesce(sum(c.state = 0 AND c.suspended = 0 AND c.buried_until <= ?1 AND c.waiting = 0), 0) AS new,
			coalesce(sum(c.state = 0 AND c.suspended = 0 AND c.waiting = 1), 0) AS waiting,
			coalesce(sum(c.state IN (1, 3) AND c.suspended = 0 AND c.buried_until <= ?1 AND c.due <= ?2), 0) AS learning,
			coalesce(sum(c.state = 2 AND c.suspended = 0 AND c.buried_until <= ?1 AND c.due < ?3), 0) AS review
		FROM cards c WHERE ` + where + ` GROUP BY c.deck_id) n
		JOIN decks dk ON dk.id = n.deck_id ORDER BY dk.id`
	rows, err := d.db.QueryContext(ctx, q, append([]any{ms(now), ms(learnUntil), ms(dayEnd)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count due cards: %w", err)
	}
	defer rows.Close()
	var out []deck.Counts
	for rows.Next() {
		var c deck.Counts
		if err := rows.Scan(&c.Deck, &c.Cards, &c.New, &c.Waiting, &c.Learning, &c.Review); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// StudiedToday counts the answers given since dayStart to cards that were
// new and to cards that were in review, for the daily limits. Cram answers
// do not count: they change no schedule.
func (d *DB) StudiedToday(ctx context.Context, dayStart time.Time) (newCards, reviews int, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT coalesce(sum(state_before = 0), 0), coalesce(sum(state_before = 2), 0)
		FROM reviews WHERE at >= ? AND rating > 0 AND kind != 'cram'`, ms(dayStart)).Scan(&newCards, &reviews)
	if err != nil {
		err = fmt.Errorf("count today's answers: %w", err)
	}
	return newCards, reviews, err
}

// NextLearning returns the learning or relearning card due first, if it is
// due by until; nil when there is none.
func (d *DB) NextLearning(ctx context.Context, deckName string, now, until time.Time) (*deck.Card, error) {
	return d.next(ctx, deckName, "c.state IN (1, 3) AND c.due <= ?", "c.due, c.id", now, ms(until))
}

// NextReview returns the review card due first, if it is due before dayEnd.
func (d *DB) NextReview(ctx context.Context, deckName string, now, dayEnd time.Time) (*deck.Card, error) {
	return d.next(ctx, deckName, "c.state = 2 AND c.due < ?", "c.due, c.id", now, ms(dayEnd))
}

// NextNew returns the new card added first, leaving out cards that wait
// for their paper to reach the stage they unlock at.
func (d *DB) NextNew(ctx context.Context, deckName string, now time.Time) (*deck.Card, error) {
	return d.next(ctx, deckName, "c.state = 0 AND c.waiting = 0", "c.position, c.id", now)
}

// next returns the first active card matching cond in order.
func (d *DB) next(ctx context.Context, deckName, cond, order string, now time.Time, condArgs ...any) (*deck.Card, error) {
	where, deckArgs := deckFilter(deckName)
	args := append(append(condArgs, ms(now)), deckArgs...)
	query := cardColumns + ` WHERE ` + cond + ` AND c.suspended = 0 AND c.buried_until <= ? AND ` + where +
		` ORDER BY ` + order + ` LIMIT 1`
	return scanCard(d.db.QueryRowContext(ctx, query, args...))
}

// cardColumns selects a card with its deck and paper key; scanCard reads it.
const cardColumns = cardFields + ` FROM cards c ` + cardJoins

// cardFields and cardJoins are cardColumns around its FROM, for a query
// that names the cards table its own way.
const (
	cardFields = `SELECT c.id, c.uid, dk.name, c.kind, c.front, c.back, c.ord, c.tags, c.source,
	coalesce(p.key, ''), c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
	c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.unlock, c.waiting, c.steps`
	cardJoins = `JOIN decks dk ON dk.id = c.deck_id LEFT JOIN papers p ON p.id = c.paper_id`
)

type scanner interface{ Scan(...any) error }

// scanCard reads one row of cardColumns; no row gives nil, nil.
func scanCard(row scanner) (*deck.Card, error) {
	var c deck.Card
	var kind, tags, unlock string
	var due, last, buried int64
	var suspended, waiting int
	s := &c.Schedule
	err := row.Scan(&c.Key, &c.ID, &c.Deck, &kind, &c.Front, &c.Back, &c.Ord, &tags, &c.Source, &c.Paper,
		&s.State, &due, &s.Stability, &s.Difficulty, &s.ElapsedDays, &s.ScheduledDays, &s.Reps, &s.Lapses,
		&last, &suspended, &buried, &unlock, &waiting, &s.Steps)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read card: %w", err)
	}
	c.Kind = deck.Kind(kind)
	c.Tags = strings.Fields(tags)
	s.Due, s.LastReview = fromMS(due), fromMS(last)
	c.Suspended = suspended != 0
	c.BuriedUntil = fromMS(buried)
	c.Unlock = deck.Stage(unlock)
	c.Waiting = waiting != 0 && s.State == deck.StateNew
	return &c, nil
}

// Card returns the card with the given id (its identity string) or, when id
// is all digits, with that storage key; nil when there is none.
func (d *DB) Card(ctx context.Context, id string) (*deck.Card, error) {
	return scanCard(d.db.QueryRowContext(ctx, cardColumns+` WHERE c.uid = ? OR (c.id = ? AND ? GLOB '[0-9]*')`, id, id, id))
}

// Cards returns every card of a deck and its sub-decks ("" for all), in the
// order they were added.
func (d *DB) Cards(ctx context.Context, deckName string) ([]deck.Card, error) {
	var out []deck.Card
	err := d.EachCard(ctx, deckName, ByPosition, func(c *deck.Card) error {
		out = append(out, *c)
		return nil
	})
	return out, err
}

// scanCards reads every row of a cardColumns query and closes it.
func scanCards(rows *sql.Rows) ([]deck.Card, error) {
	defer rows.Close()
	var out []deck.Card
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}
