package bibtex

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"loci/deck"
)

// Options tune Parse.
type Options struct {
	// Deck holds the cards made from annote and note fields; "" means
	// DefaultDeck.
	Deck string
}

// DefaultDeck holds the cards of papers when Options.Deck is empty.
const DefaultDeck = "Papers"

// Limits on what macros can make of a small file.
const (
	maxKey      = 128              // bytes in a citation key
	maxValue    = deck.MaxLineSize // bytes in one value, macros expanded
	maxExpanded = 4 * deck.MaxFileSize
)

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

// Parse reads a .bib file and returns its entries as papers, with a card
// for each entry that has an annote or note field. name is used in errors
// and recorded on every paper and card. Nothing is returned with an error:
// a file is taken whole or not at all.
func Parse(name string, r io.Reader, opt Options) (*deck.Set, error) {
	data, err := io.ReadAll(io.LimitReader(r, deck.MaxFileSize+1))
	if err != nil {
		return nil, &deck.Error{File: name, Err: err}
	}
	if len(data) > deck.MaxFileSize {
		return nil, &deck.Error{File: name, Err: fmt.Errorf("file is larger than %d MiB", deck.MaxFileSize>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:validPrefix(data)], []byte{'\n'})
		return nil, &deck.Error{File: name, Line: line, Err: errors.New("text is not valid UTF-8 (convert the file, for example with iconv -f latin1 -t utf-8)")}
	}
	entries, err := parseEntries(newScanner(name, string(data)))
	if err != nil {
		return nil, err
	}
	return toSet(name, entries, opt)
}

// validPrefix returns the length of the longest valid UTF-8 prefix of b.
func validPrefix(b []byte) int {
	n := 0
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		n += size
	}
	return n
}

// parseEntries reads every entry of the file, defining macros on the way.
func parseEntries(s *scanner) ([]*entry, error) {
	p := &bibParser{s: s, macros: map[string]string{}}
	var out []*entry
	for {
		i := strings.IndexByte(s.src[s.pos:], '@')
		if i < 0 {
			return out, nil
		}
		at := s.pos + i
		s.pos = at + 1
		s.skipSpace()
		typ := strings.ToLower(s.name())
		if typ == "" {
			continue // an "@" in text outside entries
		}
		s.skipSpace()
		if c := s.peek(); c != '{' && c != '(' && !knownTypes[typ] {
			continue // a word after an "@" in text outside entries
		}
		switch typ {
		case "comment":
			if c := s.peek(); c == '{' || c == '(' {
				if err := p.skipGroup("@comment"); err != nil {
					return nil, err
				}
			}
			continue
		}
		close, err := p.open(at, typ)
		if err != nil {
			return nil, err
		}
		switch typ {
		case "preamble":
			if _, err := p.value("@preamble", close); err != nil {
				return nil, err
			}
			err = p.close(at, typ, close)
		case "string":
			err = p.macro(at, close)
		default:
			var e *entry
			if e, err = p.entry(at, typ, close); err == nil {
				out = append(out, e)
			}
		}
		if err != nil {
			return nil, err
		}
	}
}

// knownTypes are the entry types of BibTeX and biblatex; one of them after
// an "@" must start an entry, while other words are taken as text.
var knownTypes = map[string]bool{
	"article": true, "book": true, "booklet": true, "conference": true, "inbook": true, "incollection": true,
	"inproceedings": true, "manual": true, "mastersthesis": true, "misc": true, "phdthesis": true,
	"proceedings": true, "techreport": true, "unpublished": true, "online": true, "report": true,
	"thesis": true, "software": true, "dataset": true, "collection": true, "mvbook": true, "electronic": true,
	"www": true, "patent": true, "periodical": true, "string": true, "preamble": true,
}

// bibParser reads entries and holds the macros defined so far.
type bibParser struct {
	s        *scanner
	macros   map[string]string
	expanded int // bytes of macro text written into values so far
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
	e := &entry{typ: typ, key: key, line: s.lineAt(at), fields: map[string]field{}}
	for {
		s.skipSpace()
		switch c := s.peek(); {
		case s.eof():
			return nil, s.errorf(at, "", "entry %q is never closed with %q (or a brace in one of its values is unbalanced)", key, close)
		case c == close:
			s.pos++
			return e, nil
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
			if s.eof() {
				continue
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
					return "", s.errorf(s.pos, field, "macros expand to more than %d MiB in all", maxExpanded>>20)
				}
				b.WriteString(v)
			} else if v, ok := months[strings.ToLower(name)]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(name)
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
