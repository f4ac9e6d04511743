package deck

import (
	"fmt"
	"sort"
	"strings"
)

// DeckError is why a deck name given by the learner names no single deck:
// either nothing matches (Suggest holds the closest names, perhaps none) or
// a short name matches several decks (Candidates lists them).
type DeckError struct {
	Name       string
	Candidates []string // several decks end in Name
	Suggest    []string // nothing matched: the closest names
}

func (e *DeckError) Error() string {
	if len(e.Candidates) > 0 {
		return fmt.Sprintf("deck %q is ambiguous: it could be %s; give the full name", e.Name, quoteList(e.Candidates, "or"))
	}
	if len(e.Suggest) > 0 {
		return fmt.Sprintf("no deck %q; did you mean %s?", e.Name, quoteList(e.Suggest, "or"))
	}
	return fmt.Sprintf("no deck %q", e.Name)
}

// quoteList writes "a", "b" or "c".
func quoteList(names []string, conj string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}

// ResolveDeck turns what the learner typed into the full name of one of the
// decks named in decks (full "::" names; their parents count as decks too,
// as a parent studies its sub-decks). It accepts, in this order: the full
// name; the full name in another case; a trailing part of the name, such as
// "Funding" for "Alignment guide::Funding", when only one deck ends that way.
// Otherwise it returns a *DeckError. An empty name means every deck and is
// returned as is.
func ResolveDeck(name string, decks []string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	all := withParents(decks)
	for _, d := range all {
		if d == name {
			return d, nil
		}
	}
	lower := strings.ToLower(name)
	var folded, tail []string
	for _, d := range all {
		ld := strings.ToLower(d)
		switch {
		case ld == lower:
			folded = append(folded, d)
		case strings.HasSuffix(ld, "::"+lower):
			tail = append(tail, d)
		}
	}
	for _, found := range [][]string{folded, tail} {
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return "", &DeckError{Name: name, Candidates: found}
		}
	}
	return "", &DeckError{Name: name, Suggest: closestDecks(lower, all)}
}

// withParents returns the names with every parent deck added, sorted.
func withParents(decks []string) []string {
	seen := map[string]bool{}
	for _, d := range decks {
		parts := strings.Split(d, "::")
		for i := range parts {
			seen[strings.Join(parts[:i+1], "::")] = true
		}
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// closestDecks returns up to three decks whose full name or last part is
// within a few edits of typed (lower case), nearest first.
func closestDecks(typed string, decks []string) []string {
	type scored struct {
		name string
		dist int
	}
	limit := max(2, len([]rune(typed))/3)
	var near []scored
	for _, d := range decks {
		ld := strings.ToLower(d)
		dist := EditDistance(typed, ld)
		if i := strings.LastIndex(ld, "::"); i >= 0 {
			dist = min(dist, EditDistance(typed, ld[i+2:]))
		}
		if dist <= limit {
			near = append(near, scored{d, dist})
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].dist < near[j].dist })
	var out []string
	for i := 0; i < len(near) && i < 3; i++ {
		out = append(out, near[i].name)
	}
	return out
}

// EditDistance is the Levenshtein distance between a and b in runes: how
// many insertions, deletions and substitutions turn one into the other.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
