package deck

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Warning is something an importer met in a file and dealt with instead of
// refusing the whole file: a row it skipped, a duplicate it merged, a macro
// it could not expand. Importers collect every warning so the learner sees
// them all at once, grouped, at the end of one run; `--strict` turns the
// first one into an error that imports nothing.
type Warning struct {
	File  string
	Line  int    // 1-based; 0 when the file as a whole is meant
	Field string // the field or column concerned, if any
	// Group is the short, fixed description shared by every warning of the
	// same kind, e.g. "rows with too few fields: skipped". The report
	// gathers warnings by it, so it must not contain per-row detail.
	Group string
	// Detail is the per-row part, e.g. `key "smith20"`; may be empty.
	Detail string
	// Skipped is true when the item was left out of the import (it counts
	// toward a "skipped" figure of the summary line).
	Skipped bool
	// Paper is true when the item concerned is a paper (a BibTeX entry, a
	// library item) rather than a card, so that a skipped one is counted
	// with the papers.
	Paper bool
}

// Error returns the warning as a one-line error, for --strict.
func (w Warning) Error() string {
	msg := w.Group
	if w.Detail != "" {
		msg += " (" + w.Detail + ")"
	}
	return (&Error{File: w.File, Line: w.Line, Field: w.Field, Err: fmt.Errorf("%s", msg)}).Error()
}

// SkippedCount is how many warnings left a card out, and how many a paper.
func SkippedCount(ws []Warning) (cards, papers int) {
	for _, w := range ws {
		switch {
		case w.Skipped && w.Paper:
			papers++
		case w.Skipped:
			cards++
		}
	}
	return cards, papers
}

// maxListed bounds how many places one line of the report names; the
// rest are counted, so a file with 100,000 bad rows gives a short report.
const maxListed = 20

// Report renders warnings grouped by file and Group, in the order each
// group first appears, one line a group: the count, the group, then the
// line numbers (and details, when they differ per row). It returns nil for
// no warnings.
func Report(ws []Warning) []string {
	type key struct{ file, group string }
	var order []key
	byKey := map[key][]Warning{}
	for _, w := range ws {
		k := key{w.File, w.Group}
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], w)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].file < order[j].file })
	var out []string
	for _, k := range order {
		list := byKey[k]
		var places []string
		for i, w := range list {
			if i == maxListed {
				places = append(places, fmt.Sprintf("and %d more", len(list)-maxListed))
				break
			}
			p := ""
			if w.Line > 0 {
				p = "line " + strconv.Itoa(w.Line)
			}
			if w.Detail != "" {
				if p != "" {
					p += " "
				}
				p += w.Detail
			}
			if p != "" {
				places = append(places, p)
			}
		}
		line := fmt.Sprintf("%s: %d %s", k.file, len(list), k.group)
		if len(places) > 0 {
			line += ": " + strings.Join(places, ", ")
		}
		out = append(out, line)
	}
	return out
}
