package deck

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

const header = "---\ndeck: Test::Sub\ntags: [a, b]\nsource: Section one\n---\n"

func mustParse(t *testing.T, text string) *File {
	t.Helper()
	f, err := Parse("t.md", strings.NewReader(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseCards(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Card
	}{
		{
			name: "basic",
			body: "Q: What is FSRS?\nA: A scheduler.\n",
			want: []Card{{ID: HashID("What is FSRS?"), Kind: Basic, Front: "What is FSRS?", Back: "A scheduler.", Line: 6}},
		},
		{
			name: "multi-line sides and attributes",
			body: "# A heading\n\nQ: Line one\nline two\nA: Answer one\nanswer two\nid: my-card\ntags: extra, b\nsource: Section two\n",
			want: []Card{{ID: "my-card", Kind: Basic, Front: "Line one\nline two", Back: "Answer one\nanswer two",
				Tags: []string{"a", "b", "extra"}, Source: "Section two", Line: 8}},
		},
		{
			name: "cards without a blank line between them",
			body: "Q: One?\nA: 1\nQ: Two?\nA: 2\n",
			want: []Card{
				{ID: HashID("One?"), Kind: Basic, Front: "One?", Back: "1", Line: 6},
				{ID: HashID("Two?"), Kind: Basic, Front: "Two?", Back: "2", Line: 8},
			},
		},
		{
			name: "cloze makes one card per number",
			body: "C: {{c1::Empirical}} and {{c2::theoretical::kind}} work, {{c1::again}}.\nA: extra\nid: kinds\n",
			want: []Card{
				{ID: "kinds/c1", Kind: Cloze, Ord: 1, Front: "{{c1::Empirical}} and {{c2::theoretical::kind}} work, {{c1::again}}.", Back: "extra", Line: 6},
				{ID: "kinds/c2", Kind: Cloze, Ord: 2, Front: "{{c1::Empirical}} and {{c2::theoretical::kind}} work, {{c1::again}}.", Back: "extra", Line: 6},
			},
		},
		{
			name: "bracket cloze numbers after explicit ones",
			body: "C: [[alpha]] {{c2::beta}} [[gamma]]\n",
			want: []Card{
				{ID: HashID("[[alpha]] {{c2::beta}} [[gamma]]") + "/c2", Kind: Cloze, Ord: 2, Front: "[[alpha]] {{c2::beta}} [[gamma]]", Line: 6},
				{ID: HashID("[[alpha]] {{c2::beta}} [[gamma]]") + "/c3", Kind: Cloze, Ord: 3, Front: "[[alpha]] {{c2::beta}} [[gamma]]", Line: 6},
				{ID: HashID("[[alpha]] {{c2::beta}} [[gamma]]") + "/c4", Kind: Cloze, Ord: 4, Front: "[[alpha]] {{c2::beta}} [[gamma]]", Line: 6},
			},
		},
		{
			name: "a key-idea card waits for its paper",
			body: "Q: What does ELK ask?\nA: How to get what a model knows.\npaper: elk\nunlock: read\nid: elk-question\n",
			want: []Card{{ID: "elk-question", Kind: Basic, Front: "What does ELK ask?", Back: "How to get what a model knows.",
				Paper: "elk", Unlock: Read, Line: 6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, header+tt.body)
			for i := range tt.want {
				w := &tt.want[i]
				w.Deck, w.File = "Test::Sub", "t.md"
				if w.Tags == nil {
					w.Tags = []string{"a", "b"}
				}
				if w.Source == "" {
					w.Source = "Section one"
				}
			}
			if !reflect.DeepEqual(f.Cards, tt.want) {
				t.Errorf("cards:\n got %+v\nwant %+v", f.Cards, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		field      string
		msg        string
	}{
		{"no front matter", "Q: x\nA: y\n", 1, "", "front-matter block"},
		{"unclosed front matter", "---\ndeck: x\n", 1, "", "never closed"},
		{"missing deck", "---\ntags: a\n---\n", 2, "deck", "must name a deck"},
		{"unknown key", "---\ndeck: x\ncolour: red\n---\n", 3, "colour", "unknown front-matter key"},
		{"bad yaml", "---\ndeck: x\nfoo: bar: baz\n---\n", 3, "front matter", "mapping values"},
		{"paper without title", "---\ndeck: x\npapers:\n  - key: p1\n---\n", 4, "paper.title", "needs a title"},
		{"bad difficulty", "---\ndeck: x\npaper:\n  key: p1\n  title: T\n  difficulty: brutal\n---\n", 6, "paper.difficulty", "want one of"},
		{"bad year", "---\ndeck: x\npaper:\n  key: p1\n  title: T\n  year: 19\n---\n", 6, "paper.year", "four-digit"},
		{"unknown paper field", "---\ndeck: x\npaper:\n  key: p1\n  title: T\n  pages: 3\n---\n", 6, "paper.pages", "unknown paper field"},
		{"duplicate paper", "---\ndeck: x\npapers:\n  - key: p1\n    title: T\n  - key: p1\n    title: U\n---\n", 6, "papers", "defined twice"},
		{"stray text", header + "\nhello\n", 7, "", "expected a card"},
		{"answer without question", header + "A: y\n", 6, "", "expected a card"},
		{"no answer", header + "Q: x\n\nQ: y\nA: z\n", 6, "A", "no answer"},
		{"empty answer", header + "Q: x\nA:\n", 6, "A", "no answer"},
		{"two answers", header + "Q: x\nA: y\nA: z\n", 8, "A", "already has an answer"},
		{"bad id", header + "Q: x\nA: y\nid: has space\n", 8, "id", "one word of up to 200"},
		{"empty attribute", header + "Q: x\nA: y\ntags:\n", 8, "tags", "empty value"},
		{"text after attributes", header + "Q: x\nA: y\nid: a\nmore\n", 9, "", "text after"},
		{"cloze without deletion", header + "C: nothing hidden\n", 6, "C", "at least one deletion"},
		{"bad cloze", header + "C: {{x::y}}\n", 6, "C", "want {{c1::text}}"},
		{"unclosed cloze", header + "C: {{c1::y\n", 6, "C", "unclosed"},
		{"empty front", header + "Q:\nA: y\n", 6, "Q", "empty front"},
		{"unlock without paper", header + "Q: x\nA: y\nunlock: read\n", 6, "unlock", "needs a \"paper: KEY\""},
		{"unlock at queued", header + "Q: x\nA: y\npaper: p\nunlock: queued\n", 9, "unlock", "read, understood or replicated"},
		{"unlock unknown stage", header + "Q: x\nA: y\npaper: p\nunlock: skimmed\n", 9, "unlock", "read, understood or replicated"},
		{"not utf-8", "---\ndeck: x\n---\nQ: \xff\nA: y\n", 0, "", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.md", strings.NewReader(tt.text))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *deck.Error", err)
			}
			if pe.File != "bad.md" || pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("at %s:%d field %q, want bad.md:%d field %q (%v)", pe.File, pe.Line, pe.Field, tt.line, tt.field, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func TestParsePapers(t *testing.T) {
	text := "---\ndeck: P\npaper:\n  key: main\n  title: \"A: colon title\"\n  year: 2019\n  difficulty: very easy\n" +
		"papers:\n  - key: other\n    title: Other\n---\nQ: q1\nA: a1\n\nQ: q2\nA: a2\npaper: other\n"
	f := mustParse(t, text)
	if len(f.Papers) != 2 {
		t.Fatalf("papers = %d, want 2", len(f.Papers))
	}
	p := f.Papers[0]
	if p.Key != "main" || p.Title != "A: colon title" || p.Year != 2019 || p.Difficulty != "very easy" || p.Stage != Queued || p.Line != 4 {
		t.Errorf("paper = %+v", p)
	}
	if f.Cards[0].Paper != "main" || f.Cards[1].Paper != "other" {
		t.Errorf("card papers = %q, %q; want main, other", f.Cards[0].Paper, f.Cards[1].Paper)
	}
}

func TestMergeErrors(t *testing.T) {
	a := mustParse(t, header+"Q: same\nA: 1\n")
	b, _ := Parse("u.md", strings.NewReader(header+"Q:   same\nA: 2\n"))
	if _, err := Merge([]*File{a, b}); err == nil || !strings.Contains(err.Error(), "u.md:6: id") || !strings.Contains(err.Error(), "t.md:6") {
		t.Errorf("duplicate front: err = %v, want both places named", err)
	}
	c := mustParse(t, header+"Q: x\nA: y\npaper: nowhere\n")
	if _, err := Merge([]*File{c}); err == nil || !strings.Contains(err.Error(), `no paper with key "nowhere"`) {
		t.Errorf("dangling paper: err = %v", err)
	}
}

func TestCloze(t *testing.T) {
	text := "The {{c1::cat}} sat on the {{c2::mat::thing}}."
	tests := []struct {
		ord         int
		front, back string
	}{
		{1, "The [...] sat on the mat.", "The [cat] sat on the mat."},
		{2, "The cat sat on the [thing].", "The cat sat on the [mat]."},
	}
	for _, tt := range tests {
		if got := ClozeFront(text, tt.ord); got != tt.front {
			t.Errorf("front %d = %q, want %q", tt.ord, got, tt.front)
		}
		if got := ClozeBack(text, tt.ord, nil); got != tt.back {
			t.Errorf("back %d = %q, want %q", tt.ord, got, tt.back)
		}
	}
	c := Card{Kind: Cloze, Front: text, Back: "extra", Ord: 1}
	_, back := c.Shown(strings.ToUpper)
	if back != "The CAT sat on the mat.\n\nextra" {
		t.Errorf("Shown back = %q", back)
	}
}

func TestParseRating(t *testing.T) {
	for in, want := range map[string]Rating{"1": Again, "again": Again, "Hard": Hard, "3": Good, "EASY": Easy, "5": 0, "": 0} {
		got, ok := ParseRating(in)
		if got != want || ok != (want != 0) {
			t.Errorf("ParseRating(%q) = %v, %v", in, got, ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(header + "Q: a\nA: b\n")
	f.Add(header + "C: {{c1::x::h}} [[y]]\nA: e\nid: z\n")
	f.Add("---\ndeck: d\npaper:\n  key: k\n  title: t\n---\nQ: q\nA: a\n")
	f.Fuzz(func(t *testing.T, text string) {
		file, err := Parse("fuzz.md", strings.NewReader(text))
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.File != "fuzz.md" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		for _, c := range file.Cards {
			if c.ID == "" || c.Front == "" || c.Deck == "" {
				t.Fatalf("card with empty id, front or deck: %+v", c)
			}
			if c.Kind == Cloze {
				front, _ := c.Shown(nil)
				if !strings.Contains(front, "[") {
					t.Fatalf("cloze front %q hides nothing", front)
				}
			}
		}
	})
}

// An exported file reads back to the same cards, waiting cards included.
func TestWriteMarkdownRoundTrip(t *testing.T) {
	in := mustParse(t, "---\ndeck: D\npapers:\n  - key: p\n    title: P\n    arxiv: \"1706.03741\"\n---\n"+
		"Q: plain?\nA: yes\nid: plain\n\n"+
		"Q: key idea?\nA: idea\npaper: p\nunlock: read\nid: idea\n\n"+
		"C: {{c1::one}} and {{c2::two}}\npaper: p\nunlock: understood\nid: cz\n")
	var b strings.Builder
	w, err := NewMarkdownWriter(&b, "D", in.Papers, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in.Cards {
		if err := w.Write(&in.Cards[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := mustParse(t, b.String())
	for i := range in.Cards {
		in.Cards[i].Line, out.Cards[i].Line = 0, 0
	}
	if !reflect.DeepEqual(out.Cards, in.Cards) {
		t.Errorf("round trip:\n got %+v\nwant %+v\nfile:\n%s", out.Cards, in.Cards, b.String())
	}
	if len(out.Papers) != 1 || out.Papers[0].ArXiv != "1706.03741" {
		t.Errorf("papers = %+v", out.Papers)
	}
}

// validID keeps the rule of the pattern it replaced, `^\S{1,200}$`.
func TestValidIDMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(`^\S{1,200}$`)
	for _, id := range []string{"", "a", "intro-audience", "two/c1", "a b", "a\tb", "x\n", "\fy", "é", "日本語",
		strings.Repeat("x", 200), strings.Repeat("x", 201), strings.Repeat("é", 200), strings.Repeat("é", 201), "\xff", "a\u00a0b"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, the pattern says %v", id, got, want)
		}
	}
}
