package textimport

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"loci/deck"
)

// FuzzParse checks that no input panics Parse, that every error names its
// file, and that the cards of an accepted file keep the package's promises.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.txt", "testdata/*.tsv", "testdata/*.csv", "testdata/malformed/*"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if filepath.Base(p) == "revlog-real.csv" {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("#separator:Pipe\n#columns:Text|Extra|Tags\n\"{{c1::a}}\n{{c2::b}}\"|x|t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("fuzz.txt", bytes.NewReader(data), Options{})
		if err != nil {
			var de *deck.Error
			if !errors.As(err, &de) || de.File != "fuzz.txt" {
				t.Fatalf("error %v does not name the file", err)
			}
			if set != nil {
				t.Fatal("a set came back with an error")
			}
			return
		}
		ids := map[string]bool{}
		for _, c := range set.Cards {
			switch {
			case c.ID == "" || ids[c.ID]:
				t.Fatalf("card id %q is empty or repeated", c.ID)
			case c.Front == "" || len(c.Front) > deck.MaxCardText || len(c.Back) > deck.MaxCardText:
				t.Fatalf("card %q: front of %d bytes, back of %d", c.ID, len(c.Front), len(c.Back))
			case !utf8.ValidString(c.Front) || !utf8.ValidString(c.Back) || !utf8.ValidString(c.Deck):
				t.Fatalf("card %q holds invalid UTF-8", c.ID)
			case c.Deck == "":
				t.Fatalf("card %q has no deck", c.ID)
			case c.Kind == deck.Cloze && c.Ord < 1, c.Kind == deck.Basic && c.Ord != 0:
				t.Fatalf("card %q: kind %s with ord %d", c.ID, c.Kind, c.Ord)
			case c.Line < 1:
				t.Fatalf("card %q has no line", c.ID)
			}
			ids[c.ID] = true
		}
	})
}

// FuzzParseReviewLog checks that no input panics ParseReviewLog and that
// accepted entries are well formed.
func FuzzParseReviewLog(f *testing.F) {
	for _, p := range []string{"testdata/revlog-small.csv"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("review_time,card_id,review_rating\n2024-01-01 00:00:00,5,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		log, err := ParseReviewLog("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			var de *deck.Error
			if !errors.As(err, &de) || de.File != "fuzz.csv" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		for i, e := range log {
			if e.Rating < deck.Again || e.Rating > deck.Easy || e.CardID == "" || e.ExtID == "" || e.Duration < 0 {
				t.Fatalf("bad entry %+v", e)
			}
			if i > 0 && e.At.Before(log[i-1].At) {
				t.Fatalf("entries out of order at %d", i)
			}
		}
	})
}
