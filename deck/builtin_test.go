package deck

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The guide's sections, each of which must have its own sub-deck.
var guideSections = []string{
	"Introduction",
	"Types of alignment work",
	"Choosing a path",
	"Empirical work",
	"Whether and how to do a PhD",
	"Research contributor (ML engineering) roles",
	"Theoretical work",
	"Learning::Basic deep learning",
	"Learning::Machine learning",
	"Learning::AI alignment",
	"Forming your own views",
	"Funding",
	"Broadly useful career advice",
	"Taking care of yourself",
}

func TestBuiltinDeck(t *testing.T) {
	set, err := Builtin() // Merge already refuses duplicate ids and dangling paper keys
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.Cards); n < 200 {
		t.Errorf("built-in deck has %d cards, want at least 200", n)
	}
	perDeck := map[string]int{}
	perPaper := map[string]int{}
	for _, c := range set.Cards {
		perDeck[c.Deck]++
		if c.Paper != "" {
			perPaper[c.Paper]++
		}
		front, back := c.Shown(nil)
		if strings.TrimSpace(front) == "" {
			t.Errorf("%s:%d: empty front", c.File, c.Line)
		}
		if c.Kind == Basic && strings.TrimSpace(back) == "" {
			t.Errorf("%s:%d: empty back", c.File, c.Line)
		}
		if c.Kind == Cloze && !strings.Contains(front, "[") {
			t.Errorf("%s:%d: cloze card hides nothing", c.File, c.Line)
		}
		if c.Source == "" {
			t.Errorf("%s:%d: card has no source", c.File, c.Line)
		}
		if strings.Contains(c.Front+c.Back, "http") {
			t.Errorf("%s:%d: card holds a URL; the guide's links are blank", c.File, c.Line)
		}
	}
	for _, s := range guideSections {
		if perDeck[BuiltinName+"::"+s] == 0 {
			t.Errorf("guide section %q has no cards", s)
		}
	}
	for _, p := range set.Papers {
		if perPaper[p.Key] == 0 {
			t.Errorf("%s:%d: paper %q has no card", p.File, p.Line, p.Key)
		}
		if p.URL != "" || p.ArXiv != "" || p.DOI != "" {
			t.Errorf("%s:%d: paper %q has a link the guide does not give", p.File, p.Line, p.Key)
		}
	}
}

// Every year on a built-in paper must appear in the guide itself.
func TestBuiltinYearsComeFromGuide(t *testing.T) {
	guide, err := os.ReadFile("../../shared/guide.md")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("skipped: the guide (../shared/guide.md beside the project) is not here; CI has it")
	}
	if err != nil {
		t.Fatal(err)
	}
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Papers {
		if p.Year != 0 && !strings.Contains(string(guide), itoa(p.Year)) {
			t.Errorf("%s:%d: paper %q year %d is not in the guide", p.File, p.Line, p.Key, p.Year)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
