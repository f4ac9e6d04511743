package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/storage"
)

// paperJSON is one entry of `loci papers --json`.
type paperJSON struct {
	Key        string     `json:"key"`
	Title      string     `json:"title"`
	Stage      deck.Stage `json:"stage"`
	Difficulty string     `json:"difficulty"`
	Cards      int        `json:"cards"`
	Authors    string     `json:"authors,omitempty"`
	Year       int        `json:"year,omitempty"`
	Kind       string     `json:"kind,omitempty"`
	StageAt    string     `json:"stage_at"`
}

func papersCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "papers [--json]",
		Short: "List paper checkpoints with their stage and difficulty",
		Long: `List paper checkpoints: papers, replications and readings on the learning path,
each on the ladder queued → read → understood → replicated.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				papers, err := e.db.Papers(e.ctx)
				if err != nil {
					return err
				}
				if asJSON {
					out := make([]paperJSON, len(papers))
					for i, p := range papers {
						out[i] = paperJSON{p.Key, p.Title, p.Stage, p.Difficulty, p.Cards, p.Authors, p.Year, p.Kind,
							p.StageAt.In(e.cfg.Scheduler.Location).Format("2006-01-02T15:04:05Z07:00")}
					}
					return e.printJSON(out)
				}
				fmt.Fprintf(e.stdout, "%-11s %-10s %5s  %s\n", "STAGE", "DIFFICULTY", "CARDS", "KEY — TITLE")
				for _, p := range papers {
					fmt.Fprintf(e.stdout, "%-11s %-10s %5d  %s\n", p.Stage, p.Difficulty, p.Cards, clip(p.Key+" — "+p.Title, 50))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print [{key, title, stage, difficulty, cards, ...}]")
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
				return nil
			})
		},
	})
	return cmd
}
