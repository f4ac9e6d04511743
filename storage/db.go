package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"
)

// DB is an open loci database.
type DB struct {
	db     *sql.DB
	Path   string
	search searchConn
}

// ErrNotLoci is returned for a file that is not a SQLite database.
var ErrNotLoci = errors.New("not a SQLite database")

// dsn gives settings that hold when the TUI, the daemon and CLI commands use
// one file at once: every write transaction takes the write lock at BEGIN
// (_txlock=immediate), so two processes never deadlock upgrading a read lock.
// Pragmas sit in the DSN so that every pooled connection gets them.
func dsn(path string, readOnly bool) string {
	if readOnly {
		// A file to read once and never write (a backup being checked or
		// restored): no journal pragmas, no locks, no -wal or -shm files.
		return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1"
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens the database at path, creating it (mode 0600) if it does not
// exist, and brings its schema up to date. The directory must exist.
func Open(ctx context.Context, path string) (*DB, error) {
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	d := &DB{db: sdb, Path: path}
	if err := d.migrate(ctx); err != nil {
		sdb.Close()
		if isReadOnly(err) {
			return nil, fmt.Errorf("open %s: the database is read-only: loci needs to write to it and to its folder (check their permissions)", path)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return d, nil
}

// isReadOnly reports whether SQLite refused a write to a read-only file.
func isReadOnly(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrReadonly
}

// prepareFile creates a missing database file with mode 0600, so that the
// WAL and shared-memory files SQLite makes beside it get the same mode, and
// refuses a file that is not SQLite before the driver touches it.
func prepareFile(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("open %s: directory %s does not exist", path, dir)
	}
	// Opening a named pipe blocks until a writer comes, and a device or a
	// socket is no database: refuse anything but a regular file before
	// opening it.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("open %s: %s, not a regular file (is --db pointing at the right file?)", path, fileKind(st.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("open %s: %s, not a regular file (is --db pointing at the right file?)", path, fileKind(st.Mode()))
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("open %s: %w (is --db pointing at the right file?)", path, ErrNotLoci)
	}
	return nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Close closes the database.
func (d *DB) Close() error {
	d.closeSearchConn()
	return d.db.Close()
}

// tx runs fn in one write transaction and commits it.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return explain(err)
	}
	return commit(tx, fn)
}

// commit runs fn in tx and commits it, or rolls it back when fn fails.
func commit(tx *sql.Tx, fn func(*sql.Tx) error) error {
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return explain(err)
	}
	return explain(tx.Commit())
}

// memoryTempTx runs fn as tx does, on a connection whose temporary storage
// is in memory for the transaction: its statement journals (the copies of
// pages a statement changes, to undo it alone) and temporary tables (an
// import's stage). With SQLite's default they spill to a file past 64 KiB:
// an Anki import of 100,000 reviews, each insert firing the review
// tallies' triggers, wrote 1.1 million pages and page numbers to one
// (22,000 writes in all with them in memory, and a quarter less CPU time).
// Where statement journals go is fixed when the transaction begins, and
// SQLite refuses the change inside one on a connection that has used
// temporary storage before, so it is set before BEGIN, and the connection
// gets the default back after.
func (d *DB) memoryTempTx(ctx context.Context, fn func(*sql.Tx) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return explain(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
		return explain(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA temp_store = DEFAULT")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return explain(err)
	}
	return commit(tx, fn)
}

// explain adds what to do to the storage errors a learner can meet.
func explain(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return fmt.Errorf("the disk is full; nothing was written (free some space and try again): %w", err)
	case sqlite3.ErrIoErr:
		return fmt.Errorf("the disk refused a write; nothing was written (is it full?): %w", err)
	case sqlite3.ErrReadonly:
		return fmt.Errorf("the database is read-only; nothing was written: %w", err)
	}
	return err
}

// ms converts a time to the stored form, Unix milliseconds; zero stays 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts a stored time back; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
