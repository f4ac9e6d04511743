package zotero

import (
	"context"
	"path/filepath"
	"testing"

	"loci/storage/zotero/fixture"
)

// BenchmarkRead reads bench/zotero's library: 10,000 items with 20,000
// highlights (the import's target is under 2 s and 100 MB for the whole
// command, of which this is the reading part).
func BenchmarkRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "zotero.sqlite")
	if err := fixture.Synthetic(path, 10000, 20000, 60, 1); err != nil {
		b.Fatal(err)
	}
	opt := Options{ReadTags: []string{"read"}}
	b.ResetTimer()
	for b.Loop() {
		set, st, err := Read(context.Background(), path, opt)
		if err != nil || st.Papers != 9980 || len(set.Cards) < 20000 {
			b.Fatalf("%+v, %v", st, err)
		}
	}
}
