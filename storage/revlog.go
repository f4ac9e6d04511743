package storage

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"

	"loci/deck"
)

// historyQuery reads every review with its card's identity, grouped by card
// and in time order within a card (the reviews_card index serves it).
const historyQuery = `SELECT r.card_id, c.uid, r.at, r.rating, r.duration_ms, r.kind, r.ext_id, r.state_before
	FROM reviews r JOIN cards c ON c.id = r.card_id
	ORDER BY r.card_id, r.at, r.id`

// historyRow reads historyQuery's rows into log entries while keeping
// memory low on large logs: one card id string per card, not per row, and
// the kind names shared.
type historyRow struct {
	key  int64
	uid  string
	prev []byte
}

// scan reads the current row of rows into e and returns its card's key.
func (h *historyRow) scan(rows *sql.Rows, e *deck.LogEntry) (int64, error) {
	var uid, kind sql.RawBytes
	var ext sql.NullString
	var at, took int64
	var stateBefore int
	if err := rows.Scan(&h.key, &uid, &at, &e.Rating, &took, &kind, &ext, &stateBefore); err != nil {
		return 0, fmt.Errorf("read review log: %w", err)
	}
	if h.prev == nil || !bytes.Equal(uid, h.prev) {
		h.uid = string(uid)
		h.prev = append(h.prev[:0], uid...)
	}
	e.CardID, e.At, e.Duration, e.ExtID = h.uid, fromMS(at), time.Duration(took)*time.Millisecond, ext.String
	e.Kind = entryKind(kind, ext.Valid, deck.State(stateBefore))
	if e.Kind == deck.EntryManual {
		e.Rating = 0
	}
	return h.key, nil
}

// entryKind maps a stored kind to the shared constant. An answer given in
// loci (no source id) is stored as "review" whatever state the card was in;
// the state before the answer tells what it was, as Anki's revlog types
// would: learn for a new or learning card, relearn for a relearning one.
func entryKind(kind []byte, imported bool, before deck.State) deck.EntryKind {
	for _, k := range []deck.EntryKind{deck.EntryReview, deck.EntryLearn, deck.EntryRelearn, deck.EntryFiltered, deck.EntryManual, deck.EntryCram} {
		if string(kind) == string(k) {
			if k == deck.EntryReview && !imported {
				switch before {
				case deck.StateNew, deck.StateLearning:
					return deck.EntryLearn
				case deck.StateRelearning:
					return deck.EntryRelearn
				}
			}
			return k
		}
	}
	return deck.EntryKind(kind)
}

// ReviewLog returns every review in the log, grouped by card (in card
// insertion order) and oldest first within a card, for the optimizer. A
// manual entry has rating 0; see entryKind for the kinds of loci's own
// answers. It holds about 90 bytes per review, each card's id once.
func (d *DB) ReviewLog(ctx context.Context) ([]deck.LogEntry, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM reviews").Scan(&n); err != nil {
		return nil, fmt.Errorf("count reviews: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, historyQuery)
	if err != nil {
		return nil, fmt.Errorf("read review log: %w", err)
	}
	defer rows.Close()
	out := make([]deck.LogEntry, 0, n)
	var h historyRow
	for rows.Next() {
		var e deck.LogEntry
		if _, err := h.scan(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read review log: %w", err)
	}
	return out, nil
}

// Rescheduler gives a card its new schedule from its whole history (oldest
// first) and its current schedule. history is reused after the call
// returns.
type Rescheduler func(cardID string, history []deck.LogEntry, current deck.Schedule) (deck.Schedule, error)

// Reschedule recomputes the schedule of every card that has history, in one
// IMMEDIATE transaction: it reads each card's log and current schedule,
// asks next for the new schedule, and writes the cards whose schedule
// changed. The review log itself is never touched. It returns how many
// cards changed; any error rolls everything back.
func (d *DB) Reschedule(ctx context.Context, next Rescheduler) (int, error) {
	type change struct {
		key int64
		s   deck.Schedule
	}
	var changes []change
	err := d.tx(ctx, func(tx *sql.Tx) error {
		current, err := schedules(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, historyQuery)
		if err != nil {
			return fmt.Errorf("read review log: %w", err)
		}
		defer rows.Close()
		err = eachCard(rows, func(card int64, hist []deck.LogEntry) error {
			cur := current[card]
			s, err := next(hist[0].CardID, hist, cur)
			if err != nil {
				return fmt.Errorf("card %q: %w", hist[0].CardID, err)
			}
			if !sameSchedule(s, cur) {
				changes = append(changes, change{card, s})
			}
			return nil
		})
		if err != nil {
			return err
		}
		rows.Close()
		rctx := rowContext(ctx)
		for _, c := range changes {
			if err := setSchedule(rctx, tx, c.key, c.s); err != nil {
				return fmt.Errorf("update card %d: %w", c.key, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reschedule: %w", err)
	}
	return len(changes), nil
}

// schedules reads the schedule of every card that has history, by key.
func schedules(ctx context.Context, tx *sql.Tx) (map[int64]deck.Schedule, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, state, due, stability, difficulty, elapsed_days, scheduled_days,
		reps, lapses, last_review, steps FROM cards WHERE id IN (SELECT card_id FROM reviews)`)
	if err != nil {
		return nil, fmt.Errorf("read schedules: %w", err)
	}
	defer rows.Close()
	out := map[int64]deck.Schedule{}
	for rows.Next() {
		var key, due, last int64
		var s deck.Schedule
		if err := rows.Scan(&key, &s.State, &due, &s.Stability, &s.Difficulty, &s.ElapsedDays, &s.ScheduledDays,
			&s.Reps, &s.Lapses, &last, &s.Steps); err != nil {
			return nil, fmt.Errorf("read schedules: %w", err)
		}
		s.Due, s.LastReview = fromMS(due), fromMS(last)
		out[key] = s
	}
	return out, rows.Err()
}

// sameSchedule compares schedules as stored (times to the millisecond).
func sameSchedule(a, b deck.Schedule) bool {
	return a.State == b.State && ms(a.Due) == ms(b.Due) && a.Stability == b.Stability && a.Difficulty == b.Difficulty &&
		a.ElapsedDays == b.ElapsedDays && a.ScheduledDays == b.ScheduledDays && a.Reps == b.Reps &&
		a.Lapses == b.Lapses && ms(a.LastReview) == ms(b.LastReview) && a.Steps == b.Steps
}
