package bibtex

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"loci/deck"
)

// The expected values were worked out by hand from testdata/papers.bib.
func TestParseFile(t *testing.T) {
	f, err := os.Open("testdata/papers.bib")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := Parse("papers.bib", f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	q, file := deck.Queued, "papers.bib"
	wantPapers := []deck.Paper{
		{Key: "vaswani2017", Title: "Attention Is All You Need", Authors: "Ashish Vaswani, Noam Shazeer et al.", Year: 2017,
			Venue: "Advances in Neural Information Processing Systems 30", ArXiv: "1706.03762", Kind: "paper", Stage: q, File: file, Line: 8},
		{Key: "christiano2017deep", Title: "Deep Reinforcement Learning from Human Preferences",
			Authors: "Paul F. Christiano, Jan Leike, Tom B. Brown", Year: 2017, Venue: "NeurIPS",
			URL: "https://arxiv.org/abs/1706.03741v4", ArXiv: "1706.03741v4", DOI: "10.5555/3294996.3295184",
			Kind: "paper", Stage: q, File: file, Line: 18},
		{Key: "goodfellow2016", Title: "Deep Learning", Authors: "Ian Goodfellow, Yoshua Bengio, Aaron Courville", Year: 2016,
			Venue: "MIT Press", Kind: "reading", Stage: q, File: file, Line: 27},
		{Key: "schrodinger", Title: "Die gegenwärtige Situation in der Quantenmechanik — Æsthetik & Straße",
			Authors: "Erwin Schrödinger, Émile Borel, Charles de la Vallée Poussin, Google Research", Year: 1935,
			Venue: "arXiv preprint arXiv:2001.08361", URL: "https://example.org/a_b%20c", ArXiv: "2001.08361",
			DOI: "10.1007/BF01491891", Kind: "paper", Stage: q, File: file, Line: 35},
		{Key: "x-risk:2023/1", Title: "α-divergence and the “naïve” Bayes classifier", Authors: "John von Neumann Jr",
			Year: 2023, Kind: "paper", Stage: q, File: file, Line: 45},
	}
	if len(set.Papers) != len(wantPapers) {
		t.Fatalf("%d papers, want %d: %+v", len(set.Papers), len(wantPapers), set.Papers)
	}
	for i, want := range wantPapers {
		if got := set.Papers[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("paper %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	wantCards := []deck.Card{
		{ID: "bib-vaswani2017", Deck: "Papers", Kind: deck.Basic, Front: "What is the key idea of “Attention Is All You Need”?",
			Back: "Self-attention alone replaces recurrence.", Paper: "vaswani2017", File: file, Line: 8},
		{ID: "bib-goodfellow2016", Deck: "Papers", Kind: deck.Basic, Front: "What is the key idea of “Deep Learning”?",
			Back:  "The standard textbook; chapters 6–9 cover MLPs, regularisation, optimisation and CNNs.",
			Paper: "goodfellow2016", File: file, Line: 27},
	}
	if !reflect.DeepEqual(set.Cards, wantCards) {
		t.Errorf("cards:\n got %+v\nwant %+v", set.Cards, wantCards)
	}
}

func TestParseDeckOption(t *testing.T) {
	set, err := Parse("a.bib", strings.NewReader("@misc{k, title={T}, annote={A}}"), Options{Deck: "Reading::2024"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Cards) != 1 || set.Cards[0].Deck != "Reading::2024" {
		t.Fatalf("cards %+v, want one in Reading::2024", set.Cards)
	}
}

func TestParseSmall(t *testing.T) {
	tests := []struct {
		name, in string
		want     deck.Paper // only the fields set here are compared
	}{
		{"quoted with braces and quote inside", `@misc{a, title = "The {"}Quote{"} paper"}`, deck.Paper{Key: "a", Title: `The "Quote" paper`}},
		{"concatenation of macros and months", `@string{pre = "Proc. "} @misc{b, title = pre # {Things} # " in " # may}`,
			deck.Paper{Key: "b", Title: "Proc. Things in May"}},
		{"macro names ignore case", `@String{Conf = {ICLR}} @misc{c, title={T}, booktitle = CONF}`, deck.Paper{Key: "c", Title: "T", Venue: "ICLR"}},
		{"undefined macro is its own name", `@misc{d, title={T}, journal = pami}`, deck.Paper{Key: "d", Title: "T", Venue: "pami"}},
		{"later macro definition wins", `@string{v={one}} @string{v={two}} @misc{e, title=v}`, deck.Paper{Key: "e", Title: "two"}},
		{"first of two fields wins", `@misc{f, title={First}, title={Second}}`, deck.Paper{Key: "f", Title: "First"}},
		{"no trailing comma, parentheses", `@misc(g, title={T})`, deck.Paper{Key: "g", Title: "T"}},
		{"percent comments between fields", "@misc{h,\n% a comment\n title={T}, % another\n year=1999}", deck.Paper{Key: "h", Title: "T", Year: 1999}},
		{"editor when no author", `@book{i, title={T}, editor={Doe, Jane}}`, deck.Paper{Key: "i", Title: "T", Authors: "Jane Doe", Kind: "reading"}},
		{"eprinttype and arXiv prefix", `@online{j, title={T}, eprint={arXiv:2203.02155}, eprinttype={arxiv}, journaltitle={arXiv}}`,
			deck.Paper{Key: "j", Title: "T", ArXiv: "2203.02155", Venue: "arXiv"}},
		{"old arXiv id in a pdf URL", `@misc{k, title={T}, url={http://arxiv.org/pdf/hep-th/9901001v2.pdf}}`,
			deck.Paper{Key: "k", Title: "T", URL: "http://arxiv.org/pdf/hep-th/9901001v2.pdf", ArXiv: "hep-th/9901001v2"}},
		{"dx.doi.org prefix", `@misc{l, title={T}, doi={http://dx.doi.org/10.1/x\_y}}`, deck.Paper{Key: "l", Title: "T", DOI: "10.1/x_y"}},
		{"accents and symbols", "@misc{m, title={\\c{c}a \\v{s} \\u{a} \\H{o} \\k{a} \\r{a} \\=o \\.z \\^e \\~n \\`a \\o\\ \\l{} \\ae{} \\'{\\i}}}",
			deck.Paper{Key: "m", Title: "ça š ă ő ą å ō ż ê ñ à ø ł æ í"}},
		{"math and escapes", `@misc{n, title={$O(n \log n)$ at 50\% \$1 \#2 a\_b {\textit{x}} \textbf{y} \emph {z} 3--4}}`,
			deck.Paper{Key: "n", Title: "O(n log n) at 50% $1 #2 a_b x y z 3–4"}},
		{"href keeps its text", `@misc{o, title={See \href{http://x.org}{this page}}}`, deck.Paper{Key: "o", Title: "See this page"}},
		{"and inside braces is no separator", `@misc{p, title={T}, author={{Barnes and Noble} and Smith, J.}}`,
			deck.Paper{Key: "p", Title: "T", Authors: "Barnes and Noble, J. Smith"}},
		{"AND in capitals separates", `@misc{q, title={T}, author={A One AND B Two}}`, deck.Paper{Key: "q", Title: "T", Authors: "A One, B Two"}},
		{"multi-line value collapses", "@misc{r, title={Line\n   one\n\ttwo}}", deck.Paper{Key: "r", Title: "Line one two"}},
		{"BOM and text before entries", "\ufeffjunk text @ here\n@misc{s, title={T}}", deck.Paper{Key: "s", Title: "T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Parse("t.bib", strings.NewReader(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Papers) != 1 {
				t.Fatalf("%d papers, want 1", len(set.Papers))
			}
			got := set.Papers[0]
			want := tt.want
			if want.Kind == "" {
				want.Kind = "paper"
			}
			want.Stage, want.File, want.Line = deck.Queued, "t.bib", got.Line
			if !reflect.DeepEqual(got, want) {
				t.Errorf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
		msg      string
	}{
		{"unterminated brace", "@misc{a,\n title = {Open {brace,\n year = 2000}\n", 2, "title", "this { is never closed"},
		{"brace that swallows the entry", "@misc{a,\n title = {Open {brace},\n year = 2000\n}\n", 1, "", "or a brace in one of its values is unbalanced"},
		{"unterminated quote", "@misc{a,\n\n title = \"no end}\n", 3, "title", "unbalanced } inside a quoted value"},
		{"quote never closed", "@misc{a, title = \"no end\n", 1, "title", "this \" is never closed"},
		{"entry never closed", "@misc{a,\n title = {T},\n", 1, "", `entry "a" is never closed`},
		{"missing key", "\n@article{title = {T}, year = 2000}", 2, "key", "has no citation key"},
		{"empty key", "@article{, title = {T}}", 1, "key", "has no citation key"},
		{"duplicate key", "@misc{Key1, title={A}}\n\n@misc{key1, title={B}}", 3, "key", `key "key1" is already used by the entry on line 1`},
		{"year not a number", "@misc{a,\n title={T},\n year = {in press}}", 3, "year", `"in press" is not a year`},
		{"year out of range", "@misc{a, title={T}, year = 17}", 1, "year", "four-digit"},
		{"bad date", "@misc{a, title={T},\n date = {May 2020}}", 2, "date", "does not start with a four-digit year"},
		{"no title", "@misc{a,\n author = {X}}", 1, "title", `entry "a" has no title`},
		{"missing equals", "@misc{a,\n title {T}}", 2, "title", "want = after the field name"},
		{"missing comma", "@misc{a, title={T}\n year=2000}", 2, "", "where a comma or"},
		{"bad value", "@misc{a, title=,}", 1, "title", "where a value should be"},
		{"value at end", "@misc{a, title=", 1, "title", "the file ends where a value should be"},
		{"type without brace", "@misc a", 1, "", "@misc must be followed by { or ("},
		{"string without brace", "@string x", 1, "", "@string must be followed by { or ("},
		{"comment unclosed", "@comment{ never", 1, "@comment", "never closed"},
		{"invalid UTF-8", "@misc{a,\n title={caf\xe9}}", 2, "", "not valid UTF-8"},
		{"string without name", "@string{= {x}}", 1, "@string", "want NAME = VALUE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Parse("bad.bib", strings.NewReader(tt.in), Options{})
			if err == nil {
				t.Fatalf("no error; papers %+v", set.Papers)
			}
			var de *deck.Error
			if !errors.As(err, &de) {
				t.Fatalf("%v is not a *deck.Error", err)
			}
			if de.File != "bad.bib" || de.Line != tt.line || de.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v (line %d, field %q), want line %d, field %q, %q", err, de.Line, de.Field, tt.line, tt.field, tt.msg)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	// Each macro doubles the one before: 2^40 bytes if nothing stopped it.
	var b strings.Builder
	b.WriteString(`@string{m0 = "xxxxxxxxxxxxxxxx"}` + "\n")
	for i := 1; i <= 40; i++ {
		b.WriteString("@string{m" + itoa(i) + " = m" + itoa(i-1) + " # m" + itoa(i-1) + "}\n")
	}
	_, err := Parse("bomb.bib", strings.NewReader(b.String()), Options{})
	if err == nil || !strings.Contains(err.Error(), "longer than") && !strings.Contains(err.Error(), "expand to more than") {
		t.Errorf("macro bomb: err = %v", err)
	}
	long := "@misc{a, title={T}, annote={" + strings.Repeat("w ", deck.MaxCardText) + "}}"
	if _, err := Parse("long.bib", strings.NewReader(long), Options{}); err == nil || !strings.Contains(err.Error(), "annote: text is longer") {
		t.Errorf("long annote: err = %v", err)
	}
	key := "@misc{" + strings.Repeat("k", maxKey+1) + ", title={T}}"
	if _, err := Parse("key.bib", strings.NewReader(key), Options{}); err == nil || !strings.Contains(err.Error(), "key is longer") {
		t.Errorf("long key: err = %v", err)
	}
}

func itoa(i int) string {
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
