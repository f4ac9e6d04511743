package textimport

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"loci/deck"
)

// meta is what the header lines of a file say.
type meta struct {
	sep      rune   // 0 when no #separator: line
	html     *bool  // nil when no #html: line
	columns  string // raw #columns: value, split once the separator is known
	deck     string
	notetype string
	tags     []string
	// 1-based column numbers; 0 when not given.
	deckCol, tagsCol, guidCol, notetypeCol int
	// header lines that gave the columns, for error messages
	colLine map[string]int
}

// separatorNames are the names Anki writes after #separator:.
var separatorNames = map[string]rune{
	"comma": ',', "semicolon": ';', "tab": '\t', "space": ' ', "pipe": '|', "colon": ':',
}

// readHead reads the header lines at the top of br and returns what they
// say and how many lines they took.
func readHead(name string, br *bufio.Reader) (*meta, int, error) {
	m := &meta{colLine: map[string]int{}}
	n := 0
	for {
		b, err := br.Peek(1)
		if err != nil || (b[0] != '#' && (n > 0 || !startsWith(br, "tags:"))) {
			return m, n, nil
		}
		raw, err := br.ReadSlice('\n')
		n++
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, n, &deck.Error{File: name, Line: n, Err: fmt.Errorf("header line longer than %d KiB", br.Size()>>10)}
		}
		if err != nil && len(raw) == 0 {
			return m, n - 1, nil
		}
		if !utf8.Valid(raw) {
			return nil, n, &deck.Error{File: name, Line: n, Err: errors.New("line is not valid UTF-8 (save the file as UTF-8)")}
		}
		line := strings.TrimRight(string(raw), "\r\n")
		if rest, ok := strings.CutPrefix(line, "tags:"); ok && n == 1 {
			m.tags = strings.Fields(rest)
			continue
		}
		if err := m.parseLine(strings.TrimPrefix(line, "#"), n); err != nil {
			return nil, n, &deck.Error{File: name, Line: n, Field: err.field, Err: err.err}
		}
	}
}

// startsWith reports whether the unread input of br starts with s.
func startsWith(br *bufio.Reader, s string) bool {
	b, _ := br.Peek(len(s))
	return string(b) == s
}

type headError struct {
	field string
	err   error
}

// parseLine reads one header line without its "#". Lines without a colon
// and unknown keys are comments.
func (m *meta) parseLine(line string, n int) *headError {
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return nil
	}
	key = strings.ToLower(strings.TrimSpace(key))
	fail := func(format string, args ...any) *headError {
		return &headError{field: key, err: fmt.Errorf(format, args...)}
	}
	switch key {
	case "separator":
		sep, ok := parseSeparator(value)
		if !ok {
			return fail("%q: want Comma, Semicolon, Tab, Space, Pipe, Colon or a single character other than a quote, '#' or a line break", value)
		}
		m.sep = sep
	case "html":
		switch strings.ToLower(strings.TrimSpace(value)) {
		case "true":
			m.html = new(bool)
			*m.html = true
		case "false":
			m.html = new(bool)
		default:
			return fail("%q: want true or false", value)
		}
	case "columns":
		m.columns = value
		m.colLine["columns"] = n
	case "deck":
		m.deck = strings.TrimSpace(value)
	case "notetype":
		m.notetype = strings.TrimSpace(value)
	case "tags":
		m.tags = append(m.tags, strings.Fields(value)...)
	case "deck column", "tags column", "guid column", "notetype column":
		col, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || col < 1 || col > maxColumns {
			return fail("%q: want a column number from 1 to %d (the first column is 1)", strings.TrimSpace(value), maxColumns)
		}
		*m.column(strings.TrimSuffix(key, " column")) = col
		m.colLine[strings.TrimSuffix(key, " column")] = n
	}
	return nil
}

// column returns the field of m that holds the named meta column.
func (m *meta) column(name string) *int {
	switch name {
	case "deck":
		return &m.deckCol
	case "tags":
		return &m.tagsCol
	case "guid":
		return &m.guidCol
	}
	return &m.notetypeCol
}

// parseSeparator reads the value of a #separator: line: a name, or one
// character (taken as written, so that "#separator: " means a space).
func parseSeparator(value string) (rune, bool) {
	if sep, ok := separatorNames[strings.ToLower(strings.TrimSpace(value))]; ok {
		return sep, true
	}
	for _, v := range []string{value, strings.TrimSpace(value)} {
		if r, size := utf8.DecodeRuneInString(v); size > 0 && size == len(v) && validSeparator(r) {
			return r, true
		}
	}
	return 0, false
}

// validSeparator reports whether r can separate fields: encoding/csv refuses
// line breaks and U+FFFD, a quote could not be told from quoting, and '#'
// starts comment lines.
func validSeparator(r rune) bool {
	return r != '"' && r != '#' && r != '\r' && r != '\n' && r != utf8.RuneError
}
