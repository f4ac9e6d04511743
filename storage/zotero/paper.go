package zotero

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"loci/deck"
)

// papers turns the items into the set's papers: the items of the kept
// collections (every item when keep is nil), keyed by citation key where
// Better BibTeX has one, at stage read when tagged read or highlighted.
func (r *reader) papers(keys map[itemRef]string, keep map[int64]bool, anns []annotation) {
	highlighted := map[int64]bool{}
	for _, a := range anns {
		highlighted[a.parent] = true
	}
	readTag := map[string]bool{}
	for _, t := range r.opt.ReadTags {
		readTag[strings.ToLower(strings.TrimSpace(t))] = true
	}
	used := map[string]string{} // lower-case paper key → the item key that has it
	made := make([]*item, 0, len(r.order))
	r.set.Papers = make([]deck.Paper, 0, len(r.order))
	for _, id := range r.order {
		it := r.items[id]
		if keep != nil && !inAny(it.colls, keep) {
			continue
		}
		title := strings.Join(strings.Fields(it.field("title")), " ")
		if title == "" {
			r.skipItem("items without a title: skipped", "item "+it.key)
			continue
		}
		key := keys[itemRef{it.library, it.key}]
		if key != "" && (strings.ContainsAny(key, " \t\r\n") || len(key) > 200) {
			r.warn("citation keys that are not one word: the Zotero key is used", fmt.Sprintf("item %s %q", it.key, key), false)
			key = ""
		}
		if prev, dup := used[strings.ToLower(key)]; key != "" && dup {
			r.warn("citation keys used twice: the Zotero key is used", fmt.Sprintf("item %s %q (also item %s)", it.key, key, prev), false)
			key = ""
		}
		if key == "" {
			key = r.idPrefix(it.library) + it.key
		}
		used[strings.ToLower(key)] = it.key
		p := deck.Paper{Key: key, Title: title, Authors: authorList(it), Year: year(it.field("date")),
			Venue: venue(it), URL: it.field("url"), DOI: doi(it), ArXiv: arxiv(it), Kind: "paper",
			Stage: deck.Queued, Tags: it.tags, GroupsKnown: true, File: r.path} // the library knows all its collections and tags
		if it.typ == "book" || it.typ == "bookSection" {
			p.Kind = "reading"
		}
		if highlighted[it.id] {
			p.Stage = deck.Read
		}
		for _, t := range it.tags {
			if readTag[strings.ToLower(t)] {
				p.Stage = deck.Read
			}
		}
		for _, c := range it.colls {
			if path := r.colls.path(c); path != "" {
				p.Collections = append(p.Collections, path)
			}
		}
		sort.Strings(p.Collections)
		it.deckName = DefaultDeck
		if len(p.Collections) > 0 {
			it.deckName += "::" + strings.ReplaceAll(p.Collections[0], "/", "::")
		}
		r.set.Papers = append(r.set.Papers, p)
		made = append(made, it)
	}
	for i, it := range made { // the slice is final: point each item at its paper
		it.paper = &r.set.Papers[i]
	}
}

// userLibrary returns the id of the learner's own library.
func (r *reader) userLibrary() error {
	err := r.db.QueryRowContext(r.ctx, "SELECT libraryID FROM libraries WHERE type = 'user' ORDER BY libraryID LIMIT 1").Scan(&r.user)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // only group libraries: every key carries its library
	}
	return err
}

func inAny(ids []int64, set map[int64]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

// authorList is the item's authors (else editors, else other creators) as
// loci's papers write them: "First Last, First Last".
func authorList(it *item) string {
	for _, l := range [][]string{it.authors, it.editors, it.others} {
		if len(l) > 0 {
			s := strings.Join(l, ", ")
			if tooLong(s) {
				return l[0] + " et al."
			}
			return s
		}
	}
	return ""
}

var yearIn = lazyRegexp(`\b(\d{4})\b`)

// lazyRegexp compiles expr on first use rather than at package init: every
// loci process links this package, and only an import of a Zotero library
// uses its expressions (as deck/bibtex does for its own).
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// year reads the year of Zotero's date field, which Zotero stores as
// "YYYY-MM-DD original text" ("2017-00-00 2017", "2017-06-12 June 12,
// 2017"); a free-text date gives its first four-digit number.
func year(date string) int {
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil && y >= 1000 && (len(date) == 4 || date[4] == '-') {
			return y
		}
	}
	if m := yearIn().FindString(date); m != "" {
		y, _ := strconv.Atoi(m)
		if y >= 1000 {
			return y
		}
	}
	return 0
}

func venue(it *item) string {
	for _, f := range venues {
		if v := it.field(f); v != "" {
			return v
		}
	}
	return ""
}

var (
	doiPrefix  = lazyRegexp(`(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)`)
	doiInExtra = lazyRegexp(`(?im)^\s*DOI:\s*(10\.\S+)\s*$`)
	arxivURL   = lazyRegexp(`(?i)arxiv\.org/(?:abs|pdf)/([a-z][a-z.\-]*/\d{7}|\d{4}\.\d{4,5})`)
	arxivText  = lazyRegexp(`(?i)\barxiv:\s*([a-z][a-z.\-]*/\d{7}|\d{4}\.\d{4,5})`)
	arxivDOI   = lazyRegexp(`(?i)^10\.48550/arxiv\.([a-z][a-z.\-]*/\d{7}|\d{4}\.\d{4,5})`)
)

// doi is the DOI field without a resolver prefix, else a "DOI: 10...." line
// of Extra (where Zotero keeps the DOI of types without the field).
func doi(it *item) string {
	if d := doiPrefix().ReplaceAllString(it.field("DOI"), ""); strings.HasPrefix(d, "10.") {
		return d
	}
	if m := doiInExtra().FindStringSubmatch(it.field("extra")); m != nil {
		return m[1]
	}
	return ""
}

// arxiv finds the arXiv identifier (without version) in, in order: the
// archive ID ("arXiv:1706.03762"), an arXiv DOI (10.48550/arXiv.ID), the
// URL, and Extra ("arXiv: 1706.03762").
func arxiv(it *item) string {
	if m := arxivText().FindStringSubmatch(it.field("archiveID")); m != nil {
		return m[1]
	}
	if m := arxivDOI().FindStringSubmatch(doi(it)); m != nil {
		return m[1]
	}
	if m := arxivURL().FindStringSubmatch(it.field("url")); m != nil {
		return m[1]
	}
	if m := arxivText().FindStringSubmatch(it.field("extra")); m != nil {
		return m[1]
	}
	return ""
}
