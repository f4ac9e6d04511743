package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"loci/deck"
	"loci/storage"
	"loci/storage/anki"
)

func init() {
	readers[".apkg"] = readAnki
	readers[".colpkg"] = readAnki
}

// ankiHint is what to do when a package cannot be read.
const ankiHint = "check that the file is an Anki export (.apkg or .colpkg); nothing was imported"

// isAnki reports whether path names an Anki package by its extension.
func isAnki(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".apkg" || ext == ".colpkg"
}

// readAnki reads an Anki package whole and applies Anki's own rule for
// which of a card's past answers rebuild its FSRS state (anki.ApplySeeds).
// --strict reads packages so, to refuse one before anything is written;
// otherwise runImport streams them (ankiImport).
func readAnki(e *env, path string) (*deck.Set, error) {
	set, stats, err := anki.Read(e.ctx, path, e.ankiOptions())
	if err != nil {
		return nil, hintError{err, ankiHint}
	}
	anki.ApplySeeds(set, stats, e.study.Sched.FromSM2)
	e.ankiSummary(path, stats)
	return set, nil
}

func (e *env) ankiOptions() anki.Options {
	var opt anki.Options
	if e.media != nil { // runImport stages the media the cards show
		opt.Media = e.media
	}
	return opt
}

// ankiSummary says on stderr what a package held.
func (e *env) ankiSummary(path string, stats anki.Stats) {
	fmt.Fprintf(e.stderr, "%s: Anki package version %d (%s): %s, %s, %s, %s\n",
		path, stats.Version, stats.Collection, deck.Plural(stats.Notes, "note", "notes"), deck.Plural(stats.Cards, "card", "cards"),
		deck.Plural(stats.Reviews, "review", "reviews"), deck.Plural(stats.Media, "media file", "media files"))
}

// ankiImport is an Anki package an import writes as it reads it: its cards
// as a card stream, then their history and schedules as a history stream,
// so that the package's cards are never all held at once (issue 16). What
// is stored is what importing the package read whole stores.
type ankiImport struct {
	e    *env
	path string
	pkg  *anki.Package
}

// openAnki opens a package for streaming; Close it after the import.
func (e *env) openAnki(path string) (*ankiImport, error) {
	pkg, err := anki.Open(e.ctx, path, e.ankiOptions())
	if err != nil {
		return nil, hintError{err, ankiHint}
	}
	return &ankiImport{e: e, path: path, pkg: pkg}, nil
}

func (a *ankiImport) Close() error { return a.pkg.Close() }

// cards is the stream of the package's cards, put into deckName if set.
func (a *ankiImport) cards(deckName string) storage.CardStream {
	return func(emit func(deck.Card) error) error {
		var werr error // the writer's error, returned as it is
		err := a.pkg.Cards(func(c deck.Card) error {
			if deckName != "" {
				c.Deck = deckName
			}
			werr = emit(c)
			return werr
		})
		if err != nil && werr == nil {
			return hintError{err, ankiHint}
		}
		return err
	}
}

// history is the stream of the cards' histories, with Anki's rule for
// which answers rebuild a card's FSRS state applied card by card (as
// anki.ApplySeeds does for a whole set).
func (a *ankiImport) history() storage.HistoryStream {
	return func(emit func(storage.CardHistory) error) error {
		var werr error
		err := a.pkg.History(a.e.study.Sched.FromSM2, func(id string, entries []deck.LogEntry, start deck.Schedule) error {
			werr = emit(storage.CardHistory{CardID: id, Entries: entries, Seed: start})
			return werr
		})
		if err != nil && werr == nil {
			return hintError{err, ankiHint}
		}
		return err
	}
}

// finish says what the package held, once it is imported, and returns what
// it left out and the number of media files it staged.
func (a *ankiImport) finish() ([]deck.Warning, int) {
	a.e.ankiSummary(a.path, a.pkg.Stats())
	return a.pkg.Warnings(), len(a.pkg.Media())
}
