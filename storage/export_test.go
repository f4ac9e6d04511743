package storage

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"loci/deck"
)

// TestEachCardOrders walks cards added to decks B, A, B, A, A, C in both
// orders, for all decks and for one, and lists the papers they use.
func TestEachCardOrders(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	err := d.Bulk(ctx, func(b *Bulk) error {
		for _, k := range []string{"p1", "p2"} {
			if err := b.Paper(deck.Paper{Key: k, Title: "Paper " + k}, at); err != nil {
				return err
			}
		}
		for _, c := range []struct{ id, deck, paper string }{
			{"c1", "B", ""}, {"c2", "A", ""}, {"c3", "B", "p1"}, {"c4", "A", "p1"}, {"c5", "A", "p2"}, {"c6", "C", "p2"},
		} {
			if _, err := b.Card(deck.Card{ID: c.id, Deck: c.deck, Front: "Front " + c.id, Back: "b", Paper: c.paper}, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		deck  string
		order CardOrder
		want  []string
	}{
		{"", ByPosition, []string{"c1", "c2", "c3", "c4", "c5", "c6"}},
		{"", ByDeck, []string{"c1", "c3", "c2", "c4", "c5", "c6"}},
		{"A", ByDeck, []string{"c2", "c4", "c5"}},
		{"C", ByPosition, []string{"c6"}},
		{"D", ByDeck, nil},
	}
	for _, tt := range tests {
		var got []string
		err := d.EachCard(ctx, tt.deck, tt.order, func(c *deck.Card) error {
			got = append(got, c.ID)
			if c.Front != "Front "+c.ID {
				t.Errorf("card %s has front %q", c.ID, c.Front)
			}
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("EachCard(%q, %d) = %v, %v; want %v", tt.deck, tt.order, got, err, tt.want)
		}
	}
	stop := errors.New("stop")
	n := 0
	err = d.EachCard(ctx, "", ByDeck, func(*deck.Card) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("a failing callback: %d calls, %v; want 1 call and its error", n, err)
	}
	for deckName, want := range map[string][]PaperUse{
		"":  {{"B", "p1"}, {"A", "p1"}, {"A", "p2"}, {"C", "p2"}},
		"A": {{"A", "p1"}, {"A", "p2"}},
		"D": nil,
	} {
		got, err := d.PaperUses(ctx, deckName)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("PaperUses(%q) = %v, %v; want %v", deckName, got, err, want)
		}
	}
}

// TestReversePairs lists the forward cards whose reverse card is in the
// same deck, for loci's "/r" ids and Anki's "/0" and "/1".
func TestReversePairs(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	err := d.Bulk(ctx, func(b *Bulk) error {
		for _, c := range []struct {
			id, deck string
			ord      int
		}{
			{"f1", "A", 0}, {"f1/r", "A", 1}, // a pair
			{"f2", "A", 0}, {"f2/r", "B", 1}, // reverse in another deck
			{"anki-x/0", "B", 0}, {"anki-x/1", "B", 1}, // Anki's numbering
			{"f3/r", "A", 1}, // no forward card
		} {
			if _, err := b.Card(deck.Card{ID: c.id, Deck: c.deck, Front: "F " + c.id, Back: "b", Ord: c.ord}, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for deckName, want := range map[string][]ReversePair{
		"":  {{"A", "f1"}, {"B", "anki-x/0"}},
		"A": {{"A", "f1"}},
		"C": nil,
	} {
		got, err := d.ReversePairs(ctx, deckName)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ReversePairs(%q) = %v, %v; want %v", deckName, got, err, want)
		}
	}
}
