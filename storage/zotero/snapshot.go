package zotero

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"loci/storage/sqlitefile"
)

// companions are the files SQLite keeps beside a database: the write-ahead
// log Zotero 7 writes commits to, and the rollback journal of older
// releases. A snapshot copies them with the database so SQLite can apply
// what they hold.
var companions = []string{"-wal", "-journal"}

// snapshotTries bounds how often a snapshot is taken again because Zotero
// wrote to the library while it was being copied.
const snapshotTries = 5

// snapshot copies the library at path, with its -wal and -journal files
// when present, into a new private directory and returns the copy's path
// and a function that removes the directory. It reads the learner's files
// as plain files: it takes no lock and never opens them through SQLite, so
// it cannot block or disturb a running Zotero, whatever lock Zotero holds.
// When a file changed while it was copied (Zotero wrote to it), the copy is
// taken again, up to snapshotTries times.
func snapshot(path string, maxSize int64) (string, func(), error) {
	if err := sqlitefile.Check(path); err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "loci-zotero-")
	if err != nil {
		return "", nil, fmt.Errorf("snapshot: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	dst := filepath.Join(dir, "zotero.sqlite")
	for try := 1; ; try++ {
		stable, err := copyAll(path, dst, maxSize)
		if err != nil {
			cleanup()
			return "", nil, err
		}
		if stable || try == snapshotTries {
			return dst, cleanup, nil
		}
		time.Sleep(time.Duration(try) * 50 * time.Millisecond)
	}
}

// fileState is what tells that a file changed: its size and mtime.
type fileState struct {
	exists bool
	size   int64
	mtime  time.Time
}

func stateOf(path string) (fileState, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileState{}, nil
	}
	if err != nil {
		return fileState{}, err
	}
	return fileState{true, st.Size(), st.ModTime()}, nil
}

// copyAll copies the database and its companions to dst (and dst+"-wal",
// ...) and reports whether none of them changed during the copy.
func copyAll(src, dst string, maxSize int64) (stable bool, err error) {
	stable = true
	for _, suffix := range append([]string{""}, companions...) {
		before, err := stateOf(src + suffix)
		if err != nil {
			return false, fmt.Errorf("snapshot: %w", err)
		}
		os.Remove(dst + suffix)
		if !before.exists {
			continue
		}
		if before.size > maxSize {
			return false, fmt.Errorf("%s is larger than %d MiB", filepath.Base(src+suffix), maxSize>>20)
		}
		if err := copyFile(src+suffix, dst+suffix, maxSize); errors.Is(err, os.ErrNotExist) && suffix != "" {
			stable = false // Zotero removed its log or journal as it was copied: copy again
			os.Remove(dst + suffix)
			continue
		} else if err != nil {
			return false, fmt.Errorf("snapshot: %w", err)
		}
		after, err := stateOf(src + suffix)
		if err != nil {
			return false, fmt.Errorf("snapshot: %w", err)
		}
		if after != before {
			stable = false
		}
	}
	return stable, nil
}

func copyFile(src, dst string, maxSize int64) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, maxSize)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// openSnapshot opens the private copy. Without a log or journal beside it
// the copy is opened read-only and immutable (no locks, no journal lookup);
// with one, SQLite is let write the copy's own index and roll a journal
// back, so the reader sees exactly the last commit Zotero made — which
// lives in the -wal file until Zotero checkpoints it. Either way queries
// are read-only (query_only) and touch only the copy.
func openSnapshot(ctx context.Context, path string) (*sql.DB, error) {
	params := "mode=ro&immutable=1"
	for _, s := range companions {
		if st, _ := stateOf(path + s); st.exists {
			params = "_query_only=1"
		}
	}
	return sqlitefile.Open(ctx, "", path, params, 2) // two: Read queries on two lanes
}
