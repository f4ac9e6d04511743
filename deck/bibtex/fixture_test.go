package bibtex

import (
	"fmt"
	"os"
	"reflect"
	"testing"

	"loci/deck"
)

// The fixtures are shaped on real files: a thesis bibliography exported by
// JabRef, biblatex data in the shape of biber's test files, and the
// mistakes BibTeX's error messages are about. The expected values were
// worked out by hand from the files.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file     string
		papers   []string
		cards    map[string]string // id → back
		notes    map[string]string // key → the paper's note, where it has one
		warnings []string          // "line field: group (detail)"
	}{
		{
			file: "thesis.bib",
			papers: []string{"hochreiter1997", "srivastava2014", "shannon1948", "kingma2015adam", "he2016resnet",
				"goedel1931", "erdos1959", "newton1687", "sutton2018", "hubinger2019", "power2022"},
			cards: map[string]string{
				"bib-hochreiter1997": "Gates keep the error flowing through time, so gradients neither vanish nor explode.",
				"bib-srivastava2014": "Dropping units at random trains an implicit ensemble of thinned networks.",
				"bib-he2016resnet":   "Layers learn residuals $F(x) = H(x) - x$; identity shortcuts let 152-layer networks train.",
				"bib-hubinger2019":   "A learned model can itself be an optimiser whose objective differs from the training objective.",
			},
			notes: map[string]string{
				"shannon1948":    "Reprinted in The Mathematical Theory of Communication, University of Illinois Press, 1949",
				"kingma2015adam": "Published as a conference paper at ICLR 2015",
				"erdos1959":      "Email: not available; scanned copy from the library",
				"newton1687":     "Facsimile of the first edition",
				"sutton2018":     "Second edition",
				"power2022":      "10 pages, 6 figures",
			},
			warnings: []string{
				`51 booktitle: undefined @string macros: left empty ("iclr")`,
				`117 year: years that are not a four-digit number: left empty ("in press" in "power2022")`,
				`123 key: repeated keys: first entry kept ("hochreiter1997", first on line 14)`,
			},
		},
		{
			file: "biblatex.bib",
			papers: []string{"goodfellow2016", "elias1955a", "elias1955b", "ouyang2022", "neurips2017", "vaswani2017",
				"christiano2017"},
			cards: map[string]string{
				"bib-goodfellow2016": "Part II is the practical core: chapters 6–9 on networks, regularisation, optimisation and convolution.",
				"bib-ouyang2022":     "Fine-tune on demonstrations, train a reward model on rankings, then optimise against it with PPO.",
				"bib-vaswani2017":    "Self-attention alone replaces recurrence and convolution.",
			},
			warnings: []string{
				`5 : @set and @xdata entries: skipped (they group or feed other entries) (@xdata "mitpress")`,
				`18 : @set and @xdata entries: skipped (they group or feed other entries) (@set "elias1955")`,
				`54 key: repeated keys: first entry kept ("instructgpt" is an alias (ids) of "ouyang2022" on line 43)`,
				`82 title: entries without a title: skipped (@inproceedings "orphan2017")`,
			},
		},
		{
			file:   "broken.bib",
			papers: []string{"rumelhart1986", "cover2006", "schrodinger1935", "kaplan2020"},
			cards:  map[string]string{},
			notes:  map[string]string{"cover2006": "Second edition; contact the library at lib@example.org for the first"},
			warnings: []string{
				`7 : entries with a syntax error: skipped (@article "missingcomma": a comma is missing before "title")`,
				`21 : entries with a syntax error: skipped (@book "unbalanced": entry "unbalanced" is not closed before the next entry on line 28: a brace in one of its values may be unbalanced, or its closing brace missing)`,
				`38 title: entries with a syntax error: skipped (@article "noequals": title: want = after the field name)`,
				`51 title: entries with a syntax error: skipped (@misc "unterminated": title: this " is not closed before the unbalanced } on line 53)`,
				`63 key: entries with a syntax error: skipped (@misc has no citation key: write @misc{KEY, field = {...}, ...})`,
				`67 : entries with a syntax error: skipped (@article "noclose": entry "noclose" is never closed with '}' (or a brace in one of its values is unbalanced))`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			set, err := Parse(tt.file, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if papers := paperKeys(set); !reflect.DeepEqual(papers, tt.papers) {
				t.Errorf("papers\n got %q\nwant %q", papers, tt.papers)
			}
			notes := map[string]string{}
			for _, p := range set.Papers {
				if p.Note != "" {
					notes[p.Key] = p.Note
				}
			}
			if len(notes) > 0 || len(tt.notes) > 0 {
				if !reflect.DeepEqual(notes, tt.notes) {
					t.Errorf("notes\n got %q\nwant %q", notes, tt.notes)
				}
			}
			cards := map[string]string{}
			for _, c := range set.Cards {
				cards[c.ID] = c.Back
			}
			if !reflect.DeepEqual(cards, tt.cards) {
				t.Errorf("cards\n got %q\nwant %q", cards, tt.cards)
			}
			var warnings []string
			for _, w := range set.Warnings {
				if w.File != tt.file {
					t.Errorf("warning %+v names another file", w)
				}
				warnings = append(warnings, fmt.Sprintf("%d %s: %s (%s)", w.Line, w.Field, w.Group, w.Detail))
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings\n got %q\nwant %q", warnings, tt.warnings)
			}
		})
	}
}

// paperKeys returns the keys of the set's papers, in order.
func paperKeys(set *deck.Set) []string {
	var keys []string
	for _, p := range set.Papers {
		keys = append(keys, p.Key)
	}
	return keys
}
