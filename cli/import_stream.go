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
// enough that the hand-over costs nothing beside the writes, few enough
// that the cards in flight take a few hundred kilobytes.
const streamBatch = 256

// errStopped ends a parse whose writer has failed.
var errStopped = errors.New("import stopped")

// textStream returns the import stream of a delimited text file: the file
// is parsed on a goroutine of its own, which hands the cards over in
// batches while the caller's goroutine writes them, so that parsing and
// writing overlap and the file's cards are never all held at once. The
// parse's warnings are appended to *warnings when it ends.
func textStream(path string, opt textimport.Options, warnings *[]deck.Warning) storage.CardStream {
	return func(emit func(deck.Card) error) error {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		batches := make(chan []deck.Card, 4)
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
					batch = make([]deck.Card, 0, streamBatch)
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
				if werr = emit(b[i]); werr != nil {
					close(stop) // the parser stops at its next hand-over; the loop drains what is left
				}
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
