package bibtex

import (
	"fmt"
	"sort"
	"strings"

	"loci/deck"
)

// scanner walks the text of a .bib file.
type scanner struct {
	file  string
	src   string
	pos   int
	lines []int // byte offsets of the line breaks, for line numbers
}

func newScanner(name, src string) *scanner {
	s := &scanner{file: name, src: src}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			s.lines = append(s.lines, i)
		}
	}
	return s
}

// lineAt returns the 1-based line of byte offset off.
func (s *scanner) lineAt(off int) int {
	return sort.SearchInts(s.lines, off) + 1
}

func (s *scanner) errorf(off int, field, format string, args ...any) error {
	return &deck.Error{File: s.file, Line: s.lineAt(off), Field: field, Err: fmt.Errorf(format, args...)}
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

// peek returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

// skipSpace skips white space and, between the parts of an entry, "%"
// comments to the end of their line (BibTeX has none, but .bib files are
// often written as if it had).
func (s *scanner) skipSpace() {
	for !s.eof() {
		switch c := s.src[s.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.pos++
		case c == '%':
			if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
				s.pos += i + 1
			} else {
				s.pos = len(s.src)
			}
		default:
			return
		}
	}
}

// isNameByte reports whether c may appear in a type, field or macro name
// (BibTeX allows any printable character but these).
func isNameByte(c byte) bool {
	return c > ' ' && c != 0x7f && !strings.ContainsRune("\"#%'(),={}@\\", rune(c))
}

// name reads a type, field or macro name; "" when there is none.
func (s *scanner) name() string {
	start := s.pos
	for !s.eof() && isNameByte(s.src[s.pos]) {
		s.pos++
	}
	return s.src[start:s.pos]
}

// key reads a citation key: anything up to white space, a comma or a
// closing delimiter.
func (s *scanner) key(close byte) string {
	start := s.pos
	for !s.eof() {
		c := s.src[s.pos]
		if c <= ' ' || c == ',' || c == close || c == '}' || c == '{' || c == '=' || c == '"' || c == '#' || c == '%' {
			break
		}
		s.pos++
	}
	return s.src[start:s.pos]
}

// balanced reads from an opening brace at s.pos to its matching closing
// brace and returns what lies between. Braces count whether or not a
// backslash comes before them, as in BibTeX. A value never runs on into
// a line that starts an entry ("@type{"): its closing brace is missing,
// and stopping there keeps the entries after it, and the time spent on a
// file with many such values, linear.
func (s *scanner) balanced(field string) (string, error) {
	open := s.pos
	depth := 0
	for i := open; i < len(s.src); i++ {
		switch s.src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				s.pos = i + 1
				return s.src[open+1 : i], nil
			}
		case '\n':
			if next, ok := s.entryAfter(i); ok {
				return "", s.errorf(open, field, "this { is never closed (a brace is missing): the value runs on into the entry on line %d", s.lineAt(next))
			}
		}
	}
	return "", s.errorf(open, field, "this { is never closed (a brace is missing)")
}

// quoted reads a "quoted" value from the quote at s.pos; a quote inside
// braces does not end it, and neither does a line that starts an entry.
func (s *scanner) quoted(field string) (string, error) {
	open := s.pos
	depth := 0
	for i := open + 1; i < len(s.src); i++ {
		switch s.src[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return "", s.errorf(open, field, "this \" is not closed before the unbalanced } on line %d", s.lineAt(i))
			}
			depth--
		case '"':
			if depth == 0 {
				s.pos = i + 1
				return s.src[open+1 : i], nil
			}
		case '\n':
			if next, ok := s.entryAfter(i); ok {
				return "", s.errorf(open, field, "this \" is never closed: the value runs on into the entry on line %d", s.lineAt(next))
			}
		}
	}
	if depth > 0 {
		return "", s.errorf(open, field, "a { inside this quoted value is never closed")
	}
	return "", s.errorf(open, field, "this \" is never closed")
}

// entryAfter reports whether the line after the line break at nl starts
// an entry ("@type{" or "@type(", after white space), and its offset.
func (s *scanner) entryAfter(nl int) (int, bool) {
	j := nl + 1
	for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t' || s.src[j] == '\r') {
		j++
	}
	if j >= len(s.src) || s.src[j] != '@' {
		return 0, false
	}
	k := j + 1
	for k < len(s.src) && isLetter(s.src[k]) {
		k++
	}
	for k < len(s.src) && (s.src[k] == ' ' || s.src[k] == '\t') {
		k++
	}
	return j, k > j+1 && k < len(s.src) && (s.src[k] == '{' || s.src[k] == '(')
}

// resume returns where reading goes on after a syntax error found at
// offset failed in the entry or command that starts at at: the next "@"
// that starts a line, or, when another entry ("@article{", any known
// type) starts before it on the broken entry's own lines, that one, so
// that entries written side by side on one line are not lost with it.
func (s *scanner) resume(at, failed int) int {
	next := s.nextLineAt(at)
	for i := max(failed, at+1); i < next; i++ {
		if s.src[i] != '@' {
			continue
		}
		j := i + 1
		for j < next && isNameByte(s.src[j]) {
			j++
		}
		k := j
		for k < next && (s.src[k] == ' ' || s.src[k] == '\t') {
			k++
		}
		if knownTypes[strings.ToLower(s.src[i+1:j])] && k < next && (s.src[k] == '{' || s.src[k] == '(') {
			return i
		}
	}
	return next
}

// nextLineAt returns the offset of the first "@" after offset at that
// starts a line (white space may come before it), or the end of the text.
func (s *scanner) nextLineAt(at int) int {
	for i := at + 1; i < len(s.src); i++ {
		if s.src[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t' || s.src[j] == '\r') {
			j++
		}
		if j < len(s.src) && s.src[j] == '@' {
			return j
		}
		i = j - 1
	}
	return len(s.src)
}
