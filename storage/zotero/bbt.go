package zotero

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// itemRef names an item across libraries: Zotero's keys are unique only
// within one.
type itemRef struct {
	library int64
	key     string
}

// bbtRow is one citation key as Better BibTeX stores it.
type bbtRow struct {
	ItemID    int64  `json:"itemID"`
	ItemKey   string `json:"itemKey"`
	LibraryID int64  `json:"libraryID"`
	Citekey   string `json:"citekey"`
}

// citationKeys reads the citation keys Better BibTeX keeps beside the
// library, from the first of its stores that is there:
//
//   - better-bibtex.sqlite, table citationkey (itemID, itemKey, libraryID,
//     citationKey): Better BibTeX 6.7.x and later;
//   - better-bibtex.sqlite, table "better-bibtex", row
//     'better-bibtex.citekey': a JSON object whose "data" lists {itemID,
//     itemKey, libraryID, citekey} (its LokiJS store before that);
//   - better-bibtex-search.sqlite, table citekeys (itemID, itemKey,
//     libraryID, citekey).
//
// It returns the keys and the store they came from ("" for none). A store
// that cannot be read is a warning: the items keep their Zotero keys.
func citationKeys(ctx context.Context, library string, r *reader) (map[itemRef]string, string, error) {
	dir := filepath.Dir(library)
	for _, name := range []string{"better-bibtex.sqlite", "better-bibtex-search.sqlite"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		rows, err := readBBT(ctx, path)
		if err != nil {
			r.warn("Better BibTeX's citation keys could not be read: Zotero keys used", name+": "+err.Error(), false)
			continue
		}
		if rows == nil {
			continue
		}
		keys := map[itemRef]string{}
		for _, row := range rows {
			ref := itemRef{row.LibraryID, row.ItemKey}
			if it := r.items[row.ItemID]; row.ItemKey == "" && it != nil {
				ref = itemRef{it.library, it.key}
			}
			if ref.library == 0 {
				ref.library = r.user
			}
			if k := clean(row.Citekey); k != "" {
				keys[ref] = k
			}
		}
		return keys, name, nil
	}
	return nil, "", nil
}

// readBBT reads one Better BibTeX store through a snapshot, as the
// library is read (Zotero holds it locked too); nil rows when the file
// holds none of the known tables.
func readBBT(ctx context.Context, path string) ([]bbtRow, error) {
	snap, cleanup, err := snapshot(path, MaxLibrarySize)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	db, err := openSnapshot(ctx, snap)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	has := func(table string) bool {
		var n int
		db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		return n > 0
	}
	switch {
	case has("citationkey"):
		return queryBBT(ctx, db, "SELECT itemID, itemKey, libraryID, citationKey FROM citationkey")
	case has("better-bibtex"):
		var data []byte
		err := db.QueryRowContext(ctx, "SELECT data FROM `better-bibtex` WHERE name = 'better-bibtex.citekey'").Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) > maxBBTStore {
			return nil, fmt.Errorf("the key store is larger than %d MiB", maxBBTStore>>20)
		}
		var store struct{ Data []bbtRow }
		if err := json.Unmarshal(data, &store); err != nil {
			return nil, fmt.Errorf("the key store is not the JSON Better BibTeX writes: %w", err)
		}
		return store.Data, nil
	case has("citekeys"):
		return queryBBT(ctx, db, "SELECT itemID, itemKey, libraryID, citekey FROM citekeys")
	}
	return nil, nil
}

func queryBBT(ctx context.Context, db *sql.DB, q string) ([]bbtRow, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bbtRow
	for rows.Next() {
		var row bbtRow
		var id, lib sql.NullInt64
		var key, cite sql.NullString
		if err := rows.Scan(&id, &key, &lib, &cite); err != nil {
			return nil, err
		}
		if len(out) == MaxItems {
			return nil, fmt.Errorf("more than %d citation keys", MaxItems)
		}
		row.ItemID, row.ItemKey, row.LibraryID, row.Citekey = id.Int64, key.String, lib.Int64, cite.String
		out = append(out, row)
	}
	return out, rows.Err()
}
