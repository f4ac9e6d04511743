package cli

import (
	"errors"
	"fmt"
	"os"

	"loci/deck"
	"loci/deck/textimport"
	"loci/storage"
)

// streamBatch is how many cards the parsing goroutine hands over at once:
// enough that the hand-over costs little beside the writes, few enough
// that the cards in flight (at most 6 batches) take a few hundred
// kilobytes: 256 held about 1 MB more at the import's peak than 64.
const streamBatch = 128

// errStopped ends a parse whose writer has failed.
var errStopped = errors.New("import stopped")

// GroupUnknownPaper gathers the cards of a text file that name a paper the
// database does not hold (a CSV export of cards read into another
// database): a text file cannot define the paper, so the card comes in
// without it rather than not at all.
const GroupUnknownPaper = "cards naming a paper this database does not hold: imported without it"

// textStream returns the import stream of a delimited text file: the file
// is parsed on a goroutine of its own, which hands the cards over in
// batches while the caller's goroutine writes them, so that parsing and
// writing overlap and the file's cards are never all held at once. papers
// are the paper keys the import can link cards to. The parse's warnings
// are appended to *warnings.
func textStream(path string, opt textimport.Options, papers map[string]bool, warnings *[]deck.Warning) storage.CardStream {
	return func(emit func(deck.Card) error) error {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		// Batches go to the writer and come back empty through free, so
		// that the cards in flight are allocated once rather than once a
		// batch (780 times for 100,000 cards).
		batches, free := make(chan []deck.Card, 4), make(chan []deck.Card, 6)
		stop := make(chan struct{})
		var ws []deck.Warning
		var perr error
		go func() {
			defer close(batches)
			send := func(b []deck.Card) error {
				select {
				case batches <- b:
					return nil
				case <-stop:
					return errStopped
				}
			}
			batch := make([]deck.Card, 0, streamBatch)
			ws, perr = textimport.Stream(path, f, opt, func(c deck.Card) error {
				if batch = append(batch, c); len(batch) == streamBatch {
					if err := send(batch); err != nil {
						return err
					}
					select {
					case batch = <-free:
						batch = batch[:0]
					default:
						batch = make([]deck.Card, 0, streamBatch)
					}
				}
				return nil
			})
			if perr == nil && len(batch) > 0 {
				perr = send(batch)
			}
		}()
		var werr error
		for b := range batches {
			for i := 0; i < len(b) && werr == nil; i++ {
				if c := &b[i]; c.Paper != "" && !papers[c.Paper] {
					*warnings = append(*warnings, deck.Warning{File: c.File, Line: c.Line, Field: "paper", Group: GroupUnknownPaper, Detail: fmt.Sprintf("%q", c.Paper)})
					c.Paper, c.Unlock = "", ""
				}
				if werr = emit(b[i]); werr != nil {
					close(stop) // the parser stops at its next hand-over; the loop drains what is left
				}
			}
			clear(b) // let go of the cards' text
			select {
			case free <- b:
			default:
			}
		}
		switch {
		case werr != nil:
			return werr
		case perr != nil:
			return hintError{perr, "fix the file and run the import again; nothing was imported"}
		}
		*warnings = append(*warnings, ws...)
		return nil
	}
}

// importPapers returns the keys of the papers the database holds and the
// set brings.
func (e *env) importPapers(set *deck.Set) (map[string]bool, error) {
	list, err := e.db.Papers(e.ctx)
	if err != nil {
		return nil, err
	}
	keys := make(map[string]bool, len(list)+len(set.Papers))
	for _, p := range list {
		keys[p.Key] = true
	}
	for _, p := range set.Papers {
		keys[p.Key] = true
	}
	return keys, nil
}
