package deck

import "strings"

// A card that asks both ways is two basic cards from one source: the
// forward card (Ord 0) with the card's id, and its reverse (Ord 1), which
// shows the back and asks for the front, with the id ReverseID gives. They
// have their own schedules; answering one buries the other for the day.

// IsReverse reports whether c is the reverse card of a card that asks both
// ways.
func (c *Card) IsReverse() bool { return c.Kind == Basic && c.Ord == 1 }

// Reversed returns the reverse card of a forward card: the sides swapped,
// Ord 1, and the reverse id.
func (c Card) Reversed() Card {
	r := c
	r.Front, r.Back = c.Back, c.Front
	r.Ord = 1
	r.ID = ReverseID(c.ID)
	r.Tags = append([]string(nil), c.Tags...)
	return r
}

// ReverseID is the id of the reverse card of the forward card id: id+"/r".
// A card imported from Anki's "Basic (and reversed card)" keeps Anki's
// numbering, "anki-GUID/0" and "anki-GUID/1", so that importing the same
// package again matches the cards it made before.
func ReverseID(id string) string {
	if base, ok := strings.CutSuffix(id, "/0"); ok && strings.HasPrefix(id, "anki-") {
		return base + "/1"
	}
	return id + "/r"
}

// ForwardID is the id of the forward card of a reverse card's id; ok is
// false for an id ReverseID cannot give.
func ForwardID(id string) (string, bool) {
	if base, ok := strings.CutSuffix(id, "/1"); ok && strings.HasPrefix(id, "anki-") {
		return base + "/0", true
	}
	return strings.CutSuffix(id, "/r")
}

// SiblingID is the id of the other card of a card that asks both ways: the
// reverse of a forward card, the forward of a reverse one. Whether that
// card exists is for the caller to find out.
func (c *Card) SiblingID() string {
	if c.IsReverse() {
		id, _ := ForwardID(c.ID)
		return id
	}
	return ReverseID(c.ID)
}
