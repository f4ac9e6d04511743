package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// OpenDryRun opens the database at path for a dry run, which must leave the
// disk as it found it: it never creates the file and never migrates it.
//
//   - A missing file gives a new, empty database in a temporary folder.
//   - A file with an older schema gives a migrated temporary copy of it.
//   - A file with the current schema is opened as it is; a dry-run import
//     rolls its transaction back, so it writes nothing.
//
// temp reports whether d is a temporary database (the caller may then seed
// it as a first run would); done closes d and removes any temporary folder.
func OpenDryRun(ctx context.Context, path string) (d *DB, temp bool, done func(), err error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return openTemp(ctx, "")
	case err != nil:
		return nil, false, nil, fmt.Errorf("open %s: %w", path, err)
	case st.IsDir():
		return nil, false, nil, fmt.Errorf("open %s: a directory: %w", path, ErrNotLoci)
	}
	if err := prepareFile(path); err != nil {
		return nil, false, nil, err
	}
	v, err := schemaVersion(ctx, path)
	if err != nil {
		return nil, false, nil, err
	}
	if v >= SchemaVersion {
		d, err := Open(ctx, path) // newer: refused as Open refuses it
		if err != nil {
			return nil, false, nil, err
		}
		return d, false, func() { d.Close() }, nil
	}
	return openTemp(ctx, path)
}

// readOnlyDSN reads a database that other processes may be writing, WAL
// included, without writing to it.
func readOnlyDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_busy_timeout=10000"
}

// schemaVersion reads a database's user_version without changing it.
func schemaVersion(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite3", readOnlyDSN(path))
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	return v, nil
}

// openTemp opens a database in a new temporary folder: a copy of from, or
// an empty one when from is "".
func openTemp(ctx context.Context, from string) (*DB, bool, func(), error) {
	dir, err := os.MkdirTemp("", "loci-dry-run-")
	if err != nil {
		return nil, false, nil, fmt.Errorf("dry run: %w", err)
	}
	path := filepath.Join(dir, "loci.db")
	if from != "" {
		src, err := sql.Open("sqlite3", readOnlyDSN(from))
		if err == nil {
			_, err = src.ExecContext(ctx, "VACUUM INTO ?", path)
			src.Close()
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, false, nil, fmt.Errorf("dry run: copy %s: %w", from, err)
		}
	}
	d, err := Open(ctx, path)
	if err != nil {
		os.RemoveAll(dir)
		return nil, false, nil, err
	}
	return d, true, func() { d.Close(); os.RemoveAll(dir) }, nil
}
