package zotero

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"loci/storage/zotero/fixture"
)

// zoteroConn opens the library as Zotero does (locking_mode=EXCLUSIVE)
// and returns a connection that holds the lock until closed.
func zoteroConn(t *testing.T, path string) *sql.Conn {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_locking_mode=EXCLUSIVE")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func exec(t *testing.T, conn *sql.Conn, q string, args ...any) {
	t.Helper()
	if _, err := conn.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestReadWhileZoteroHoldsTheLock: Zotero holds an exclusive lock and is in
// the middle of a write transaction; the import still reads the library (as
// it was at the last commit) and leaves the file byte for byte as it was.
func TestReadWhileZoteroHoldsTheLock(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{})
	conn := zoteroConn(t, path)
	// In exclusive locking mode the first commit takes the exclusive lock
	// and keeps it, as Zotero's connection does all day.
	exec(t, conn, "UPDATE version SET version = version")
	exec(t, conn, "BEGIN IMMEDIATE")
	exec(t, conn, "UPDATE itemDataValues SET value = 'Uncommitted title' WHERE value = 'Deep Learning'")
	exec(t, conn, "INSERT INTO deletedItems(itemID) SELECT itemID FROM items WHERE key = 'AAAA1111'")

	// Another SQLite connection cannot even read it now.
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var n int
	if err := other.QueryRow("SELECT count(*) FROM items").Scan(&n); err == nil {
		t.Fatal("a second connection read the locked library: the test does not hold the lock it means to")
	}

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	set, st := read(t, path, Options{})
	if st.Papers != 5 || st.Highlights != 2 {
		t.Errorf("stats %+v, want the 5 papers and 2 highlights of the last commit", st)
	}
	got := paperByKey(set)
	if got["zotero-CCCC3333"].Title != "Deep Learning" {
		t.Errorf("title %q: the uncommitted write was seen", got["zotero-CCCC3333"].Title)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the import changed the library file")
	}
	exec(t, conn, "ROLLBACK")
}

// TestReadSeesCommitsInTheLog: Zotero 7 keeps the library in WAL mode and
// its newest commits in zotero.sqlite-wal until a checkpoint; a highlight
// committed there while Zotero holds the lock is imported, and neither the
// library nor its log is changed.
func TestReadSeesCommitsInTheLog(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{WAL: true})
	conn := zoteroConn(t, path)
	exec(t, conn, "PRAGMA wal_autocheckpoint = 0")
	exec(t, conn, `INSERT INTO items(itemID, itemTypeID, libraryID, key) VALUES (900, (SELECT itemTypeID FROM itemTypes WHERE typeName = 'annotation'), 1, 'ANNNEW01')`)
	exec(t, conn, `INSERT INTO itemAnnotations(itemID, parentItemID, type, text, comment, pageLabel, sortIndex, position, isExternal)
		VALUES (900, (SELECT itemID FROM items WHERE key = 'PDFA1111'), 1, 'A new highlight made while Zotero runs.', 'new highlight', '9', '00009', '{}', 0)`)
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("the commit is not in the log (%v): the test does not show what it means to", err)
	}
	main, _ := os.ReadFile(path)

	set, st := read(t, path, Options{})
	if st.Highlights != 3 {
		t.Errorf("%d highlights, want 3 with the one in the log", st.Highlights)
	}
	found := false
	for _, c := range set.Cards {
		if c.ID == "zotero-ANNNEW01/c1" && c.Front == "A {{c1::new highlight}} made while Zotero runs." {
			found = true
		}
	}
	if !found {
		t.Error("the highlight committed to the log is not a card")
	}
	wal2, _ := os.ReadFile(path + "-wal")
	main2, _ := os.ReadFile(path)
	if !bytes.Equal(wal, wal2) || !bytes.Equal(main, main2) {
		t.Error("the import changed the library or its log")
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		t.Error("the import left a -shm file beside the library")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 {
		t.Errorf("files beside the library: %v, want zotero.sqlite and its -wal", entries)
	}
}
