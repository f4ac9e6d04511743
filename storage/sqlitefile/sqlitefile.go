// Package sqlitefile is what loci's readers of other programs' SQLite
// files (storage/anki, storage/zotero) share: telling a SQLite file from
// anything else, and opening a file for reading with one connection and
// values bounded in size. It is a sub-room of storage; it never opens
// loci's own database and never writes.
package sqlitefile

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/url"
	"os"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// header starts every SQLite database file.
var header = []byte("SQLite format 3\x00")

// ErrNotSQLite is returned by Check for a file that is not a SQLite database.
var ErrNotSQLite = errors.New("not a SQLite database")

// MaxValue caps the size of one SQLite value, so that a hostile file
// cannot make a query return a string near SQLite's own 1 GB limit.
const MaxValue = 256 << 20

// Check returns ErrNotSQLite when the file at path does not start with
// SQLite's header (a file too short to hold one included), or the error
// opening it.
func Check(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(header))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, header) {
		return ErrNotSQLite
	}
	return nil
}

// Bound limits the values conn returns to MaxValue bytes; a driver's
// ConnectHook calls it.
func Bound(conn *sqlite3.SQLiteConn) { conn.SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, MaxValue) }

// boundedDriver is go-sqlite3 with Bound applied to every connection.
const boundedDriver = "sqlite3_loci_bounded"

var registerBounded sync.Once

// Open opens the SQLite file at path with the URI parameters params (for
// example "mode=ro&immutable=1") through driver, or through go-sqlite3
// with Bound when driver is "", with at most conns connections, and checks
// that it can be read.
func Open(ctx context.Context, driver, path, params string, conns int) (*sql.DB, error) {
	if driver == "" {
		registerBounded.Do(func() {
			sql.Register(boundedDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error { Bound(c); return nil }})
		})
		driver = boundedDriver
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath()
	if params != "" {
		dsn += "?" + params
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
