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

// parser turns records into cards and hands each to emit.
type parser struct {
	name   string
	meta   *meta
	layout *layout
	opt    Options
	sep    rune
	html   bool

	fixedDeck string   // deck of every card when no deck column says otherwise
	tags      []string // tags of every card
	emit      func(deck.Card) error
	warnings  []deck.Warning
	notes     noteSet
}

func newParser(name string, m *meta, l *layout, opt Options, sep rune, emit func(deck.Card) error) *parser {
	p := &parser{name: name, meta: m, layout: l, opt: opt, sep: sep, emit: emit}
	p.fixedDeck = normalizeDeck(opt.Deck)
	if p.fixedDeck == "" {
		p.fixedDeck = normalizeDeck(m.deck)
	}
	if p.fixedDeck == "" {
		p.fixedDeck = DefaultDeck
	}
	p.tags = dedupe(m.tags, "")
	return p
}

func (p *parser) errorf(line int, field, format string, args ...any) error {
	return &deck.Error{File: p.name, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}

// Groups of the warnings Parse gives: fixed phrases, so that the report
// gathers every row of a kind on one line.
const (
	GroupTooFew     = "rows with too few fields: skipped"
	GroupTooMany    = "rows with too many fields: skipped"
	GroupEmptyFront = "rows with an empty front: skipped"
	GroupNoCloze    = "cloze notes without a usable deletion: skipped"
	GroupRepeat     = "rows repeating an earlier row's front and back: merged into it"
	GroupSameFront  = "rows repeating an earlier row's front with another back: kept as separate cards"
	GroupSameGUID   = "rows repeating an earlier row's guid with other content: skipped"
)

// warn records a warning about the row on line, and, under Options.Strict,
// returns it as the error that stops the parse.
func (p *parser) warn(line int, field, group, detail string, skipped bool) error {
	w := deck.Warning{File: p.name, Line: line, Field: field, Group: group, Detail: detail, Skipped: skipped}
	if p.opt.Strict {
		return w
	}
	p.warnings = append(p.warnings, w)
	return nil
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

// row turns one record into its cards, or skips it with a warning when it
// cannot be a note: too few or too many fields, an empty front, a cloze
// text without a deletion. A side too long to be a card is an error: that
// is a limit against hostile files, not a flaw of an ordinary one.
func (p *parser) row(r row) error {
	l, rec := p.layout, r.fields
	if l.width > 0 && len(rec) > l.width {
		return p.warn(r.line, "", GroupTooMany, fmt.Sprintf("%d fields, at most %d expected; is %s the right separator? A field holding it must be quoted",
			len(rec), l.width, p.sepName()), true)
	}
	for _, mc := range l.explicit {
		if mc.col > len(rec) {
			return p.warn(r.line, mc.name+" column", GroupTooFew, fmt.Sprintf("%d field%s, the %s column is %d", len(rec), plural(len(rec)), mc.name, mc.col), true)
		}
	}
	if l.front > len(rec) {
		return p.warn(r.line, columnField(l.front, "front"), GroupTooFew, fmt.Sprintf("%d field%s, the front is column %d", len(rec), plural(len(rec)), l.front), true)
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
		return p.warn(r.line, columnField(l.front, "front"), GroupEmptyFront, "", true)
	case len(front) > deck.MaxCardText:
		return p.errorf(r.line, columnField(l.front, "front"), "text is longer than %d KiB", deck.MaxCardText>>10)
	case len(back) > deck.MaxCardText:
		return p.errorf(r.line, columnField(l.back, "back"), "text is longer than %d KiB", deck.MaxCardText>>10)
	case !cloze && !hasBack:
		return p.warn(r.line, columnField(l.back, "back"), GroupTooFew, fmt.Sprintf("%d field%s, a basic note needs a front and a back; is %s the right separator?",
			len(rec), plural(len(rec)), p.sepName()), true)
	}
	c := deck.Card{Deck: p.deckOf(rec), Kind: deck.Basic, Front: front, Back: back, Tags: p.tagsOf(rec), File: p.name, Line: r.line}
	c.Source, c.Paper, c.Unlock = p.extra(rec, l.source), p.extra(rec, l.paper), deck.Stage(p.extra(rec, l.unlock))
	switch {
	case c.Unlock != "" && c.Unlock.Rank() < 1:
		return p.errorf(r.line, columnField(l.unlock, "unlock"), "%q: want the stage the card's paper must reach first: read, understood or replicated", c.Unlock)
	case c.Unlock != "" && c.Paper == "":
		return p.errorf(r.line, columnField(l.unlock, "unlock"), "a card that waits for its paper needs a paper column")
	}
	guid := ""
	if l.guid > 0 {
		guid = strings.TrimSpace(rec[l.guid-1])
	}
	var ords []int
	if cloze {
		var err error
		if ords, err = deck.ClozeOrds(front); err != nil {
			return p.warn(r.line, columnField(l.front, "cloze text"), GroupNoCloze, err.Error(), true)
		}
		if len(ords) == 0 {
			return p.warn(r.line, columnField(l.front, "cloze text"), GroupNoCloze, "no deletion such as {{c1::text}}", true)
		}
	}
	base, suffix := deck.HashID(front), ""
	if guid != "" {
		base = idFromGUID(guid, "")
		if !cloze && !strings.HasPrefix(guid, lociGUID) {
			suffix = "/0" // Anki's first card of a basic note
		}
	}
	base, ok, err := p.place(c, base, suffix, ords, guid != "")
	if !ok || err != nil {
		return err
	}
	if !cloze {
		c.ID = base + suffix
		return p.emit(c)
	}
	for _, ord := range ords {
		cc := c
		cc.Kind, cc.Ord = deck.Cloze, ord
		cc.ID = base + "/c" + strconv.Itoa(ord)
		if err := p.emit(cc); err != nil {
			return err
		}
	}
	return nil
}

// extra is the trimmed text of an optional column, "" without one.
func (p *parser) extra(rec []string, col int) string {
	if col == 0 || col > len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[col-1])
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
	return dedupe(p.tags, rec[col-1])
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

// dedupe returns the tags of a then the space-separated words of b, each
// once, in order. The words are read from b in place, so that a row's tags
// cost one slice.
func dedupe(a []string, b string) []string {
	out := make([]string, 0, len(a)+strings.Count(b, " ")+1)
	var seen map[string]bool // only for long lists; short ones are searched
	add := func(t string) {
		if t == "" {
			return
		}
		if len(out) < 16 {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
			return
		}
		if seen == nil {
			seen = make(map[string]bool, len(a)+len(out))
			for _, o := range out {
				seen[o] = true
			}
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, t := range a {
		add(t)
	}
	for t := range strings.FieldsSeq(b) {
		add(t)
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

// idFromGUID is the base of a card's id from a guid column: loci's own id
// when loci wrote the file, else "anki-" + guid, the id the Anki package
// importer gives the same note (with "/0" or "/cN" added).
func idFromGUID(guid, suffix string) string {
	if id, ok := strings.CutPrefix(guid, lociGUID); ok {
		return id
	}
	return "anki-" + guid + suffix
}
