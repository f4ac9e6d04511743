package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"loci/deck"
)

// Replayer turns a card's imported history into review-log rows and the
// schedule it ends with, starting from the card's current schedule;
// (*scheduler.Scheduler).ReplayLog is one.
type Replayer func(cardID string, start deck.Schedule, history []deck.LogEntry) ([]deck.Review, deck.Schedule, error)

// ImportOptions tune Import.
type ImportOptions struct {
	Origin   string                // where the cards come from, such as the file name
	DryRun   bool                  // do everything, report it, and roll back
	Replay   Replayer              // required when the set carries history
	Progress func(done, total int) // called now and then with the items done (cards, then history entries); total is 0 when unknown
	// Streams are more cards, written after the set's in the same
	// transaction as they are read (see CardStream). Their cards carry no
	// history or schedule; a card id given twice is an error.
	Streams []CardStream
}

// progress reports work done after the first offset items (cards come
// first, then history entries) out of all of them; nil without Progress.
func (opt ImportOptions) progress(offset int) func(done int) {
	if opt.Progress == nil {
		return nil
	}
	return func(done int) { opt.Progress(offset+done, 0) }
}

// ImportResult counts what an import changed (or would change, in a dry run).
type ImportResult struct {
	SyncResult
	ReviewsAdded, ReviewsSkipped int
	Scheduled                    int      // cards given a schedule their source carried, without history
	Notes                        []string // why entries were skipped, for the learner
}

// Import merges a set into the database in one transaction: cards and
// papers as Sync does, then the imported history of each card, whose
// schedule is rebuilt by replaying it. Importing the same set again changes
// nothing: cards are matched by id, history entries by their source id.
// Any error rolls everything back, as does a dry run.
func (d *DB) Import(ctx context.Context, set *deck.Set, now time.Time, opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	errDryRun := errors.New("dry run")
	err := d.tx(ctx, func(tx *sql.Tx) error {
		// A large set with history looks up many cards and reviews: a bigger
		// page cache for this connection (64 MiB) saves re-reading index
		// pages. Streamed cards are written in one pass and keep SQLite's
		// default cache (2 MiB), as the sqlite3 shell does: a larger one
		// gained nothing measurable and held 60 MB more.
		if len(set.Cards)+len(set.History) >= bulkCards {
			if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
				return err
			}
		}
		memoryTemp(ctx, tx)
		if len(set.Cards)+len(set.Papers) > 0 { // a text import may bring only streams
			var err error
			if res.SyncResult, err = syncTx(ctx, tx, set, opt.Origin, false, now, opt.progress(0)); err != nil {
				return err
			}
		}
		if err := importStreams(ctx, tx, set, now, opt, &res.SyncResult); err != nil {
			return err
		}
		if err := importHistory(ctx, tx, set, opt, &res); err != nil {
			return err
		}
		if err := importSchedules(ctx, tx, set, &res); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// importHistory appends each card's new imported entries and rebuilds its
// schedule. Entries already present (same source id) are skipped; so are
// entries older than the card's newest review, which could not be placed in
// an append-only log without rewriting it.
func importHistory(ctx context.Context, tx *sql.Tx, set *deck.Set, opt ImportOptions, res *ImportResult) error {
	if len(set.History) == 0 {
		return nil
	}
	if opt.Replay == nil {
		return errors.New("import history: no replayer")
	}
	ctx = rowContext(ctx)
	byCard := map[string][]deck.LogEntry{}
	var order []string
	for _, e := range set.History {
		if _, ok := byCard[e.CardID]; !ok {
			order = append(order, e.CardID)
		}
		byCard[e.CardID] = append(byCard[e.CardID], e)
	}
	// A card whose source schedule cannot be rebuilt from its history (an
	// Anki card with an interval but nothing to replay) carries it on the
	// card; it applies when the replay leaves the card new.
	seeds := map[string]deck.Schedule{}
	for _, c := range set.Cards {
		if c.Schedule.State != deck.StateNew {
			seeds[c.ID] = c.Schedule
		}
	}
	seen, err := tx.PrepareContext(ctx, "SELECT 1 FROM reviews WHERE ext_id = ?")
	if err != nil {
		return err
	}
	defer seen.Close()
	for i, id := range order {
		if i%500 == 0 {
			if p := opt.progress(len(set.Cards)); p != nil {
				p(i)
			}
		}
		entries := byCard[id]
		sort.SliceStable(entries, func(a, b int) bool { return entries[a].At.Before(entries[b].At) })
		c, err := scanCard(tx.QueryRowContext(ctx, cardColumns+" WHERE c.uid = ?", id))
		if err != nil {
			return err
		}
		if c == nil {
			res.ReviewsSkipped += len(entries)
			res.Notes = append(res.Notes, fmt.Sprintf("history of unknown card %q skipped", id))
			continue
		}
		var newest int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(at), 0) FROM reviews WHERE card_id = ?", c.Key).Scan(&newest); err != nil {
			return err
		}
		var fresh []deck.LogEntry
		for _, e := range entries {
			if e.ExtID != "" {
				var one int
				if err := seen.QueryRowContext(ctx, e.ExtID).Scan(&one); err == nil {
					continue // already imported
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			if ms(e.At) < newest {
				res.ReviewsSkipped++
				continue
			}
			fresh = append(fresh, e)
		}
		if len(fresh) == 0 {
			continue
		}
		rows, final, err := opt.Replay(c.ID, c.Schedule, fresh)
		if err != nil {
			return fmt.Errorf("card %q: %w", id, err)
		}
		if seed, ok := seeds[id]; ok && final.State == deck.StateNew {
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
		res.ReviewsAdded += len(rows)
	}
	if res.ReviewsSkipped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d reviews older than a card's newest answer were left out", res.ReviewsSkipped))
	}
	return nil
}

// importSchedules gives a card that has never been answered the schedule its
// source carried (an Anki card with an interval but no usable history), so it
// is not reset to new. Cards with any history keep theirs.
func importSchedules(ctx context.Context, tx *sql.Tx, set *deck.Set, res *ImportResult) error {
	for _, c := range set.Cards {
		if c.Schedule.State == deck.StateNew {
			continue
		}
		var key int64
		var n, reps int
		err := tx.QueryRowContext(ctx, `SELECT c.id, c.reps, (SELECT count(*) FROM reviews r WHERE r.card_id = c.id)
			FROM cards c WHERE c.uid = ?`, c.ID).Scan(&key, &reps, &n)
		if err != nil {
			return fmt.Errorf("card %q: %w", c.ID, err)
		}
		if n > 0 || reps > 0 {
			continue
		}
		if err := setSchedule(ctx, tx, key, c.Schedule); err != nil {
			return err
		}
		res.Scheduled++
	}
	return nil
}

// memoryTemp keeps this connection's temporary storage, statement journals
// included, in memory. With SQLite's default, a single-row insert into a
// table with several constraints (papers, cards) cost about one and a half
// page faults and five to ten times the CPU time: 10,000 papers with their
// collections and tags took 2.4-3.4 s of CPU, and 0.65 s in memory
// (BenchmarkImportPapers). It is best effort: SQLite refuses the change
// inside a transaction on a connection that already holds temporary
// tables, and an import is right either way, only slower.
func memoryTemp(ctx context.Context, tx *sql.Tx) {
	_, _ = tx.ExecContext(ctx, "PRAGMA temp_store = MEMORY")
}
