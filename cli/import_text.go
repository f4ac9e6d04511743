package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"loci/deck"
	"loci/deck/bibtex"
	"loci/deck/textimport"
)

func init() {
	for _, ext := range []string{".csv", ".tsv", ".txt"} {
		readers[ext] = readText
	}
	readers[".bib"] = readBibTeX
}

// revlogDeck holds the cards a bare review log brings: it has their history
// but not their text, so they are suspended and never shown for review.
const revlogDeck = "Review history"

// readText reads an Anki-style text export, or a bare review log
// (card_id,review_rating,review_time,review_duration) when that is its header.
func readText(e *env, path string) (*deck.Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	isLog, err := startsReviewLog(f)
	if err != nil {
		return nil, err
	}
	if isLog {
		return readReviewLog(e, path, f)
	}
	set, err := textimport.Parse(path, f, textimport.Options{})
	if err != nil {
		return nil, hintError{err, "fix the file and run the import again; nothing was imported"}
	}
	return set, nil
}

// startsReviewLog reports whether f's first line is a review log's header,
// and leaves f at its start.
func startsReviewLog(f *os.File) (bool, error) {
	first, _ := bufio.NewReader(io.LimitReader(f, 4096)).ReadString('\n')
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false, fmt.Errorf("import: %w", err)
	}
	return textimport.IsReviewLog(strings.Split(strings.TrimRight(first, "\r\n"), ",")), nil
}

// streamable reports whether path is a text export of notes (not a review
// log) that the import can write while it reads it (see textStream).
func streamable(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
	default:
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false // readText reports it
	}
	defer f.Close()
	isLog, err := startsReviewLog(f)
	return err == nil && !isLog
}

// readReviewLog turns a bare review log into history for suspended
// stand-in cards, one per card id, so that `loci optimize` can learn from
// it. Each card's answers on its first learner day count as learning steps.
func readReviewLog(e *env, path string, r io.Reader) (*deck.Set, error) {
	entries, err := textimport.ParseReviewLog(path, r)
	if err != nil {
		return nil, hintError{err, "fix the file and run the import again; nothing was imported"}
	}
	set := &deck.Set{History: entries}
	firstDay := map[string]int{}
	for i := range set.History {
		h := &set.History[i]
		day := e.study.Sched.DaysBetween(h.At, e.now()) // larger is older
		if _, seen := firstDay[h.CardID]; !seen {
			firstDay[h.CardID] = day
			set.Cards = append(set.Cards, deck.Card{ID: h.CardID, Deck: revlogDeck, Kind: deck.Basic,
				Front: "Card " + strings.TrimPrefix(h.CardID, "revlog-") + " (review history only)",
				Back:  "Imported from " + path + " without its text.", Suspended: true, File: path})
		}
		if day == firstDay[h.CardID] {
			h.Kind = deck.EntryLearn
		}
	}
	return set, nil
}

// readBibTeX reads a .bib file. Flawed entries come back as warnings in
// the set (the import reports them and --strict refuses them); an error
// means the file cannot be read as BibTeX at all.
func readBibTeX(_ *env, path string) (*deck.Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	set, err := bibtex.Parse(path, f, bibtex.Options{})
	if err != nil {
		return nil, hintError{err, "check that it is a .bib file of entries such as @article{key, title = {...}}; nothing was imported"}
	}
	return set, nil
}
