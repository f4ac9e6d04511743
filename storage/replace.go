package storage

import (
	"context"
	"database/sql"

	"loci/deck"
)

// allNew reports whether the sync that gave res added every paper and card
// of set, none of them stored before. Then no stored card belongs to one
// of the set's papers without being in the set, and none of the set's
// cards carries a mark to clear, so suspendReplaced has nothing to do: a
// first import of a Zotero library skips its 40,000 statements.
func allNew(set *deck.Set, res SyncResult) bool {
	if res.Updated > 0 || res.Unchanged > 0 || res.PapersUpdated > 0 || res.Added < len(set.Cards) {
		return false
	}
	keys := make(map[string]bool, len(set.Papers))
	for _, p := range set.Papers {
		keys[p.Key] = true
	}
	return res.PapersAdded == len(keys)
}

// suspendReplaced marks with suspended = 2 ("removed from its source") the
// cards whose id starts with prefix, that belong to a paper of the set, and
// that the set no longer holds: a highlight deleted in Zotero, or one whose
// new comment makes another kind of card. It clears the mark of such cards
// the set holds again (as Sync does); a learner's own suspension (1) is
// left alone. Cards of papers the set does not hold are not touched, so
// importing one collection leaves the others' cards alone.
func suspendReplaced(ctx context.Context, tx *sql.Tx, set *deck.Set, prefix string) (int, error) {
	if len(set.Papers) == 0 {
		return 0, nil
	}
	// A statement for each card and paper of the set: with the caller's
	// cancellable context, go-sqlite3 ran each in a goroutine of its own,
	// 0.12 s of a 10,000-paper Zotero import.
	ctx = rowContext(ctx)
	if err := fillSyncIDs(ctx, tx, set); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS sync_papers (key TEXT PRIMARY KEY)"); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM temp.sync_papers"); err != nil {
		return 0, err
	}
	st, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO temp.sync_papers(key) VALUES (?)")
	if err != nil {
		return 0, err
	}
	defer st.Close()
	for _, p := range set.Papers {
		if _, err := st.ExecContext(ctx, p.Key); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cards SET suspended = 0
		WHERE suspended = 2 AND substr(uid, 1, length(?1)) = ?1 AND uid IN (SELECT uid FROM temp.sync_ids)`, prefix); err != nil {
		return 0, err
	}
	r, err := tx.ExecContext(ctx, `UPDATE cards SET suspended = 2
		WHERE suspended = 0 AND substr(uid, 1, length(?1)) = ?1
		AND paper_id IN (SELECT id FROM papers WHERE key IN (SELECT key FROM temp.sync_papers))
		AND uid NOT IN (SELECT uid FROM temp.sync_ids)`, prefix)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}
