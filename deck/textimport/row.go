package textimport

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"loci/deck"
	"loci/deck/htmltext"
)

// parser turns records into cards.
type parser struct {
	name   string
	meta   *meta
	layout *layout
	opt    Options
	sep    rune
	html   bool

	fixedDeck string   // deck of every card when no deck column says otherwise
	tags      []string // tags of every card
	cards     []deck.Card
	seen      map[string]int // card id → line, to refuse duplicates
}

func newParser(name string, m *meta, l *layout, opt Options, sep rune) *parser {
	p := &parser{name: name, meta: m, layout: l, opt: opt, sep: sep, seen: map[string]int{}}
	p.fixedDeck = normalizeDeck(opt.Deck)
	if p.fixedDeck == "" {
		p.fixedDeck = normalizeDeck(m.deck)
	}
	if p.fixedDeck == "" {
		p.fixedDeck = DefaultDeck
	}
	p.tags = dedupe(m.tags, nil)
	return p
}

// reserve makes room for about n cards.
func (p *parser) reserve(n int) {
	if n > 0 {
		p.cards = make([]deck.Card, 0, n)
		p.seen = make(map[string]int, n)
	}
}

func (p *parser) errorf(line int, field, format string, args ...any) error {
	return &deck.Error{File: p.name, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}

// sepName names the separator for messages.
func (p *parser) sepName() string {
	for name, r := range separatorNames {
		if r == p.sep {
			return name
		}
	}
	return string(p.sep)
}

func (p *parser) rows(rows []row) error {
	for _, r := range rows {
		if err := p.row(r); err != nil {
			return err
		}
	}
	return nil
}

// columnField names a column in errors, such as "column 2 (back)".
func columnField(col int, role string) string {
	return "column " + strconv.Itoa(col) + " (" + role + ")"
}

// row turns one record into its cards.
func (p *parser) row(r row) error {
	l, rec := p.layout, r.fields
	for _, mc := range l.explicit {
		if mc.col > len(rec) {
			return p.errorf(r.line, mc.name+" column", "%s column %d but the row has %d field%s (is %s the right separator?)",
				mc.name, mc.col, len(rec), plural(len(rec)), p.sepName())
		}
	}
	if l.front > len(rec) {
		return p.errorf(r.line, columnField(l.front, "front"), "the front is column %d but the row has %d field%s", l.front, len(rec), plural(len(rec)))
	}
	notetype := p.meta.notetype
	if l.notetype > 0 {
		if v := strings.TrimSpace(rec[l.notetype-1]); v != "" {
			notetype = v
		}
	}
	front, back := p.text(rec[l.front-1]), ""
	hasBack := l.back <= len(rec)
	if hasBack {
		back = p.text(rec[l.back-1])
	}
	cloze := isCloze(notetype, front)
	switch {
	case front == "":
		return p.errorf(r.line, columnField(l.front, "front"), "empty front")
	case len(front) > deck.MaxCardText:
		return p.errorf(r.line, columnField(l.front, "front"), "text is longer than %d KiB", deck.MaxCardText>>10)
	case len(back) > deck.MaxCardText:
		return p.errorf(r.line, columnField(l.back, "back"), "text is longer than %d KiB", deck.MaxCardText>>10)
	case !cloze && !hasBack:
		return p.errorf(r.line, columnField(l.back, "back"), "the row has %d field%s, but a basic note needs a front and a back (is %s the right separator?)",
			len(rec), plural(len(rec)), p.sepName())
	}
	c := deck.Card{Deck: p.deckOf(rec), Kind: deck.Basic, Front: front, Back: back, Tags: p.tagsOf(rec), File: p.name, Line: r.line}
	guid := ""
	if l.guid > 0 {
		guid = strings.TrimSpace(rec[l.guid-1])
	}
	if !cloze {
		c.ID = deck.HashID(front)
		if guid != "" {
			c.ID = idFromGUID(guid, "/0")
		}
		return p.add(c)
	}
	ords, err := deck.ClozeOrds(front)
	if err != nil {
		return p.errorf(r.line, columnField(l.front, "cloze text"), "%v", err)
	}
	if len(ords) == 0 {
		return p.errorf(r.line, columnField(l.front, "cloze text"), "a cloze note needs at least one deletion such as {{c1::text}}")
	}
	base := deck.HashID(front)
	for _, ord := range ords {
		cc := c
		cc.Kind, cc.Ord = deck.Cloze, ord
		cc.ID = base + "/c" + strconv.Itoa(ord)
		if guid != "" {
			cc.ID = idFromGUID(guid, "") + "/c" + strconv.Itoa(ord)
		}
		if err := p.add(cc); err != nil {
			return err
		}
	}
	return nil
}

// add appends c unless another row already gave its id.
func (p *parser) add(c deck.Card) error {
	if prev, ok := p.seen[c.ID]; ok {
		return p.errorf(c.Line, "", "card %q is the same card as line %d (same guid, or the same front without a guid column); make the fronts differ or add a guid column",
			c.ID, prev)
	}
	p.seen[c.ID] = c.Line
	p.cards = append(p.cards, c)
	return nil
}

// text turns a field into the text of a card side.
func (p *parser) text(f string) string {
	if p.html {
		return htmltext.ToText(f)
	}
	return strings.TrimSpace(f)
}

func (p *parser) deckOf(rec []string) string {
	if p.opt.Deck == "" && p.layout.deck > 0 {
		if d := normalizeDeck(rec[p.layout.deck-1]); d != "" {
			return d
		}
	}
	return p.fixedDeck
}

// tagsOf returns the file's tags and the row's. Rows without tags of their
// own share the file's slice, capped so that an append copies it.
func (p *parser) tagsOf(rec []string) []string {
	col := p.layout.tags
	if col == 0 || col > len(rec) || strings.TrimSpace(rec[col-1]) == "" {
		return p.tags[:len(p.tags):len(p.tags)]
	}
	return dedupe(p.tags, strings.Fields(rec[col-1]))
}

var clozeMarker = regexp.MustCompile(`\{\{[cC]\d+::`)

// isCloze tells a cloze note by its note type's name or, when no note type
// is known, by a deletion in its front.
func isCloze(notetype, front string) bool {
	if notetype != "" {
		return strings.Contains(strings.ToLower(notetype), "cloze")
	}
	return strings.Contains(front, "{{") && clozeMarker.MatchString(front)
}

// dedupe returns the tags of a then b, each once, in order.
func dedupe(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	var seen map[string]bool // only for long lists; short ones are searched
	for _, list := range [][]string{a, b} {
		for _, t := range list {
			if t == "" {
				continue
			}
			if len(out) < 16 {
				if !slices.Contains(out, t) {
					out = append(out, t)
				}
				continue
			}
			if seen == nil {
				seen = make(map[string]bool, len(a)+len(b))
				for _, o := range out {
					seen[o] = true
				}
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// lociGUID marks a guid column written by loci's own CSV export: what
// follows is a loci card id (a cloze text's id without its "/cN").
const lociGUID = "loci:"

// idFromGUID is a card's id from a guid column: loci's own id when loci
// wrote the file, else "anki-" + guid, the id the Anki package importer
// gives the same note, with basicSuffix ("/0", Anki's first card) added for
// a basic note.
func idFromGUID(guid, basicSuffix string) string {
	if id, ok := strings.CutPrefix(guid, lociGUID); ok {
		return id
	}
	return "anki-" + guid + basicSuffix
}
