package anki

import (
	"context"
	"reflect"
	"testing"

	"loci/deck"
)

// twoClozeFixture has a cloze notetype whose question side shows two cloze
// fields, {{cloze:Text}} and {{type:cloze:Other}} (as in a note type with a
// typed-answer field), and a note whose c1 is in Text and c2 only in Other.
// Card c2 has a review history.
func twoClozeFixture() fixture {
	const ntID, nid = int64(2001), int64(1600000000010)
	return fixture{
		crt: crt, schedVer: 2,
		notetypes: []fxNotetype{{id: ntID, name: "Cloze (typed)", cloze: true, fields: []string{"Text", "Other", "Extra"},
			tmpls: [][3]string{{"Cloze", "{{cloze:Text}}<br>{{type:cloze:Other}}", "{{cloze:Text}}<br>{{type:cloze:Other}}<br>{{Extra}}"}}}},
		decks: []fxDeck{{defaultDeck, "Default"}},
		notes: []fxNote{{id: nid, guid: "Two", mid: ntID,
			flds: "The {{c1::mitochondria}} is the powerhouse\x1fof the {{c2::cell}}\x1fbiology"}},
		cards: []fxCard{
			{id: 1700000000011, nid: nid, did: defaultDeck, ord: 0},
			{id: 1700000000012, nid: nid, did: defaultDeck, ord: 1, typ: 2, queue: 2, due: 10, ivl: 3, factor: 2500, reps: 2},
		},
		revlog: []fxRev{
			{id: 1650000000000, cid: 1700000000012, ease: 3, ivl: 1, factor: 2500, took: 4000, typ: 0},
			{id: 1650100000000, cid: 1700000000012, ease: 3, ivl: 3, lastIvl: 1, factor: 2500, took: 3000, typ: 1},
		},
	}
}

// Both cloze fields make cards, each card hides its own number, and the
// history of the card whose cloze is in the second field is kept.
func TestTwoClozeFields(t *testing.T) {
	for _, l := range []layout{layoutLatest, layoutLegacy2} {
		t.Run(string(l), func(t *testing.T) {
			set, st, err := Read(context.Background(), buildPackage(t, twoClozeFixture(), l), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Warnings) != 0 || st.Cards != 2 {
				t.Errorf("%d cards, warnings %q; want 2 cards and no warning", st.Cards, deck.Report(set.Warnings))
			}
			text := "The {{c1::mitochondria}} is the powerhouse\nof the {{c2::cell}}"
			var got []string
			for _, c := range set.Cards {
				front, _ := c.Shown(nil)
				got = append(got, c.ID+" | "+front+" | "+c.Back)
				if c.Front != text || c.Kind != deck.Cloze {
					t.Errorf("card %s: %s text %q, want cloze text %q", c.ID, c.Kind, c.Front, text)
				}
			}
			want := []string{
				"anki-Two/c1 | The [...] is the powerhouse\nof the cell | biology",
				"anki-Two/c2 | The mitochondria is the powerhouse\nof the [...] | biology",
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cards:\n got %q\nwant %q", got, want)
			}
			if len(set.History) != 2 || set.History[0].CardID != "anki-Two/c2" || set.History[1].CardID != "anki-Two/c2" {
				t.Errorf("history = %+v, want the two reviews of anki-Two/c2", set.History)
			}
		})
	}
}
