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
	// Deck holds the cards made from notes about the papers (annote,
	// annotation, note); "" means DefaultDeck.
	Deck string
}

// DefaultDeck holds the cards of papers when Options.Deck is empty.
const DefaultDeck = "Papers"

// Limits on what a small file can make: a key, a value, and all that its
// macros expand to (past that the file is refused, not warned about).
const (
	maxKey      = 128              // bytes in a citation key
	maxValue    = deck.MaxLineSize // bytes in one value, macros expanded
	maxExpanded = 4 * deck.MaxFileSize
)

// Parse reads a .bib file and returns its entries as papers, with a card
// for each entry that has a note about the paper (annote, annotation, or a
// note that reads as one; see readsAsNote). name is used in messages and
// recorded on every paper and card.
//
// Like BibTeX and biber, Parse keeps what is good in a file and reports
// the rest as warnings in Set.Warnings: an entry with a syntax error, a
// repeated key or no title is skipped, an undefined macro is left empty.
// It returns an error only for a file that cannot be read as BibTeX at
// all: too large, not UTF-8, without a single @ command or entry, or with
// macros that expand beyond any real file's needs.
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
	p, err := parseFile(newScanner(name, string(data)))
	if err != nil {
		return nil, err
	}
	if p.found == 0 {
		return nil, &deck.Error{File: name, Err: errors.New("no BibTeX entries: want @TYPE{KEY, field = {...}, ...}")}
	}
	return toSet(p, opt), nil
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

// parsed is what a file holds: its entries, in order, and the warnings
// met while reading them.
type parsed struct {
	entries []*entry
	warnings
	found int // entries and commands met, readable or not
}

// errExpansion stops the whole file: macros that grow this large are an
// attack, not a bibliography.
var errExpansion = fmt.Errorf("macros expand to more than %d MiB in all", maxExpanded>>20)

// parseFile reads every entry and command of the file, defining macros on
// the way. An entry or command with a syntax error is left out with a
// warning and reading goes on where scanner.resume says: BibTeX goes on
// at the next "@" wherever it is, but one inside the broken entry (an
// e-mail address, say) is no entry's start.
func parseFile(s *scanner) (*parsed, error) {
	p := &bibParser{s: s, macros: map[string]string{}, out: &parsed{warnings: warnings{file: s.file}}}
	for {
		i := strings.IndexByte(s.src[s.pos:], '@')
		if i < 0 {
			return p.out, nil
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
		p.out.found++
		p.key, p.pending = "", nil
		err := p.command(at, typ)
		if err == nil {
			p.out.list = append(p.out.list, p.pending...)
			continue
		}
		if errors.Is(err, errExpansion) {
			return nil, err
		}
		p.syntaxWarning(typ, err)
		s.pos = s.resume(at, s.pos)
	}
}

// command reads what follows "@typ" at at: a comment, a preamble, a macro
// definition or an entry.
func (p *bibParser) command(at int, typ string) error {
	if typ == "comment" {
		if c := p.s.peek(); c == '{' || c == '(' {
			return p.skipGroup("@comment")
		}
		return nil
	}
	close, err := p.open(at, typ)
	if err != nil {
		return err
	}
	switch typ {
	case "preamble":
		if _, err := p.value("@preamble", close); err != nil {
			return err
		}
		return p.close(at, typ, close)
	case "string":
		return p.macro(at, close)
	}
	e, err := p.entry(at, typ, close)
	if err != nil {
		return err
	}
	p.out.entries = append(p.out.entries, e)
	return nil
}

// syntaxWarning records the syntax error err in the command or entry of
// type typ: the entry is skipped, a command ignored.
func (p *bibParser) syntaxWarning(typ string, err error) {
	line, msg := 0, err.Error()
	var de *deck.Error
	if errors.As(err, &de) {
		line, msg = de.Line, de.Err.Error()
		if de.Field != "" && de.Field != "key" && !strings.HasPrefix(de.Field, "@") {
			msg = de.Field + ": " + msg
		}
	}
	field := ""
	if de != nil {
		field = de.Field
	}
	switch {
	case p.key != "":
		msg = fmt.Sprintf("@%s %q: %s", typ, p.key, msg)
	case !strings.HasPrefix(msg, "@"+typ):
		msg = "@" + typ + ": " + msg
	}
	if typ == "string" || typ == "preamble" || typ == "comment" {
		p.out.add(line, field, groupCommand, false, "%s", msg)
	} else {
		p.out.add(line, field, groupSyntax, true, "%s", msg)
	}
}
