package folder

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/storage"
)

// writeBenchFolder writes files×cards cards into root, in ten sub-folders,
// dated an hour ago.
func writeBenchFolder(b *testing.B, root string, files, cards int) {
	b.Helper()
	old := time.Now().Add(-time.Hour)
	for i := range files {
		var t strings.Builder
		fmt.Fprintf(&t, "---\ndeck: Bench::D%02d\ntags: bench\n---\n", i%50)
		for j := range cards {
			fmt.Fprintf(&t, "\nQ: Question %d of file %d, long enough to look like a real card?\nA: Its answer, %d.\nid: f%d-c%d\n", j, i, j, i, j)
		}
		p := filepath.Join(root, fmt.Sprintf("topic%02d", i/100), fmt.Sprintf("file%04d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(t.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
}

// benchFolder writes files×cards cards into a new folder and syncs it once
// into a new database.
func benchFolder(b *testing.B, files, cards int) (*storage.DB, string) {
	b.Helper()
	root := b.TempDir()
	writeBenchFolder(b, root, files, cards)
	db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "loci.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	rep, err := Sync(context.Background(), db, root, t0)
	if err != nil || rep.Cards.Added != files*cards {
		b.Fatalf("first sync: %+v, %v", rep, err)
	}
	return db, root
}

// BenchmarkSyncUnchanged is the start-up cost of a decks folder of 1,000
// files and 20,000 cards when nothing changed (target: under 100 ms).
func BenchmarkSyncUnchanged(b *testing.B) {
	db, root := benchFolder(b, 1000, 20)
	b.ResetTimer()
	for range b.N {
		rep, err := Sync(context.Background(), db, root, t0)
		if err != nil || !rep.Unchanged {
			b.Fatalf("%+v, %v", rep, err)
		}
	}
}

// BenchmarkStatWalk is the reference: a bare walk that stats every file of
// the same folder, which any change detection must do.
func BenchmarkStatWalk(b *testing.B) {
	_, root := benchFolder(b, 1000, 20)
	b.ResetTimer()
	for range b.N {
		n := 0
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, err := os.Stat(p); err != nil {
				return err
			}
			n++
			return nil
		})
		if err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkSyncFirst is the first sync of the same folder into an empty
// database: every file read, parsed and its cards added.
func BenchmarkSyncFirst(b *testing.B) {
	for range b.N {
		b.StopTimer()
		root := b.TempDir()
		writeBenchFolder(b, root, 1000, 20)
		db, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "loci.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := Sync(context.Background(), db, root, t0)
		b.StopTimer()
		db.Close()
		if err != nil || rep.Cards.Added != 20000 {
			b.Fatalf("%+v, %v", rep, err)
		}
	}
}
