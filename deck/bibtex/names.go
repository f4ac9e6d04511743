package bibtex

import "strings"

// authors turns a BibTeX name list ("Last, First and First Last and
// others") into "First Last, First Last et al.". Names are split on the
// word "and" outside braces; a name with commas is "von Last, First" or
// "von Last, Jr, First".
func (c converter) authors(raw string) string {
	var names []string
	others := false
	for _, words := range splitNames(raw) {
		if len(words) == 1 && strings.EqualFold(words[0], "others") {
			others = true
			continue
		}
		if n := c.displayName(strings.Join(words, " ")); n != "" {
			names = append(names, n)
		}
	}
	out := strings.Join(names, ", ")
	if others {
		out = strings.TrimSpace(out + " et al.")
	}
	return out
}

// splitNames splits raw into the words of each name: words are separated
// by white space outside braces, and names by the word "and".
func splitNames(raw string) [][]string {
	var names [][]string
	var cur []string
	depth, start := 0, -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := raw[start:end]
		start = -1
		if strings.EqualFold(w, "and") {
			if len(cur) > 0 {
				names = append(names, cur)
			}
			cur = nil
			return
		}
		cur = append(cur, w)
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth = max(depth-1, 0)
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(raw))
	if len(cur) > 0 {
		names = append(names, cur)
	}
	return names
}

// displayName turns one BibTeX name into "First von Last Jr".
func (c converter) displayName(raw string) string {
	parts := splitTopCommas(raw)
	for i, p := range parts {
		parts[i] = c.text(p)
	}
	var order []string
	switch len(parts) {
	case 1:
		order = parts
	case 2: // von Last, First
		order = []string{parts[1], parts[0]}
	default: // von Last, Jr, First
		order = []string{strings.Join(parts[2:], " "), parts[0], parts[1]}
	}
	return strings.Join(strings.Fields(strings.Join(order, " ")), " ")
}

// splitTopCommas splits s at commas outside braces.
func splitTopCommas(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}
