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
	// PapersAdvanced counts the papers (among those updated) that moved
	// forward to the stage their source reports.
	PapersAdvanced int
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
	paperIDs, err := syncPapers(ctx, tx, set.Papers, now, &res)
	if err != nil {
		return res, err
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
	ins, err := tx.PrepareContext(ctx, insertCardSQL)
	if err != nil {
		return res, err
	}
	defer ins.Close()
	upd, err := tx.PrepareContext(ctx, updateCardSQL)
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
		paper, err := cardPaper(ctx, tx, paperIDs, &c)
		if err != nil {
			return res, err
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
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS sync_ids (uid TEXT PRIMARY KEY)"); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM temp.sync_ids"); err != nil {
		return 0, err
	}
	st, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO temp.sync_ids(uid) VALUES (?)")
	if err != nil {
		return 0, err
	}
	defer st.Close()
	for _, c := range set.Cards {
		if _, err := st.ExecContext(ctx, c.ID); err != nil {
			return 0, err
		}
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

// cardPaper returns the storage key of c's paper (none when c has no
// paper), from cache or else the database, which it then caches; a paper
// the database does not hold is ErrNoPaper, naming c's place.
func cardPaper(ctx context.Context, tx *sql.Tx, cache map[string]int64, c *deck.Card) (sql.NullInt64, error) {
	if c.Paper == "" {
		return sql.NullInt64{}, nil
	}
	id, ok := cache[c.Paper]
	if !ok {
		err := tx.QueryRowContext(ctx, "SELECT id FROM papers WHERE key = ?", c.Paper).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return sql.NullInt64{}, fmt.Errorf("%s:%d: paper: %w %q", c.File, c.Line, ErrNoPaper, c.Paper)
		}
		if err != nil {
			return sql.NullInt64{}, fmt.Errorf("%s:%d: paper %q: %w", c.File, c.Line, c.Paper, err)
		}
		cache[c.Paper] = id
	}
	return sql.NullInt64{Int64: id, Valid: true}, nil
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
