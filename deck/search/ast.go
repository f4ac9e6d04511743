package search

import (
	"fmt"
	"strconv"
	"strings"

	"loci/deck"
)

// Node is one term of a parsed query. Its String is a compact
// s-expression of the tree, stable enough for tests.
type Node interface {
	fmt.Stringer
	node()
}

// Query is a parsed query; a nil Root matches every card.
type Query struct {
	Root Node
}

// String prints the tree, "(all)" for the empty query.
func (q Query) String() string {
	if q.Root == nil {
		return "(all)"
	}
	return q.Root.String()
}

// And matches a card that every one of its terms matches.
type And []Node

// Or matches a card that any one of its terms matches.
type Or []Node

// Not matches a card its term does not match.
type Not struct{ X Node }

// Field is the part of a card that a Text term looks in.
type Field string

const (
	AnyField Field = ""      // the front or the back
	Front    Field = "front" // the front (a cloze card's text)
	Back     Field = "back"  // the back (a cloze card's extra text)
)

// Text matches cards whose field contains Pattern (AnyField) or, for
// front: and back:, equals Pattern. Pattern is a Pattern (see there).
type Text struct {
	Field   Field
	Pattern Pattern
}

// Deck matches cards in a deck whose full name, or its last part after
// "::", matches Pattern, and in that deck's sub-decks.
type Deck struct{ Pattern Pattern }

// Tag matches cards with a tag that matches Pattern, or a child tag of
// one ("Pattern::...").
type Tag struct{ Pattern Pattern }

// Status is what an is: term asks about a card.
type Status string

const (
	IsNew       Status = "new"       // never answered
	IsLearn     Status = "learn"     // learning or relearning
	IsReview    Status = "review"    // review or relearning
	IsDue       Status = "due"       // learning card due now, or review card due today
	IsSuspended Status = "suspended" // suspended by the learner or retired from its source
	IsBuried    Status = "buried"    // buried until later
	IsLeech     Status = "leech"     // tagged leech
)

// Statuses lists the is: values in the order the help shows them.
var Statuses = []Status{IsNew, IsLearn, IsReview, IsDue, IsSuspended, IsBuried, IsLeech}

// LeechTag is the tag that marks a leech.
const LeechTag = "leech"

// Is matches cards in a status.
type Is struct{ Status Status }

// Paper matches cards of a paper whose key matches Pattern.
type Paper struct{ Pattern Pattern }

// Stage matches cards of papers at a stage.
type Stage struct{ Stage deck.Stage }

// Collection matches cards of papers in a collection whose path, or its
// last level after "/", matches Pattern, and in that collection's
// sub-collections.
type Collection struct{ Pattern Pattern }

// Prop names a card property a prop: term compares.
type Prop string

const (
	PropInterval       Prop = "ivl"            // scheduled interval, days
	PropDue            Prop = "due"            // learner days from today to the due day
	PropLapses         Prop = "lapses"         // times forgotten
	PropReps           Prop = "reps"           // times answered
	PropStability      Prop = "stability"      // FSRS stability, days
	PropDifficulty     Prop = "difficulty"     // FSRS difficulty, 1–10
	PropRetrievability Prop = "retrievability" // FSRS probability of recall now, 0–1
)

// propNames maps every accepted spelling to its property.
var propNames = map[string]Prop{
	"ivl": PropInterval, "interval": PropInterval, "due": PropDue, "lapses": PropLapses, "reps": PropReps,
	"stability": PropStability, "s": PropStability, "difficulty": PropDifficulty, "d": PropDifficulty,
	"retrievability": PropRetrievability, "r": PropRetrievability,
}

// integer reports whether the property holds whole numbers only.
func (p Prop) integer() bool {
	return p == PropInterval || p == PropDue || p == PropLapses || p == PropReps
}

// Op is a comparison operator of a prop: term.
type Op string

const (
	Eq Op = "="
	Ne Op = "!="
	Lt Op = "<"
	Le Op = "<="
	Gt Op = ">"
	Ge Op = ">="
)

// ops lists the operators longest first, so "<=" is read before "<".
var ops = []Op{Le, Ge, Ne, Eq, Lt, Gt}

// Compare matches cards whose property compares to Value by Op.
type Compare struct {
	Prop  Prop
	Op    Op
	Value float64
}

// Added matches cards added in the last Days learner days (1 is today).
type Added struct{ Days int }

// Rated matches cards answered in the last Days learner days, with Rating
// when it is not zero.
type Rated struct {
	Days   int
	Rating deck.Rating
}

// Pattern is a value to match: "*" matches any run of characters, and
// "\*" and "\\" stand for a literal star and backslash.
type Pattern string

// Parts splits the pattern into literal runs and wildcards: each element
// is either a literal string or "" for one "*".
func (p Pattern) Parts() []string {
	var out []string
	var lit strings.Builder
	s := string(p)
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			lit.WriteByte(s[i])
		case s[i] == '*':
			if lit.Len() > 0 {
				out = append(out, lit.String())
				lit.Reset()
			}
			out = append(out, "")
		default:
			lit.WriteByte(s[i])
		}
	}
	if lit.Len() > 0 {
		out = append(out, lit.String())
	}
	return out
}

// HasWildcard reports whether the pattern holds a "*" wildcard.
func (p Pattern) HasWildcard() bool {
	for _, part := range p.Parts() {
		if part == "" {
			return true
		}
	}
	return false
}

func (And) node()        {}
func (Or) node()         {}
func (Not) node()        {}
func (Text) node()       {}
func (Deck) node()       {}
func (Tag) node()        {}
func (Is) node()         {}
func (Paper) node()      {}
func (Stage) node()      {}
func (Collection) node() {}
func (Compare) node()    {}
func (Added) node()      {}
func (Rated) node()      {}

func list(name string, ns []Node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return "(" + name + " " + strings.Join(parts, " ") + ")"
}

func (a And) String() string { return list("and", a) }
func (o Or) String() string  { return list("or", o) }
func (n Not) String() string { return "(not " + n.X.String() + ")" }
func (t Text) String() string {
	if t.Field == AnyField {
		return fmt.Sprintf("(text %q)", t.Pattern)
	}
	return fmt.Sprintf("(%s %q)", t.Field, t.Pattern)
}
func (d Deck) String() string       { return fmt.Sprintf("(deck %q)", d.Pattern) }
func (t Tag) String() string        { return fmt.Sprintf("(tag %q)", t.Pattern) }
func (i Is) String() string         { return "(is " + string(i.Status) + ")" }
func (p Paper) String() string      { return fmt.Sprintf("(paper %q)", p.Pattern) }
func (s Stage) String() string      { return "(stage " + string(s.Stage) + ")" }
func (c Collection) String() string { return fmt.Sprintf("(collection %q)", c.Pattern) }
func (c Compare) String() string {
	return "(prop " + string(c.Prop) + " " + string(c.Op) + " " + strconv.FormatFloat(c.Value, 'g', -1, 64) + ")"
}
func (a Added) String() string { return "(added " + strconv.Itoa(a.Days) + ")" }
func (r Rated) String() string {
	if r.Rating == 0 {
		return "(rated " + strconv.Itoa(r.Days) + ")"
	}
	return "(rated " + strconv.Itoa(r.Days) + " " + strconv.Itoa(int(r.Rating)) + ")"
}
