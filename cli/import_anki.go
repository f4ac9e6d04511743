package cli

import (
	"fmt"

	"loci/deck"
	"loci/storage/anki"
)

func init() {
	readers[".apkg"] = readAnki
	readers[".colpkg"] = readAnki
}

// readAnki reads an Anki package and applies Anki's own rule for which of a
// card's past answers rebuild its FSRS state (anki.ApplySeeds).
func readAnki(e *env, path string) (*deck.Set, error) {
	var opt anki.Options
	if e.media != nil { // runImport stages the media the cards show
		opt.Media = e.media
	}
	set, stats, err := anki.Read(e.ctx, path, opt)
	if err != nil {
		return nil, hintError{err, "check that the file is an Anki export (.apkg or .colpkg); nothing was imported"}
	}
	anki.ApplySeeds(set, stats, e.study.Sched.FromSM2)
	fmt.Fprintf(e.stderr, "%s: Anki package version %d (%s): %s, %s, %s, %s\n",
		path, stats.Version, stats.Collection, deck.Plural(stats.Notes, "note", "notes"), deck.Plural(stats.Cards, "card", "cards"),
		deck.Plural(stats.Reviews, "review", "reviews"), deck.Plural(stats.Media, "media file", "media files"))
	return set, nil
}
