package anki

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"loci/deck"
	"loci/deck/htmltext"
)

// maxGUID caps the length of a note guid; Anki's are about ten characters.
const maxGUID = 150

// cardInfo is what the history step needs of a returned card: its loci id
// and its row in Anki's cards table.
type cardInfo struct {
	id                        string
	typ, queue                int
	due                       int64
	ivl, factor, reps, lapses int
	hasLog                    bool // the review log had rows for it
}

// note is one Anki note whose cards are being read.
type note struct {
	id   int64
	guid string
	nt   *notetype // nil when the notetype is missing
	tags []string
	raw  []string // fields as stored (HTML)
	text []string // fields as terminal text, filled on first use
	done []bool
}

// field returns field i as terminal text ("" when the note lacks it).
func (n *note) field(i int) string {
	if i < 0 || i >= len(n.raw) {
		return ""
	}
	if !n.done[i] {
		n.text[i], n.done[i] = htmltext.ToText(n.raw[i]), true
	}
	return n.text[i]
}

// join gives the non-empty fields at idx, one per line.
func (n *note) join(idx []int) string {
	var parts []string
	for _, i := range idx {
		if t := n.field(i); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

// cardRow is one row of the cards-joined-to-notes query.
type cardRow struct {
	cid, nid, did, odid       int64
	ord, typ, queue           int
	due, odue                 int64
	ivl, factor, reps, lapses int
	guid                      string
	mid                       int64
	tags                      string
}

// cardsQuery lists the cards in note order. It leaves out the note's
// fields, which can be megabytes: SQLite would copy them through its sorter
// and hand them over once per card. fieldsQuery reads them once per note.
const (
	cardsQuery = `SELECT c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.odue,
	c.ivl, c.factor, c.reps, c.lapses, n.guid, n.mid, n.tags
	FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.nid, c.ord, c.id`
	fieldsQuery = `SELECT flds FROM notes WHERE id = ?`
)

// readCards turns every Anki card into a loci card and hands it to emit,
// in note order. The media the cards show are staged first, so that each
// card goes out with its final text: when the package has media, a first
// pass builds every card once only to learn which files they show (cards
// are not kept; a card's text is built again in the second pass). A
// package whose media map lists no file is read once.
func (r *reader) readCards(emit func(deck.Card) error) error {
	ctx := r.ctx
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM notes").Scan(&r.stats.Notes); err != nil {
		return r.colError("notes", err)
	}
	if err := r.orphanCards(ctx); err != nil {
		return err
	}
	var renamed map[string]string
	if r.opt.Media != nil && r.pkg.has("media") && r.mediaListed() {
		wanted := map[string]bool{}
		r.quiet = true
		err := r.eachCard(ctx, func(c deck.Card, _ cardRow) error {
			for _, name := range deck.MediaNames(c.Front, c.Back) {
				wanted[name] = true
			}
			return nil
		})
		r.quiet = false
		if err != nil {
			return err
		}
		if renamed, err = r.readMedia(ctx, wanted); err != nil {
			return err
		}
	}
	return r.eachCard(ctx, func(card deck.Card, c cardRow) error {
		if len(renamed) > 0 {
			card.Front, card.Back = deck.RenameMedia(card.Front, renamed), deck.RenameMedia(card.Back, renamed)
		}
		due := c.due
		if c.odid != 0 && c.odue != 0 {
			due = c.odue // a card in a filtered deck keeps its home due in odue
		}
		r.byCID[c.cid] = int32(len(r.cards))
		r.cards = append(r.cards, cardInfo{id: card.ID, typ: c.typ, queue: c.queue, due: due,
			ivl: c.ivl, factor: c.factor, reps: c.reps, lapses: c.lapses})
		r.stats.Cards++
		return emit(card)
	})
}

// eachCard builds the loci card of every Anki card, in note order, and
// hands it to fn with its row; cards that cannot be built are left out
// with a warning. Each note's fields are read once, when its first card
// comes, and dropped with its last.
func (r *reader) eachCard(ctx context.Context, fn func(deck.Card, cardRow) error) error {
	fields, err := r.db.PrepareContext(ctx, fieldsQuery)
	if err != nil {
		return r.colError("notes", err)
	}
	defer fields.Close()
	rows, err := r.db.QueryContext(ctx, cardsQuery)
	if err != nil {
		return r.colError("cards", err)
	}
	defer rows.Close()
	var n *note
	ids := map[string]int64{} // card id → note id, to catch notes sharing a guid
	for rows.Next() {
		var c cardRow
		if err := rows.Scan(&c.cid, &c.nid, &c.did, &c.odid, &c.ord, &c.typ, &c.queue, &c.due, &c.odue,
			&c.ivl, &c.factor, &c.reps, &c.lapses, &c.guid, &c.mid, &c.tags); err != nil {
			return r.colError("cards", fmt.Errorf("card row: %w", err))
		}
		if n == nil || n.id != c.nid {
			n = nil // the last note's fields may go before the next are read
			var flds string
			if err := fields.QueryRowContext(ctx, c.nid).Scan(&flds); err != nil {
				return r.colError("notes", fmt.Errorf("note %d: %w", c.nid, err))
			}
			if n, err = r.newNote(c, flds); err != nil {
				return err
			}
		}
		card, ok := r.buildCard(n, c)
		if !ok {
			continue
		}
		if other, dup := ids[card.ID]; dup {
			r.warn("cards another note makes too (two notes share a guid; run Tools > Check Database in Anki): skipped", true,
				"note %d card %s (also note %d)", c.nid, card.ID, other)
			continue
		}
		ids[card.ID] = c.nid
		if err := fn(card, c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return r.colError("cards", err)
	}
	return nil
}

// orphanCards warns about the cards whose note is missing.
func (r *reader) orphanCards(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "SELECT id FROM cards WHERE nid NOT IN (SELECT id FROM notes) ORDER BY id")
	if err != nil {
		return r.colError("cards", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return r.colError("cards", err)
		}
		r.warn("cards without a note (run Tools > Check Database in Anki): skipped", true, "card %d", id)
	}
	if err := rows.Err(); err != nil {
		return r.colError("cards", err)
	}
	return nil
}

// newNote checks a note's guid, tags and fields: fields over the size limit
// and text that is not UTF-8 are refused, naming the note and field.
func (r *reader) newNote(c cardRow, flds string) (*note, error) {
	n := &note{id: c.nid, guid: c.guid, nt: r.col.notetypes[c.mid]}
	bad := func(field string, err error, fix string) error {
		return &Error{File: r.path, Entry: collectionEntry[r.pkg.version], Note: c.nid, Field: field, Err: err, Fix: fix}
	}
	if c.guid == "" || len(c.guid) > maxGUID || !utf8.ValidString(c.guid) || strings.ContainsFunc(c.guid, unicode.IsSpace) {
		return nil, bad("guid", fmt.Errorf("guid %q is not a usable id", clip(c.guid)), "run Tools > Check Database in Anki and export again")
	}
	if !utf8.ValidString(c.tags) {
		return nil, bad("tags", fmt.Errorf("tags are not valid UTF-8"), fixEditNote)
	}
	if tags := strings.Fields(c.tags); len(tags) > 0 {
		n.tags = slices.Clip(tags)
	}
	n.raw = strings.Split(flds, "\x1f")
	for i, f := range n.raw {
		name := "field " + strconv.Itoa(i+1)
		if n.nt != nil && i < len(n.nt.fields) {
			name = n.nt.fields[i]
		}
		if len(f) > r.opt.MaxField {
			return nil, bad(name, fmt.Errorf("field is %d bytes, over the limit of %d bytes", len(f), r.opt.MaxField),
				"shorten the field in Anki and export again, or raise the field-size limit if the package is genuine")
		}
		if !utf8.ValidString(f) {
			return nil, bad(name, fmt.Errorf("field is not valid UTF-8"), fixEditNote)
		}
	}
	n.text = make([]string, len(n.raw))
	n.done = make([]bool, len(n.raw))
	return n, nil
}

// buildCard makes the loci card for one Anki card, or records why not.
func (r *reader) buildCard(n *note, c cardRow) (deck.Card, bool) {
	if n.nt == nil {
		r.warn("cards whose notetype is missing: skipped", true, "note %d card %d (notetype %d)", n.id, c.ord+1, c.mid)
		return deck.Card{}, false
	}
	s, ok := n.nt.sidesFor(c.ord)
	if !ok {
		r.warn("cards their notetype has no template for: skipped", true, "note %d card %d (%s)", n.id, c.ord+1, n.nt.name)
		return deck.Card{}, false
	}
	card := deck.Card{
		ID:        "anki-" + n.guid + "/" + strconv.Itoa(c.ord),
		Deck:      r.deckName(c),
		Kind:      deck.Basic,
		Front:     n.join(s.front),
		Back:      n.join(s.back),
		Tags:      n.tags,
		File:      r.path,
		Suspended: c.queue == -1,
	}
	if n.nt.cloze {
		// loci's cloze identity: the note's id and "/cN" for cloze number N,
		// so the cards export and re-import as one cloze text. The front
		// holds every cloze field, so each card hides its number wherever
		// it is; where Anki blanks a cloze field that lacks the card's
		// number, loci shows it as plain text, as it shows the other
		// numbers of one field.
		card.Kind, card.Ord = deck.Cloze, c.ord+1
		card.ID = "anki-" + n.guid + "/c" + strconv.Itoa(card.Ord)
		ords, err := deck.ClozeOrds(card.Front)
		if err != nil {
			r.warn("cloze cards whose text has a broken deletion: skipped", true, "note %d card %d: %v", n.id, card.Ord, err)
			return deck.Card{}, false
		}
		if !slices.Contains(ords, card.Ord) {
			r.warn("cloze cards whose number is in no field the template shows with {{cloze:...}} (Anki shows them empty): skipped", true,
				"note %d card %d", n.id, card.Ord)
			return deck.Card{}, false
		}
	} else if card.Front == "" {
		r.warn("cards whose question side is empty: skipped", true, "note %d card %d (%s)", n.id, c.ord+1, n.nt.templates[c.ord].name)
		return deck.Card{}, false
	} else if c.ord == 1 && n.nt.reversed() {
		// "anki-GUID/1" is deck.ReverseID of "anki-GUID/0": the two cards
		// are one source asking both ways, as a native "reverse: true".
		card.Ord = 1
	}
	return card, true
}

// deckName is the card's deck: Options.Deck, else its home deck (a card in
// a filtered deck keeps its home deck id in odid), else "Default".
func (r *reader) deckName(c cardRow) string {
	if r.opt.Deck != "" {
		return normalizeDeck(r.opt.Deck)
	}
	did := c.did
	if c.odid != 0 {
		did = c.odid
	}
	if name, ok := r.col.decks[did]; ok {
		return name
	}
	return "Default"
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
