package zotero_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"loci/storage"
	"loci/storage/zotero"
	"loci/storage/zotero/fixture"
)

// BenchmarkReadImport is what `loci import zotero.sqlite` does with
// bench/zotero's library (10,000 items, 20,000 highlights) in one process:
// the read, then storage's import into a new database. Profile it with
//
//	go test ./storage/zotero -run - -bench ReadImport -benchtime 3x -cpuprofile cpu.out
func BenchmarkReadImport(b *testing.B) {
	// Cancellable, as the command's is (go-sqlite3 watches such a context).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := b.TempDir()
	path := filepath.Join(dir, "zotero.sqlite")
	if err := fixture.Synthetic(path, 10000, 20000, 60, 1); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		d, err := storage.Open(ctx, filepath.Join(dir, fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		set, st, err := zotero.Read(ctx, path, zotero.Options{ReadTags: []string{"read"}})
		if err != nil || st.Papers != 9980 {
			b.Fatalf("%+v, %v", st, err)
		}
		runtime.GC()
		res, err := d.Import(ctx, set, now, storage.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if res.Added < 20000 {
			b.Fatalf("%+v", res)
		}
		if err := d.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
