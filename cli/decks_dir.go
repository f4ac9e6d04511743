package cli

import (
	"context"
	"fmt"
	"log"
	"time"

	"loci/storage/folder"
)

// syncDecks brings the decks folder (decks_dir) in, when one is set: the
// TUI, review, due and next call it on every start. Files unchanged since
// the last sync are not read again. A file that does not parse, or a
// missing folder, is a warning: the cards are left as they were.
func (e *env) syncDecks() error {
	dir := e.cfg.DecksDir
	if dir == "" {
		return nil
	}
	rep, err := folder.Sync(e.ctx, e.db, dir, e.now())
	if err != nil {
		return err
	}
	if rep.NoFolder {
		e.warnings = append(e.warnings, fmt.Sprintf("decks_dir %s is not a folder; its cards are left as they were", dir))
	}
	for _, p := range rep.Problems {
		e.warnings = append(e.warnings, "decks folder: "+p.Error()+" (its cards are left as they were)")
	}
	return nil
}

// withDecks is withDB that first brings the decks folder in.
func (e *env) withDecks(run func() error) error {
	return e.withDB(func() error {
		if err := e.syncDecks(); err != nil {
			return err
		}
		return run()
	})
}

// withDeck is withDecks for a command that takes --deck: run gets the full
// name of the deck name stands for ("" for every deck), or the command
// fails with the closest names.
func (e *env) withDeck(name string, run func(deckName string) error) error {
	return e.withDecks(func() error {
		full, err := e.resolveDeck(name)
		if err != nil {
			return err
		}
		return run(full)
	})
}

// syncFolderAfterEdit syncs the decks folder after a card was edited in one
// of its files; a problem (which the edit had already ruled out for the
// edited file) is an error.
func (e *env) syncFolderAfterEdit(ctx context.Context) error {
	rep, err := folder.Sync(ctx, e.db, e.cfg.DecksDir, e.now())
	if err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		return rep.Problems[0]
	}
	return nil
}

// watchDecks syncs the decks folder now and whenever it changes, logging
// what each sync did, until ctx ends.
func (e *env) watchDecks(ctx context.Context, dir string, logger *log.Logger) {
	sync := func(ctx context.Context) {
		rep, err := folder.Sync(ctx, e.db, dir, e.now())
		switch {
		case err != nil:
			logger.Printf("decks folder: %v", err)
			return
		case rep.NoFolder:
			logger.Printf("decks folder %s is not a folder; its cards are left as they were", dir)
		case !rep.Unchanged:
			logger.Print(rep.Summary())
		}
		for _, p := range rep.Problems {
			logger.Printf("decks folder: %v (its cards are left as they were)", p)
		}
	}
	// Watch syncs first once it watches, so that a file saved while the
	// daemon starts is never missed; "watching" is logged after that sync.
	watching := false
	err := folder.Watch(ctx, dir, 300*time.Millisecond, func(ctx context.Context) {
		sync(ctx)
		if !watching {
			watching = true
			logger.Printf("watching the decks folder %s", dir)
		}
	}, func(err error) { logger.Print(err) })
	if err != nil {
		if !watching {
			sync(ctx) // the start's sync, without a watch
		}
		logger.Printf("decks folder: %v; it is synced on the next start instead", err)
	}
}
