package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/deck/search"
	"loci/storage"
)

// paperJSON is one entry of `loci papers --json`.
type paperJSON struct {
	Key        string     `json:"key"`
	Title      string     `json:"title"`
	Stage      deck.Stage `json:"stage"`
	Difficulty string     `json:"difficulty"`
	Cards      int        `json:"cards"`
	Waiting    int        `json:"waiting"` // new cards held back until the paper reaches their unlock stage
	Authors    string     `json:"authors,omitempty"`
	Year       int        `json:"year,omitempty"`
	Kind       string     `json:"kind,omitempty"`
	StageAt    string     `json:"stage_at"`
	// Collections are full paths ("Alignment/Interpretability"); both
	// lists are [] for none, in alphabetical order.
	Collections []string        `json:"collections"`
	Tags        []string        `json:"tags"`
	CardList    []paperCardJSON `json:"card_list"`
}

// paperCardJSON is one card of a paper in `loci papers --json`.
type paperCardJSON struct {
	ID      string     `json:"id"`
	Unlock  deck.Stage `json:"unlock,omitempty"` // the stage the paper must reach before the card is new
	Waiting bool       `json:"waiting"`          // still held back from the new queue
}

func papersCmd(e *env) *cobra.Command {
	var asJSON bool
	var collection, tag string
	cmd := &cobra.Command{
		Use:   "papers [--json] [--collection NAME] [--tag NAME]",
		Short: "List paper checkpoints with their stage and difficulty",
		Long: `List paper checkpoints: papers, replications and readings on the learning path,
each on the ladder queued → read → understood → replicated.

Papers from a Zotero library (or with "collections:" and "tags:" in a card
file) show their collections and tags. --collection NAME lists the papers in
a collection and its sub-collections: NAME is the full path
("Alignment/Interpretability") or its last part ("Interpretability"), in any
case, and * is a wildcard. --tag NAME lists the papers with that tag (any
case, *). A name that matches none is an error that lists the known ones.

An import never moves a paper back: a stage you set here stays.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				filter := storage.PaperFilter{Collection: search.Pattern(collection), Tag: search.Pattern(tag)}
				papers, err := e.db.PapersWhere(e.ctx, filter)
				if err != nil {
					return err
				}
				if len(papers) == 0 {
					if err := e.checkPaperFilter(filter); err != nil {
						return err
					}
				}
				if asJSON {
					return e.printPapersJSON(papers)
				}
				e.printPapers(papers)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print [{key, title, stage, difficulty, cards, waiting, collections, tags, card_list, ...}]")
	cmd.Flags().StringVar(&collection, "collection", "", "only papers in this collection (full path or last part) or its sub-collections")
	cmd.Flags().StringVar(&tag, "tag", "", "only papers with this tag")
	cmd.AddCommand(&cobra.Command{
		Use:   "advance KEY [STAGE]",
		Short: "Move a paper to its next stage, or to STAGE (queued, read, understood, replicated)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("%s needs a paper key and optionally a stage", cmd.CommandPath())
			}
			if len(args) == 2 && !deck.Stage(args[1]).Valid() {
				return usagef("stage %q: want queued, read, understood or replicated", args[1])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withDB(func() error {
				papers, err := e.db.Papers(e.ctx)
				if err != nil {
					return err
				}
				var cur *deck.PaperProgress
				for i := range papers {
					if papers[i].Key == args[0] {
						cur = &papers[i]
					}
				}
				if cur == nil {
					return hintError{fmt.Errorf("%w: %q", storage.ErrNoPaper, args[0]), "loci papers (the first column after the title's dash is the key)"}
				}
				to := cur.Stage.Next()
				if len(args) == 2 {
					to = deck.Stage(args[1])
				}
				if to == cur.Stage && len(args) == 1 {
					return errors.New(args[0] + " is already replicated, the last stage")
				}
				if err := e.db.SetPaperStage(e.ctx, args[0], to, e.now()); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: %s → %s\n", args[0], cur.Stage, to)
				return e.reportUnlocked(args[0], cur.Waiting)
			})
		},
	})
	return cmd
}

// reportUnlocked says how many of a paper's cards joined the new queue, or
// went back to waiting, after its stage changed; before is how many waited.
func (e *env) reportUnlocked(key string, before int) error {
	papers, err := e.db.Papers(e.ctx)
	if err != nil {
		return err
	}
	for _, p := range papers {
		if p.Key != key {
			continue
		}
		switch {
		case p.Waiting < before:
			fmt.Fprintf(e.stdout, "cards on the paper that joined the new queue: %d\n", before-p.Waiting)
		case p.Waiting > before:
			fmt.Fprintf(e.stdout, "new cards on the paper that wait again: %d\n", p.Waiting-before)
		}
	}
	return nil
}
