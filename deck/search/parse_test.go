package search

import (
	"errors"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		q, want string
	}{
		{"", "(all)"},
		{"   ", "(all)"},
		{"dog", `(text "dog")`},
		{"dog cat", `(and (text "dog") (text "cat"))`},
		{"dog and cat", `(and (text "dog") (text "cat"))`},
		{`"a dog"`, `(text "a dog")`},
		{`a"b c"d`, `(text "ab cd")`},
		{"dog or cat", `(or (text "dog") (text "cat"))`},
		{"dog OR cat Or bird", `(or (text "dog") (text "cat") (text "bird"))`},
		{"a b or c", `(or (and (text "a") (text "b")) (text "c"))`},
		{"a (b or c)", `(and (text "a") (or (text "b") (text "c")))`},
		{"-a", `(not (text "a"))`},
		{"-(a or b) c", `(and (not (or (text "a") (text "b"))) (text "c"))`},
		{"--a", `(not (not (text "a")))`},
		{"self-play", `(text "self-play")`},
		{`"or"`, `(text "or")`},
		{`front:dog`, `(front "dog")`},
		{`Back:*dog*`, `(back "*dog*")`},
		{`deck:Funding`, `(deck "Funding")`},
		{`deck:"Alignment guide::Funding"`, `(deck "Alignment guide::Funding")`},
		{`deck:Fund*`, `(deck "Fund*")`},
		{`tag:hard`, `(tag "hard")`},
		{`tag:a\*b`, `(tag "a\\*b")`},
		{`tag:a\\b`, `(tag "a\\\\b")`},
		{`"RLHF: a method"`, `(text "RLHF: a method")`},
		{`a\:b`, `(text "a:b")`},
		{`\(x\)`, `(text "(x)")`},
		{`is:new`, `(is new)`},
		{`is:LEARN is:review is:due`, `(and (is learn) (is review) (is due))`},
		{`is:suspended or is:buried or is:leech`, `(or (is suspended) (is buried) (is leech))`},
		{`paper:elk`, `(paper "elk")`},
		{`collection:Interp`, `(collection "Interp")`},
		{`collection:"Alignment/Interp*" -collection:Surveys`, `(and (collection "Alignment/Interp*") (not (collection "Surveys")))`},
		{`stage:Read`, `(stage read)`},
		{`prop:ivl>=10`, `(prop ivl >= 10)`},
		{`prop:due<3`, `(prop due < 3)`},
		{`prop:due=-1`, `(prop due = -1)`},
		{`prop:lapses>2`, `(prop lapses > 2)`},
		{`prop:reps!=0`, `(prop reps != 0)`},
		{`prop:stability>30`, `(prop stability > 30)`},
		{`prop:s<=2.5`, `(prop stability <= 2.5)`},
		{`prop:d>7`, `(prop difficulty > 7)`},
		{`prop:retrievability<0.8`, `(prop retrievability < 0.8)`},
		{`prop:r=1`, `(prop retrievability = 1)`},
		{`added:7`, `(added 7)`},
		{`rated:7`, `(rated 7)`},
		{`rated:7:1`, `(rated 7 1)`},
		{`rated:2:again`, `(rated 2 1)`},
		{`deck:Funding is:due -tag:hard (rated:7:1 or prop:lapses>2)`,
			`(and (deck "Funding") (is due) (not (tag "hard")) (or (rated 7 1) (prop lapses > 2)))`},
	} {
		t.Run(tc.q, func(t *testing.T) {
			q, err := Parse(tc.q)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.q, err)
			}
			if got := q.String(); got != tc.want {
				t.Fatalf("Parse(%q) = %s, want %s", tc.q, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		q, want string
	}{
		{`deck:Funding (tag:a`, `search: column 14: unclosed "("`},
		{`((a)`, `search: column 1: unclosed "("`},
		{`(`, `search: column 1: unclosed "("`},
		{`a )`, `search: column 3: ")" without a matching "("`},
		{`()`, `search: column 1: empty "()"`},
		{`"abc`, `search: column 1: unclosed quote`},
		{`tag:"ab`, `search: column 5: unclosed quote`},
		{`a -`, `search: column 3: "-" must come right before the term it negates`},
		{`-(a) - b`, `search: column 6: "-" must come right before the term it negates`},
		{`or a`, `search: column 1: "or" needs a term before it`},
		{`a or`, `search: column 3: "or" needs a term after it`},
		{`a or or b`, `search: column 3: "or" needs a term after it`},
		{`(a or)`, `search: column 4: "or" needs a term after it`},
		{`a and`, `search: column 3: "and" needs a term after it`},
		{`""`, `search: column 1: empty quotes`},
		{`deck:`, `search: column 1: deck: needs a value`},
		{`is:old`, `search: column 4: is:old is not known (is: takes new, learn, review, due, suspended, buried, leech)`},
		{`stage:done`, `search: column 7: stage:done is not a stage (queued, read, understood, replicated)`},
		{`prop:ivl`, `search: column 6: prop:ivl: write a property, an operator and a number, as prop:ivl>=10`},
		{`prop:foo>1`, `search: column 6: prop:foo is not known (ivl, due, lapses, reps, stability, difficulty, retrievability)`},
		{`prop:ivl=>1`, `search: column 10: prop:ivl: ">1" is not a number`},
		{`prop:ivl>x`, `search: column 10: prop:ivl: "x" is not a number`},
		{`prop:ivl>1.5`, `search: column 10: prop:ivl takes a whole number, not 1.5`},
		{`prop:r<2`, `search: column 8: prop:r is a probability from 0 to 1, not 2`},
		{`added:0`, `search: column 7: added: takes a number of days from 1, not "0"`},
		{`rated:x`, `search: column 7: rated: takes a number of days from 1, not "x"`},
		{`rated:7:5`, `search: column 9: rated:7:5: the answer must be 1 (again) to 4 (easy), not "5"`},
		{`RLHF: a`, `search: column 1: unknown field "rlhf" (known: front, back, deck, tag, is, paper, collection, stage, prop, added, rated; put text with a colon in quotes)`},
		{`é (a`, `search: column 3: unclosed "("`},
	} {
		t.Run(tc.q, func(t *testing.T) {
			_, err := Parse(tc.q)
			if err == nil {
				t.Fatalf("Parse(%q) gave no error, want %s", tc.q, tc.want)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T, want *Error", tc.q, err)
			}
			if got := err.Error(); got != tc.want {
				t.Fatalf("Parse(%q) error\n got %s\nwant %s", tc.q, got, tc.want)
			}
		})
	}
}

func TestPatternParts(t *testing.T) {
	for _, tc := range []struct {
		p    Pattern
		want []string
		wild bool
	}{
		{"dog", []string{"dog"}, false},
		{"*dog*", []string{"", "dog", ""}, true},
		{`a\*b`, []string{"a*b"}, false},
		{`a\\*`, []string{`a\`, ""}, true},
		{"a*b", []string{"a", "", "b"}, true},
	} {
		if got := tc.p.Parts(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q.Parts() = %q, want %q", tc.p, got, tc.want)
		}
		if got := tc.p.HasWildcard(); got != tc.wild {
			t.Errorf("%q.HasWildcard() = %v, want %v", tc.p, got, tc.wild)
		}
	}
}
