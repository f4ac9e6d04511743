package cli

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"loci/deck"
	"loci/storage/zotero"
)

// zoteroIDPrefix starts the id of every card a Zotero library makes: the
// import suspends such cards of its papers that the library no longer
// makes (a highlight deleted, or turned into another kind of card).
const zoteroIDPrefix = "zotero-"

func init() {
	readers[".sqlite"] = readZotero
}

// zoteroHelp is the part of `loci import --help` about Zotero libraries;
// it says exactly which highlight makes which card (storage/zotero's
// package doc is the longer form).
const zoteroHelp = `
A Zotero library (zotero.sqlite in Zotero's data directory) is read without
writing to it and while Zotero runs: loci copies the file (and its -wal and
-journal files) to a private temporary folder without taking any lock, and
reads the copy, so it sees the last change Zotero committed. Every regular
item outside the trash becomes a paper: key from Better BibTeX (its database
beside zotero.sqlite) or "zotero-<item key>"; title, authors, year, venue,
DOI, URL, arXiv id; collections (full paths, "A/B") and tags. An item tagged
with one of zotero.read_tags (default read, done, _read) or with a highlight
arrives at stage read, any other at queued; a stage set in loci is never
moved back. Re-importing updates papers and cards and never duplicates them.
--collection NAME keeps the collections NAME names (a full path such as
"Alignment/Interpretability", or its end such as "Interpretability"; any
case; "*" for any run of characters), with the collections inside them: the
rule of loci papers --collection and of collection: in a search.

Each PDF highlight (or underline) with text becomes a card of its paper, in
deck Papers::<first collection, "/" as "::"> (Papers outside collections),
with the paper's title and page label as its source; the first rule that
applies decides the card:
  1. the comment holds {{c1::...}}: when the comment is only deletions whose
     words occur in the highlight, the highlight with those words deleted;
     else the comment as written, as a cloze, with the highlight on the back
  2. the comment is a term (up to 8 words) the highlight contains: the
     highlight with that term deleted
  3. the comment ends with "?": a Q/A card, comment asks, highlight answers
  4. otherwise a Q/A card asking for the passage from its comment ("Title",
     p. 4: you highlighted a passage and noted "..." - what does it say?),
     or without a comment from its first five words; highlight answers
A child note can hold cards: lines starting Q:, A: and C: (one line a side;
any other line ends a card) become cards of the note's paper.
A card of an imported paper whose highlight or note is gone from the
library (or now makes another kind of card) is suspended, never deleted.
Highlights need Zotero 6 or later; an older library imports its papers.`

// readZotero reads a Zotero library with the learner's read tags and the
// --collection of the command, and says on stderr what it found.
func readZotero(e *env, path string) (*deck.Set, error) {
	set, st, err := zotero.Read(e.ctx, path, zotero.Options{ReadTags: e.cfg.Zotero.ReadTags, Collection: e.importCollection})
	var nl *zotero.NotLibraryError
	var ce *zotero.CollectionError
	switch {
	case errors.As(err, &nl):
		return nil, err
	case errors.As(err, &ce):
		return nil, hintError{err, "loci import --collection NAME " + path + " (NAME as Zotero shows it, or \"Parent/Child\")"}
	case err != nil:
		return nil, err
	}
	e.zoteroRead = true
	// What the read built and dropped (the library's rows, most of its
	// allocations) goes now, before the import sizes its heap on it.
	runtime.GC()
	fmt.Fprintf(e.stderr, "%s: Zotero library: %s\n", path, zoteroSummary(st))
	return set, nil
}

// zoteroSummary says in one line what a read found.
func zoteroSummary(st zotero.Stats) string {
	parts := []string{deck.Plural(st.Papers, "paper", "papers"), deck.Plural(st.Highlights, "highlight card", "highlight cards"),
		deck.Plural(st.NoteCards, "card from notes", "cards from notes")}
	s := strings.Join(parts, ", ")
	if st.CitationKey != "" {
		s += "; citation keys from " + st.CitationKey
	}
	return s
}
