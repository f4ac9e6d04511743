package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"loci/deck"
)

// FolderOrigin is the origin of the cards of a file of the decks folder:
// "decks:" and the file's absolute path.
func FolderOrigin(path string) string { return "decks:" + path }

// FolderState is a decks-folder file as last synced.
type FolderState struct {
	Size     int64
	MTime    int64 // modification time, Unix nanoseconds
	Hash     string
	SyncedAt time.Time
}

// FolderFile is a file of the decks folder to record: its path and what
// it is now; Set holds its cards when they changed (nil: only its size or
// time changed, not its content).
type FolderFile struct {
	Path  string
	Size  int64
	MTime int64
	Hash  string
	Seen  time.Time // real time, taken before the file was read
	Set   *deck.Set
}

// FolderResult counts what ApplyFolder changed.
type FolderResult struct {
	SyncResult
	Conflicts []error // files left as they were because a card is in another file too
}

// FolderFiles returns the recorded state of every decks-folder file.
func (d *DB) FolderFiles(ctx context.Context) (map[string]FolderState, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT path, size, mtime, hash, synced_at FROM folder_files")
	if err != nil {
		return nil, fmt.Errorf("read the decks folder's record: %w", err)
	}
	defer rows.Close()
	out := map[string]FolderState{}
	for rows.Next() {
		var p string
		var s FolderState
		var at int64
		if err := rows.Scan(&p, &s.Size, &s.MTime, &s.Hash, &at); err != nil {
			return nil, err
		}
		s.SyncedAt = fromMS(at)
		out[p] = s
	}
	return out, rows.Err()
}

// ApplyFolder brings changed and removed decks-folder files into the
// database in one transaction. A changed file's cards are synced as the
// built-in deck is: new cards added, changed ones updated with their
// history kept, cards no longer in the file retired (suspended and marked
// removed), and brought back with their history when they return. A card
// that moved from one file to another moves with its history. A file
// holding a card that another file of the folder still holds is left as
// it was and reported. Removed files retire all their cards.
func (d *DB) ApplyFolder(ctx context.Context, files []FolderFile, removed []string, now time.Time) (FolderResult, error) {
	var res FolderResult
	err := d.tx(ctx, func(tx *sql.Tx) error {
		res = FolderResult{}
		ctx := rowContext(ctx)
		gone := map[string]bool{}
		for _, p := range removed {
			gone[p] = true
			r, err := syncTx(ctx, tx, &deck.Set{}, FolderOrigin(p), true, now, nil)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			res.Suspended += r.Suspended
			if _, err := tx.ExecContext(ctx, "DELETE FROM folder_files WHERE path = ?", p); err != nil {
				return err
			}
		}
		claimedBy := map[string]string{} // card id → file of this run holding it
		for _, f := range files {
			if f.Set == nil {
				continue
			}
			for _, c := range f.Set.Cards {
				if prev, ok := claimedBy[c.ID]; ok && prev != f.Path {
					res.Conflicts = append(res.Conflicts, fmt.Errorf("%s:%d: card %q is also in %s; both files are left as they were",
						c.File, c.Line, c.ID, prev))
					gone[prev], gone[f.Path] = true, true // skip both below
				}
				claimedBy[c.ID] = f.Path
			}
		}
		// The changed files' cards go through one sync (one pass over the
		// table, not one per file), then each card takes its file as its
		// origin, and each file retires what it no longer holds.
		var take []FolderFile
		all := &deck.Set{}
		changing := map[string]bool{}
		for _, f := range files {
			if f.Set != nil {
				changing[f.Path] = true
			}
		}
		get, err := tx.PrepareContext(ctx, "SELECT origin, suspended FROM cards WHERE uid = ?")
		if err != nil {
			return err
		}
		defer get.Close()
		present, err := tx.PrepareContext(ctx, "SELECT count(*) FROM folder_files WHERE path = ?")
		if err != nil {
			return err
		}
		defer present.Close()
		for _, f := range files {
			if f.Set == nil || gone[f.Path] {
				continue
			}
			conflict, err := folderConflict(ctx, get, present, f, changing)
			if err != nil {
				return err
			}
			if conflict != nil {
				res.Conflicts = append(res.Conflicts, conflict)
				continue
			}
			take = append(take, f)
			all.Cards = append(all.Cards, f.Set.Cards...)
			all.Papers = append(all.Papers, f.Set.Papers...)
		}
		if len(all.Cards)+len(all.Papers) > 0 {
			r, err := syncTx(ctx, tx, all, "decks:", false, now, nil)
			if err != nil {
				return err
			}
			res.SyncResult = r
		}
		own, err := tx.PrepareContext(ctx, `UPDATE cards SET origin = ?,
			suspended = CASE WHEN suspended = 2 THEN 0 ELSE suspended END WHERE uid = ?`)
		if err != nil {
			return err
		}
		defer own.Close()
		for _, f := range take {
			for _, c := range f.Set.Cards {
				if _, err := own.ExecContext(ctx, FolderOrigin(f.Path), c.ID); err != nil {
					return err
				}
			}
			n, err := suspendMissingCards(ctx, tx, f.Set, FolderOrigin(f.Path))
			if err != nil {
				return err
			}
			res.Suspended += n
		}
		for _, f := range files {
			if f.Set != nil && !slices.ContainsFunc(take, func(g FolderFile) bool { return g.Path == f.Path }) {
				continue // left as it was: tried again next time
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO folder_files(path, size, mtime, hash, synced_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash,
				synced_at = excluded.synced_at`, f.Path, f.Size, f.MTime, f.Hash, ms(f.Seen)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return FolderResult{}, fmt.Errorf("sync the decks folder: %w", err)
	}
	return res, nil
}

// folderConflict reports a card of f that another decks-folder file still
// holds: that file is in the folder, unchanged in this run, and the card is
// not retired from it. Otherwise a card another file held moves to f.
func folderConflict(ctx context.Context, get, present *sql.Stmt, f FolderFile, changing map[string]bool) (error, error) {
	mine := FolderOrigin(f.Path)
	for _, c := range f.Set.Cards {
		var origin string
		var suspended int
		if err := get.QueryRowContext(ctx, c.ID).Scan(&origin, &suspended); err != nil {
			if err == sql.ErrNoRows {
				continue
			}
			return nil, err
		}
		other, ok := strings.CutPrefix(origin, "decks:")
		if !ok || origin == mine {
			continue
		}
		var n int
		if err := present.QueryRowContext(ctx, other).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 && !changing[other] && suspended != 2 {
			return fmt.Errorf("%s:%d: card %q is also in %s; this file is left as it was (give one of them another id)",
				c.File, c.Line, c.ID, other), nil
		}
	}
	return nil, nil
}
