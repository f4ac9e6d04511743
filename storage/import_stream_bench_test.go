package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"loci/deck"
)

// BenchmarkImportStream100k writes 100,000 new cards through a stream into
// an empty database: the writing part of `loci import` of a 100k-line TSV
// (bench/import/run measures the whole command against the sqlite3 shell).
func BenchmarkImportStream100k(b *testing.B) {
	ctx := context.Background()
	cards := make([]deck.Card, 100_000)
	for i := range cards {
		front := fmt.Sprintf("What is fact number %d about topic %d?", i, i%97)
		cards[i] = deck.Card{ID: deck.HashID(front), Deck: "Imported", Kind: deck.Basic, Front: front,
			Back: "It is answer " + strconv.Itoa(i) + ", explained briefly.", Tags: []string{"bench"}, File: "b.tsv", Line: i + 1}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		d := mustOpen(b, filepath.Join(b.TempDir(), "loci.db"))
		b.StartTimer()
		res, err := d.Import(ctx, &deck.Set{}, t0, ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(cards...)}})
		if err != nil || res.Added != len(cards) {
			b.Fatalf("import = %+v, %v", res, err)
		}
	}
}
