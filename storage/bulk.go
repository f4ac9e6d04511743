package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"loci/deck"
)

// Bulk writes many cards and reviews in one transaction through prepared
// statements: for generated collections such as the benchmark's, and for
// tests that need a history without answering every card. Rows go in as
// given; nothing is scheduled or checked beyond the schema's constraints.
type Bulk struct {
	ctx                context.Context
	tx                 *sql.Tx
	deck, card, review *sql.Stmt
	decks              map[string]int64
	papers             map[string]int64
	position           int64
}

// Bulk runs fn with a Bulk writer and commits what it wrote, or nothing if
// fn fails.
func (d *DB) Bulk(ctx context.Context, fn func(*Bulk) error) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		b := &Bulk{ctx: rowContext(ctx), tx: tx, decks: map[string]int64{}, papers: map[string]int64{}}
		// Rows go into the review indexes in card order, not time order: a
		// large page cache (256 MiB) keeps those pages from being written
		// and read again.
		if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) FROM cards").Scan(&b.position); err != nil {
			return err
		}
		var err error
		if b.deck, err = tx.PrepareContext(ctx, `INSERT INTO decks(name) VALUES (?)
			ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`); err != nil {
			return err
		}
		defer b.deck.Close()
		if b.card, err = tx.PrepareContext(ctx, `INSERT INTO cards (uid, deck_id, kind, front, back, ord, tags,
			source, origin, position, created_at, modified_at, state, due, stability, difficulty, elapsed_days,
			scheduled_days, reps, lapses, last_review, suspended, paper_id, unlock, steps)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
		defer b.card.Close()
		if b.review, err = tx.PrepareContext(ctx, `INSERT INTO reviews (card_id, kind, at, rating, duration_ms,
			state_before, due_before, stability_before, difficulty_before, elapsed_before, scheduled_before,
			reps_before, lapses_before, last_review_before, steps_before,
			state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, steps)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
		defer b.review.Close()
		if err := fn(b); err != nil {
			return err
		}
		return refreshWaiting(ctx, tx, 0)
	})
}

// Card adds a card with its schedule, created at the given time, and
// returns its storage key.
func (b *Bulk) Card(c deck.Card, created time.Time) (int64, error) {
	id, ok := b.decks[c.Deck]
	if !ok {
		if err := b.deck.QueryRowContext(b.ctx, c.Deck).Scan(&id); err != nil {
			return 0, fmt.Errorf("deck %q: %w", c.Deck, err)
		}
		b.decks[c.Deck] = id
	}
	b.position++
	s := c.Schedule
	suspended := 0
	if c.Suspended {
		suspended = 1
	}
	kind := c.Kind
	if kind == "" {
		kind = deck.Basic
	}
	var paper sql.NullInt64
	if c.Paper != "" {
		pid, ok := b.papers[c.Paper]
		if !ok {
			return 0, fmt.Errorf("card %q: paper %q was not added first", c.ID, c.Paper)
		}
		paper = sql.NullInt64{Int64: pid, Valid: true}
	}
	res, err := b.card.ExecContext(b.ctx, c.ID, id, string(kind), c.Front, c.Back, c.Ord, strings.Join(c.Tags, " "),
		c.Source, "bulk", b.position, ms(created), ms(created), int(s.State), ms(s.Due), s.Stability, s.Difficulty,
		s.ElapsedDays, s.ScheduledDays, s.Reps, s.Lapses, ms(s.LastReview), suspended, paper, string(c.Unlock), s.Steps)
	if err != nil {
		return 0, fmt.Errorf("card %q: %w", c.ID, err)
	}
	return res.LastInsertId()
}

// Paper adds a paper checkpoint at its stage, arrived there at the given
// time, with its collections and tags.
func (b *Bulk) Paper(p deck.Paper, at time.Time) error {
	ids, err := syncPapers(b.ctx, b.tx, []deck.Paper{p}, at, &SyncResult{})
	if err != nil {
		return err
	}
	b.papers[p.Key] = ids[p.Key]
	return nil
}

// Review appends one answer to the log of the card with key r.CardKey,
// marked as kind ("" for loci's own answers, "review").
func (b *Bulk) Review(r deck.Review, kind deck.EntryKind) error {
	kind, err := logKind(kind, r.Rating)
	if err != nil {
		return fmt.Errorf("review of card %d at %s: %w", r.CardKey, r.At.Format(time.RFC3339), err)
	}
	x, a := r.Before, r.After
	_, err = b.review.ExecContext(b.ctx, r.CardKey, string(kind), ms(r.At), int(r.Rating), r.Duration.Milliseconds(),
		int(x.State), ms(x.Due), x.Stability, x.Difficulty, x.ElapsedDays, x.ScheduledDays, x.Reps, x.Lapses, ms(x.LastReview), x.Steps,
		int(a.State), ms(a.Due), a.Stability, a.Difficulty, a.ElapsedDays, a.ScheduledDays, a.Reps, a.Lapses, a.Steps)
	if err != nil {
		return fmt.Errorf("review of card %d at %s: %w", r.CardKey, r.At.Format(time.RFC3339), err)
	}
	return nil
}
