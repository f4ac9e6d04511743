package textimport

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"loci/deck"
)

// side is the front and back of a card, for tests that look only at text.
type side struct{ Front, Back string }

func sides(set *deck.Set) []side {
	var out []side
	for _, c := range set.Cards {
		out = append(out, side{c.Front, c.Back})
	}
	return out
}

func TestParseColumnsAndOptions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  Options
		want []side
		tags [][]string
	}{
		{"columns by name", "#separator:tab\n#columns:Back\tFront\nanswer\tquestion\n", Options{},
			[]side{{"question", "answer"}}, [][]string{nil}},
		{"columns by name with tags", "#separator:comma\n#columns:Tags,Text,Extra\nt1 t2,{{c1::x}} y,more\n", Options{},
			[]side{{"{{c1::x}} y", "more"}}, [][]string{{"t1", "t2"}}},
		{"named columns turn off implicit tags", "#separator:tab\n#columns:Front\tBack\tSource\nq\ta\tbook\n", Options{},
			[]side{{"q", "a"}}, [][]string{nil}},
		{"unnamed columns go by position", "#columns:Word\tMeaning\nperro\tdog\n", Options{},
			[]side{{"perro", "dog"}}, [][]string{nil}},
		{"meta columns are skipped", "#separator:tab\n#deck column:1\n#guid column:3\nD\tq\tg1\ta\n", Options{},
			[]side{{"q", "a"}}, [][]string{nil}},
		{"separator option wins", "#separator:tab\na;b\tc\n", Options{Separator: ';'},
			[]side{{"a", "b\tc"}}, [][]string{nil}},
		{"space separator", "#separator:Space\nhola hello greeting\n", Options{},
			[]side{{"hola", "hello"}}, [][]string{{"greeting"}}},
		{"html sniffed", "q<br>x\t<b>a</b>\n", Options{},
			[]side{{"q\nx", "a"}}, [][]string{nil}},
		{"html sniffed only in the first five records", "a\tb\nc\td\ne\tf\ng\th\ni\tj\nk\t<b>l</b>\n", Options{},
			[]side{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}, {"i", "j"}, {"k", "<b>l</b>"}}, [][]string{nil, nil, nil, nil, nil, nil}},
		{"html off keeps tags as text", "#html:false\nq<br>x\t<b>a</b>\n", Options{},
			[]side{{"q<br>x", "<b>a</b>"}}, [][]string{nil}},
		{"html forced on", "#html:true\nq\ta &amp; b\n", Options{},
			[]side{{"q", "a & b"}}, [][]string{nil}},
		{"comments after the head are skipped", "q1\ta1\n#tags:not a header\nq2\ta2\n", Options{},
			[]side{{"q1", "a1"}, {"q2", "a2"}}, [][]string{nil, nil}},
		{"extra columns after tags are ignored", "q\ta\tt\textra\n", Options{},
			[]side{{"q", "a"}}, [][]string{{"t"}}},
		{"file and row tags deduplicated", "#tags:x y\nq\ta\ty z y\n", Options{},
			[]side{{"q", "a"}}, [][]string{{"x", "y", "z"}}},
		{"CRLF line ends", "#separator:comma\r\n#html:false\r\nq,a\r\n", Options{},
			[]side{{"q", "a"}}, [][]string{nil}},
		{"empty file", "", Options{}, nil, nil},
		{"only headers", "#separator:tab\n#html:true\n", Options{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Parse("t.txt", strings.NewReader(tt.in), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := sides(set); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cards %q, want %q", got, tt.want)
			}
			var tags [][]string
			for _, c := range set.Cards {
				tags = append(tags, c.Tags)
			}
			if !reflect.DeepEqual(tags, tt.tags) {
				t.Errorf("tags %q, want %q", tags, tt.tags)
			}
		})
	}
}

// A "tags:" line is a header only as the very first line; later it is a
// note whose front is "tags:late" and which has no back.
func TestLegacyTagsLineOnlyFirst(t *testing.T) {
	set, err := Parse("t.txt", strings.NewReader("#x\ntags:late\nq\ta\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Warnings) != 1 || set.Warnings[0].Line != 2 || !strings.Contains(set.Warnings[0].Detail, "a basic note needs a front and a back") {
		t.Fatalf("warnings = %v, want line 2 without a back", set.Warnings)
	}
	if len(set.Cards) != 1 || set.Cards[0].Tags != nil {
		t.Errorf("cards = %+v, want q/a without tags", set.Cards)
	}
}

func TestParseDecksAndIDs(t *testing.T) {
	in := "#separator:tab\n#deck:Default deck\n#deck column:1\n#guid column:2\n" +
		"Lang::French\tg1\tbonjour\thello\n" +
		"\tg2\tmerci\tthanks\n" +
		"Lang::French\t\tau revoir\tgoodbye\n"
	set, err := Parse("d.txt", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, deck string }{
		{"anki-g1/0", "Lang::French"},
		{"anki-g2/0", "Default deck"},        // empty deck cell: the #deck: line
		{"f93c390afdcbdb85", "Lang::French"}, // empty guid: hash of the front
	}
	if len(set.Cards) != len(want) {
		t.Fatalf("%d cards, want %d", len(set.Cards), len(want))
	}
	for i, w := range want {
		if c := set.Cards[i]; c.ID != w.id || c.Deck != w.deck {
			t.Errorf("card %d: id %q deck %q, want %q %q", i, c.ID, c.Deck, w.id, w.deck)
		}
	}
}

func TestParseLimits(t *testing.T) {
	big := strings.Repeat("x", deck.MaxCardText+1)
	tests := []struct {
		name, in, field, msg string
	}{
		{"front too long", big + "\tb\n", "column 1 (front)", "longer than 64 KiB"},
		{"back too long", "f\t" + big + "\n", "column 2 (back)", "longer than 64 KiB"},
		{"raw field too large", "f\t" + strings.Repeat("y", maxRawField+1) + "\n", "column 2", "larger than 1024 KiB"},
		{"header line too long", "#columns:" + strings.Repeat("c", 70<<10) + "\n", "", "header line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("big.tsv", strings.NewReader(tt.in), Options{})
			var de *deck.Error
			if !errors.As(err, &de) || de.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want field %q and %q", err, tt.field, tt.msg)
			}
		})
	}
	if _, err := Parse("x", strings.NewReader("a\tb\n"), Options{Separator: '"'}); err == nil {
		t.Error("a quote was accepted as separator")
	}
}

func TestCappedReader(t *testing.T) {
	c := &capped{r: strings.NewReader("0123456789"), left: 4}
	got, err := io.ReadAll(c)
	if !errors.Is(err, errTooLarge) || string(got) != "0123" {
		t.Errorf("over the cap: read %q, %v; want \"0123\", errTooLarge", got, err)
	}
	c = &capped{r: strings.NewReader("0123"), left: 4}
	if got, err := io.ReadAll(c); err != nil || string(got) != "0123" {
		t.Errorf("at the cap: read %q, %v; want \"0123\", nil", got, err)
	}
}

// loci's own CSV export puts "loci:" and the card id in the guid column.
func TestLociGUIDKeepsIDs(t *testing.T) {
	text := "#separator:Comma\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n" +
		"#columns:guid,notetype,deck,front,back,tags\n" +
		"loci:wave-speed,Basic,Physics,What sets wave speed?,f times lambda,physics\n" +
		"loci:wave-terms,Cloze,Physics,A {{c1::frequency}} and a {{c2::wavelength}},,\n"
	set, err := Parse("export.csv", strings.NewReader(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range set.Cards {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "wave-speed wave-terms/c1 wave-terms/c2" {
		t.Errorf("ids = %s, want wave-speed wave-terms/c1 wave-terms/c2", got)
	}
}
