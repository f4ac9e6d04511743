package main

import (
	"fmt"
	"time"

	"loci/deck"
	"loci/storage/anki"
)

func init() {
	readers[".apkg"] = readAnki
	readers[".colpkg"] = readAnki
}

// readAnki reads an Anki package and applies Anki's own rule for which of a
// card's past answers rebuild its FSRS state: answers Anki would not replay
// stay in the history without changing the card, and a card whose history
// is incomplete starts from the state its SM-2 ease and interval give.
func readAnki(e *env, path string) (*deck.Set, error) {
	set, stats, err := anki.Read(e.ctx, path, anki.Options{})
	if err != nil {
		return nil, hintError{err, "check that the file is an Anki export (.apkg or .colpkg); nothing was imported"}
	}
	sched := e.study.Sched
	seedAt := map[string]deck.Schedule{} // card id → its seed, for histories cut short
	for id, l := range stats.Legacy {
		last := l.LastReview
		if last.IsZero() && !l.DueAt.IsZero() {
			last = l.DueAt.Add(-time.Duration(l.Ivl) * 24 * time.Hour)
		}
		if last.IsZero() {
			continue // nothing tells when: the card stays new
		}
		seed := sched.FromSM2(l.Factor, l.Ivl, last, l.DueAt, l.Reps, l.Lapses)
		if l.From == "card" {
			for i := range set.Cards {
				if set.Cards[i].ID == id {
					set.Cards[i].Schedule = seed
				}
			}
			continue
		}
		seedAt[id] = seed
	}
	for i := range set.History {
		h := &set.History[i]
		if _, cut := stats.NotReplayed[h.ExtID]; !cut {
			continue
		}
		if seed, ok := seedAt[h.CardID]; ok && h.At.Equal(seed.LastReview) {
			s := seed
			h.Seed = &s
			continue
		}
		h.HistoryOnly = true
	}
	fmt.Fprintf(e.stderr, "%s: Anki package version %d (%s): %d notes, %d cards, %d reviews, %d media files\n",
		path, stats.Version, stats.Collection, stats.Notes, stats.Cards, stats.Reviews, stats.Media)
	for _, s := range stats.Skipped {
		fmt.Fprintf(e.stderr, "  skipped: %s\n", s)
	}
	return set, nil
}
