package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/deck/cardedit"
	"loci/storage"
)

func editCmd(e *env) *cobra.Command {
	var revert bool
	cmd := &cobra.Command{
		Use:   "edit CARD [--revert]",
		Short: "Edit a card in $EDITOR, keeping its id and history",
		Long: `Edit a card in $VISUAL or $EDITOR (else vi), in loci's card format.

The card keeps its id, schedule and review history. A text that does not
parse opens again with the error at the top; quitting without saving
changes nothing. A card from a file of the decks folder (decks_dir) is
edited in that file, at its line. Any other card keeps your text across
later updates of the built-in deck and re-imports, until --revert drops it
(a built-in card gets the built-in text back at once).`,
		Args: exactArgs(1, "a card id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withDB(func() error {
				if revert {
					return e.revertEdit(args[0])
				}
				res, err := e.cardEditor(cardedit.Terminal).Edit(e.ctx, args[0])
				if errors.Is(err, cardedit.ErrNoCard) {
					return hintError{err, "loci next --json, or the browse screen, shows card ids"}
				}
				if err != nil {
					return err
				}
				switch {
				case !res.Changed:
					fmt.Fprintf(e.stdout, "%s left as it was\n", res.ID)
				case res.File != "":
					fmt.Fprintf(e.stdout, "saved %s in %s:%d\n", res.ID, res.File, res.Line)
				default:
					fmt.Fprintf(e.stdout, "saved %s; its history is kept\n", res.ID)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&revert, "revert", false, "drop your edit of the card: the built-in text comes back (an imported card's comes back at its next import)")
	return cmd
}

// cardEditor edits cards with run as the editor, in the decks folder when
// the card comes from there.
func (e *env) cardEditor(run cardedit.Runner) *cardedit.Editor {
	ed := &cardedit.Editor{Store: e.db, Run: run, Now: e.now}
	if e.cfg.DecksDir != "" {
		ed.DecksDir, ed.SyncFolder = e.cfg.DecksDir, e.syncFolderAfterEdit
	}
	return ed
}

// revertEdit drops the learner's override of a card's source.
func (e *env) revertEdit(id string) error {
	cards, err := e.db.SourceCards(e.ctx, id)
	if err != nil {
		return err
	}
	if len(cards) == 0 {
		return fmt.Errorf("%w: %q", storage.ErrNoCard, id)
	}
	base := cardedit.SourceID(cards[0])
	origin, err := e.db.CardOrigin(e.ctx, cards[0].ID)
	if err != nil {
		return err
	}
	ids := make([]string, len(cards))
	for i, c := range cards {
		ids[i] = c.ID
	}
	var from *deck.Set
	if origin == "builtin" {
		all, err := deck.Builtin()
		if err != nil {
			return err
		}
		from = &deck.Set{}
		for _, c := range all.Cards {
			if cardedit.SourceID(c) == base {
				from.Cards = append(from.Cards, c)
				ids = append(ids, c.ID)
			}
		}
	}
	n, err := e.db.RevertEdit(e.ctx, ids, from, e.now())
	if err != nil {
		return err
	}
	switch {
	case n == 0:
		fmt.Fprintf(e.stdout, "%s has no edit of yours to drop\n", base)
	case from != nil:
		fmt.Fprintf(e.stdout, "%s has the built-in text again; its history is kept\n", base)
	default:
		fmt.Fprintf(e.stdout, "dropped your edit of %s: the next import of %s brings its text back\n", base, origin)
	}
	return nil
}
