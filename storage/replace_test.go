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
