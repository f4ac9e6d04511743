package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TeX renders a LaTeX maths fragment (the inside of $…$ or \(…\)) as Unicode
// text: Greek letters, operators and arrows become their symbols, sub- and
// superscripts become Unicode scripts where every character has one, \frac
// becomes a/b, \sqrt √x, \mathbb{R} ℝ. What does not map cleanly stays
// readable: a script without Unicode forms is written x_(ab) or x^(iπ), an
// unknown command and its braced arguments are kept as written.
func TeX(src string) string {
	p := &texParser{src: src}
	p.expr(false)
	return tidy(p.out.String())
}

// texParser is a small recursive-descent reader of LaTeX maths. It writes
// into out as it goes; scripts and command arguments are rendered by a
// sub-parser so that they can be mapped to Unicode forms as a whole.
type texParser struct {
	src string
	pos int
	out texOut
}

// texOut collects rendered text. After a function name (log) or a script
// that fell back to x_θ, a separating space is due if the next thing written
// starts with a letter or digit, so that ∇_θ J does not read as ∇_θJ.
type texOut struct {
	strings.Builder
	sepDue bool
}

func (o *texOut) write(s string) {
	if s == "" {
		return
	}
	if o.sepDue {
		r, _ := utf8.DecodeRuneInString(s)
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("∑∏∫∂∇√", r) {
			o.WriteByte(' ')
		}
		o.sepDue = false
	}
	o.WriteString(s)
}

// sub renders src with a fresh parser, for arguments and scripts.
func sub(src string) string {
	p := &texParser{src: src}
	p.expr(false)
	return tidy(p.out.String())
}

func (p *texParser) eof() bool { return p.pos >= len(p.src) }

func (p *texParser) peek() byte {
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

// expr renders atoms until the end, or until the closing brace of a group
// when inGroup (the brace is consumed).
func (p *texParser) expr(inGroup bool) {
	for !p.eof() {
		c := p.peek()
		switch {
		case c == '}' && inGroup:
			p.pos++
			return
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.skipSpace()
			p.out.write(" ")
		case c == '^' || c == '_':
			p.pos++
			p.script(c)
		case c == '{':
			p.pos++
			p.expr(true)
		case c == '~':
			p.pos++
			p.out.write(" ")
		case c == '\\':
			p.command()
		default:
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += n
			p.out.write(string(r))
		}
	}
}

func (p *texParser) skipSpace() {
	for !p.eof() && strings.IndexByte(" \t\n\r", p.peek()) >= 0 {
		p.pos++
	}
}

// rawArg returns the source of the next argument: a braced group's inside,
// a command, or one character. ok is false at the end of the input.
func (p *texParser) rawArg() (src string, ok bool) {
	p.skipSpace()
	if p.eof() {
		return "", false
	}
	start := p.pos
	switch p.peek() {
	case '{':
		depth := 0
		for ; !p.eof(); p.pos++ {
			switch p.src[p.pos] {
			case '\\':
				p.pos++ // an escaped brace does not count
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					p.pos++
					return p.src[start+1 : p.pos-1], true
				}
			}
		}
		return p.src[start+1:], true // unbalanced: take the rest
	case '\\':
		p.pos++
		if p.eof() {
			return `\`, true
		}
		if isLetter(p.peek()) {
			for !p.eof() && isLetter(p.peek()) {
				p.pos++
			}
		} else {
			_, n := utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += n
		}
		return p.src[start:p.pos], true
	}
	_, n := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += n
	return p.src[start:p.pos], true
}

// optArg returns the source of an optional [argument], if one follows.
func (p *texParser) optArg() (string, bool) {
	save := p.pos
	p.skipSpace()
	if p.peek() != '[' {
		p.pos = save
		return "", false
	}
	end := strings.IndexByte(p.src[p.pos:], ']')
	if end < 0 {
		p.pos = save
		return "", false
	}
	s := p.src[p.pos+1 : p.pos+end]
	p.pos += end + 1
	return s, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// script renders the argument of ^ or _ as Unicode super- or subscripts, or
// falls back to ^x / ^(xy) when a character has no such form.
func (p *texParser) script(kind byte) {
	src, ok := p.rawArg()
	if !ok {
		p.out.write(string(kind))
		return
	}
	text := sub(src)
	table := superscripts
	if kind == '_' {
		table = subscripts
	}
	if mapped, ok := mapAll(text, table); ok {
		p.out.WriteString(mapped) // a script attaches: no separating space
		p.out.sepDue = false
		return
	}
	if utf8.RuneCountInString(text) == 1 {
		p.out.WriteString(string(kind) + text)
		p.out.sepDue = true
		return
	}
	p.out.WriteString(string(kind) + "(" + text + ")")
}

// mapAll maps every rune of s through table, or reports false.
func mapAll(s string, table map[rune]rune) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		m, ok := table[r]
		if !ok {
			return "", false
		}
		b.WriteRune(m)
	}
	return b.String(), true
}

// command renders a control sequence starting at a backslash.
func (p *texParser) command() {
	p.pos++ // the backslash
	if p.eof() {
		p.out.write(`\`)
		return
	}
	if !isLetter(p.peek()) { // a control symbol: \{ \, \| \\
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		p.pos += n
		if s, ok := controlSymbols[r]; ok {
			p.out.write(s)
		} else {
			p.out.write(`\` + string(r))
		}
		return
	}
	start := p.pos
	for !p.eof() && isLetter(p.peek()) {
		p.pos++
	}
	name := p.src[start:p.pos]
	p.skipSpace() // a control word ends at the spaces after it
	p.word(name)
}

// word renders the control word \name whose arguments follow at p.pos.
func (p *texParser) word(name string) {
	if s, ok := symbols[name]; ok {
		p.out.write(s)
		return
	}
	if s, ok := relations[name]; ok {
		p.out.write(" " + s + " ")
		return
	}
	if functions[name] {
		p.out.write(name)
		p.out.sepDue = true
		return
	}
	if alpha, ok := alphabets[name]; ok {
		arg, _ := p.rawArg()
		p.out.write(alpha(sub(arg)))
		if name == "operatorname" {
			p.out.sepDue = true
		}
		return
	}
	if mark, ok := accents[name]; ok {
		arg, _ := p.rawArg()
		inner := sub(arg)
		if utf8.RuneCountInString(inner) == 1 {
			p.out.write(inner + string(mark))
		} else {
			p.out.write(`\` + name + "{" + inner + "}")
		}
		return
	}
	switch name {
	case "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
		"big", "Big", "bigg", "Bigg", "middle":
		if p.peek() == '.' { // \left. is an invisible delimiter
			p.pos++
		}
	case "limits", "nolimits", "displaystyle", "textstyle", "scriptstyle":
	case "frac", "dfrac", "tfrac":
		num, _ := p.rawArg()
		den, _ := p.rawArg()
		p.out.write(fraction(sub(num), sub(den)))
	case "sqrt":
		n, hasN := p.optArg()
		arg, _ := p.rawArg()
		p.out.write(root(sub(n), hasN, sub(arg)))
	default:
		p.unknown(name)
	}
}

// unknown keeps \name as written, with any braced arguments right after it
// (their insides rendered), so the source stays readable.
func (p *texParser) unknown(name string) {
	p.out.write(`\` + name)
	for {
		save := p.pos
		p.skipSpace()
		if p.peek() != '{' {
			p.pos = save
			return
		}
		arg, _ := p.rawArg()
		p.out.WriteString("{" + sub(arg) + "}")
	}
}

// fraction writes a/b, with parentheses around a side that is not one
// term, and the Unicode vulgar fraction for the common ones (½).
func fraction(num, den string) string {
	if v, ok := vulgar[num+"/"+den]; ok {
		return v
	}
	return term(num) + "/" + term(den)
}

// root writes √x, ∛x, ∜x or ⁿ√x, with parentheses around a longer radicand.
func root(n string, hasN bool, x string) string {
	sign := "√"
	switch {
	case !hasN || n == "2":
	case n == "3":
		sign = "∛"
	case n == "4":
		sign = "∜"
	default:
		if sup, ok := mapAll(n, superscripts); ok {
			sign = sup + "√"
		} else {
			sign = "(" + n + ")√"
		}
	}
	return sign + term(x)
}

// term puts parentheses around s unless it reads as one term: no spaces and
// no operator outside brackets.
func term(s string) string {
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case depth == 0 && (unicode.IsSpace(r) || strings.ContainsRune("+-−=±∓/·×<>≤≥≠≈,;", r)):
			return "(" + s + ")"
		}
	}
	if s == "" {
		return "()"
	}
	return s
}

// tidy collapses runs of spaces, drops spaces just inside brackets and
// trims the ends: spaces in TeX source carry no meaning.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return bracketSpace.Replace(s)
}

var bracketSpace = strings.NewReplacer("( ", "(", " )", ")", "[ ", "[", " ]", "]")
