package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkImportTSV100k runs `loci import` of a 100,000-line TSV in
// process, into a copy of the template database, as bench/import/run does
// with the binary: parsing, the hand-over and the writes together, for
// -cpuprofile and -memprofile (bench/README.md, "import").
func BenchmarkImportTSV100k(b *testing.B) {
	dir := b.TempDir()
	tsv := filepath.Join(dir, "cards.tsv")
	var text bytes.Buffer
	for i := 1; i <= 100_000; i++ {
		fmt.Fprintf(&text, "What is fact number %d about topic %d?\tIt is answer %d, explained briefly.\ttopic%d bench\n", i, i%97, i, i%13)
	}
	if err := os.WriteFile(tsv, text.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db := filepath.Join(dir, fmt.Sprintf("run%d", i), "loci.db")
		if err := seedDB(db); err != nil {
			b.Fatal(err)
		}
		b.Setenv("LOCI_DB", db)
		var stderr bytes.Buffer
		b.StartTimer()
		if code := Main(ctx, []string{"import", tsv}, nil, io.Discard, &stderr); code != exitOK {
			b.Fatalf("import: exit %d: %s", code, stderr.String())
		}
	}
}
