package anki

import (
	"context"
	"errors"
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
	err     error // what Read must refuse it with, if anything
}{
	{"sample-legacy.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, sampleFixture(), layoutLegacy2Meta) }, 4, nil},
	{"sample-v3.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, sampleFixture(), layoutLatest) }, 4, nil},
	{"cloze-two-fields.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, twoClozeFixture(), layoutLatest) }, 2, nil},
	{"media-conflict.apkg", func(t testing.TB) []zipEntry { return packageEntries(t, conflictFixture(), layoutLegacy2Meta) }, 4, nil},
	{"media-bomb.apkg", bombEntries, 0, ErrMediaTooLarge},
}

// conflictFixture is the sample collection under other note guids, with a
// different picture under the same name, dog.png.
func conflictFixture() fixture {
	fx := sampleFixture()
	fx.notes[0].guid, fx.notes[1].guid = "Conflict1", "Conflict2"
	fx.media[0].data = []byte("\x89PNG\r\n\x1a\nanother dog")
	return fx
}

// bombEntries is the sample package whose dog.png, declared as a few bytes
// in the media map, inflates to 101 MiB: past the default per-file cap, from
// a package of a few kilobytes.
func bombEntries(t testing.TB) []zipEntry {
	fx := sampleFixture()
	fx.notes[0].guid, fx.notes[1].guid = "Bomb1", "Bomb2"
	return replaceEntry(packageEntries(t, fx, layoutLatest), zipEntry{name: "0", data: zstdBytes(t, make([]byte, DefaultMaxMediaFile+1<<20))})
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
		stage, _ := newStage(t)
		set, _, err := Read(context.Background(), path, Options{Media: stage})
		if sp.err != nil {
			if !errors.Is(err, sp.err) {
				t.Errorf("%s: err = %v, want %v", sp.name, err, sp.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v (go test ./storage/anki -run SamplePackages -update rebuilds it)", sp.name, err)
		}
		if len(set.Cards) != sp.cards {
			t.Errorf("%s: %d cards, want %d", sp.name, len(set.Cards), sp.cards)
		}
	}
}
