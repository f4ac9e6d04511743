package bibtex

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"loci/deck"
)

// toSet turns entries into papers and cards, refusing a key used twice.
func toSet(name string, entries []*entry, opt Options) (*deck.Set, error) {
	deckName := strings.TrimSpace(opt.Deck)
	if deckName == "" {
		deckName = DefaultDeck
	}
	set := &deck.Set{}
	seen := map[string]int{} // lower-case key → line
	for _, e := range entries {
		lk := strings.ToLower(e.key)
		if prev, ok := seen[lk]; ok {
			return nil, &deck.Error{File: name, Line: e.line, Field: "key",
				Err: fmt.Errorf("key %q is already used by the entry on line %d", e.key, prev)}
		}
		seen[lk] = e.line
		p, err := toPaper(name, e)
		if err != nil {
			return nil, err
		}
		set.Papers = append(set.Papers, p)
		c, ok, err := toCard(name, e, p, deckName)
		if err != nil {
			return nil, err
		}
		if ok {
			set.Cards = append(set.Cards, c)
		}
	}
	return set, nil
}

// kinds maps entry types to paper kinds other than "paper".
var kinds = map[string]string{"book": "reading", "inbook": "reading", "incollection": "reading", "booklet": "reading", "manual": "reading"}

var (
	arxivURL     = regexp.MustCompile(`(?i)arxiv\.org/(?:abs|pdf)/([a-z][a-z.\-]*/\d{7}|\d{4}\.\d{4,5})(v\d+)?`)
	arxivJournal = regexp.MustCompile(`(?i)\barxiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.\-]*/\d{7}(?:v\d+)?)`)
	doiPrefix    = regexp.MustCompile(`(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)`)
)

// toPaper makes the paper of an entry.
func toPaper(name string, e *entry) (deck.Paper, error) {
	fail := func(f, format string, args ...any) error {
		return &deck.Error{File: name, Line: e.fieldLine(f), Field: f, Err: fmt.Errorf(format, args...)}
	}
	p := deck.Paper{Key: e.key, Stage: deck.Queued, Kind: "paper", File: name, Line: e.line}
	if k, ok := kinds[e.typ]; ok {
		p.Kind = k
	}
	p.Title = e.text("title")
	if p.Title == "" {
		return p, fail("title", "entry %q has no title", e.key)
	}
	if len(p.Title) > deck.MaxCardText {
		return p, fail("title", "title is longer than %d KiB", deck.MaxCardText>>10)
	}
	if a, ok := e.fields["author"]; ok {
		p.Authors = authors(a.raw)
	} else if ed, ok := e.fields["editor"]; ok {
		p.Authors = authors(ed.raw)
	}
	if y := e.text("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1000 || n > 9999 {
			return p, fail("year", "%q is not a year: want a four-digit number such as 2017", clip(y))
		}
		p.Year = n
	} else if d := e.text("date"); d != "" { // biblatex: date = {2017-06-12}
		n, err := strconv.Atoi(d[:min(4, len(d))])
		if err != nil || n < 1000 || len(d) > 4 && d[4] != '-' && d[4] != '/' {
			return p, fail("date", "%q does not start with a four-digit year", clip(d))
		}
		p.Year = n
	}
	for _, f := range []string{"journal", "journaltitle", "booktitle", "publisher"} {
		if p.Venue = e.text(f); p.Venue != "" {
			break
		}
	}
	if u, ok := e.fields["url"]; ok {
		p.URL = urlText(u.raw)
	}
	if d, ok := e.fields["doi"]; ok {
		p.DOI = doiPrefix.ReplaceAllString(urlText(d.raw), "")
	}
	p.ArXiv = arxivID(e, p.URL)
	return p, nil
}

// arxivID finds an entry's arXiv id: its eprint when archivePrefix or
// eprinttype says arXiv, else one in its URL or journal.
func arxivID(e *entry, url string) string {
	for _, f := range []string{"archiveprefix", "eprinttype"} {
		if strings.EqualFold(e.text(f), "arxiv") {
			if id := strings.TrimPrefix(urlText(e.fields["eprint"].raw), "arXiv:"); id != "" {
				return id
			}
		}
	}
	if m := arxivURL.FindStringSubmatch(url); m != nil {
		return m[1] + m[2]
	}
	if m := arxivJournal.FindStringSubmatch(e.text("journal")); m != nil {
		return m[1]
	}
	return ""
}

// toCard makes the card of an entry with an annote or note field.
func toCard(name string, e *entry, p deck.Paper, deckName string) (deck.Card, bool, error) {
	f := "annote"
	back := e.text(f)
	if back == "" {
		f = "note"
		back = e.text(f)
	}
	if back == "" {
		return deck.Card{}, false, nil
	}
	if len(back) > deck.MaxCardText {
		return deck.Card{}, false, &deck.Error{File: name, Line: e.fieldLine(f), Field: f,
			Err: fmt.Errorf("text is longer than %d KiB", deck.MaxCardText>>10)}
	}
	return deck.Card{
		ID:    "bib-" + e.key,
		Deck:  deckName,
		Kind:  deck.Basic,
		Front: "What is the key idea of “" + p.Title + "”?",
		Back:  back,
		Paper: e.key,
		File:  name,
		Line:  e.line,
	}, true, nil
}

// text returns the plain text of field f, or "".
func (e *entry) text(f string) string {
	if v, ok := e.fields[f]; ok {
		return text(v.raw)
	}
	return ""
}

// fieldLine returns the line of field f, or of the entry when it has none.
func (e *entry) fieldLine(f string) int {
	if v, ok := e.fields[f]; ok {
		return v.line
	}
	return e.line
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
