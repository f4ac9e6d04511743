package textimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"loci/deck"
)

// Options tune Parse.
type Options struct {
	// Deck, when set, puts every card into this deck, whatever the file says.
	Deck string
	// Separator, when not 0, is the field separator, whatever the file says.
	Separator rune
	// Strict makes the first row that would be skipped or merged an error
	// (the deck.Warning itself), for imports that want all or nothing.
	Strict bool
}

// DefaultDeck holds the cards of a file that names no deck.
const DefaultDeck = "Imported"

// htmlSniffRecords is how many records are looked at to tell whether a file
// without an #html: line holds HTML (Anki looks at five).
const htmlSniffRecords = 5

// Parse reads the notes of a CSV, TSV or Anki "Notes in Plain Text" file
// (see the package documentation for the format) and returns their cards,
// with a warning for every row it skipped or merged. name is used in errors
// and recorded on every card. Nothing is returned with an error: a file
// that is not readable as delimited text is taken whole or not at all.
func Parse(name string, r io.Reader, opt Options) (*deck.Set, error) {
	set := &deck.Set{}
	size := sizeOf(r)
	warnings, err := stream(name, r, opt, size, func(c deck.Card) error {
		set.Cards = append(set.Cards, c)
		return nil
	}, func(n int) { set.Cards = make([]deck.Card, 0, n) })
	if err != nil {
		return nil, err
	}
	set.Warnings = warnings
	return set, nil
}

// Stream reads like Parse but hands each card to emit as soon as its row
// is read, holding no more of the file than a few records and a few bytes
// a card for telling repeated rows apart: an import can write a large file
// while it is read. An error from emit stops the parse and is returned.
// The warnings come back at the end; what was emitted before an error is
// the caller's to roll back.
func Stream(name string, r io.Reader, opt Options, emit func(deck.Card) error) ([]deck.Warning, error) {
	return stream(name, r, opt, sizeOf(r), emit, nil)
}

// stream is Parse and Stream; reserve, when not nil, is told about how
// many cards to expect.
func stream(name string, r io.Reader, opt Options, size int64, emit func(deck.Card) error, reserve func(int)) ([]deck.Warning, error) {
	if opt.Separator != 0 && !validSeparator(opt.Separator) {
		return nil, fmt.Errorf("separator %q cannot be used: pick one that is not a quote, '#' or a line break", opt.Separator)
	}
	br, wide, err := newReader(name, r)
	if err != nil {
		return nil, err
	}
	if wide {
		size /= 2
	}
	m, head, err := readHead(name, br)
	if err != nil {
		return nil, err
	}
	sep := opt.Separator
	switch {
	case sep != 0:
	case m.sep != 0:
		sep = m.sep
	default:
		sample, err := br.Peek(br.Size())
		if err != nil && err != io.EOF {
			return nil, readError(name, err)
		}
		sep = sniffSeparator(sample)
	}
	l, err := resolveColumns(name, m, sep)
	if err != nil {
		return nil, err
	}
	p := newParser(name, m, l, opt, sep, emit)
	if n := estimateRows(br, size); n > 0 {
		p.notes.reserve(n)
		if reserve != nil {
			reserve(n)
		}
	}
	cr := csv.NewReader(br)
	cr.Comma, cr.Comment, cr.FieldsPerRecord, cr.ReuseRecord = sep, '#', -1, true
	if err := p.records(cr, head); err != nil {
		return nil, err
	}
	return p.warnings, nil
}

// sizeOf returns the size of what r reads when r can tell (a file, or a
// bytes or strings reader), else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	case interface{ Len() int }:
		return int64(v.Len())
	}
	return -1
}

// estimateRows guesses how many records a file of size bytes holds from
// the lines with text at the start of br, so that the cards can be
// allocated once. It returns 0 when it cannot tell, and never more than
// maxReserve: a hostile file should not make Parse allocate for rows it
// does not hold.
func estimateRows(br *bufio.Reader, size int64) int {
	sample, _ := br.Peek(br.Size())
	if size <= 0 || len(sample) == 0 {
		return 0
	}
	lines := 0
	for l := range bytes.Lines(sample) {
		if len(bytes.TrimSpace(l)) > 0 {
			lines++
		}
	}
	return int(min(size*int64(lines)/int64(len(sample))+1, maxReserve))
}

// records reads every record of cr, whose first line is line head+1 of the
// file, into cards. Until the file's #html: line or its first records have
// told whether fields are HTML, records wait in pending.
func (p *parser) records(cr *csv.Reader, head int) error {
	var pending []row
	decided := p.meta.html != nil
	if decided {
		p.html = *p.meta.html
	}
	for rows := 0; ; rows++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.csvError(err, head)
		}
		if rows == MaxRows {
			return &deck.Error{File: p.name, Err: fmt.Errorf("more than %d records; split the file", MaxRows)}
		}
		for i, f := range rec {
			if err := checkField(f); err != nil {
				line, _ := cr.FieldPos(i)
				return &deck.Error{File: p.name, Line: head + line, Field: "column " + strconv.Itoa(i+1), Err: err}
			}
		}
		line, _ := cr.FieldPos(0)
		if p.layout.width == 0 && !p.layout.open {
			p.layout.width = max(len(rec), p.layout.used())
		}
		r := row{fields: rec, line: head + line}
		if decided {
			if err := p.row(r); err != nil {
				return err
			}
			continue
		}
		r.fields = slices.Clone(rec) // the reader reuses rec
		if pending = append(pending, r); len(pending) == htmlSniffRecords {
			decided, p.html = true, looksLikeHTML(fieldsOf(pending))
			if err := p.rows(pending); err != nil {
				return err
			}
			pending = nil
		}
	}
	if !decided {
		p.html = looksLikeHTML(fieldsOf(pending))
	}
	return p.rows(pending)
}

// checkField refuses a field that is not UTF-8 or too large to be a card.
func checkField(f string) error {
	if len(f) > maxRawField {
		return fmt.Errorf("field is larger than %d KiB", maxRawField>>10)
	}
	if !utf8.ValidString(f) {
		return errors.New("field is not valid UTF-8 (save the file as UTF-8)")
	}
	return nil
}

// row is one record and the line it starts on.
type row struct {
	fields []string
	line   int
}

func fieldsOf(rows []row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.fields
	}
	return out
}

// csvError turns an error of encoding/csv into one naming the file's line.
func (p *parser) csvError(err error, head int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		where := ""
		if pe.StartLine != pe.Line {
			where = fmt.Sprintf(" in the record that starts on line %d", head+pe.StartLine)
		}
		return &deck.Error{File: p.name, Line: head + pe.Line, Err: fmt.Errorf(
			"column %d%s: %v (a field holding the separator (%s), a quote or a line break must be quoted, with the quotes inside it doubled)",
			pe.Column, where, pe.Err, p.sepName())}
	}
	return readError(p.name, err)
}

func readError(name string, err error) error {
	return &deck.Error{File: name, Err: err}
}

// normalizeDeck trims each level of a "::"-separated deck name.
func normalizeDeck(name string) string {
	if !strings.Contains(name, "::") {
		return strings.TrimSpace(name)
	}
	parts := strings.Split(name, "::")
	out := parts[:0]
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return strings.Join(out, "::")
}
