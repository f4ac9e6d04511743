package search

import "strings"

// MatchesCollection reports whether the term collection:p matches the
// collection path ("A/B/C"): p matches the whole path, or its last part
// after a "/", or does so for a collection that holds this one (a parent
// path), ignoring case, with "*" matching any run of characters. It is the
// rule storage's SQL applies to stored collections, for an importer that
// picks collections out of a library before anything is stored.
func (p Pattern) MatchesCollection(path string) bool {
	path = strings.ToLower(path)
	var parts []string
	for _, part := range p.Parts() {
		parts = append(parts, strings.ToLower(part))
	}
	star := []string{""}
	slash := []string{"/"}
	for _, form := range [][][]string{
		{parts},                           // the full path
		{parts, slash, star},              // a sub-collection of it
		{star, slash, parts},              // its last part
		{star, slash, parts, slash, star}, // a sub-collection of a collection with that last part
	} {
		if glob(path, concat(form...)) {
			return true
		}
	}
	return false
}

// concat joins lists of pattern parts, merging neighbouring literals so
// that literals and wildcards alternate, as glob wants them.
func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, part := range l {
			if n := len(out); n > 0 && part != "" && out[n-1] != "" {
				out[n-1] += part
				continue
			}
			out = append(out, part)
		}
	}
	return out
}

// glob matches s against parts, literals and wildcards ("") alternating:
// the first literal must start s and the last end it (unless a wildcard
// stands there), and each one between is taken at its leftmost place after
// the one before, which is enough when wildcards separate them. It takes
// time linear in s for each literal, whatever the pattern.
func glob(s string, parts []string) bool {
	if len(parts) == 0 {
		return s == ""
	}
	if parts[0] != "" {
		rest, ok := strings.CutPrefix(s, parts[0])
		if !ok {
			return false
		}
		s, parts = rest, parts[1:]
		if len(parts) == 0 {
			return s == ""
		}
	}
	if last := parts[len(parts)-1]; last != "" {
		rest, ok := strings.CutSuffix(s, last)
		if !ok {
			return false
		}
		s, parts = rest, parts[:len(parts)-1]
	}
	for _, lit := range parts {
		if lit == "" {
			continue
		}
		i := strings.Index(s, lit)
		if i < 0 {
			return false
		}
		s = s[i+len(lit):]
	}
	return true
}
