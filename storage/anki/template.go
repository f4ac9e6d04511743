package anki

import (
	"slices"
	"strings"
)

// ref is one {{...}} replacement in a card template: a field name and the
// filters before it, as in {{type:Back}} or {{cloze:Text}}.
type ref struct {
	field   string
	filters []string
}

func (r ref) has(filter string) bool { return slices.Contains(r.filters, filter) }

// specialFields are the names a template may use that are not note fields
// (SPECIAL_FIELDS in rslib/src/notetype/mod.rs).
var specialFields = map[string]bool{
	"FrontSide": true, "Card": true, "CardFlag": true, "Deck": true,
	"Subdeck": true, "Tags": true, "Type": true, "CardID": true,
}

// templateRefs lists the replacements of a template in order, following the
// tokenizer of rslib/src/template.rs: "{{" up to the next "}}", leading "{"
// trimmed; "#", "^" and "/" open and close conditionals and show nothing
// themselves; "a:b:Field" names Field with filters b, a. HTML comments are
// skipped.
func templateRefs(tmpl string) []ref {
	var refs []ref
	for len(tmpl) > 0 {
		open := strings.Index(tmpl, "{{")
		comment := strings.Index(tmpl, "<!--")
		if comment >= 0 && (open < 0 || comment < open) {
			end := strings.Index(tmpl[comment:], "-->")
			if end < 0 {
				break
			}
			tmpl = tmpl[comment+end+3:]
			continue
		}
		if open < 0 {
			break
		}
		end := strings.Index(tmpl[open+2:], "}}")
		if end < 0 {
			break
		}
		inner := strings.TrimSpace(strings.TrimLeft(tmpl[open+2:open+2+end], "{"))
		tmpl = tmpl[open+2+end+2:]
		if inner == "" || strings.ContainsAny(inner[:1], "#^/") {
			continue
		}
		parts := strings.Split(inner, ":")
		r := ref{field: strings.TrimSpace(parts[len(parts)-1])}
		for i := len(parts) - 2; i >= 0; i-- {
			r.filters = append(r.filters, strings.TrimSpace(parts[i]))
		}
		refs = append(refs, r)
	}
	return refs
}

// sides says which note fields make a card's front and back, by field
// index. For a cloze notetype, clozes are the fields the question side
// shows through the cloze filter ({{cloze:Text}}, {{type:cloze:Other}}):
// they hold the deletions, and they are all on the front.
type sides struct {
	front, back []int
	clozes      []int
}

// fieldIndex finds a field by name, exactly or else ignoring case.
func (nt *notetype) fieldIndex(name string) int {
	if i := slices.Index(nt.fields, name); i >= 0 {
		return i
	}
	for i, f := range nt.fields {
		if strings.EqualFold(f, name) {
			return i
		}
	}
	return -1
}

// sidesFor works out the sides of card ord of a notetype, and reports false
// when the notetype has no template for it. The front holds the fields the
// question side shows, in order; {{type:F}} and {{hint:F}} are left off the
// front because Anki shows them only as an answer box or a hidden hint. The
// back holds the fields the answer side adds ({{FrontSide}} brings back the
// question side's type and hint fields). Without any usable reference, the
// front falls back to the first field and the back to the first field not on
// the front.
//
// In a cloze notetype every field the question side passes through the
// cloze filter is a cloze field, whatever other filters it has: Anki makes
// a card for each cloze number found in the note (cloze_number_in_fields in
// rslib/src/cloze.rs, new_cards_required_cloze in notetype/cardgen.rs) and
// renders each cloze field with that number hidden, so {{type:cloze:Other}}
// beside {{cloze:Text}} makes Other's numbers cards too. They all go on the
// front, so that the note stays one cloze text in loci (see buildCard).
func (nt *notetype) sidesFor(ord int) (sides, bool) {
	if s, ok := nt.sides[ord]; ok {
		return s, true
	}
	tmplOrd := ord
	if nt.cloze {
		tmplOrd = 0 // every cloze card uses the one template
	}
	t, ok := nt.templates[tmplOrd]
	if !ok || len(nt.fields) == 0 {
		return sides{}, false
	}
	var s sides
	var deferred []int
	add := func(list *[]int, i int) {
		if i >= 0 && !slices.Contains(s.front, i) && !slices.Contains(*list, i) {
			*list = append(*list, i)
		}
	}
	for _, r := range templateRefs(t.qfmt) {
		if specialFields[r.field] {
			continue
		}
		i := nt.fieldIndex(r.field)
		switch {
		case nt.cloze && r.has("cloze") && i >= 0:
			if !slices.Contains(s.clozes, i) {
				s.clozes = append(s.clozes, i)
			}
			add(&s.front, i)
		case r.has("type") || r.has("hint"):
			add(&deferred, i)
		default:
			add(&s.front, i)
		}
	}
	if nt.cloze && len(s.clozes) == 0 {
		s.clozes = []int{0}
		if !slices.Contains(s.front, 0) {
			s.front = append([]int{0}, s.front...)
		}
	}
	for _, r := range templateRefs(t.afmt) {
		if r.field == "FrontSide" {
			for _, i := range deferred {
				add(&s.back, i)
			}
			continue
		}
		if !specialFields[r.field] {
			add(&s.back, nt.fieldIndex(r.field))
		}
	}
	if len(s.front) == 0 {
		s.front = []int{0}
	}
	if len(s.back) == 0 && !nt.cloze {
		for i := range nt.fields {
			if !slices.Contains(s.front, i) {
				s.back = []int{i}
				break
			}
		}
	}
	if nt.sides == nil {
		nt.sides = map[int]sides{}
	}
	nt.sides[ord] = s
	return s, true
}

// reversed reports whether a notetype is Anki's "Basic (and reversed card)"
// or "Basic (optional reversed card)", or one built like them: two card
// templates, the second asking with what the first answers and answering
// with what the first asks. (The optional kind shows its second card only
// when the note fills "Add Reverse"; Anki makes no card otherwise.)
func (nt *notetype) reversed() bool {
	if nt.cloze || len(nt.templates) != 2 {
		return false
	}
	s0, ok0 := nt.sidesFor(0)
	s1, ok1 := nt.sidesFor(1)
	return ok0 && ok1 && slices.Equal(s0.front, s1.back) && slices.Equal(s0.back, s1.front)
}
