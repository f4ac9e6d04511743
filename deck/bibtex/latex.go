package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// converter turns LaTeX values into text. Its zero value writes plain
// Unicode text, maths included, and says nothing of unknown commands.
type converter struct {
	// markdown keeps $…$ maths as written, for the card renderer to draw,
	// and writes a literal dollar sign as \$ so that it stays one; used
	// for card text, which is Markdown.
	markdown bool
	// unknown, when set, is called with the name of every command found in
	// none of the tables (at every use; the caller warns once).
	unknown func(name string)
}

// text returns the text of a LaTeX value with white space collapsed.
func (c converter) text(raw string) string {
	var b strings.Builder
	c.convert(raw, &b)
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

// convert writes the text of the LaTeX in s to b.
func (c converter) convert(s string, b *strings.Builder) {
	for i := 0; i < len(s); {
		switch ch := s[i]; {
		case ch == '{' || ch == '}':
			i++
		case ch == '$':
			i = c.math(s, i, b)
		case ch == '~':
			b.WriteByte(' ')
			i++
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
		case strings.HasPrefix(s[i:], "``"):
			b.WriteString("“")
			i += 2
		case strings.HasPrefix(s[i:], "''"):
			b.WriteString("”")
			i += 2
		case ch == '\\':
			i = c.command(s, i, b)
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+size])
			i += size
		}
	}
}

// math handles the dollar sign at s[i]. Plain text drops it and converts
// the maths like any text; Markdown keeps $…$ or $$…$$ as written, and a
// dollar sign that closes nothing becomes \$.
func (c converter) math(s string, i int, b *strings.Builder) int {
	if !c.markdown {
		return i + 1
	}
	delim := "$"
	if strings.HasPrefix(s[i:], "$$") {
		delim = "$$"
	}
	start := i + len(delim)
	for j := start; j < len(s); j++ {
		switch {
		case s[j] == '\\':
			j++
		case strings.HasPrefix(s[j:], delim) && j > start:
			b.WriteString(s[i : j+len(delim)])
			return j + len(delim)
		}
	}
	b.WriteString(`\$`)
	return i + 1
}

// command writes the text of the command starting with the backslash at
// s[i] and returns the offset after it.
func (c converter) command(s string, i int, b *strings.Builder) int {
	if i+1 >= len(s) {
		b.WriteByte('\\')
		return len(s)
	}
	j := i + 1
	if !isLetter(s[j]) {
		// A control symbol: one character.
		sym := s[j : j+1]
		if mark, ok := accents[sym]; ok {
			return c.accent(s, j+1, mark, b)
		}
		switch sym {
		case "\\", " ", ",", ";", ":", "\n", "\t", "\r":
			b.WriteByte(' ')
		case "-", "/", "@", "!": // a soft hyphen, an italic correction, spacing: nothing
		case "$":
			if c.markdown {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		default: // \& \% \# \_ \{ \}
			_, size := utf8.DecodeRuneInString(s[j:])
			b.WriteString(s[j : j+size])
			return j + size
		}
		return j + 1
	}
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if mark, ok := accents[name]; ok && len(name) == 1 {
		return c.accent(s, j, mark, b)
	}
	arg := skipSpaces(s, j) // where a braced argument would start
	hasArg := arg < len(s) && s[arg] == '{'
	switch {
	case urlCommands[name] && hasArg:
		inner, next := group(s, arg)
		b.WriteString(urlText(inner))
		return next
	case dropArg[name] && hasArg:
		_, next := group(s, arg)
		return next
	case quoting[name] && hasArg:
		inner, next := group(s, arg)
		b.WriteString("“")
		c.convert(inner, b)
		b.WriteString("”")
		return next
	case operators[name]:
		b.WriteString(name)
		return j
	case formatting[name], urlCommands[name], dropArg[name], quoting[name]:
		return arg
	}
	sym, ok := symbols[name]
	if !ok {
		if c.unknown != nil {
			c.unknown(name)
		}
		return arg // its arguments follow as text
	}
	b.WriteString(sym)
	// TeX drops the spaces after a command word; that is kept for letters
	// (Stra\ss e is Straße) and text symbols (it\textquoteright s), but
	// not after maths symbols such as arrows, whose spacing TeX sets itself.
	if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) || eatSpace[name] || strings.HasPrefix(name, "text") {
		return arg
	}
	return j
}

// accent puts mark on the first letter of the argument at s[j] ("e", "{e}",
// "\i", "{\i}") and returns the offset after the argument. An accent on
// nothing (\^{}, \~{}) is the accent itself, as TeX prints it.
func (c converter) accent(s string, j int, mark rune, b *strings.Builder) int {
	j = skipSpaces(s, j)
	var arg strings.Builder
	switch {
	case j >= len(s):
	case s[j] == '{':
		inner, next := group(s, j)
		c.convert(inner, &arg)
		j = next
	case s[j] == '\\':
		j = c.command(s, j, &arg)
	default:
		_, size := utf8.DecodeRuneInString(s[j:])
		arg.WriteString(s[j : j+size])
		j += size
	}
	base := arg.String()
	r, size := utf8.DecodeRuneInString(base)
	if size == 0 || r == ' ' {
		b.WriteString(bareAccents[mark])
		b.WriteString(base)
		return j
	}
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	b.WriteRune(r)
	b.WriteRune(mark)
	b.WriteString(base[size:])
	return j
}

// group returns the text inside the braces that open at s[j] and the
// offset after them; an unclosed group runs to the end.
func group(s string, j int) (string, int) {
	depth := 0
	for k := j; k < len(s); k++ {
		switch s[k] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return s[j+1 : k], k + 1
			}
		}
	}
	return s[j+1:], len(s)
}

func skipSpaces(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
		j++
	}
	return j
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// urlText returns a URL as written, without braces, white space, a \url
// wrapper or backslashes before the characters LaTeX makes one escape.
func urlText(raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, `\url{`) {
		raw, _ = group(raw, len(`\url`))
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '{' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '\\' && i+1 < len(raw) && strings.IndexByte("_%&#$~{}", raw[i+1]) >= 0:
			b.WriteByte(raw[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
