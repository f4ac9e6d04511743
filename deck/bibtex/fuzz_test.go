package bibtex

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"loci/deck"
)

// FuzzParse checks that no input panics Parse, that every error and
// warning names its file, and that accepted papers and cards keep the
// package's promises.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"papers.bib", "thesis.bib", "biblatex.bib", "broken.bib"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`@misc{a, title = "x" # {y} # z, author = {A and B, C}}`,
		`@string(s = "v") @book(b, title = s, year = 2000, note = {n})`,
		`@article{k, title={\"{\i}\c c\v{}{}--~$\alpha$\url{x}}, eprint={1}, archiveprefix={arXiv}}`,
		"@comment(x) @preamble{\"p\"} @misc{c,\n%x\ntitle={T},}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("fuzz.bib", bytes.NewReader(data), Options{})
		if err != nil {
			var de *deck.Error
			if !errors.As(err, &de) || de.File != "fuzz.bib" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		for _, w := range set.Warnings {
			if w.File != "fuzz.bib" || w.Group == "" || w.Line < 0 {
				t.Fatalf("warning %+v", w)
			}
		}
		keys := map[string]bool{}
		for _, p := range set.Papers {
			lk := strings.ToLower(p.Key)
			switch {
			case p.Key == "" || keys[lk]:
				t.Fatalf("paper key %q is empty or repeated", p.Key)
			case p.Title == "" || p.Stage != deck.Queued || p.Line < 1:
				t.Fatalf("paper %+v", p)
			case p.Year != 0 && (p.Year < 1000 || p.Year > 9999):
				t.Fatalf("paper %q: year %d", p.Key, p.Year)
			}
			for _, s := range []string{p.Title, p.Authors, p.Venue, p.URL, p.DOI, p.ArXiv} {
				if !utf8.ValidString(s) {
					t.Fatalf("paper %q holds invalid UTF-8", p.Key)
				}
			}
			keys[lk] = true
		}
		for _, c := range set.Cards {
			if !keys[strings.ToLower(c.Paper)] || c.ID != "bib-"+c.Paper || c.Back == "" || len(c.Back) > deck.MaxCardText {
				t.Fatalf("card %+v", c)
			}
		}
	})
}
