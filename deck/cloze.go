package deck

import (
	"fmt"
	"strconv"
	"strings"
)

// deletion is one cloze deletion found in a text.
type deletion struct {
	start, end int // byte span of the whole {{...}} or [[...]] marker
	ord        int
	text, hint string
}

// scanCloze finds the deletions of text. Bracket deletions ([[text]]) are
// numbered after the largest explicit {{cN::...}} number, in order.
func scanCloze(text string) ([]deletion, error) {
	var dels []deletion
	maxOrd := 0
	var bracket []int // indexes into dels still to number
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], "{{"):
			end := strings.Index(text[i:], "}}")
			if end < 0 {
				return nil, fmt.Errorf("unclosed {{ at column %d", i+1)
			}
			inner := text[i+2 : i+end]
			d, err := parseAnkiDeletion(inner)
			if err != nil {
				return nil, fmt.Errorf("column %d: %w", i+1, err)
			}
			d.start, d.end = i, i+end+2
			dels = append(dels, d)
			maxOrd = max(maxOrd, d.ord)
			i = d.end
		case strings.HasPrefix(text[i:], "[["):
			end := strings.Index(text[i:], "]]")
			if end < 0 {
				return nil, fmt.Errorf("unclosed [[ at column %d", i+1)
			}
			inner := strings.TrimSpace(text[i+2 : i+end])
			if inner == "" {
				return nil, fmt.Errorf("column %d: empty [[ ]] deletion", i+1)
			}
			bracket = append(bracket, len(dels))
			dels = append(dels, deletion{start: i, end: i + end + 2, text: inner})
			i += end + 2
		default:
			i++
		}
	}
	for _, k := range bracket {
		maxOrd++
		dels[k].ord = maxOrd
	}
	return dels, nil
}

// parseAnkiDeletion reads "c1::text" or "c1::text::hint".
func parseAnkiDeletion(inner string) (deletion, error) {
	parts := strings.SplitN(inner, "::", 3)
	if len(parts) < 2 || len(parts[0]) < 2 || (parts[0][0] != 'c' && parts[0][0] != 'C') {
		return deletion{}, fmt.Errorf("cloze %q: want {{c1::text}} or {{c1::text::hint}}", "{{"+inner+"}}")
	}
	n, err := strconv.Atoi(parts[0][1:])
	if err != nil || n < 1 || n > 500 {
		return deletion{}, fmt.Errorf("cloze %q: number must be 1 to 500", "{{"+inner+"}}")
	}
	d := deletion{ord: n, text: strings.TrimSpace(parts[1])}
	if d.text == "" {
		return deletion{}, fmt.Errorf("cloze %q: empty text", "{{"+inner+"}}")
	}
	if len(parts) == 3 {
		d.hint = strings.TrimSpace(parts[2])
	}
	return d, nil
}

// ClozeOrds returns the distinct cloze numbers used in text, ascending.
func ClozeOrds(text string) ([]int, error) {
	dels, err := scanCloze(text)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	var ords []int
	for _, d := range dels {
		if !seen[d.ord] {
			seen[d.ord] = true
			ords = append(ords, d.ord)
		}
	}
	for i := 1; i < len(ords); i++ { // insertion sort: lists are tiny
		for j := i; j > 0 && ords[j] < ords[j-1]; j-- {
			ords[j], ords[j-1] = ords[j-1], ords[j]
		}
	}
	return ords, nil
}

// render replaces every deletion of text: those numbered ord by hidden(d),
// the others by their plain text.
func render(text string, ord int, hidden func(deletion) string) string {
	dels, err := scanCloze(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, d := range dels {
		b.WriteString(text[last:d.start])
		if d.ord == ord {
			b.WriteString(hidden(d))
		} else {
			b.WriteString(d.text)
		}
		last = d.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// ClozeFront shows text with deletion ord hidden as "[...]" or "[hint]".
func ClozeFront(text string, ord int) string {
	return render(text, ord, func(d deletion) string {
		if d.hint != "" {
			return "[" + d.hint + "]"
		}
		return "[...]"
	})
}

// ClozeBack shows text with deletion ord filled in and passed through mark;
// a nil mark shows it as "[text]".
func ClozeBack(text string, ord int, mark func(string) string) string {
	if mark == nil {
		mark = func(s string) string { return "[" + s + "]" }
	}
	return render(text, ord, func(d deletion) string { return mark(d.text) })
}
