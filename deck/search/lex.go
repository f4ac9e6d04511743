package search

import (
	"fmt"
	"strings"
	"unicode"
)

// Error is a query that cannot be parsed: the column (in characters,
// counted from 1) where the problem is, and what it is.
type Error struct {
	Col int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("search: column %d: %s", e.Col, e.Msg) }

func errAt(col int, format string, args ...any) *Error {
	return &Error{Col: col, Msg: fmt.Sprintf(format, args...)}
}

type tokenKind int

const (
	tWord tokenKind = iota
	tOpen
	tClose
	tNot // a "-" in front of a term
	tOr
	tAnd
	tEnd
)

// token is one lexeme. A word is split at its first colon outside quotes
// into a key and a value; without one, key is empty and hasKey false.
type token struct {
	kind   tokenKind
	col    int // column of the token's first character
	key    string
	hasKey bool
	value  Pattern // with "\*" and "\\" for literal star and backslash
	valCol int     // column of the value's first character
}

// lex splits a query into tokens, ending with tEnd.
func lex(q string) ([]token, error) {
	rs := []rune(q)
	var out []token
	for i := 0; i < len(rs); {
		r := rs[i]
		col := i + 1
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			out = append(out, token{kind: tOpen, col: col})
			i++
		case r == ')':
			out = append(out, token{kind: tClose, col: col})
			i++
		case r == '-':
			if i+1 >= len(rs) || unicode.IsSpace(rs[i+1]) || rs[i+1] == ')' {
				return nil, errAt(col, `"-" must come right before the term it negates`)
			}
			out = append(out, token{kind: tNot, col: col})
			i++
		default:
			t, next, err := lexWord(rs, i)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
			i = next
		}
	}
	return append(out, token{kind: tEnd, col: len(rs) + 1}), nil
}

// lexWord reads one word starting at rs[i] and returns it with the index
// after it. Spaces and parentheses end a word unless quoted; a backslash
// makes the next character literal.
func lexWord(rs []rune, i int) (token, int, error) {
	t := token{kind: tWord, col: i + 1, valCol: i + 1}
	var val strings.Builder
	quoteCol := 0 // column of the open quote, 0 outside quotes
	quoted := false
	for ; i < len(rs); i++ {
		r := rs[i]
		if quoteCol == 0 && (unicode.IsSpace(r) || r == '(' || r == ')') {
			break
		}
		switch {
		case r == '\\':
			if i+1 >= len(rs) {
				val.WriteString(`\\`)
				continue
			}
			i++
			if rs[i] == '*' || rs[i] == '\\' {
				val.WriteRune('\\')
			}
			val.WriteRune(rs[i])
		case r == '"':
			quoted = true
			if quoteCol == 0 {
				quoteCol = i + 1
			} else {
				quoteCol = 0
			}
		case r == ':' && quoteCol == 0 && !t.hasKey:
			t.key, t.hasKey = strings.ToLower(val.String()), true
			t.valCol = i + 2
			val.Reset()
		default:
			val.WriteRune(r)
		}
	}
	if quoteCol != 0 {
		return t, i, errAt(quoteCol, `unclosed quote`)
	}
	t.value = Pattern(val.String())
	if !t.hasKey && !quoted {
		switch strings.ToLower(string(t.value)) {
		case "or":
			t.kind = tOr
		case "and":
			t.kind = tAnd
		}
	}
	return t, i, nil
}
