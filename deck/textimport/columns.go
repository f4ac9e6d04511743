package textimport

import (
	"encoding/csv"
	"fmt"
	"strings"

	"loci/deck"
)

// layout says which column holds what; column numbers are 1-based and 0
// means none.
type layout struct {
	front, back                int
	deck, tags, guid, notetype int
	source, paper, unlock      int  // loci's own columns, by name only
	implicitTags               bool // tags is the third field column, by position
	explicit                   []metaColumn
	// width is the most fields a row may have: the number of named
	// columns, else (once the first record is read) the first record's
	// width or the columns the layout uses, whichever is more. 0 until
	// known; open means rows may be of any width (a notetype column
	// without named columns: note types differ in their fields).
	width int
	open  bool
}

// metaColumn is a meta column that a header line or a column name gave; a
// row too short to hold it is an error.
type metaColumn struct {
	name string
	col  int
}

// labelRoles maps lower-case column names to what the column holds.
var labelRoles = map[string]string{
	"front": "front", "text": "front", "question": "front",
	"back": "back", "back extra": "back", "extra": "back", "answer": "back",
	"tags": "tags", "deck": "deck", "guid": "guid", "notetype": "notetype", "note type": "notetype",
	"source": "source", "paper": "paper", "unlock": "unlock",
}

// resolveColumns works out the layout from the header lines and the
// separator.
func resolveColumns(name string, m *meta, sep rune) (*layout, error) {
	l := &layout{deck: m.deckCol, tags: m.tagsCol, guid: m.guidCol, notetype: m.notetypeCol}
	taken := map[int]string{}
	for _, mc := range []metaColumn{{"deck", l.deck}, {"tags", l.tags}, {"guid", l.guid}, {"notetype", l.notetype}} {
		if mc.col == 0 {
			continue
		}
		if other, ok := taken[mc.col]; ok {
			return nil, &deck.Error{File: name, Line: m.colLine[mc.name], Field: mc.name + " column",
				Err: fmt.Errorf("column %d is already the %s column", mc.col, other)}
		}
		taken[mc.col] = mc.name
	}
	labels := splitLabels(m.columns, sep)
	for i, label := range labels {
		col := i + 1
		if taken[col] != "" {
			continue
		}
		switch role := labelRoles[strings.ToLower(strings.TrimSpace(label))]; role {
		case "front":
			if l.front == 0 {
				l.front = col
			}
		case "back":
			if l.back == 0 {
				l.back = col
			}
		case "source", "paper", "unlock":
			if p := l.own(role); *p == 0 {
				*p = col
				taken[col] = role
			}
		case "":
		default:
			if p := l.meta(role); *p == 0 {
				*p = col
				taken[col] = role
			}
		}
	}
	for _, mc := range []metaColumn{{"deck", l.deck}, {"tags", l.tags}, {"guid", l.guid}, {"notetype", l.notetype}} {
		if mc.col > 0 {
			l.explicit = append(l.explicit, mc)
		}
	}
	free := func(c int) bool { return taken[c] == "" && c != l.front && c != l.back }
	next := func() int {
		c := 1
		for !free(c) {
			c++
		}
		return c
	}
	if l.front == 0 {
		l.front = next()
	}
	if l.back == 0 {
		l.back = next()
	}
	if l.tags == 0 && len(labels) == 0 {
		l.tags, l.implicitTags = next(), true
	}
	switch {
	case len(labels) > 0:
		l.width = max(len(labels), l.used())
	case l.notetype > 0:
		l.open = true
	}
	return l, nil
}

// used is the highest column the layout reads.
func (l *layout) used() int {
	return max(l.front, l.back, l.deck, l.tags, l.guid, l.notetype, l.source, l.paper, l.unlock)
}

// own returns the field of l that holds one of loci's own columns.
func (l *layout) own(role string) *int {
	switch role {
	case "source":
		return &l.source
	case "paper":
		return &l.paper
	}
	return &l.unlock
}

func (l *layout) meta(role string) *int {
	switch role {
	case "deck":
		return &l.deck
	case "tags":
		return &l.tags
	case "guid":
		return &l.guid
	}
	return &l.notetype
}

// splitLabels splits the value of a #columns: line by the separator, as a
// record of its own; a value without the separator but with tabs (Anki
// writes names tab-separated) is split on tabs.
func splitLabels(value string, sep rune) []string {
	value = strings.TrimRight(value, "\r\n")
	if strings.TrimSpace(value) == "" {
		return nil
	}
	if !strings.ContainsRune(value, sep) && strings.Contains(value, "\t") {
		sep = '\t'
	}
	r := csv.NewReader(strings.NewReader(value))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
	rec, err := r.Read()
	if err != nil {
		return strings.Split(value, string(sep))
	}
	return rec
}
