package zotero

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"loci/storage/sqlitefile"
)

// TestSnapshot: the copy holds the library and its log and journal, byte
// for byte, in a private folder that cleanup removes; a file that is not
// SQLite or is over the size limit is refused before anything is copied.
func TestSnapshot(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "zotero.sqlite")
	files := map[string]string{"": "SQLite format 3\x00 and the rest", "-wal": "log frames", "-journal": "journal pages"}
	for suffix, body := range files {
		os.WriteFile(lib+suffix, []byte(body), 0o644)
	}
	snap, cleanup, err := snapshot(lib, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for suffix, body := range files {
		got, err := os.ReadFile(snap + suffix)
		if err != nil || string(got) != body {
			t.Errorf("copy of %q: %q, %v", suffix, got, err)
		}
	}
	if filepath.Dir(snap) == dir {
		t.Error("the snapshot is beside the library")
	}
	cleanup()
	if _, err := os.Stat(filepath.Dir(snap)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cleanup left %s: %v", filepath.Dir(snap), err)
	}

	if _, _, err := snapshot(lib, 10); err == nil || err.Error() != "zotero.sqlite is larger than 0 MiB" {
		t.Errorf("over the limit: %v", err)
	}
	os.WriteFile(lib, []byte("plain text, no database here"), 0o644)
	if _, _, err := snapshot(lib, 1<<20); !errors.Is(err, sqlitefile.ErrNotSQLite) {
		t.Errorf("not SQLite: %v", err)
	}
}
