package bibtex

import (
	"sort"
	"strconv"
	"strings"

	"loci/deck"
)

// builder turns the entries of one file into papers and cards, adding
// warnings to the file's list.
type builder struct {
	*parsed
	plain, md converter
	deck      string
	byKey     map[string]*entry // lower-case key or alias → the first entry that has it
	aliasOf   map[string]*entry // lower-case alias → the entry whose ids field gives it
	seenCmd   map[string]bool   // unknown LaTeX commands already reported
	// where the value being converted is, for the unknown-command warning
	line  int
	field string
}

// toSet turns entries into papers and cards, as BibTeX and biber would:
// the first of two entries with one key wins, @set and @xdata entries and
// entries without a title are left out, crossref and xdata fill in the
// fields an entry lacks.
func toSet(p *parsed, opt Options) *deck.Set {
	b := &builder{parsed: p, deck: strings.TrimSpace(opt.Deck), byKey: map[string]*entry{},
		aliasOf: map[string]*entry{}, seenCmd: map[string]bool{}}
	if b.deck == "" {
		b.deck = DefaultDeck
	}
	b.plain = converter{unknown: b.unknownCommand}
	b.md = converter{markdown: true, unknown: b.unknownCommand}
	set := &deck.Set{}
	for _, e := range b.unique() {
		if e.typ == "set" || e.typ == "xdata" {
			b.add(e.line, "", groupContainer, true, "@%s %q", e.typ, e.key)
			continue
		}
		b.inherit(e)
		paper, ok := b.paper(e)
		if !ok {
			continue
		}
		c, from := b.card(e, paper)
		if from != "" {
			set.Cards = append(set.Cards, c)
		}
		if from != "note" { // a bibliographic remark stays on the paper's record
			if note := b.text(b.plain, e, "note"); len(note) <= deck.MaxCardText {
				paper.Note = note
			}
		}
		set.Papers = append(set.Papers, paper)
	}
	if len(p.entries) == 0 && !anySkipped(b.list) {
		b.add(0, "", groupNoEntries, false, "")
	}
	// In file order, so that the report lists groups and lines as they
	// come in the file.
	sort.SliceStable(b.list, func(i, j int) bool { return b.list[i].Line < b.list[j].Line })
	set.Warnings = b.list
	return set
}

// unique returns the entries whose keys no earlier entry has, as its key
// or as an alias in its ids field, and warns about the others.
func (b *builder) unique() []*entry {
	var out []*entry
	for _, e := range b.entries {
		lk := strings.ToLower(e.key)
		if first, ok := b.byKey[lk]; ok {
			if owner, alias := b.aliasOf[lk]; alias {
				b.add(e.line, "key", groupRepeated, true, "%q is an alias (ids) of %q on line %d", e.key, owner.key, owner.line)
			} else {
				b.add(e.line, "key", groupRepeated, true, "%q, first on line %d", e.key, first.line)
			}
			continue
		}
		b.byKey[lk] = e
		out = append(out, e)
		if ids, ok := e.fields["ids"]; ok {
			for _, alias := range keyList(ids.raw) {
				la := strings.ToLower(alias)
				if _, taken := b.byKey[la]; !taken {
					b.byKey[la], b.aliasOf[la] = e, e
				}
			}
		}
	}
	return out
}

// keyList splits a comma-separated list of citation keys.
func keyList(raw string) []string {
	var out []string
	for _, k := range strings.Split(strings.NewReplacer("{", "", "}", "").Replace(raw), ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// inherited are the fields an entry takes from its crossref or xdata
// entries when it has none of its own: where and when it appeared. Notes,
// links and identifiers belong to the parent alone.
var inherited = []string{"booktitle", "journal", "journaltitle", "publisher", "year", "date", "month"}

// inherit fills in e's missing fields from the entries its crossref and
// xdata fields name, as BibTeX (crossref) and biber (both) do; a parent's
// title becomes the child's booktitle, as biblatex maps it.
func (b *builder) inherit(e *entry) {
	for _, f := range []string{"crossref", "xdata"} {
		ref, ok := e.fields[f]
		if !ok {
			continue
		}
		for _, key := range keyList(ref.raw) {
			parent := b.byKey[strings.ToLower(key)]
			if parent == nil || parent == e {
				b.add(ref.line, f, groupCrossref, false, "%q in %q", key, e.key)
				continue
			}
			for _, name := range inherited {
				if v, ok := parent.fields[name]; ok {
					if _, own := e.fields[name]; !own {
						e.fields[name] = v
					}
				}
			}
			if t, ok := parent.fields["title"]; ok && f == "crossref" {
				if _, own := e.fields["booktitle"]; !own {
					e.fields["booktitle"] = t
				}
			}
		}
	}
}

// kinds maps entry types to paper kinds other than "paper".
var kinds = map[string]string{"book": "reading", "inbook": "reading", "incollection": "reading", "booklet": "reading",
	"manual": "reading", "mvbook": "reading", "collection": "reading", "mvcollection": "reading", "proceedings": "reading",
	"mvproceedings": "reading"}

var (
	arxivURL     = lazyRegexp(`(?i)arxiv\.org/(?:abs|pdf)/([a-z][a-z.\-]*/\d{7}|\d{4}\.\d{4,5})(v\d+)?`)
	arxivJournal = lazyRegexp(`(?i)\barxiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.\-]*/\d{7}(?:v\d+)?)`)
	doiPrefix    = lazyRegexp(`(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)`)
)

// paper makes the paper of an entry; false when the entry is skipped.
func (b *builder) paper(e *entry) (deck.Paper, bool) {
	p := deck.Paper{Key: e.key, Stage: deck.Queued, Kind: "paper", File: b.file, Line: e.line}
	if k, ok := kinds[e.typ]; ok {
		p.Kind = k
	}
	p.Title = b.text(b.plain, e, "title")
	switch {
	case p.Title == "":
		b.add(e.line, "title", groupNoTitle, true, "@%s %q", e.typ, e.key)
		return p, false
	case len(p.Title) > deck.MaxCardText:
		b.add(e.fieldLine("title"), "title", groupLongTitle, true, "@%s %q", e.typ, e.key)
		return p, false
	}
	if _, ok := e.fields["author"]; ok {
		p.Authors = b.authors(e, "author")
	} else if _, ok := e.fields["editor"]; ok {
		p.Authors = b.authors(e, "editor")
	}
	p.Year = b.year(e)
	for _, f := range []string{"journal", "journaltitle", "booktitle", "publisher"} {
		if p.Venue = b.text(b.plain, e, f); p.Venue != "" {
			break
		}
	}
	if u, ok := e.fields["url"]; ok {
		p.URL = urlText(u.raw)
	}
	if d, ok := e.fields["doi"]; ok {
		p.DOI = doiPrefix().ReplaceAllString(urlText(d.raw), "")
	}
	p.ArXiv = b.arxivID(e, p.URL)
	return p, true
}

// year reads the entry's year, or the year a biblatex date starts with;
// anything else ("in press", "2017a") is left out with a warning.
func (b *builder) year(e *entry) int {
	if y := b.text(b.plain, e, "year"); y != "" {
		if n, err := strconv.Atoi(y); err == nil && n >= 1000 && n <= 9999 {
			return n
		}
		b.add(e.fieldLine("year"), "year", groupYear, false, "%q in %q", clip(y), e.key)
		return 0
	}
	if d := b.text(b.plain, e, "date"); d != "" { // biblatex: date = {2017-06-12}
		n, err := strconv.Atoi(d[:min(4, len(d))])
		if err == nil && n >= 1000 && (len(d) == 4 || d[4] == '-' || d[4] == '/') {
			return n
		}
		b.add(e.fieldLine("date"), "date", groupYear, false, "%q in %q", clip(d), e.key)
	}
	return 0
}

// arxivID finds an entry's arXiv id: its eprint when archivePrefix or
// eprinttype says arXiv, else one in its URL or journal.
func (b *builder) arxivID(e *entry, url string) string {
	for _, f := range []string{"archiveprefix", "eprinttype"} {
		if strings.EqualFold(b.text(b.plain, e, f), "arxiv") {
			if id := strings.TrimPrefix(urlText(e.fields["eprint"].raw), "arXiv:"); id != "" {
				return id
			}
		}
	}
	if m := arxivURL().FindStringSubmatch(url); m != nil {
		return m[1] + m[2]
	}
	if m := arxivJournal().FindStringSubmatch(b.text(b.plain, e, "journal")); m != nil {
		return m[1]
	}
	return ""
}

// card makes the card of an entry with a note about the paper: its
// annote, else its annotation (biblatex), else a note that reads as a
// note and not as a bibliographic remark (readsAsNote). It returns the
// card and the field it came from, "" when there is none. Card text is
// Markdown, so maths stays $…$ for the renderer.
func (b *builder) card(e *entry, p deck.Paper) (deck.Card, string) {
	for _, f := range []string{"annote", "annotation", "note"} {
		if f == "note" && !readsAsNote(b.text(b.plain, e, f)) {
			continue
		}
		back := b.text(b.md, e, f)
		if back == "" {
			continue
		}
		if len(back) > deck.MaxCardText {
			b.add(e.fieldLine(f), f, groupLongNote, true, "%q", e.key)
			return deck.Card{}, ""
		}
		return deck.Card{
			ID:    "bib-" + e.key,
			Deck:  b.deck,
			Kind:  deck.Basic,
			Front: "What is the key idea of “" + b.mdTitle(e, p) + "”?",
			Back:  back,
			Paper: e.key,
			File:  b.file,
			Line:  e.line,
		}, f
	}
	return deck.Card{}, ""
}

// text returns the text of field f of e, or "".
func (b *builder) text(c converter, e *entry, f string) string {
	v, ok := e.fields[f]
	if !ok {
		return ""
	}
	b.line, b.field = v.line, f
	return c.text(v.raw)
}

// mdTitle returns the title of e as Markdown: the paper's plain title
// unless maths or a dollar sign makes the two differ.
func (b *builder) mdTitle(e *entry, p deck.Paper) string {
	if !strings.Contains(e.fields["title"].raw, "$") {
		return p.Title
	}
	return b.text(b.md, e, "title")
}

// authors returns the names in field f of e.
func (b *builder) authors(e *entry, f string) string {
	v := e.fields[f]
	b.line, b.field = v.line, f
	return b.plain.authors(v.raw)
}

// unknownCommand warns, once per file, of a LaTeX command that is in
// none of the tables.
func (b *builder) unknownCommand(name string) {
	if !b.seenCmd[name] {
		b.seenCmd[name] = true
		b.add(b.line, b.field, groupLaTeX, false, `\%s`, name)
	}
}

// fieldLine returns the line of field f, or of the entry when it has none.
func (e *entry) fieldLine(f string) int {
	if v, ok := e.fields[f]; ok {
		return v.line
	}
	return e.line
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// anySkipped reports whether a warning left an entry out.
func anySkipped(ws []deck.Warning) bool {
	for _, w := range ws {
		if w.Skipped {
			return true
		}
	}
	return false
}
