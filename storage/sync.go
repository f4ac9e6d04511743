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

// SyncResult counts what Sync changed.
type SyncResult struct {
	Added, Updated, Unchanged, Suspended int
	PapersAdded, PapersUpdated           int
}

// Sync merges a set of cards and papers into the database in one
// transaction. New cards are added as new; existing cards (same id) get
// their content updated and keep their schedule and history; unchanged cards
// are not written. A card keeps the origin it was first added with. With
// suspendMissing, cards of that origin that the set no longer holds are
// suspended, never deleted.
func (d *DB) Sync(ctx context.Context, set *deck.Set, origin string, suspendMissing bool, now time.Time) (SyncResult, error) {
	var res SyncResult
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = syncTx(ctx, tx, set, origin, suspendMissing, now, nil)
		return err
	})
	return res, err
}

// progress, when not nil, is called with the number of cards done now and
// then.
func syncTx(ctx context.Context, tx *sql.Tx, set *deck.Set, origin string, suspendMissing bool, now time.Time,
	progress func(done int)) (res SyncResult, err error) {
	ctx = rowContext(ctx)
	paperIDs := map[string]int64{}
	for _, p := range set.Papers {
		id, added, updated, err := upsertPaper(ctx, tx, p, now)
		if err != nil {
			return res, fmt.Errorf("%s:%d: paper %q: %w", p.File, p.Line, p.Key, err)
		}
		paperIDs[p.Key] = id
		if added {
			res.PapersAdded++
		} else if updated {
			res.PapersUpdated++
		}
	}
	deckIDs := map[string]int64{}
	var pos int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) FROM cards").Scan(&pos); err != nil {
		return res, err
	}
	have, err := existingUIDs(ctx, tx, set.Cards)
	if err != nil {
		return res, err
	}
	if fresh := len(set.Cards) - len(have); fresh >= bulkCards {
		// Building the queue indexes once after a bulk insert is much
		// faster than keeping them up to date row by row.
		restore, derr := dropQueueIndexes(ctx, tx)
		if derr != nil {
			return res, derr
		}
		defer func() {
			if err == nil { // err is syncTx's result
				err = restore()
			}
		}()
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO cards
		(uid, deck_id, kind, front, back, ord, tags, source, paper_id, origin, position, created_at, modified_at, due, suspended, unlock)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, err
	}
	defer ins.Close()
	// An existing card gets new content only where something changed; its
	// schedule, origin and the learner's suspension are left alone, but a
	// card that had left its source (suspended = 2) and is back is unsuspended.
	// A card the learner edited in loci (edited = 1) keeps the learner's text;
	// if it had left its source and is back, back only lifts that suspension.
	upd, err := tx.PrepareContext(ctx, `UPDATE cards SET
			deck_id = ?1, kind = ?2, front = ?3, back = ?4, ord = ?5, tags = ?6, source = ?7, paper_id = ?8,
			modified_at = ?9, suspended = CASE WHEN suspended = 2 AND ?10 THEN 0 ELSE suspended END, unlock = ?12
		WHERE uid = ?11 AND edited = 0 AND (deck_id IS NOT ?1 OR kind IS NOT ?2 OR front IS NOT ?3 OR back IS NOT ?4
			OR ord IS NOT ?5 OR tags IS NOT ?6 OR source IS NOT ?7 OR paper_id IS NOT ?8
			OR (?10 AND suspended = 2) OR unlock IS NOT ?12)`)
	if err != nil {
		return res, err
	}
	defer upd.Close()
	back, err := tx.PrepareContext(ctx, "UPDATE cards SET suspended = 0 WHERE uid = ? AND edited = 1 AND suspended = 2")
	if err != nil {
		return res, err
	}
	defer back.Close()
	for i, c := range set.Cards {
		if progress != nil && i%1000 == 0 {
			progress(i)
		}
		deckID, err := deckID(ctx, tx, deckIDs, c.Deck)
		if err != nil {
			return res, err
		}
		var paper sql.NullInt64
		if c.Paper != "" {
			id, ok := paperIDs[c.Paper]
			if !ok {
				err := tx.QueryRowContext(ctx, "SELECT id FROM papers WHERE key = ?", c.Paper).Scan(&id)
				if errors.Is(err, sql.ErrNoRows) {
					return res, fmt.Errorf("%s:%d: paper: %w %q", c.File, c.Line, ErrNoPaper, c.Paper)
				}
				if err != nil {
					return res, fmt.Errorf("%s:%d: paper %q: %w", c.File, c.Line, c.Paper, err)
				}
			}
			paper = sql.NullInt64{Int64: id, Valid: true}
		}
		tags := strings.Join(c.Tags, " ")
		if !have[c.ID] {
			pos++
			if _, err := ins.ExecContext(ctx, c.ID, deckID, string(c.Kind), c.Front, c.Back, c.Ord, tags, c.Source, paper,
				origin, pos, ms(now), ms(now), ms(now), c.Suspended, string(c.Unlock)); err != nil {
				return res, fmt.Errorf("%s:%d: card %q: %w", c.File, c.Line, c.ID, err)
			}
			res.Added++
			continue
		}
		r, err := upd.ExecContext(ctx, deckID, string(c.Kind), c.Front, c.Back, c.Ord, tags, c.Source, paper,
			ms(now), suspendMissing, c.ID, string(c.Unlock))
		if err != nil {
			return res, fmt.Errorf("%s:%d: card %q: %w", c.File, c.Line, c.ID, err)
		}
		n, _ := r.RowsAffected()
		if n == 0 && suspendMissing {
			if r, err = back.ExecContext(ctx, c.ID); err != nil {
				return res, fmt.Errorf("%s:%d: card %q: %w", c.File, c.Line, c.ID, err)
			}
			n, _ = r.RowsAffected()
		}
		if n > 0 {
			res.Updated++
		} else {
			res.Unchanged++
		}
	}
	if err := refreshWaiting(ctx, tx, 0); err != nil {
		return res, err
	}
	if suspendMissing {
		n, err := suspendMissingCards(ctx, tx, set, origin)
		if err != nil {
			return res, err
		}
		res.Suspended = n
	}
	return res, nil
}

// suspendMissingCards marks cards of origin that set no longer holds with
// suspended = 2 ("removed from its source"), which a later Sync that brings
// the card back clears. A learner's own suspension (1) is left alone.
func suspendMissingCards(ctx context.Context, tx *sql.Tx, set *deck.Set, origin string) (int, error) {
	if err := fillSyncIDs(ctx, tx, set); err != nil {
		return 0, err
	}
	scope := "origin = ?"
	if strings.HasPrefix(origin, "decks:") {
		scope += " AND origin GLOB 'decks:*'" // the very term of the cards_folder index, so it is used
	}
	r, err := tx.ExecContext(ctx, `UPDATE cards SET suspended = 2
		WHERE `+scope+` AND suspended = 0 AND uid NOT IN (SELECT uid FROM temp.sync_ids)`, origin)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// fillSyncIDs puts the ids of the set's cards into temp.sync_ids, for a
// statement that picks the cards the set no longer holds.
func fillSyncIDs(ctx context.Context, tx *sql.Tx, set *deck.Set) error {
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS sync_ids (uid TEXT PRIMARY KEY)"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM temp.sync_ids"); err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO temp.sync_ids(uid) VALUES (?)")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, c := range set.Cards {
		if _, err := st.ExecContext(ctx, c.ID); err != nil {
			return err
		}
	}
	return nil
}

// rowContext is the context for a loop of many small statements inside one
// transaction. go-sqlite3 watches a cancellable context with a goroutine
// for every statement, which made a 100,000-card import half again as
// slow; the statements need not watch it, because database/sql already
// rolls the whole transaction back when the caller's context is cancelled.
func rowContext(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// bulkCards is the number of new cards from which an import rebuilds the
// queue indexes instead of updating them card by card.
const bulkCards = 20000

// queueIndexes are the indexes on cards that an import of many new cards
// drops and builds again, exactly as the migrations leave them (a test
// checks that they agree).
var queueIndexes = []string{
	"CREATE INDEX cards_queue ON cards(state, due)",
	"CREATE INDEX cards_deck_queue ON cards(deck_id, state, due, suspended, buried_until, waiting)",
	"CREATE INDEX cards_new ON cards(state, position) WHERE state = 0",
}

// dropQueueIndexes drops the queue indexes inside tx and returns the
// function that creates them again, also inside tx.
func dropQueueIndexes(ctx context.Context, tx *sql.Tx) (func() error, error) {
	for _, ix := range queueIndexes {
		name := strings.Fields(ix)[2]
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, ix := range queueIndexes {
			if _, err := tx.ExecContext(ctx, ix); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// existingUIDs returns which of the cards' ids the database already holds.
// A large set reads every id once; a small one asks for each of its own.
func existingUIDs(ctx context.Context, tx *sql.Tx, cards []deck.Card) (map[string]bool, error) {
	have := map[string]bool{}
	if len(cards) < 2000 {
		st, err := tx.PrepareContext(ctx, "SELECT 1 FROM cards WHERE uid = ?")
		if err != nil {
			return nil, err
		}
		defer st.Close()
		for _, c := range cards {
			var one int
			switch err := st.QueryRowContext(ctx, c.ID).Scan(&one); {
			case err == nil:
				have[c.ID] = true
			case !errors.Is(err, sql.ErrNoRows):
				return nil, err
			}
		}
		return have, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT uid FROM cards")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var uid string
		if err := rows.Scan(&uid); err != nil {
			return nil, err
		}
		have[uid] = true
	}
	return have, rows.Err()
}

func deckID(ctx context.Context, tx *sql.Tx, cache map[string]int64, name string) (int64, error) {
	if id, ok := cache[name]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO decks(name) VALUES (?)
		ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("deck %q: %w", name, err)
	}
	cache[name] = id
	return id, nil
}

// upsertPaper adds a paper at stage queued or updates its descriptive fields;
// the stage, which is the learner's progress, is never touched here.
func upsertPaper(ctx context.Context, tx *sql.Tx, p deck.Paper, now time.Time) (id int64, added, updated bool, err error) {
	var old deck.Paper
	err = tx.QueryRowContext(ctx, `SELECT id, title, authors, year, venue, url, arxiv, doi, difficulty, kind, note
		FROM papers WHERE key = ?`, p.Key).Scan(&id, &old.Title, &old.Authors, &old.Year, &old.Venue, &old.URL,
		&old.ArXiv, &old.DOI, &old.Difficulty, &old.Kind, &old.Note)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `INSERT INTO papers
			(key, title, authors, year, venue, url, arxiv, doi, difficulty, kind, note, stage, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?) RETURNING id`,
			p.Key, p.Title, p.Authors, p.Year, p.Venue, p.URL, p.ArXiv, p.DOI, p.Difficulty, p.Kind, p.Note, ms(now)).Scan(&id)
		if err == nil {
			_, err = tx.ExecContext(ctx, "INSERT INTO paper_stages(paper_id, stage, at) VALUES (?, 'queued', ?)", id, ms(now))
		}
		return id, true, false, err
	}
	if err != nil {
		return 0, false, false, err
	}
	old.Key = p.Key
	same := old.Title == p.Title && old.Authors == p.Authors && old.Year == p.Year && old.Venue == p.Venue &&
		old.URL == p.URL && old.ArXiv == p.ArXiv && old.DOI == p.DOI && old.Difficulty == p.Difficulty &&
		old.Kind == p.Kind && old.Note == p.Note
	if same {
		return id, false, false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE papers SET title = ?, authors = ?, year = ?, venue = ?, url = ?, arxiv = ?,
		doi = ?, difficulty = ?, kind = ?, note = ? WHERE id = ?`,
		p.Title, p.Authors, p.Year, p.Venue, p.URL, p.ArXiv, p.DOI, p.Difficulty, p.Kind, p.Note, id)
	return id, false, true, err
}
