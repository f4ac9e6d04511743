package storage

import (
	"context"
	"testing"

	"loci/deck"
)

// TestImportReplaces: cards of the set's papers with the Replaces prefix
// that the set no longer holds are suspended as gone from their source and
// come back when the set holds them again; other papers' cards, other ids
// and a learner's own suspension are left alone.
func TestImportReplaces(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	card := func(id, paper string) deck.Card {
		return deck.Card{ID: id, Deck: "Papers", Kind: deck.Basic, Front: "front " + id, Back: "back", Paper: paper}
	}
	papers := []deck.Paper{{Key: "p1", Title: "One"}, {Key: "p2", Title: "Two"}}
	full := &deck.Set{Papers: papers, Cards: []deck.Card{card("zotero-A", "p1"), card("zotero-B", "p1"), card("zotero-C", "p2"),
		card("zotero-D", "p1"), card("native", "p1")}}
	opt := ImportOptions{Origin: "import", Replaces: "zotero-"}
	if _, err := d.Import(ctx, full, t0, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Suspend(ctx, mustKey(t, d, "zotero-D"), true); err != nil {
		t.Fatal(err)
	}
	// Only paper p1 is imported again, without B, D and the native card.
	part := &deck.Set{Papers: papers[:1], Cards: []deck.Card{card("zotero-A", "p1")}}
	res, err := d.Import(ctx, part, t0, opt)
	if err != nil || res.Suspended != 1 {
		t.Fatalf("import = %+v, %v; want 1 card suspended", res, err)
	}
	for id, want := range map[string]bool{"zotero-A": false, "zotero-B": true, "zotero-C": false, "zotero-D": true, "native": false} {
		if c, _ := d.Card(ctx, id); c == nil || c.Suspended != want {
			t.Errorf("card %s: %+v, want suspended %v", id, c, want)
		}
	}
	res, err = d.Import(ctx, full, t0, opt)
	if err != nil || res.Suspended != 0 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	if c, _ := d.Card(ctx, "zotero-B"); c.Suspended {
		t.Error("zotero-B is back in the set but still suspended")
	}
	if c, _ := d.Card(ctx, "zotero-D"); !c.Suspended {
		t.Error("the learner's suspension of zotero-D was lifted")
	}
}

func mustKey(t *testing.T, d *DB, id string) int64 {
	t.Helper()
	c, err := d.Card(context.Background(), id)
	if err != nil || c == nil {
		t.Fatalf("card %s: %v", id, err)
	}
	return c.Key
}

// allNew lets an import skip suspendReplaced only when every paper and card
// of the set was added by it.
func TestAllNew(t *testing.T) {
	set := &deck.Set{Papers: []deck.Paper{{Key: "p1"}, {Key: "p2"}, {Key: "p1"}}, Cards: make([]deck.Card, 3)}
	tests := []struct {
		name string
		res  SyncResult
		want bool
	}{
		{"everything added (a key twice)", SyncResult{Added: 3, PapersAdded: 2}, true},
		{"a card was stored, changed", SyncResult{Added: 2, Updated: 1, PapersAdded: 2}, false},
		{"a card was stored, unchanged", SyncResult{Added: 2, Unchanged: 1, PapersAdded: 2}, false},
		{"a paper was stored, unchanged", SyncResult{Added: 3, PapersAdded: 1}, false},
		{"a paper was stored, changed", SyncResult{Added: 3, PapersAdded: 1, PapersUpdated: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allNew(set, tt.res); got != tt.want {
				t.Errorf("allNew = %v, want %v", got, tt.want)
			}
		})
	}
}

// A card gone from its source and marked comes back, and is unmarked, when
// a later import brings it with a paper that is new.
func TestImportReplacesNewPaper(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	opt := ImportOptions{Origin: "import", Replaces: "zotero-"}
	card := func(id, paper string) deck.Card {
		return deck.Card{ID: id, Deck: "Papers", Kind: deck.Basic, Front: "front " + id, Back: "back", Paper: paper}
	}
	p1 := deck.Paper{Key: "p1", Title: "One"}
	if _, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{p1}, Cards: []deck.Card{card("zotero-A", "p1"), card("zotero-B", "p1")}}, t0, opt); err != nil {
		t.Fatal(err)
	}
	if res, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{p1}, Cards: []deck.Card{card("zotero-A", "p1")}}, t0, opt); err != nil || res.Suspended != 1 {
		t.Fatalf("import = %+v, %v; want zotero-B suspended", res, err)
	}
	res, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{{Key: "p3", Title: "Three"}}, Cards: []deck.Card{card("zotero-B", "p3")}}, t0, opt)
	if err != nil || res.PapersAdded != 1 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	if c, _ := d.Card(ctx, "zotero-B"); c == nil || c.Suspended {
		t.Errorf("zotero-B is back in the set but still suspended: %+v", c)
	}
}
