package search

import (
	"math"
	"strconv"
	"strings"

	"loci/deck"
)

// Parse reads a query. An empty or all-space query matches every card. A
// query it cannot read gives an *Error pointing at the column.
//
// Grammar, loosest first:
//
//	query := or
//	or    := and { "or" and }
//	and   := unary { ["and"] unary }
//	unary := "-" unary | "(" or ")" | term
func Parse(q string) (Query, error) {
	toks, err := lex(q)
	if err != nil {
		return Query{}, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tEnd {
		return Query{}, nil
	}
	n, err := p.or()
	if err != nil {
		return Query{}, err
	}
	if t := p.peek(); t.kind != tEnd {
		// Only a ")" can stop the loops above before the end.
		return Query{}, errAt(t.col, `")" without a matching "("`)
	}
	return Query{Root: n}, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) take() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *parser) or() (Node, error) {
	var terms Or
	for {
		if t := p.peek(); t.kind == tOr || t.kind == tAnd {
			return nil, errAt(t.col, "%q needs a term before it", strings.ToLower(string(t.value)))
		}
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		terms = append(terms, n)
		if p.peek().kind != tOr {
			break
		}
		or := p.take()
		if k := p.peek().kind; k == tEnd || k == tClose || k == tOr {
			return nil, errAt(or.col, `"or" needs a term after it`)
		}
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

func (p *parser) and() (Node, error) {
	var terms And
	for {
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		terms = append(terms, n)
		if t := p.peek(); t.kind == tAnd {
			p.take()
			if k := p.peek().kind; k == tEnd || k == tClose || k == tOr || k == tAnd {
				return nil, errAt(t.col, `"and" needs a term after it`)
			}
		}
		if k := p.peek().kind; k == tEnd || k == tClose || k == tOr {
			break
		}
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return terms, nil
}

func (p *parser) unary() (Node, error) {
	t := p.take()
	switch t.kind {
	case tNot:
		if k := p.peek().kind; k == tOr || k == tAnd {
			return nil, errAt(t.col, `"-" must come right before the term it negates`)
		}
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Not{x}, nil
	case tOpen:
		if p.peek().kind == tClose {
			return nil, errAt(t.col, `empty "()"`)
		}
		if p.peek().kind == tEnd {
			return nil, errAt(t.col, `unclosed "("`)
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tClose {
			return nil, errAt(t.col, `unclosed "("`)
		}
		p.take()
		return n, nil
	case tClose:
		return nil, errAt(t.col, `")" without a matching "("`)
	case tEnd:
		return nil, errAt(t.col, "the query ends where a term should be")
	case tOr, tAnd:
		return nil, errAt(t.col, "%q needs a term before it", strings.ToLower(string(t.value)))
	}
	return term(t)
}

// term turns a word into its node.
func term(t token) (Node, error) {
	if !t.hasKey {
		if t.value == "" {
			return nil, errAt(t.col, "empty quotes")
		}
		return Text{Field: AnyField, Pattern: t.value}, nil
	}
	v := t.value
	if !knownKeys[t.key] {
		return nil, errAt(t.col, "unknown field %q (known: front, back, deck, tag, is, paper, collection, stage, prop, added, rated; put text with a colon in quotes)", t.key)
	}
	if v == "" {
		return nil, errAt(t.col, "%s: needs a value", t.key)
	}
	switch t.key {
	case "front":
		return Text{Field: Front, Pattern: v}, nil
	case "back":
		return Text{Field: Back, Pattern: v}, nil
	case "deck":
		return Deck{v}, nil
	case "tag":
		return Tag{v}, nil
	case "paper":
		return Paper{v}, nil
	case "collection":
		return Collection{v}, nil
	case "is":
		for _, s := range Statuses {
			if strings.EqualFold(string(v), string(s)) {
				return Is{s}, nil
			}
		}
		return nil, errAt(t.valCol, "is:%s is not known (is: takes %s)", v, joinStatuses())
	case "stage":
		s := deck.Stage(strings.ToLower(string(v)))
		if !s.Valid() {
			return nil, errAt(t.valCol, "stage:%s is not a stage (queued, read, understood, replicated)", v)
		}
		return Stage{s}, nil
	case "prop":
		return prop(t)
	case "added":
		n, err := days(t, string(v))
		if err != nil {
			return nil, err
		}
		return Added{n}, nil
	case "rated":
		ds, rs, hasRating := strings.Cut(string(v), ":")
		n, err := days(t, ds)
		if err != nil {
			return nil, err
		}
		r := Rated{Days: n}
		if hasRating {
			rating, ok := deck.ParseRating(rs)
			if !ok {
				return nil, errAt(t.valCol+len([]rune(ds))+1, "rated:%s: the answer must be 1 (again) to 4 (easy), not %q", v, rs)
			}
			r.Rating = rating
		}
		return r, nil
	}
	return nil, errAt(t.col, "field %q is not handled", t.key) // unreachable: knownKeys lists the cases above
}

// knownKeys are the field names a term may start with.
var knownKeys = map[string]bool{"front": true, "back": true, "deck": true, "tag": true, "paper": true, "is": true,
	"collection": true, "stage": true, "prop": true, "added": true, "rated": true}

func joinStatuses() string {
	s := make([]string, len(Statuses))
	for i, st := range Statuses {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// days reads the day count of added: and rated:, a whole number from 1.
func days(t token, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 36500 {
		return 0, errAt(t.valCol, "%s: takes a number of days from 1, not %q", t.key, s)
	}
	return n, nil
}

// prop reads "name op number".
func prop(t token) (Node, error) {
	s := string(t.value)
	i := strings.IndexAny(s, "=!<>")
	if i <= 0 {
		return nil, errAt(t.valCol, "prop:%s: write a property, an operator and a number, as prop:ivl>=10", s)
	}
	name := strings.ToLower(s[:i])
	p, ok := propNames[name]
	if !ok {
		return nil, errAt(t.valCol, "prop:%s is not known (ivl, due, lapses, reps, stability, difficulty, retrievability)", name)
	}
	var op Op
	for _, o := range ops {
		if strings.HasPrefix(s[i:], string(o)) {
			op = o
			break
		}
	}
	opCol := t.valCol + len([]rune(s[:i]))
	if op == "" {
		return nil, errAt(opCol, "prop:%s: unknown operator (use = != < <= > >=)", name)
	}
	num := s[i+len(op):]
	numCol := opCol + len(op)
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, errAt(numCol, "prop:%s: %q is not a number", name, num)
	}
	if p.integer() && v != math.Trunc(v) {
		return nil, errAt(numCol, "prop:%s takes a whole number, not %s", name, num)
	}
	if p == PropRetrievability && (v < 0 || v > 1) {
		return nil, errAt(numCol, "prop:%s is a probability from 0 to 1, not %s", name, num)
	}
	return Compare{Prop: p, Op: op, Value: v}, nil
}
