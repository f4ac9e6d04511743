package bibtex

import (
	"fmt"
	"strings"

	"loci/deck"
)

// The grammar of BibTeX: the parser of entries, commands and values.

// entry is one parsed @TYPE{KEY, ...} entry.
type entry struct {
	typ    string // lower case
	key    string
	line   int // line of the "@"
	fields map[string]field
}

// field is a value with the offset of its name, for messages.
type field struct {
	raw  string // LaTeX text, outer delimiters removed
	line int    // line of the field's name
}

// knownTypes are the entry types of BibTeX and biblatex; one of them after
// an "@" must start an entry, while other words are taken as text.
var knownTypes = map[string]bool{
	"article": true, "book": true, "booklet": true, "conference": true, "inbook": true, "incollection": true,
	"inproceedings": true, "manual": true, "mastersthesis": true, "misc": true, "phdthesis": true,
	"proceedings": true, "techreport": true, "unpublished": true, "online": true, "report": true,
	"thesis": true, "software": true, "dataset": true, "collection": true, "mvbook": true, "electronic": true,
	"www": true, "patent": true, "periodical": true, "string": true, "preamble": true, "set": true, "xdata": true,
	"mvcollection": true, "mvproceedings": true, "inreference": true, "reference": true, "suppbook": true,
	"suppcollection": true, "suppperiodical": true, "bookinbook": true, "artwork": true, "audio": true,
	"video": true, "image": true, "letter": true, "movie": true, "music": true, "performance": true,
	"standard": true, "comment": true,
}

// bibParser reads entries and holds the macros defined so far.
type bibParser struct {
	s        *scanner
	macros   map[string]string
	expanded int // bytes of macro text written into values so far
	out      *parsed
	key      string         // the key of the entry being read, for messages
	pending  []deck.Warning // the warnings of the entry being read
}

// open reads the "{" or "(" after "@type" and returns the byte that closes it.
func (p *bibParser) open(at int, typ string) (byte, error) {
	switch p.s.peek() {
	case '{':
		p.s.pos++
		return '}', nil
	case '(':
		p.s.pos++
		return ')', nil
	}
	return 0, p.s.errorf(at, "", "@%s must be followed by { or (", typ)
}

// close reads the delimiter that ends the entry opened at at.
func (p *bibParser) close(at int, typ string, close byte) error {
	p.s.skipSpace()
	if p.s.eof() {
		return p.s.errorf(at, "", "@%s opened here is never closed with %q", typ, close)
	}
	if c := p.s.peek(); c != close {
		return p.s.errorf(p.s.pos, "", "found %q where @%s (line %d) should end with %q", c, typ, p.s.lineAt(at), close)
	}
	p.s.pos++
	return nil
}

// skipGroup skips a {...} or (...) group, as after @comment.
func (p *bibParser) skipGroup(what string) error {
	if p.s.peek() == '{' {
		_, err := p.s.balanced(what)
		return err
	}
	at := p.s.pos
	depth := 0
	for i := at; i < len(p.s.src); i++ {
		switch p.s.src[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.s.pos = i + 1
				return nil
			}
		}
	}
	return p.s.errorf(at, what, "this ( is never closed")
}

// macro reads the body of @string{NAME = VALUE}.
func (p *bibParser) macro(at int, close byte) error {
	p.s.skipSpace()
	off := p.s.pos
	name := strings.ToLower(p.s.name())
	if name == "" {
		return p.s.errorf(off, "@string", "want NAME = VALUE")
	}
	p.s.skipSpace()
	if p.s.peek() != '=' {
		return p.s.errorf(p.s.pos, "@string", "want = after the macro name %q", name)
	}
	p.s.pos++
	v, err := p.value(name, close)
	if err != nil {
		return err
	}
	p.macros[name] = v
	return p.close(at, "string", close)
}

// entry reads the key and fields of an entry after its opening delimiter.
func (p *bibParser) entry(at int, typ string, close byte) (*entry, error) {
	s := p.s
	s.skipSpace()
	keyOff := s.pos
	key := s.key(close)
	s.skipSpace()
	if key == "" || s.peek() == '=' {
		return nil, s.errorf(keyOff, "key", "@%s has no citation key: write @%s{KEY, field = {...}, ...}", typ, typ)
	}
	if len(key) > maxKey {
		return nil, s.errorf(keyOff, "key", "citation key is longer than %d bytes", maxKey)
	}
	p.key = key
	e := &entry{typ: typ, key: key, line: s.lineAt(at), fields: map[string]field{}}
	for {
		s.skipSpace()
		switch c := s.peek(); {
		case s.eof():
			return nil, s.errorf(at, "", "entry %q is never closed with %q (or a brace in one of its values is unbalanced)", key, close)
		case c == close:
			s.pos++
			return e, nil
		case c == '@':
			return nil, p.runsOn(at, key)
		case isNameByte(c): // the next field's name
			off := s.pos
			return nil, s.errorf(off, "", "a comma is missing before %q", s.name())
		case c != ',':
			return nil, s.errorf(s.pos, "", "found %q in entry %q where a comma or %q should be", c, key, close)
		}
		s.pos++
		s.skipSpace()
		if s.peek() == close {
			continue // a trailing comma
		}
		off := s.pos
		name := strings.ToLower(s.name())
		if name == "" {
			switch {
			case s.eof():
				continue
			case s.peek() == '@':
				return nil, p.runsOn(at, key)
			}
			return nil, s.errorf(off, "", "found %q in entry %q where a field name should be", s.peek(), key)
		}
		s.skipSpace()
		if s.peek() != '=' {
			return nil, s.errorf(s.pos, name, "want = after the field name")
		}
		s.pos++
		v, err := p.value(name, close)
		if err != nil {
			return nil, err
		}
		if _, dup := e.fields[name]; !dup {
			e.fields[name] = field{raw: v, line: s.lineAt(off)}
		}
	}
}

// runsOn is the error of an entry that meets the "@" of another before
// its end: a brace in one of its values, or its own, is missing.
func (p *bibParser) runsOn(at int, key string) error {
	return p.s.errorf(at, "", "entry %q is not closed before the next entry on line %d: a brace in one of its values may be unbalanced, or its closing brace missing",
		key, p.s.lineAt(p.s.pos))
}

// months are BibTeX's predefined month macros.
var months = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
	"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// value reads a value: parts joined by "#".
func (p *bibParser) value(field string, close byte) (string, error) {
	s := p.s
	var b strings.Builder
	for {
		s.skipSpace()
		switch c := s.peek(); {
		case c == '{':
			v, err := s.balanced(field)
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		case c == '"':
			v, err := s.quoted(field)
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		case c >= '0' && c <= '9':
			start := s.pos
			for !s.eof() && s.peek() >= '0' && s.peek() <= '9' {
				s.pos++
			}
			b.WriteString(s.src[start:s.pos])
		case isNameByte(c):
			name := s.name()
			if v, ok := p.macros[strings.ToLower(name)]; ok {
				if p.expanded += len(v); p.expanded > maxExpanded {
					return "", &deck.Error{File: s.file, Line: s.lineAt(s.pos), Field: field, Err: errExpansion}
				}
				b.WriteString(v)
			} else if v, ok := months[strings.ToLower(name)]; ok {
				b.WriteString(v)
			} else { // BibTeX warns and reads it as empty
				p.pending = append(p.pending, deck.Warning{File: s.file, Line: s.lineAt(s.pos), Field: field,
					Group: groupMacro, Detail: fmt.Sprintf("%q", name)})
			}
		case s.eof():
			return "", s.errorf(s.pos, field, "the file ends where a value should be")
		default:
			return "", s.errorf(s.pos, field, "found %q where a value should be: a {braced} or \"quoted\" text, a number or a macro name", c)
		}
		if b.Len() > maxValue {
			return "", s.errorf(s.pos, field, "value is longer than %d KiB", maxValue>>10)
		}
		s.skipSpace()
		if s.peek() != '#' {
			return b.String(), nil
		}
		s.pos++
	}
}
