package anki

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateFixtures = flag.Bool("update", false, "rewrite the sample packages under ../../cli/testdata/anki")

// TestSamplePackages keeps the sample packages that the command-line tests
// import (cli/testdata/anki) equal to what the
// builder makes from sampleFixture in the legacy and the current layout.
func TestSamplePackages(t *testing.T) {
	for name, l := range map[string]layout{"sample-legacy.apkg": layoutLegacy2Meta, "sample-v3.apkg": layoutLatest} {
		path := filepath.Join("..", "..", "cli", "testdata", "anki", name)
		if *updateFixtures {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, zipBytes(t, packageEntries(t, sampleFixture(), l)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		set, _, err := Read(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%s: %v (go test ./storage/anki -run SamplePackages -update rebuilds it)", name, err)
		}
		if len(set.Cards) != len(wantCards(path)) {
			t.Errorf("%s: %d cards, want %d", name, len(set.Cards), len(wantCards(path)))
		}
	}
}
