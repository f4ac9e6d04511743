package bibtex

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
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
		{"undefined macro is empty", `@misc{d, title={T}, journal = pami}`, deck.Paper{Key: "d", Title: "T"}},
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

// Each flaw of an entry leaves it out (or a value empty) with a warning
// naming line and field, and the entry after it still imports.
func TestParseWarnings(t *testing.T) {
	const next = "\n@misc{next, title = {Next}}\n"
	tests := []struct {
		name, in string
		line     int
		field    string
		group    string
		skipped  bool
		detail   string
		keys     []string // the papers kept
	}{ // a case without a group wants no warning
		{"unterminated brace", "@misc{a,\n title = {Open {brace,\n year = 2000}\n" + next, 2, "title", groupSyntax, true,
			`@misc "a": title: this { is never closed (a brace is missing): the value runs on into the entry on line 5`, []string{"next"}},
		{"brace that swallows the entry", "@misc{a,\n title = {Open {brace},\n year = 2000\n}\n" + next, 1, "", groupSyntax, true,
			`entry "a" is not closed before the next entry on line 6: a brace in one of its values may be unbalanced`, []string{"next"}},
		{"unterminated quote", "@misc{a,\n\n title = \"no end}\n" + next, 3, "title", groupSyntax, true,
			`this " is not closed before the unbalanced } on line 3`, []string{"next"}},
		{"value that swallows the next entry", "@misc{a,\n title = {Open {brace,\n year = 2000}\n@misc{b, title={B}}" + next, 2, "title",
			groupSyntax, true, `@misc "a": title: this { is never closed (a brace is missing): the value runs on into the entry on line 4`,
			[]string{"b", "next"}},
		{"value that closes after the next entry", "@misc{a, title = {Open {x}\n@misc{b, title={B}}}" + next, 1, "title",
			groupSyntax, true, `title: this { is never closed (a brace is missing): the value runs on into the entry on line 2`,
			[]string{"b", "next"}},
		{"quote never closed", "@misc{a, title = \"no end\n" + next, 1, "title", groupSyntax, true,
			`this " is never closed: the value runs on into the entry on line 3`, []string{"next"}},
		{"entries side by side on one line", "@misc{a, title={A}} @misc{b title={B}} @misc{c, title={C}}" + next, 1, "", groupSyntax, true,
			`@misc "b": a comma is missing before "title"`, []string{"a", "c", "next"}},
		{"an address after the error is no entry", "@misc{a, author={X} note={mail x@y.org or @home(}, title={A}}" + next, 1, "", groupSyntax, true,
			`@misc "a": a comma is missing before "note"`, []string{"next"}},
		{"an @ at a line start inside a value is text", "@misc{a, title = {Mail\n@ home, or\n@alice on social media}}" + next, 0, "", "", false,
			"", []string{"a", "next"}},
		{"entry never closed", "@misc{a,\n title = {T},\n" + next, 1, "", groupSyntax, true,
			`entry "a" is not closed before the next entry on line 4`, []string{"next"}},
		{"missing key", "\n@article{title = {T}, year = 2000}" + next, 2, "key", groupSyntax, true,
			"@article has no citation key", []string{"next"}},
		{"empty key", "@article{, title = {T}}" + next, 1, "key", groupSyntax, true, "has no citation key", []string{"next"}},
		{"missing equals", "@misc{a,\n title {T}}" + next, 2, "title", groupSyntax, true, "want = after the field name", []string{"next"}},
		{"missing comma", "@misc{a, title={T}\n year=2000}" + next, 2, "", groupSyntax, true, `a comma is missing before "year"`, []string{"next"}},
		{"junk between fields", "@misc{a, title={T} = year}" + next, 1, "", groupSyntax, true, `found '=' in entry "a" where a comma or '}' should be`, []string{"next"}},
		{"bad value", "@misc{a, title=,}" + next, 1, "title", groupSyntax, true, "where a value should be", []string{"next"}},
		{"type without brace", "@misc a" + next, 1, "", groupSyntax, true, "@misc must be followed by { or (", []string{"next"}},
		{"long key", "@misc{" + strings.Repeat("k", maxKey+1) + ", title={T}}" + next, 1, "key", groupSyntax, true,
			"citation key is longer than 128 bytes", []string{"next"}},
		{"string without brace", "@string x" + next, 1, "", groupCommand, false, "@string must be followed", []string{"next"}},
		{"string without name", "@string{= {x}}" + next, 1, "@string", groupCommand, false, "want NAME = VALUE", []string{"next"}},
		{"comment unclosed", "@comment{ never" + next, 1, "@comment", groupCommand, false, "never closed", []string{"next"}},
		{"repeated key keeps the first", "@misc{Key1, title={A}}\n\n@misc{key1, title={B}}" + next, 3, "key", groupRepeated, true,
			`"key1", first on line 1`, []string{"Key1", "next"}},
		{"key repeating an alias", "@misc{a, ids={old}, title={A}}\n@misc{old, title={B}}" + next, 2, "key", groupRepeated, true,
			`"old" is an alias (ids) of "a" on line 1`, []string{"a", "next"}},
		{"no title", "@misc{a,\n author = {X}}" + next, 1, "title", groupNoTitle, true, `@misc "a"`, []string{"next"}},
		{"empty title", "@misc{a, title = {{}}}" + next, 1, "title", groupNoTitle, true, `@misc "a"`, []string{"next"}},
		{"crossref only", "@inproceedings{a, crossref = {next}}" + next, 1, "title", groupNoTitle, true, `"a"`, []string{"next"}},
		{"set", "@set{s, entryset = {next}}" + next, 1, "", groupContainer, true, `@set "s"`, []string{"next"}},
		{"xdata", "@xdata{x, publisher = {P}, title = {T}}" + next, 1, "", groupContainer, true, `@xdata "x"`, []string{"next"}},
		{"undefined macro", "@misc{a,\n title = {T},\n journal = pami # { 12}}" + next, 3, "journal", groupMacro, false, `"pami"`, []string{"a", "next"}},
		{"undefined macro in a string", "@string{j = jmlr}" + next, 1, "j", groupMacro, false, `"jmlr"`, []string{"next"}},
		{"year not a number", "@misc{a,\n title={T},\n year = {in press}}" + next, 3, "year", groupYear, false,
			`"in press" in "a"`, []string{"a", "next"}},
		{"year out of range", "@misc{a, title={T}, year = 17}" + next, 1, "year", groupYear, false, `"17"`, []string{"a", "next"}},
		{"bad date", "@misc{a, title={T},\n date = {May 2020}}" + next, 2, "date", groupYear, false, `"May 2020"`, []string{"a", "next"}},
		{"missing crossref", "@inproceedings{a, title={T},\n crossref = {proc}}" + next, 2, "crossref", groupCrossref, false,
			`"proc" in "a"`, []string{"a", "next"}},
		{"unknown command", "@misc{a,\n title={\\foo{T}}}" + next, 2, "title", groupLaTeX, false, `\foo`, []string{"a", "next"}},
		{"long title", "@misc{a, title={" + strings.Repeat("w ", deck.MaxCardText) + "}}" + next, 1, "title", groupLongTitle, true,
			`"a"`, []string{"next"}},
		{"long note", "@misc{a, title={T}, annote={" + strings.Repeat("w ", deck.MaxCardText) + "}}" + next, 1, "annote",
			groupLongNote, true, `"a"`, []string{"a", "next"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Parse("bad.bib", strings.NewReader(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if keys := paperKeys(set); !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("papers %q, want %q", keys, tt.keys)
			}
			if tt.group == "" {
				if len(set.Warnings) != 0 {
					t.Errorf("warnings %+v, want none", set.Warnings)
				}
				return
			}
			if len(set.Warnings) != 1 {
				t.Fatalf("warnings %+v, want one", set.Warnings)
			}
			w := set.Warnings[0]
			if w.File != "bad.bib" || w.Line != tt.line || w.Field != tt.field || w.Group != tt.group || w.Skipped != tt.skipped ||
				!strings.Contains(w.Detail, tt.detail) {
				t.Errorf("warning %+v,\nwant line %d, field %q, group %q, skipped %v, detail with %q", w, tt.line, tt.field, tt.group, tt.skipped, tt.detail)
			}
		})
	}
}

// An unknown command warns once per file, at its first use, however
// often it comes.
func TestParseUnknownCommandOnce(t *testing.T) {
	in := "@misc{a, title = {\\hologo{BibTeX}ing}}\n@misc{b,\n title = {\\hologo{LaTeX} and \\oldstylenums{1987}}}\n"
	set, err := Parse("cmd.bib", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range set.Warnings {
		got = append(got, fmt.Sprintf("%d %s %s", w.Line, w.Field, w.Detail))
	}
	if want := []string{`1 title \hologo`, `3 title \oldstylenums`}; !reflect.DeepEqual(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
	if set.Papers[1].Title != "LaTeX and 1987" {
		t.Errorf("title %q", set.Papers[1].Title)
	}
}

// Windows line ends change nothing: lines, resynchronisation, values.
func TestParseCRLF(t *testing.T) {
	in := strings.ReplaceAll("@misc{a,\n  title = {Open {brace,\n}\n\n  @misc{b,\n  title = {B\n  two}}\n", "\n", "\r\n")
	set, err := Parse("crlf.bib", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if keys := paperKeys(set); !reflect.DeepEqual(keys, []string{"b"}) || set.Papers[0].Title != "B two" || set.Papers[0].Line != 5 {
		t.Errorf("papers %+v", set.Papers)
	}
	if len(set.Warnings) != 1 || set.Warnings[0].Line != 2 || !strings.Contains(set.Warnings[0].Detail, "runs on into the entry on line 5") {
		t.Errorf("warnings %+v", set.Warnings)
	}
}

// Only a file that is not BibTeX at all is refused.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"invalid UTF-8", "@misc{a,\n title={caf\xe9}}", 2, "not valid UTF-8"},
		{"no entries", "Title: Attention\nauthor = Vaswani, year = 2017\n", 0, "no BibTeX entries"},
		{"empty", "", 0, "no BibTeX entries"},
		{"an address is no entry", "write to someone@example.org", 0, "no BibTeX entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Parse("bad.bib", strings.NewReader(tt.in), Options{})
			if err == nil {
				t.Fatalf("no error; set %+v", set)
			}
			var de *deck.Error
			if !errors.As(err, &de) {
				t.Fatalf("%v is not a *deck.Error", err)
			}
			if de.File != "bad.bib" || de.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v (line %d), want line %d, %q", err, de.Line, tt.line, tt.msg)
			}
		})
	}
}

// A file of @string definitions alone is BibTeX with nothing to import.
func TestParseOnlyStrings(t *testing.T) {
	set, err := Parse("abbrev.bib", strings.NewReader("@string{pami = {IEEE TPAMI}}\n@string{jmlr = {JMLR}}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Papers) != 0 || len(set.Warnings) != 1 || set.Warnings[0].Group != groupNoEntries || set.Warnings[0].Skipped {
		t.Errorf("papers %+v, warnings %+v", set.Papers, set.Warnings)
	}
}

func TestParseLimits(t *testing.T) {
	// Each macro doubles the one before: 2^40 bytes if nothing stopped it.
	// The values stop growing at maxValue; the rest are warnings.
	var b strings.Builder
	b.WriteString(`@string{m00 = "xxxxxxxxxxxxxxxx"}` + "\n")
	for i := 1; i <= 40; i++ {
		b.WriteString("@string{m" + itoa(i) + " = m" + itoa(i-1) + " # m" + itoa(i-1) + "}\n")
	}
	b.WriteString("@misc{a, title = {T}}\n")
	set, err := Parse("bomb.bib", strings.NewReader(b.String()), Options{})
	if err != nil || len(set.Papers) != 1 || len(set.Warnings) == 0 || !strings.Contains(set.Warnings[0].Detail, "value is longer than") {
		t.Errorf("doubling macros: err = %v, set %+v", err, set)
	}
	// A large macro used many times stops the file.
	b.Reset()
	b.WriteString("@string{big = {" + strings.Repeat("x", maxValue-10) + "}}\n")
	for i := 0; i < maxExpanded/maxValue+2; i++ {
		b.WriteString("@misc{k" + strconv.Itoa(i) + ", title = big}\n")
	}
	if _, err := Parse("bomb.bib", strings.NewReader(b.String()), Options{}); err == nil || !strings.Contains(err.Error(), "expand to more than") {
		t.Errorf("macro used too often: err = %v", err)
	}
}

func itoa(i int) string {
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
