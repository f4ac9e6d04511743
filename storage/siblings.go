package storage

import "loci/deck"

// siblings returns a WHERE fragment on cards, with its arguments, that
// selects the cards sharing c's source: the other cloze cards of its text
// (their ids share the part before "/cN", a range on the uid index), or the
// other side of a card that asks both ways (deck.Card.SiblingID). ok is
// false for a card that can have none. alias prefixes the column names
// ("c." inside cardColumns, "" in an UPDATE of cards).
func siblings(c *deck.Card, alias string) (where string, args []any, ok bool) {
	if c == nil {
		return "", nil, false
	}
	if base, ok := clozeBase(c); ok {
		return alias + "uid >= ? AND " + alias + "uid < ? AND " + alias + "kind = 'cloze'", []any{base + "/c", base + "/d"}, true
	}
	if c.Kind == deck.Basic {
		ord := 1
		if c.IsReverse() {
			ord = 0
		}
		return alias + "uid = ? AND " + alias + "kind = 'basic' AND " + alias + "ord = ?", []any{c.SiblingID(), ord}, true
	}
	return "", nil, false
}
