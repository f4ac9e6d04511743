package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
)

func reviewCmd(e *env) *cobra.Command {
	var deckName string
	cmd := &cobra.Command{
		Use:   "review [--deck D]",
		Short: "Review what is due now in the terminal",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return e.runUI(deckName, true) },
	}
	cmd.Flags().StringVar(&deckName, "deck", "", "study only this deck and its sub-decks")
	return cmd
}

// withDB wraps a command body with opening and closing the database.
func (e *env) withDB(run func() error) error {
	if err := e.open(); err != nil {
		return err
	}
	defer e.close()
	return run()
}

func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func dueCmd(e *env) *cobra.Command {
	var asJSON bool
	var deckName string
	cmd := &cobra.Command{
		Use:   "due [--json]",
		Short: "Count the cards studyable now (fast: for prompts and status bars)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDeck(deckName, func(deckName string) error {
				total, decks, err := e.study.Due(e.ctx, deckName)
				if err != nil {
					return err
				}
				if asJSON {
					if decks == nil {
						decks = []deck.Counts{}
					}
					// Only the JSON carries when the next card comes: the
					// plain counts stay one query for shell prompts.
					o, err := e.study.Outlook(e.ctx, deckName)
					if err != nil {
						return err
					}
					var next *string
					if !o.NextDue.IsZero() {
						t := o.NextDue.In(e.study.Sched.Settings().Location).Format(time.RFC3339)
						next = &t
					}
					return e.printJSON(struct {
						scheduler.Totals
						NextDue *string   `json:"next_due"`
						Decks   []deckDue `json:"decks"`
					}{total, next, dueRows(decks)})
				}
				fmt.Fprintf(e.stdout, "%d new, %d learning, %d review\n", total.New, total.Learning, total.Review)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {new, learning, review, limit_reached, next_due, decks: [{name, new, learning, review}]}")
	cmd.Flags().StringVar(&deckName, "deck", "", "count only this deck and its sub-decks")
	return cmd
}

type deckDue struct {
	Name     string `json:"name"`
	New      int    `json:"new"`
	Learning int    `json:"learning"`
	Review   int    `json:"review"`
}

func dueRows(decks []deck.Counts) []deckDue {
	out := make([]deckDue, len(decks))
	for i, d := range decks {
		out[i] = deckDue{d.Deck, d.New, d.Learning, d.Review}
	}
	return out
}

func decksCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "decks [--json]",
		Short: "List the decks with their card counts",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				_, decks, err := e.study.Due(e.ctx, "")
				if err != nil {
					return err
				}
				if asJSON {
					if decks == nil {
						decks = []deck.Counts{}
					}
					return e.printJSON(decks)
				}
				printDecks(e.stdout, decks)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: [{name, cards, new, learning, review}]")
	return cmd
}

// nextCard is what `loci next --json` prints.
type nextCard struct {
	ID        string    `json:"id"`
	Deck      string    `json:"deck"`
	Front     string    `json:"front"`
	Back      string    `json:"back"`
	Kind      deck.Kind `json:"kind"`
	State     string    `json:"state"`
	Source    string    `json:"source,omitempty"`
	Paper     string    `json:"paper,omitempty"`
	Intervals intervals `json:"intervals"`
}

// intervals are the waits each rating would give, in button order.
type intervals struct {
	Again string `json:"again"`
	Hard  string `json:"hard"`
	Good  string `json:"good"`
	Easy  string `json:"easy"`
}

func nextCmd(e *env) *cobra.Command {
	var asJSON bool
	var deckName string
	cmd := &cobra.Command{
		Use:   "next [--json]",
		Short: "Show the card the review screen would show next",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDeck(deckName, func(deckName string) error {
				c, err := e.study.Next(e.ctx, deckName)
				if err != nil {
					return err
				}
				if c == nil {
					if asJSON {
						return e.printJSON(nil)
					}
					o, err := e.study.Outlook(e.ctx, deckName)
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, "Nothing is due now.")
					for _, line := range o.Reasons() {
						fmt.Fprintln(e.stdout, line)
					}
					return nil
				}
				front, back := c.Shown(nil)
				n := nextCard{ID: c.ID, Deck: c.Deck, Front: front, Back: back, Kind: c.Kind,
					State: c.Schedule.State.String(), Source: c.Source, Paper: c.Paper}
				p, err := e.study.Preview(c)
				if err != nil {
					return err
				}
				now := e.now()
				n.Intervals = intervals{scheduler.Interval(p[0].Due.Sub(now)), scheduler.Interval(p[1].Due.Sub(now)),
					scheduler.Interval(p[2].Due.Sub(now)), scheduler.Interval(p[3].Due.Sub(now))}
				if asJSON {
					return e.printJSON(n)
				}
				fmt.Fprintf(e.stdout, "%s  [%s, %s]\n\n%s\n\n---\n%s\n\nAnswer with: loci answer %s again|hard|good|easy\n",
					n.Deck, n.ID, n.State, n.Front, n.Back, n.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"id", "deck", "front", "back", ...} or null`)
	cmd.Flags().StringVar(&deckName, "deck", "", "draw only from this deck and its sub-decks")
	return cmd
}

func answerCmd(e *env) *cobra.Command {
	var took time.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "answer CARD RATING",
		Short: "Record an answer: RATING is again|hard|good|easy or 1-4",
		Args:  exactArgs(2, "a card id and a rating (again|hard|good|easy or 1-4)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, ok := deck.ParseRating(args[1])
			if !ok {
				return usagef("rating %q: want again, hard, good, easy or 1-4", args[1])
			}
			if took < 0 {
				return usagef("--duration must not be negative")
			}
			return e.withDB(func() error {
				c, err := e.study.Card(e.ctx, args[0])
				if err != nil {
					return err
				}
				if c == nil {
					return hintError{fmt.Errorf("%w: %q", storage.ErrNoCard, args[0]), "loci next --json (its id field is what answer takes)"}
				}
				rev, err := e.study.Answer(e.ctx, c, r, took)
				if err != nil {
					return err
				}
				due := rev.After.Due.In(e.study.Sched.Settings().Location)
				if asJSON {
					out := map[string]any{"id": c.ID, "rating": r.String(), "due": due.Format(time.RFC3339),
						"state": rev.After.State.String(), "interval": scheduler.Interval(rev.After.Due.Sub(rev.At))}
					if rev.Leech != "" {
						out["leech"] = rev.Leech
					}
					return e.printJSON(out)
				}
				fmt.Fprintf(e.stdout, "due %s (in %s)\n", due.Format(time.RFC3339), scheduler.Interval(rev.After.Due.Sub(rev.At)))
				if rev.Leech != "" {
					fmt.Fprintf(e.stdout, "leech: %s after %d lapses; rewrite it with: loci edit %s\n", rev.Leech, rev.After.Lapses, c.ID)
				}
				return nil
			})
		},
	}
	cmd.Flags().DurationVar(&took, "duration", 0, "time taken to answer, such as 8s (counts towards minutes studied)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print {id, rating, due, state, interval, leech (when it became one)}")
	return cmd
}

func undoCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "undo",
		Short: "Take back the most recent answer, bury or suspension",
		Long: `Take back the most recent action of any kind, as the review screen's undo
key does: an answer (its card goes back to how it was), a bury, a suspension
or an unsuspension. Run it again to go further back.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(func() error {
				act, err := e.study.Undo(e.ctx, 0)
				if errors.Is(err, storage.ErrNothingToUndo) {
					return errors.New("nothing to undo")
				}
				if err != nil {
					return err
				}
				if act.Review != nil {
					fmt.Fprintf(e.stdout, "undid %s on %s (answered %s)\n", act.Describe(), act.CardID,
						act.Review.At.In(e.study.Sched.Settings().Location).Format(time.RFC3339))
					return nil
				}
				fmt.Fprintf(e.stdout, "undid %s of %s\n", act.Describe(), act.CardID)
				return nil
			})
		},
	}
}

func suspendCmd(e *env, on bool) *cobra.Command {
	use, short := "suspend CARD", "Take a card out of study"
	if !on {
		use, short = "unsuspend CARD", "Return a suspended card to study"
	}
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(1, "a card id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withDB(func() error {
				c, err := e.study.Card(e.ctx, args[0])
				if err != nil {
					return err
				}
				if c == nil {
					return fmt.Errorf("%w: %q", storage.ErrNoCard, args[0])
				}
				if _, err := e.study.Suspend(e.ctx, c, on); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s %s (loci undo takes it back)\n", map[bool]string{true: "suspended", false: "unsuspended"}[on], c.ID)
				return nil
			})
		},
	}
}

// printDecks writes the deck table of `loci decks`. Names are padded by
// display width, so that a CJK name (two cells a character) keeps the count
// columns aligned.
func printDecks(w io.Writer, decks []deck.Counts) {
	width := runewidth.StringWidth("DECK")
	for _, d := range decks {
		width = max(width, runewidth.StringWidth(d.Deck))
	}
	fmt.Fprintf(w, "%s %5s %5s %5s %6s\n", runewidth.FillRight("DECK", width), "NEW", "LEARN", "DUE", "CARDS")
	for _, d := range decks {
		fmt.Fprintf(w, "%s %5d %5d %5d %6d\n", runewidth.FillRight(d.Deck, width), d.New, d.Learning, d.Review, d.Cards)
	}
}
