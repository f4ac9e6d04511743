package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// text turns a LaTeX value into plain Unicode text with white space
// collapsed.
func text(raw string) string {
	var b strings.Builder
	convert(raw, &b)
	return strings.Join(strings.Fields(norm.NFC.String(b.String())), " ")
}

// convert writes the plain text of the LaTeX in s to b.
func convert(s string, b *strings.Builder) {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '{' || c == '}' || c == '$':
			i++
		case c == '~':
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
		case c == '\\':
			i = command(s, i, b)
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+size])
			i += size
		}
	}
}

// accents maps accent commands to the combining marks they put on a letter.
var accents = map[string]rune{
	`"`: '\u0308', `'`: '\u0301', "`": '\u0300', "^": '\u0302', "~": '\u0303', "=": '\u0304', ".": '\u0307',
	"c": '\u0327', "v": '\u030C', "u": '\u0306', "H": '\u030B', "k": '\u0328', "r": '\u030A', "d": '\u0323',
	"b": '\u0331', "t": '\u0361',
}

// symbols maps commands without arguments to their text.
var symbols = map[string]string{
	"ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "textless": "<", "textgreater": ">", "textbar": "|",
	"textbackslash": `\`, "textasciitilde": "~", "textunderscore": "_", "textasciicircum": "^",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "textdegree": "°",
	"S": "§", "P": "¶", "dag": "†", "ddag": "‡", "pounds": "£", "euro": "€", "textperiodcentered": "·",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e",
	"quad": " ", "qquad": " ", "space": " ", "enspace": " ", "thinspace": " ", "newline": " ", "par": " ",
	// math
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
	"chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
	"Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"infty": "∞", "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
	"neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "propto": "∝", "to": "→", "rightarrow": "→",
	"leftarrow": "←", "Rightarrow": "⇒", "in": "∈", "notin": "∉", "subset": "⊂", "cup": "∪", "cap": "∩",
	"forall": "∀", "exists": "∃", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫",
	"ell": "ℓ",
}

// operators are math operators written as words; unlike other commands
// they keep the space after them ("$\log n$" reads "log n").
var operators = map[string]bool{"log": true, "ln": true, "exp": true, "max": true, "min": true, "sin": true, "cos": true, "lim": true, "arg": true}

// command writes the text of the command starting with the backslash at
// s[i] and returns the offset after it.
func command(s string, i int, b *strings.Builder) int {
	if i+1 >= len(s) {
		b.WriteByte('\\')
		return len(s)
	}
	j := i + 1
	if !isLetter(s[j]) {
		// A control symbol: one character.
		c := s[j : j+1]
		if mark, ok := accents[c]; ok {
			return accent(s, j+1, mark, b)
		}
		switch c {
		case "\\", " ", ",", ";", ":", "\n", "\t":
			b.WriteByte(' ')
		case "-", "/", "@", "!":
		default:
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
		return accent(s, j, mark, b)
	}
	switch name {
	case "url":
		if k := skipSpaces(s, j); k < len(s) && s[k] == '{' {
			arg, next := group(s, k)
			b.WriteString(urlText(arg))
			return next
		}
	case "href":
		if k := skipSpaces(s, j); k < len(s) && s[k] == '{' {
			_, next := group(s, k) // the link; its text follows
			return next
		}
	}
	if operators[name] {
		b.WriteString(name)
		return j
	}
	// Other commands leave only their arguments. TeX drops the spaces after
	// a command word; that is kept for letters (Stra\ss e is Straße) but not
	// after symbols such as arrows, whose spacing TeX sets itself.
	sym := symbols[name]
	b.WriteString(sym)
	if r, _ := utf8.DecodeLastRuneInString(sym); sym != "" && !unicode.IsLetter(r) {
		return j
	}
	return skipSpaces(s, j)
}

// accent puts mark on the first letter of the argument at s[j] ("e", "{e}",
// "\i", "{\i}") and returns the offset after the argument.
func accent(s string, j int, mark rune, b *strings.Builder) int {
	j = skipSpaces(s, j)
	var arg strings.Builder
	switch {
	case j >= len(s):
		return j
	case s[j] == '{':
		inner, next := group(s, j)
		convert(inner, &arg)
		j = next
	case s[j] == '\\':
		j = command(s, j, &arg)
	default:
		_, size := utf8.DecodeRuneInString(s[j:])
		arg.WriteString(s[j : j+size])
		j += size
	}
	base := arg.String()
	r, size := utf8.DecodeRuneInString(base)
	if size == 0 {
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
