package deck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
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
		if p.URL != "" {
			t.Errorf("%s:%d: paper %q has a URL; the guide's links are blank", p.File, p.Line, p.Key)
		}
		if p.ArXiv != "" && !arxivID.MatchString(p.ArXiv) {
			t.Errorf("%s:%d: paper %q: arxiv %q is not an arXiv identifier such as 1706.03741", p.File, p.Line, p.Key, p.ArXiv)
		}
		if p.DOI != "" && !strings.HasPrefix(p.DOI, "10.") {
			t.Errorf("%s:%d: paper %q: doi %q does not start with 10.", p.File, p.Line, p.Key, p.DOI)
		}
	}
	keyIdeas, keyPapers := 0, map[string]bool{}
	for _, c := range set.Cards {
		if c.Unlock != "" {
			keyIdeas++
			keyPapers[c.Paper] = true
		}
	}
	if keyIdeas < 40 || len(keyPapers) < 15 {
		t.Errorf("%d key-idea cards on %d papers, want at least 40 on 15", keyIdeas, len(keyPapers))
	}
}

// arxivID is a new-style arXiv identifier, without version.
var arxivID = regexp.MustCompile(`^\d{4}\.\d{4,5}$`)

// guidePath is the guide the built-in deck is written from. It sits beside
// the project, not in it, so a plain clone does not have it.
const guidePath = "../../shared/guide.md"

// readGuide returns the guide's text, or skips the test when it is absent.
func readGuide(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(guidePath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipped: the guide is not at %s (it sits beside the project, not in a clone)", guidePath)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The guide cites works as "[Title](#) (Author, 2019)", "(Author, 2019)" or
// "Author et al. (2019)"; escaped brackets are unescaped first.
var (
	citeParen  = regexp.MustCompile(`\(([A-Z][\pL .'&-]*?),\s*((?:19|20)\d\d)\)`)
	citeEtAl   = regexp.MustCompile(`([A-Z][\pL'-]+)(?: et al\.)?\s*\(((?:19|20)\d\d)\)`)
	citeTitled = regexp.MustCompile(`\[([^\]]+?)\s*\]\(#\)\s*\([^(),]+,\s*((?:19|20)\d\d)\)`)
)

// guideCitations returns the author–year pairs the guide cites (keyed
// "surname year", surname lower-cased) and the years given to each title.
func guideCitations(guide string) (pairs map[string]bool, titleYears map[string]map[int]bool) {
	guide = strings.NewReplacer(`\(`, "(", `\)`, ")").Replace(guide)
	pairs = map[string]bool{}
	for _, re := range []*regexp.Regexp{citeParen, citeEtAl} {
		for _, m := range re.FindAllStringSubmatch(guide, -1) {
			pairs[strings.ToLower(surname(m[1]))+" "+m[2]] = true
		}
	}
	titleYears = map[string]map[int]bool{}
	for _, m := range citeTitled.FindAllStringSubmatch(guide, -1) {
		title := strings.ToLower(strings.TrimSpace(m[1]))
		y, _ := strconv.Atoi(m[2])
		if titleYears[title] == nil {
			titleYears[title] = map[int]bool{}
		}
		titleYears[title][y] = true
	}
	return pairs, titleYears
}

// surname is the first author's surname of an author string such as
// "Ziegler et al." or "Nanda".
func surname(authors string) string {
	authors = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(authors), "et al."))
	if i := strings.IndexAny(authors, ",&"); i >= 0 {
		authors = authors[:i]
	}
	f := strings.Fields(authors)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// Every year on a built-in paper must be the year the guide gives that
// paper's author, and a title the guide dates twice differently gets none.
func TestBuiltinYearsComeFromGuide(t *testing.T) {
	pairs, titleYears := guideCitations(readGuide(t))
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range set.Papers {
		if p.Year == 0 {
			continue
		}
		checked++
		name := surname(p.Authors)
		if name == "" {
			t.Errorf("%s:%d: paper %q has year %d but no author to check it against", p.File, p.Line, p.Key, p.Year)
			continue
		}
		if !pairs[strings.ToLower(name)+" "+strconv.Itoa(p.Year)] {
			t.Errorf("%s:%d: paper %q: the guide never cites %s with %d", p.File, p.Line, p.Key, name, p.Year)
		}
		if ys := titleYears[strings.ToLower(p.Title)]; len(ys) > 1 {
			t.Errorf("%s:%d: paper %q: the guide dates %q %d ways; leave the year out", p.File, p.Line, p.Key, p.Title, len(ys))
		}
	}
	if checked == 0 {
		t.Error("no built-in paper has a year; the check checked nothing")
	}
}

func TestGuideCitations(t *testing.T) {
	pairs, titles := guideCitations("see [A Title](#) (Ngo, 2019) and [A Title](#) (Ngo, 2020); " +
		"[X \\(Karpathy, 2019\\)](#); Ziegler et al. \\(2019\\); (Jane Doe & Roe, 2021)")
	for _, want := range []string{"ngo 2019", "ngo 2020", "karpathy 2019", "ziegler 2019", "doe 2021"} {
		if !pairs[want] {
			t.Errorf("pair %q not found in %v", want, pairs)
		}
	}
	if pairs["ngo 2021"] {
		t.Error("invented pair ngo 2021")
	}
	if len(titles["a title"]) != 2 {
		t.Errorf("title years = %v, want two", titles["a title"])
	}
}

// guideHeadings returns the guide's headings as they can be cited in a
// card's source line: its "#" headings, its table-of-contents entries and its
// bold run-in headings ("**Coding:**"), each normalised by normHeading.
func guideHeadings(guide string) []string {
	var out []string
	for _, line := range strings.Split(guide, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") {
			out = append(out, normHeading(t))
		}
		if i := strings.Index(line, "\t"); i > 0 {
			out = append(out, normHeading(line[:i])) // a table-of-contents entry
		}
	}
	for _, m := range boldSpan.FindAllStringSubmatch(guide, -1) {
		out = append(out, normHeading(m[1]))
	}
	return out
}

var boldSpan = regexp.MustCompile(`(?s)\*\*(.+?)\*\*`)

// normHeading lower-cases a heading and drops markup, link brackets,
// typographic quotes and a trailing colon, so that a source line can quote
// it plainly.
func normHeading(s string) string {
	s = strings.NewReplacer("#", "", "*", "", "<", "", ">", "", "’", "'", "“", "\"", "”", "\"", "\n", " ").Replace(s)
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimSuffix(s, ":")
}

// Every level of every card's source line names a heading of the guide.
func TestBuiltinSourcesAreGuideHeadings(t *testing.T) {
	headings := guideHeadings(readGuide(t))
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{}
	for _, c := range set.Cards {
		for _, level := range strings.Split(c.Source, " > ") {
			found := false
			for _, h := range headings {
				if strings.Contains(h, normHeading(level)) {
					found = true
					break
				}
			}
			if !found {
				bad[c.Source] = fmt.Sprintf("%s:%d: source level %q is not a heading of the guide", c.File, c.Line, level)
			}
		}
	}
	for _, msg := range bad {
		t.Error(msg)
	}
}
