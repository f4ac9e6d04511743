package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	// Replaces, when set, makes the set the whole source of the cards
	// whose id starts with it and that belong to one of the set's papers:
	// such a card the set no longer holds is suspended as removed from its
	// source (see suspendReplaced). A Zotero import sets "zotero-".
	Replaces string
	// Streams are more cards, written after the set's in the same
	// transaction as they are read (see CardStream). A card's own history
	// and schedule come from Histories; a card id given twice is an error.
	Streams []CardStream
	// Histories are the review histories and source schedules of streamed
	// cards, written after the set's history (see HistoryStream).
	Histories []HistoryStream
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
	// An import with history writes each review beside triggers that keep
	// the review tallies: its statement journals go to memory (see
	// memoryTempTx). Other imports keep them in a file: the staged cards'
	// INSERT … SELECT journals every page it changes, and the 100,000-line
	// text import took 10% more CPU time and 4 MB more with them in memory.
	run := d.tx
	if len(set.History) > 0 || len(opt.Histories) > 0 {
		run = d.memoryTempTx
	}
	err := run(ctx, func(tx *sql.Tx) error {
		// A large set with history looks up many cards and reviews: a bigger
		// page cache for this connection (64 MiB) saves re-reading index
		// pages. Streamed cards, and the cards of a set without history (a
		// Zotero library's), are written in one pass and keep SQLite's
		// default cache (2 MiB), as the sqlite3 shell does: a larger one
		// gained nothing measurable and held 60 MB more for streams, 14 MB
		// more for a library of 10,000 papers and 20,000 highlights.
		if len(set.History) > 0 && len(set.Cards)+len(set.History) >= bulkCards {
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
		if opt.Replaces != "" && !allNew(set, res.SyncResult) {
			n, err := suspendReplaced(ctx, tx, set, opt.Replaces)
			if err != nil {
				return err
			}
			res.Suspended = n
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
// schedule (see historyWriter.card): first the set's history, then that of
// every history stream of opt.
func importHistory(ctx context.Context, tx *sql.Tx, set *deck.Set, opt ImportOptions, res *ImportResult) error {
	if len(set.History) == 0 && len(opt.Histories) == 0 {
		return nil
	}
	w, err := newHistoryWriter(ctx, tx, opt.Replay, res)
	if err != nil {
		return err
	}
	defer w.close()
	if len(opt.Histories) > 0 {
		// A streamed history looks up each card and its reviews and adds
		// rows beside them: the bigger page cache of a large set (see
		// Import) from here on. The cards were written with the default
		// one, so that a package of large notes does not fill it with text.
		if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
			return err
		}
	}
	byCard, order := historyByCard(set.History)
	// A card whose source schedule cannot be rebuilt from its history (an
	// Anki card with an interval but nothing to replay) carries it on the
	// card; it applies when the replay leaves the card new.
	seeds := map[string]deck.Schedule{}
	for _, c := range set.Cards {
		if c.Schedule.State != deck.StateNew {
			seeds[c.ID] = c.Schedule
		}
	}
	for i, id := range order {
		if i%500 == 0 {
			if p := opt.progress(len(set.Cards)); p != nil {
				p(i)
			}
		}
		if err := w.card(id, byCard[id], seeds[id]); err != nil {
			return err
		}
	}
	for _, s := range opt.Histories {
		if err := s(w.streamed); err != nil {
			return err
		}
	}
	if res.ReviewsSkipped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d reviews older than a card's newest answer were left out", res.ReviewsSkipped))
	}
	return nil
}

// historyByCard groups entries by card, listing the cards in the order they
// first appear.
func historyByCard(entries []deck.LogEntry) (map[string][]deck.LogEntry, []string) {
	byCard := map[string][]deck.LogEntry{}
	var order []string
	for _, e := range entries {
		if _, ok := byCard[e.CardID]; !ok {
			order = append(order, e.CardID)
		}
		byCard[e.CardID] = append(byCard[e.CardID], e)
	}
	return byCard, order
}

// importSchedules gives a card that has never been answered the schedule its
// source carried (see scheduleCard). Cards with any history keep theirs.
func importSchedules(ctx context.Context, tx *sql.Tx, set *deck.Set, res *ImportResult) error {
	for _, c := range set.Cards {
		if err := scheduleCard(ctx, tx, c.ID, c.Schedule, res); err != nil {
			return err
		}
	}
	return nil
}

// memoryTemp asks for this connection's temporary storage in memory, best
// effort: SQLite refuses the change inside a transaction on a connection
// that has used temporary storage before (an earlier import's stage), and
// where statement journals go was fixed when the transaction began, so it
// reaches only what the transaction creates later. Single-row inserts into
// papers were measured five to ten times faster with it (10,000 papers with
// collections and tags: 2.4-3.4 s of CPU, against 0.65 s;
// BenchmarkImportPapers). An import is right either way, only slower;
// imports with history set it before BEGIN instead (memoryTempTx).
func memoryTemp(ctx context.Context, tx *sql.Tx) {
	_, _ = tx.ExecContext(ctx, "PRAGMA temp_store = MEMORY")
}
