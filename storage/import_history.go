package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"loci/deck"
)

// CardHistory is one imported card's review history and the schedule its
// source carried: what a HistoryStream hands over, card by card.
type CardHistory struct {
	CardID  string
	Entries []deck.LogEntry // in any order; they are written oldest first
	// Seed, when its State is not new, is the schedule the source carried
	// for a card whose history cannot rebuild it, as deck.Card.Schedule
	// is for a card of the set: it applies when the replay leaves the card
	// new, and to a card that has never been answered.
	Seed deck.Schedule
}

// HistoryStream hands the histories of the cards a CardStream of the same
// import wrote, one card at a time, as a reader reads them; an error from
// emit must stop it and be returned. Import runs every history stream after
// all cards are written and the set's own history, as it would write a set
// that held them, so a stream's cards and their history need not be held
// whole.
type HistoryStream func(emit func(CardHistory) error) error

// historyWriter appends imported history to cards, one card at a time:
// the set's history and that of history streams go through it alike.
type historyWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	replay Replayer
	seen   *sql.Stmt
	res    *ImportResult
}

func newHistoryWriter(ctx context.Context, tx *sql.Tx, replay Replayer, res *ImportResult) (*historyWriter, error) {
	w := &historyWriter{ctx: rowContext(ctx), tx: tx, replay: replay, res: res}
	var err error
	if w.seen, err = tx.PrepareContext(w.ctx, "SELECT 1 FROM reviews WHERE ext_id = ?"); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *historyWriter) close() { w.seen.Close() }

// card appends the new entries of one card and rebuilds its schedule.
// Entries already present (same source id) are skipped; so are entries
// older than the card's newest review, which could not be placed in an
// append-only log without rewriting it. seed, when not new, is the
// schedule the card's source carried: it applies when the replay leaves
// the card new.
func (w *historyWriter) card(id string, entries []deck.LogEntry, seed deck.Schedule) error {
	ctx, tx := w.ctx, w.tx
	if w.replay == nil {
		return errors.New("import history: no replayer")
	}
	sort.SliceStable(entries, func(a, b int) bool { return entries[a].At.Before(entries[b].At) })
	c, err := scanCard(tx.QueryRowContext(ctx, cardColumns+" WHERE c.uid = ?", id))
	if err != nil {
		return err
	}
	if c == nil {
		w.res.ReviewsSkipped += len(entries)
		w.res.Notes = append(w.res.Notes, fmt.Sprintf("history of unknown card %q skipped", id))
		return nil
	}
	var newest int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(at), 0) FROM reviews WHERE card_id = ?", c.Key).Scan(&newest); err != nil {
		return err
	}
	var fresh []deck.LogEntry
	for _, e := range entries {
		if e.ExtID != "" {
			var one int
			if err := w.seen.QueryRowContext(ctx, e.ExtID).Scan(&one); err == nil {
				continue // already imported
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if ms(e.At) < newest {
			w.res.ReviewsSkipped++
			continue
		}
		fresh = append(fresh, e)
	}
	if len(fresh) == 0 {
		return nil
	}
	rows, final, err := w.replay(c.ID, c.Schedule, fresh)
	if err != nil {
		return fmt.Errorf("card %q: %w", id, err)
	}
	if seed.State != deck.StateNew && final.State == deck.StateNew {
		final = seed
	}
	for _, r := range rows {
		r.CardKey = c.Key
		if _, err := insertReview(ctx, tx, r); err != nil {
			return fmt.Errorf("card %q: review %s: %w", id, r.ExtID, err)
		}
	}
	if err := setSchedule(ctx, tx, c.Key, final); err != nil {
		return err
	}
	w.res.ReviewsAdded += len(rows)
	return nil
}

// streamed writes one card's history from a HistoryStream, then gives the
// card its source's schedule if it has never been answered, as
// importSchedules does for the set's cards.
func (w *historyWriter) streamed(h CardHistory) error {
	if len(h.Entries) > 0 {
		if err := w.card(h.CardID, h.Entries, h.Seed); err != nil {
			return err
		}
	}
	return scheduleCard(w.ctx, w.tx, h.CardID, h.Seed, w.res)
}

// scheduleCard gives a card that has never been answered the schedule s its
// source carried (an Anki card with an interval but no usable history), so
// it is not reset to new. A new s, or a card with any history, changes
// nothing.
func scheduleCard(ctx context.Context, tx *sql.Tx, id string, s deck.Schedule, res *ImportResult) error {
	if s.State == deck.StateNew {
		return nil
	}
	var key int64
	var n, reps int
	err := tx.QueryRowContext(ctx, `SELECT c.id, c.reps, (SELECT count(*) FROM reviews r WHERE r.card_id = c.id)
		FROM cards c WHERE c.uid = ?`, id).Scan(&key, &reps, &n)
	if err != nil {
		return fmt.Errorf("card %q: %w", id, err)
	}
	if n > 0 || reps > 0 {
		return nil
	}
	if err := setSchedule(ctx, tx, key, s); err != nil {
		return err
	}
	res.Scheduled++
	return nil
}
