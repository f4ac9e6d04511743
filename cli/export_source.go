package cli

import (
	"slices"

	"loci/deck"
	"loci/storage"
)

// exportSource is what an export writes: the cards, walked in an order, and
// what the Markdown files need to know about them before writing a deck.
type exportSource struct {
	each      func(order storage.CardOrder, fn func(*deck.Card) error) error
	decks     func() (int, error)                        // decks with cards
	paperUses func() ([]storage.PaperUse, error)         // in ByDeck order
	pairs     func() (map[string]map[string]bool, error) // deck → forward ids whose reverse card is in the deck too
}

// collectionSource streams the cards of a deck and its sub-decks ("" for
// all) from storage, one row at a time.
func (e *env) collectionSource(deckName string) exportSource {
	return exportSource{
		each: func(order storage.CardOrder, fn func(*deck.Card) error) error {
			return e.db.EachCard(e.ctx, deckName, order, fn)
		},
		decks: func() (int, error) {
			counts, err := e.db.Counts(e.ctx, deckName, e.now(), e.now(), e.now())
			return len(counts), err
		},
		paperUses: func() ([]storage.PaperUse, error) { return e.db.PaperUses(e.ctx, deckName) },
		pairs: func() (map[string]map[string]bool, error) {
			pairs, err := e.db.ReversePairs(e.ctx, deckName)
			if err != nil {
				return nil, err
			}
			out := map[string]map[string]bool{}
			for _, p := range pairs {
				if out[p.Deck] == nil {
					out[p.Deck] = map[string]bool{}
				}
				out[p.Deck][p.Forward] = true
			}
			return out, nil
		},
	}
}

// foundSource exports the cards a search found, held in memory in the order
// they were added; ByDeck takes the decks in the order their first cards
// come.
func foundSource(cards []deck.Card) exportSource {
	byDeck := func() []deck.Card {
		rank := map[string]int{}
		for _, c := range cards {
			if _, ok := rank[c.Deck]; !ok {
				rank[c.Deck] = len(rank)
			}
		}
		out := slices.Clone(cards)
		slices.SortStableFunc(out, func(a, b deck.Card) int { return rank[a.Deck] - rank[b.Deck] })
		return out
	}
	return exportSource{
		each: func(order storage.CardOrder, fn func(*deck.Card) error) error {
			list := cards
			if order == storage.ByDeck {
				list = byDeck()
			}
			for i := range list {
				if err := fn(&list[i]); err != nil {
					return err
				}
			}
			return nil
		},
		decks: func() (int, error) {
			seen := map[string]bool{}
			for _, c := range cards {
				seen[c.Deck] = true
			}
			return len(seen), nil
		},
		paperUses: func() ([]storage.PaperUse, error) {
			var out []storage.PaperUse
			seen := map[storage.PaperUse]bool{}
			for _, c := range byDeck() {
				if u := (storage.PaperUse{Deck: c.Deck, Paper: c.Paper}); c.Paper != "" && !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
			return out, nil
		},
		pairs: func() (map[string]map[string]bool, error) {
			ids := map[string]string{} // id → deck
			for _, c := range cards {
				ids[c.ID] = c.Deck
			}
			out := map[string]map[string]bool{}
			for i := range cards {
				if !cards[i].IsReverse() {
					continue
				}
				if fwd, ok := deck.ForwardID(cards[i].ID); ok && ids[fwd] == cards[i].Deck {
					if out[cards[i].Deck] == nil {
						out[cards[i].Deck] = map[string]bool{}
					}
					out[cards[i].Deck][fwd] = true
				}
			}
			return out, nil
		},
	}
}
