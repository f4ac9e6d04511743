package search

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that any text either parses or gives an *Error whose
// column lies within the query (or just after it).
//
//	go test ./deck/search -fuzz FuzzParse -fuzztime 30s
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "dog", `deck:"a b" -(tag:x or is:due)`, `prop:r<0.5 rated:3:1`, `((`, `"`, `-`, `\`,
		`a\`, `tag:a\*b*`, `or`, `a or`, `front:`, `)(`, "é(ü", `prop:ivl>=`, `rated:1:`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) {
			return
		}
		got, err := Parse(q)
		if err == nil {
			if got.String() == "" {
				t.Fatalf("Parse(%q) gave an empty tree", q)
			}
			return
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Fatalf("Parse(%q) error %T, want *Error", q, err)
		}
		if n := utf8.RuneCountInString(q); se.Col < 1 || se.Col > n+1 {
			t.Fatalf("Parse(%q): column %d outside 1..%d", q, se.Col, n+1)
		}
	})
}
