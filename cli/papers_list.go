package cli

import (
	"fmt"
	"strings"

	"loci/deck"
	"loci/storage"
)

// printPapersJSON prints papers as `loci papers --json` does, each with
// its cards.
func (e *env) printPapersJSON(papers []deck.PaperProgress) error {
	cards, err := e.db.PapersCards(e.ctx)
	if err != nil {
		return err
	}
	out := make([]paperJSON, len(papers))
	for i, p := range papers {
		list := []paperCardJSON{}
		for _, c := range cards[p.Key] {
			list = append(list, paperCardJSON{c.ID, c.Unlock, c.Waiting})
		}
		out[i] = paperJSON{p.Key, p.Title, p.Stage, p.Difficulty, p.Cards, p.Waiting, p.Authors, p.Year, p.Kind,
			p.StageAt.In(e.cfg.Scheduler.Location).Format("2006-01-02T15:04:05Z07:00"),
			orEmpty(p.Collections), orEmpty(p.Tags), list}
	}
	return e.printJSON(out)
}

// printPapers prints the papers table; a paper with collections or tags
// has them on a line of their own below, under its title.
func (e *env) printPapers(papers []deck.PaperProgress) {
	const row = "%-11s %-10s %5v %4v  %s\n"
	fmt.Fprintf(e.stdout, row, "STAGE", "DIFFICULTY", "CARDS", "WAIT", "KEY — TITLE")
	for _, p := range papers {
		fmt.Fprintf(e.stdout, row, p.Stage, p.Difficulty, p.Cards, p.Waiting, clip(p.Key+" — "+p.Title, 50))
		if g := p.GroupsText(); g != "" {
			fmt.Fprintf(e.stdout, row, "", "", "", "", clip(g, 50))
		}
	}
}

// checkPaperFilter explains a filter that selects no paper: a collection
// or tag that matches none is an error listing the known ones (a filter
// whose parts each match, but no paper together, is no error).
func (e *env) checkPaperFilter(f storage.PaperFilter) error {
	for _, part := range []struct {
		flag, what string
		alone      storage.PaperFilter
		known      func() ([]string, error)
	}{
		{"collection", "collection", storage.PaperFilter{Collection: f.Collection}, func() ([]string, error) { return e.db.Collections(e.ctx) }},
		{"tag", "paper tag", storage.PaperFilter{Tag: f.Tag}, func() ([]string, error) { return e.db.PaperTags(e.ctx) }},
	} {
		if part.alone == (storage.PaperFilter{}) {
			continue
		}
		some, err := e.db.PapersWhere(e.ctx, part.alone)
		if err != nil || len(some) > 0 {
			return err
		}
		known, err := part.known()
		if err != nil {
			return err
		}
		name := string(part.alone.Collection + part.alone.Tag)
		if len(known) == 0 {
			return hintError{fmt.Errorf("no %s matches %q: no paper has any yet", part.what, name),
				"collections and tags come from a Zotero library (loci import zotero.sqlite) or a paper's collections: and tags: in a card file"}
		}
		return hintError{fmt.Errorf("no %s matches %q; known: %s", part.what, name, listSome(known, 30)),
			"loci papers --" + part.flag + " NAME (the full path or its last part, any case; * is a wildcard)"}
	}
	return nil
}

// listSome joins up to n names, quoted, and says how many more there are.
func listSome(names []string, n int) string {
	q := make([]string, 0, min(len(names), n))
	for _, s := range names[:min(len(names), n)] {
		q = append(q, fmt.Sprintf("%q", s))
	}
	out := strings.Join(q, ", ")
	if len(names) > n {
		out += fmt.Sprintf(" and %d more", len(names)-n)
	}
	return out
}

// orEmpty is s, or an empty list for nil, so that JSON shows [] not null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
