package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"loci/deck"
)

// cardsStream emits the cards given.
func cardsStream(cards ...deck.Card) CardStream {
	return func(emit func(deck.Card) error) error {
		for _, c := range cards {
			if err := emit(c); err != nil {
				return err
			}
		}
		return nil
	}
}

func basic(id, front, back string) deck.Card {
	return deck.Card{ID: id, Deck: "Streamed", Kind: deck.Basic, Front: front, Back: back, File: "s.tsv", Line: 1}
}

func TestImportStreamCounts(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	opt := ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(basic("a", "A?", "a"), basic("b", "B?", "b"))}}
	res, err := d.Import(ctx, &deck.Set{}, t0, opt)
	if err != nil || res.Added != 2 || res.Updated != 0 || res.Unchanged != 0 {
		t.Fatalf("first import = %+v, %v; want 2 added", res, err)
	}
	opt.Streams = []CardStream{cardsStream(basic("a", "A?", "a"), basic("b", "B?", "b, edited"), basic("c", "C?", "c"))}
	res, err = d.Import(ctx, &deck.Set{}, t0, opt)
	if err != nil || res.Added != 1 || res.Updated != 1 || res.Unchanged != 1 {
		t.Fatalf("second import = %+v, %v; want 1 added, 1 updated, 1 unchanged", res, err)
	}
	c, err := d.Card(ctx, "b")
	if err != nil || c == nil || c.Back != "b, edited" {
		t.Fatalf("card b = %+v, %v; want the edited back", c, err)
	}
	var positions []int64
	rows, err := d.db.Query("SELECT position FROM cards WHERE uid IN ('a', 'b', 'c') ORDER BY position")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p int64
		rows.Scan(&p)
		positions = append(positions, p)
	}
	if len(positions) != 3 || positions[1] != positions[0]+1 || positions[2] != positions[1]+1 {
		t.Errorf("positions %v: want three in a row (an existing card takes no new position)", positions)
	}
}

// A stream that fails, a card given by two sources, or a card that breaks
// a constraint of the cards table (which fails a flush of the stage: the
// error names the card's file and line, also when the stage holds cards of
// two files) leaves the database as it was.
func TestImportStreamRollsBack(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("parse failed")
	long := stagedCards("c", stageRows+3)
	long[stageRows+1].Kind = "bogus"
	other := stagedCards("o", 40)
	for i := range other {
		other[i].File = "other.tsv"
	}
	other[37].Kind = "bogus"
	tests := []struct {
		name    string
		set     *deck.Set
		streams []CardStream
		want    string
	}{
		{"stream error", &deck.Set{}, []CardStream{func(emit func(deck.Card) error) error {
			if err := emit(basic("x", "X?", "x")); err != nil {
				return err
			}
			return boom
		}}, "parse failed"},
		{"same id in two streams", &deck.Set{}, []CardStream{cardsStream(basic("x", "X?", "x")),
			cardsStream(deck.Card{ID: "x", Deck: "Other", Kind: deck.Basic, Front: "X2?", Back: "x", File: "t.tsv", Line: 7})},
			`t.tsv:7: id: card "x" is also defined at s.tsv:1`},
		{"same id in the set and a stream", &deck.Set{Cards: []deck.Card{basic("x", "X?", "x")}},
			[]CardStream{cardsStream(basic("x", "X?", "x"))}, `card "x" is also defined at s.tsv:1`},
		{"unknown paper", &deck.Set{}, []CardStream{cardsStream(deck.Card{ID: "p", Deck: "D", Kind: deck.Basic,
			Front: "P?", Back: "p", Paper: "nope", File: "s.tsv", Line: 3})}, `s.tsv:3: paper: no such paper "nope"`},
		{"same id twice in one stream", &deck.Set{}, []CardStream{cardsStream(basic("x", "X?", "x"), basic("y", "Y?", "y"),
			deck.Card{ID: "x", Deck: "Streamed", Kind: deck.Basic, Front: "X again?", Back: "x", File: "s.tsv", Line: 9})},
			`s.tsv:9: id: card "x" is also defined at s.tsv:1`},
		{"constraint, second flush", &deck.Set{}, []CardStream{cardsStream(long...)},
			fmt.Sprintf("s.tsv:%d: card %q: CHECK constraint failed", stageRows+2, long[stageRows+1].ID)},
		{"constraint, second file", &deck.Set{}, []CardStream{cardsStream(stagedCards("s", 50)...), cardsStream(other...)},
			`other.tsv:38: card "o37": CHECK constraint failed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustOpen(t, "")
			_, err := d.Import(ctx, tt.set, t0, ImportOptions{Origin: "import", Streams: tt.streams})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			var n int
			d.db.QueryRow("SELECT count(*) FROM cards").Scan(&n)
			if n != 0 {
				t.Errorf("%d cards written by a failed import", n)
			}
		})
	}
}

// Every text a stream brings comes back as it went in.
func TestImportStreamKeepsText(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	texts := []string{`"quoted" and \backslash\`, "line\nbreak\ttab\rreturn", "bell\x07 and \x1f unit", "émoji 🦀 and 中文",
		"123", "null", "[1, 2]", `{"a": "b"}`, "  spaces kept inside  ", "nul\x00byte"}
	var cards []deck.Card
	for i, s := range texts {
		c := basic(fmt.Sprintf("t%d", i), s, "back of "+s)
		c.Tags, c.Source, c.Suspended = []string{"a\"b", `c\d`}, "src "+s, i%2 == 1
		cards = append(cards, c)
	}
	if _, err := d.Import(ctx, &deck.Set{}, t0, ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(cards...)}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range cards {
		got, err := d.Card(ctx, want.ID)
		if err != nil || got == nil {
			t.Fatalf("card %s: %v", want.ID, err)
		}
		if got.Front != want.Front || got.Back != want.Back || got.Source != want.Source || got.Suspended != want.Suspended ||
			strings.Join(got.Tags, " ") != strings.Join(want.Tags, " ") || got.Kind != deck.Basic || got.Deck != "Streamed" {
			t.Errorf("card %s came back as %q / %q / %q / %v / %q, want %q / %q / %q / %v / %q", want.ID,
				got.Front, got.Back, got.Source, got.Suspended, got.Tags, want.Front, want.Back, want.Source, want.Suspended, want.Tags)
		}
	}
}
