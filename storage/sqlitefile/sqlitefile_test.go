package sqlitefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckAndOpen(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.sqlite")
	conn, err := Open(context.Background(), "", db, "", 1) // creates it
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("SQLite"), 0o644)
	text := filepath.Join(dir, "text")
	os.WriteFile(text, []byte(strings.Repeat("not a database ", 4)), 0o644)
	for path, want := range map[string]error{db: nil, short: ErrNotSQLite, text: ErrNotSQLite} {
		if err := Check(path); !errors.Is(err, want) {
			t.Errorf("Check(%s) = %v, want %v", filepath.Base(path), err, want)
		}
	}
	if err := Check(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Check(missing) = %v", err)
	}
	ro, err := Open(context.Background(), "", db, "mode=ro&immutable=1", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Exec("INSERT INTO t VALUES (2)"); err == nil {
		t.Error("a read-only open wrote")
	}
	var long string
	if err := ro.QueryRow("SELECT zeroblob(?)", MaxValue+1).Scan(&long); err == nil {
		t.Error("a value over MaxValue was returned")
	}
}
