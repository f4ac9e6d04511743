package textimport

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"loci/deck"
)

// card is what a test expects of a parsed card.
type card struct {
	ID    string
	Deck  string
	Kind  deck.Kind
	Ord   int
	Front string
	Back  string
	Tags  []string
	Line  int
}

func parseFile(t *testing.T, path string, opt Options) (*deck.Set, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(filepath.Base(path), f, opt)
}

// The expected values below were worked out by hand from the files in
// testdata/; the hash ids are the first 16 hex digits of `printf '%s' FRONT
// | sha256sum`.
func TestParseFiles(t *testing.T) {
	b, c := deck.Basic, deck.Cloze
	tests := []struct {
		file string
		opt  Options
		want []card
	}{
		{"anki-notes.txt", Options{}, []card{
			{"anki-a1B2c3D4e5/0", "Spanish::Verbs", b, 0, "hablar", "to speak\n(regular -ar verb)", []string{"verbs", "regular"}, 7},
			{"anki-f6G7h8I9j0/c1", "Spanish::Grammar", c, 1, "The verb {{c1::ser}} is used for {{c2::permanent}} traits", "Compare estar.", []string{"grammar"}, 8},
			{"anki-f6G7h8I9j0/c2", "Spanish::Grammar", c, 2, "The verb {{c1::ser}} is used for {{c2::permanent}} traits", "Compare estar.", []string{"grammar"}, 8},
			{"anki-k1L2m3N4o5/0", "Spanish", b, 0, "Line one\n\"quoted\" word", "<tag> & entity here", nil, 9},
		}},
		{"anki-notes.txt", Options{Deck: "Mine :: Sub"}, []card{
			{"anki-a1B2c3D4e5/0", "Mine::Sub", b, 0, "hablar", "to speak\n(regular -ar verb)", []string{"verbs", "regular"}, 7},
			{"anki-f6G7h8I9j0/c1", "Mine::Sub", c, 1, "The verb {{c1::ser}} is used for {{c2::permanent}} traits", "Compare estar.", []string{"grammar"}, 8},
			{"anki-f6G7h8I9j0/c2", "Mine::Sub", c, 2, "The verb {{c1::ser}} is used for {{c2::permanent}} traits", "Compare estar.", []string{"grammar"}, 8},
			{"anki-k1L2m3N4o5/0", "Mine::Sub", b, 0, "Line one\n\"quoted\" word", "<tag> & entity here", nil, 9},
		}},
		{"anki-fixed.csv", Options{}, []card{
			{"2b9c884cffec0e7d", "Physics::Units", b, 0, "Unit of force", "newton (N)", []string{"physics", "si", "mechanics"}, 7},
			{"b9dd39c2d863fd25", "Physics::Units", b, 0, "Unit of energy", "joule (J)", []string{"physics", "si"}, 8},
			{"81bb5e744c41b593", "Physics::Units", b, 0, "Unit of power; in SI", "watt (W)", []string{"physics", "si", "energy"}, 9},
		}},
		{"headerless.tsv", Options{}, []card{
			{"115049a298532be2", "Imported", b, 0, "What is the capital of France?", "Paris", nil, 1},
			{"f8ae88cc54e5f480", "Imported", b, 0, "Largest planet?", "Jupiter", []string{"astronomy", "solar-system"}, 2},
			{"d326b9edba394980", "Imported", b, 0, "2 + 2 = ?", "4", nil, 3},
		}},
		{"quoted-bom.csv", Options{}, []card{
			{"63300a41bba8d392", "Imported", b, 0, "Name the three primary colours", "Red,\nyellow,\nblue", nil, 1},
			{"6f114e214881e6a4", "Imported", b, 0, "A \"quoted\" word", "It's fine", nil, 4},
			{"8de10c68e8b5250c", "Imported", b, 0, "Plain front", "plain back", nil, 5},
		}},
		// UTF-16 with a byte order mark, both ways round, CRLF line ends.
		{"utf16le-bom.txt", Options{}, []card{
			{"bc98abaa4df80578", "Deutsch", b, 0, "der Bär", "the bear", []string{"nouns"}, 5},
			{"1a028e829b255703", "Deutsch", b, 0, "schön", "beautiful\npretty", []string{"adjectives"}, 6},
		}},
		{"utf16be-bom.txt", Options{}, []card{
			{"bc98abaa4df80578", "Deutsch", b, 0, "der Bär", "the bear", []string{"nouns"}, 5},
			{"1a028e829b255703", "Deutsch", b, 0, "schön", "beautiful\npretty", []string{"adjectives"}, 6},
		}},
		{"cloze.txt", Options{}, []card{
			{"4b01390e625f307c/c1", "Imported", c, 1, "{{c1::Canberra}} is the capital of {{c2::Australia}}.", "Not Sydney.", nil, 4},
			{"4b01390e625f307c/c2", "Imported", c, 2, "{{c1::Canberra}} is the capital of {{c2::Australia}}.", "Not Sydney.", nil, 4},
			{"d01e43257f9d74df/c1", "Imported", c, 1, "The {{c1::mitochondrion::organelle}} is the powerhouse of the cell.", "", nil, 5},
		}},
		{"legacy-pipe.txt", Options{}, []card{
			{"4450ce75fd899efe", "Imported", b, 0, "Front one", "Back one", []string{"legacy", "imported"}, 2},
			{"190b948fd4041944/c1", "Imported", c, 1, "{{c2::Two}} and {{c1::one}}", "extra", []string{"legacy", "imported"}, 4},
			{"190b948fd4041944/c2", "Imported", c, 2, "{{c2::Two}} and {{c1::one}}", "extra", []string{"legacy", "imported"}, 4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.opt.Deck, func(t *testing.T) {
			set, err := parseFile(t, filepath.Join("testdata", tt.file), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []card
			for _, c := range set.Cards {
				if c.File != tt.file {
					t.Errorf("card %s: File=%q, want %q", c.ID, c.File, tt.file)
				}
				got = append(got, card{c.ID, c.Deck, c.Kind, c.Ord, c.Front, c.Back, c.Tags, c.Line})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cards:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		file  string
		line  int
		field string
		msg   string // a part of the message
	}{
		{"unterminated-quote.csv", 3, "", `record that starts on line 2: extraneous or missing " in quoted-field`},
		{"bare-quote.csv", 2, "", `bare " in non-quoted-field`},
		{"invalid-utf8.tsv", 2, "column 1", "not valid UTF-8"},
		{"utf32le-bom.txt", 0, "", "the file is UTF-32"},
		{"bad-separator.txt", 1, "separator", `"foo": want Comma`},
		{"bad-html.txt", 2, "html", `"maybe": want true or false`},
		{"bad-column.txt", 2, "deck column", "want a column number from 1"},
		{"same-column.txt", 3, "tags column", "column 2 is already the deck column"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			set, err := parseFile(t, filepath.Join("testdata", "malformed", tt.file), Options{})
			if err == nil {
				t.Fatalf("no error; got %d cards", len(set.Cards))
			}
			if set != nil {
				t.Errorf("a set came back with the error")
			}
			var de *deck.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *deck.Error", err)
			}
			if de.File != tt.file || de.Line != tt.line || de.Field != tt.field {
				t.Errorf("error at %s:%d field %q, want %s:%d field %q (%v)", de.File, de.Line, de.Field, tt.file, tt.line, tt.field, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

// warned is what a test expects of a warning.
type warned struct {
	Line    int
	Field   string
	Group   string
	Skipped bool
}

// Files with the flaws real exports have: every row that can be a card is
// one, and every other row is reported, with its line, once.
func TestParseWarnings(t *testing.T) {
	tests := []struct {
		file string
		ids  []string
		want []warned
	}{
		{"short-row.txt", []string{"2d8d693177ac4489"}, []warned{
			{4, "tags column", GroupTooFew, true}}},
		{"duplicate-front.tsv", []string{"d22ce8cdc8ebd20b", "f97e9da0e3b879f0", "d22ce8cdc8ebd20b~2"}, []warned{
			{3, "", GroupSameFront, false}}},
		{"empty-front.tsv", []string{"2d8d693177ac4489"}, []warned{
			{2, "column 1 (front)", GroupEmptyFront, true}}},
		{"no-back.txt", nil, []warned{
			{1, "column 2 (back)", GroupTooFew, true}}},
		{"cloze-without-deletion.txt", nil, []warned{
			{2, "column 1 (cloze text)", GroupNoCloze, true}}},
		{"bad-cloze.tsv", []string{"4ae81572f06e1b88"}, []warned{
			{2, "column 1 (cloze text)", GroupNoCloze, true}}},
		{"too-many.csv", []string{"2c4261e33aa50708", "0b06d1b8c89496c5"}, []warned{
			{2, "", GroupTooMany, true},
			{4, "column 2 (back)", GroupTooFew, true}}},
		{"guid-repeats.txt", []string{"anki-AbC1d2/0", "anki-xY9z8w/0"}, []warned{
			{8, "", GroupRepeat, false},
			{9, "guid column", GroupSameGUID, true}}},
		{"anki-repeats.txt", []string{"46f981f1784c7448/c1", "46f981f1784c7448~2/c1", "02de4b0f073eea6f", "59bac3a5c8cce796"}, []warned{
			{7, "", GroupSameFront, false},
			{9, "", GroupRepeat, false},
			{10, "", GroupRepeat, false},
			{11, "column 3 (front)", GroupEmptyFront, true},
			{12, "tags column", GroupTooFew, true},
			{13, "column 3 (cloze text)", GroupNoCloze, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			set, err := parseFile(t, filepath.Join("testdata", "flawed", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range set.Cards {
				ids = append(ids, c.ID)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("ids %q, want %q", ids, tt.ids)
			}
			var got []warned
			for _, w := range set.Warnings {
				if w.File != tt.file {
					t.Errorf("warning %v names file %q", w, w.File)
				}
				got = append(got, warned{w.Line, w.Field, w.Group, w.Skipped})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("warnings:\n got %+v\nwant %+v", got, tt.want)
			}
			// --strict: the first warning is the error, and nothing comes back.
			strict, err := parseFile(t, filepath.Join("testdata", "flawed", tt.file), Options{Strict: true})
			var w deck.Warning
			if !errors.As(err, &w) || strict != nil {
				t.Fatalf("strict: err = %v, set %v; want the first warning", err, strict)
			}
			if first := tt.want[0]; w.Line != first.Line || w.Group != first.Group {
				t.Errorf("strict: warning at line %d %q, want line %d %q", w.Line, w.Group, first.Line, first.Group)
			}
		})
	}
}

// Stream hands out the cards Parse returns, in order, and stops at the
// first error its caller gives back.
func TestStream(t *testing.T) {
	path := filepath.Join("testdata", "flawed", "anki-repeats.txt")
	want, err := parseFile(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []deck.Card
	warnings, err := Stream(filepath.Base(path), f, Options{}, func(c deck.Card) error {
		got = append(got, c)
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, want.Cards) || !reflect.DeepEqual(warnings, want.Warnings) {
		t.Fatalf("Stream = %d cards, %d warnings, %v; Parse gave %d, %d", len(got), len(warnings), err, len(want.Cards), len(want.Warnings))
	}
	stop := errors.New("writer failed")
	n := 0
	_, err = Stream("big.tsv", strings.NewReader(strings.Repeat("q\ta\n", 10)+"r\tb\ns\tc\n"), Options{}, func(deck.Card) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Stream after a failing emit: %v after %d cards; want the emit's error after 1", err, n)
	}
}
