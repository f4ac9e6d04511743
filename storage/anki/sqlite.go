package anki

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"

	"github.com/mattn/go-sqlite3"
	"golang.org/x/text/cases"
)

// driverName is a go-sqlite3 driver of our own that knows Anki's "unicase"
// collation. Schema-18 collections declare names COLLATE unicase
// (rslib/src/storage/upgrades/schema15_upgrade.sql); without the collation
// SQLite refuses statements that touch those columns.
const driverName = "sqlite3_loci_anki"

var registerDriver sync.Once

// unicaseCompare orders strings ignoring case, by Unicode case folding, as
// Anki's unicase_compare (rslib/src/storage/sqlite.rs, the unicase crate).
func unicaseCompare(a, b string) int {
	fold := cases.Fold()
	fa, fb := fold.String(a), fold.String(b)
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	}
	return 0
}

// maxValue caps the size of one SQLite value, so that a hostile collection
// cannot make a query return a string near SQLite's own 1 GB limit.
const maxValue = 256 << 20

// ensureDriver registers driverName once.
func ensureDriver() {
	registerDriver.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				c.SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, maxValue)
				return c.RegisterCollation("unicase", unicaseCompare)
			},
		})
	})
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// extractCollection copies the package's collection to a temporary file,
// decompressing it for version 3, and checks that it is SQLite. The caller
// removes the file with the returned cleanup.
func (p *pkg) extractCollection() (path string, cleanup func(), err error) {
	name := collectionEntry[p.version]
	compressed := p.version == versionLatest
	rc, err := p.open(name, compressed)
	if err != nil {
		return "", nil, err
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "loci-anki-*.sqlite")
	if err != nil {
		return "", nil, fmt.Errorf("%s: extracting %s: %w", p.path, name, err)
	}
	path = f.Name()
	cleanup = func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(path + suffix)
		}
	}
	_, err = io.Copy(f, rc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, p.readError(name, compressed, err)
	}
	if err := checkSQLite(path); err != nil {
		cleanup()
		return "", nil, &Error{File: p.path, Entry: name, Err: err,
			Fix: "the package is damaged or was not written by Anki; export it again"}
	}
	return path, cleanup, nil
}

// checkSQLite refuses a file that does not start with the SQLite header.
func checkSQLite(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return errors.New("the collection is not a SQLite database")
	}
	return nil
}

// openCollection opens an extracted collection read-only. immutable=1 tells
// SQLite that nothing else writes the file, so it neither locks it nor looks
// for a WAL file: Anki leaves schema-18 collections in WAL mode. Two
// connections let the cards be read on one while each note's fields are
// looked up on the other.
func openCollection(ctx context.Context, path string) (*sql.DB, error) {
	ensureDriver()
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1"
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// requireTables checks that the named objects are real tables, not views
// or missing, before any query reads them: a hostile file could otherwise
// put arbitrary SQL behind a familiar name.
func requireTables(ctx context.Context, db *sql.DB, names ...string) error {
	for _, name := range names {
		var typ string
		err := db.QueryRowContext(ctx, "SELECT type FROM sqlite_master WHERE name = ?", name).Scan(&typ)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("the collection has no %s table", name)
		}
		if err != nil {
			return fmt.Errorf("reading the collection's schema: %w", err)
		}
		if typ != "table" {
			return fmt.Errorf("%s is a %s, not a table", name, typ)
		}
	}
	return nil
}
