package anki

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"loci/deck"
)

// checkSet holds for anything Read returns, however odd the package.
func checkSet(t *testing.T, set *deck.Set, st Stats) {
	ids := map[string]bool{}
	for _, c := range set.Cards {
		if !strings.HasPrefix(c.ID, "anki-") || ids[c.ID] {
			t.Fatalf("bad or repeated card id %q", c.ID)
		}
		ids[c.ID] = true
		if c.Kind != deck.Basic && c.Kind != deck.Cloze {
			t.Fatalf("card %s: kind %q", c.ID, c.Kind)
		}
		if c.Front == "" || c.Deck == "" {
			t.Fatalf("card %s: empty front or deck", c.ID)
		}
		for _, s := range append([]string{c.Front, c.Back, c.Deck}, c.Tags...) {
			if !utf8.ValidString(s) {
				t.Fatalf("card %s: invalid UTF-8 %q", c.ID, s)
			}
		}
	}
	for _, h := range set.History {
		if !ids[h.CardID] || h.Rating < 0 || h.Rating > 4 {
			t.Fatalf("bad history entry %+v", h)
		}
	}
	for id := range st.Legacy {
		if !ids[id] {
			t.Fatalf("legacy schedule for unknown card %q", id)
		}
	}
	for _, m := range set.Media {
		if err := checkMediaName(m.Name); err != nil {
			t.Fatalf("media %q: %v", m.Name, err)
		}
	}
}

var fuzzOptions = Options{MaxUncompressed: 16 << 20, MaxField: 64 << 10, Media: discardSink{}, MaxMediaFile: 1 << 20}

// discardSink reads each media file to the end and keeps nothing, so that
// fuzzing reaches the media path without writing files.
type discardSink struct{}

func (discardSink) Add(name string, r io.Reader) (deck.Media, error) {
	n, err := io.Copy(io.Discard, r)
	return deck.Media{Name: name, Size: n}, err
}

func FuzzRead(f *testing.F) {
	for _, l := range []layout{layoutLatest, layoutLegacy2, layoutLegacy1} {
		f.Add(zipBytes(f, packageEntries(f, sampleFixture(), l)))
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		set, st, err := read(context.Background(), "fuzz.apkg", bytes.NewReader(b), int64(len(b)), fuzzOptions)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.apkg") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkSet(t, set, st)
	})
}

// FuzzReadCollection mutates the SQLite collection itself, wrapped in a
// legacy package, so that the fuzzer reaches the SQL and note handling.
func FuzzReadCollection(f *testing.F) {
	f.Add(buildSchema11(f, sampleFixture()))
	f.Fuzz(func(t *testing.T, col []byte) {
		b := zipBytes(t, []zipEntry{{name: "collection.anki21", data: col}})
		set, st, err := read(context.Background(), "fuzz.apkg", bytes.NewReader(b), int64(len(b)), fuzzOptions)
		if err != nil {
			return
		}
		checkSet(t, set, st)
	})
}
