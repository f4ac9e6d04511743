package anki

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateFixtures = flag.Bool("update", false, "rewrite the sample packages under ../../cli/testdata/anki")

// samplePackages are the packages the command-line tests import
// (cli/testdata/anki), each built from a fixture in one layout, with the
// number of cards Read makes of it.
var samplePackages = []struct {
	name    string
	entries func(t testing.TB) []zipEntry
	cards   int
}{
	{"sample-legacy.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, sampleFixture(), layoutLegacy2Meta) }, 4},
	{"sample-v3.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, sampleFixture(), layoutLatest) }, 4},
	{"cloze-two-fields.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, twoClozeFixture(), layoutLatest) }, 2},
}

// TestSamplePackages keeps the sample packages equal to what the builder
// makes (go test ./storage/anki -run SamplePackages -update rebuilds them).
func TestSamplePackages(t *testing.T) {
	for _, sp := range samplePackages {
		path := filepath.Join("..", "..", "cli", "testdata", "anki", sp.name)
		if *updateFixtures {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, zipBytes(t, sp.entries(t)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		set, _, err := Read(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%s: %v (go test ./storage/anki -run SamplePackages -update rebuilds it)", sp.name, err)
		}
		if len(set.Cards) != sp.cards {
			t.Errorf("%s: %d cards, want %d", sp.name, len(set.Cards), sp.cards)
		}
	}
}
