package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/storage"
)

// addTemplate is what $EDITOR opens when `loci add` has no card flags.
const addTemplate = `
# Write cards below in loci's card format, then save and quit.
# A basic card:
#   Q: the question
#   A: the answer
# A cloze card (one card per {{cN::...}} number):
#   C: The {{c1::hidden}} part.
# Separate cards with a blank line. Lines starting with # are ignored.

`

func addCmd(e *env) *cobra.Command {
	var deckName, front, back, cloze, tags string
	cmd := &cobra.Command{
		Use:   "add [--deck D] [--front Q --back A | --cloze TEXT] [--tags T]",
		Short: "Add a card from flags, or write cards in $EDITOR",
		Long: `Add cards. With --front and --back (or --cloze) one card is added from the
flags; without them, $EDITOR (or vi) opens a template in loci's card format
and every card written there is added when the editor closes.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case cloze != "" && (front != "" || back != ""):
				return usagef("use --cloze or --front/--back, not both")
			case (front != "" || back != "") && (front == "" || back == ""):
				return usagef("--front and --back go together")
			}
			return e.withDB(func() error {
				name, err := e.targetDeck(deckName)
				if err != nil {
					return err
				}
				if name == "" {
					name = "Default"
				}
				tagLine := ""
				if tags != "" {
					tagLine = "tags: [" + strings.Join(strings.Fields(strings.ReplaceAll(tags, ",", " ")), ", ") + "]\n"
				}
				head := fmt.Sprintf("---\ndeck: %s\n%s---\n", name, tagLine)
				var text string
				switch {
				case cloze != "":
					body, err := flagText("--cloze", cloze)
					if err != nil {
						return err
					}
					text = head + "C: " + body + "\n"
				case front != "":
					q, err := flagText("--front", front)
					if err != nil {
						return err
					}
					a, err := flagText("--back", back)
					if err != nil {
						return err
					}
					text = head + "Q: " + q + "\nA: " + a + "\n"
				default:
					return e.addInEditor(head + addTemplate)
				}
				f, err := deck.Parse("new card", strings.NewReader(text))
				if err != nil {
					return hintError{err, "loci add again; nothing was added"}
				}
				return e.addFile(f)
			})
		},
	}
	cmd.Flags().StringVar(&deckName, "deck", "", `deck for the new cards (default "Default")`)
	cmd.Flags().StringVar(&front, "front", "", "question of a basic card")
	cmd.Flags().StringVar(&back, "back", "", "answer of a basic card")
	cmd.Flags().StringVar(&cloze, "cloze", "", "text of a cloze card, such as 'The {{c1::capital}} of France'")
	cmd.Flags().StringVar(&tags, "tags", "", "tags, separated by spaces or commas")
	return cmd
}

// flagText puts a flag's text into the card format, keeping its line breaks:
// each line is trimmed and blank lines are dropped (a blank line would end
// the card). A line the format would read as a field is refused.
func flagText(flag, s string) (string, error) {
	var lines []string
	for i, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 {
			for _, m := range []string{"Q:", "A:", "C:", "id:", "tags:", "paper:", "source:"} {
				if strings.HasPrefix(l, m) {
					return "", usagef("%s: line %d starts with %q, which the card format reads as a new field: reword it", flag, i+1, m)
				}
			}
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), nil
}

// addFile adds the cards of a parsed draft that are not in the database yet
// and says where they went; a card already there is left as it is, and the
// message names the deck it is in.
func (e *env) addFile(f *deck.File) error {
	if len(f.Cards) == 0 {
		return fmt.Errorf("no card written; nothing was added")
	}
	// Adding never changes a card that exists: that is what import is for.
	var fresh []deck.Card
	var already []string // the decks of the cards already there
	for _, c := range f.Cards {
		old, err := e.db.Card(e.ctx, c.ID)
		if err != nil {
			return err
		}
		if old == nil {
			fresh = append(fresh, c)
		} else if !slices.Contains(already, old.Deck) {
			already = append(already, old.Deck)
		}
	}
	existing := len(f.Cards) - len(fresh)
	f.Cards = fresh
	set, err := deck.Merge([]*deck.File{f})
	if err != nil {
		return err
	}
	res, err := e.db.Import(e.ctx, set, e.now(), storage.ImportOptions{Origin: "add"})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s to %s", deck.Plural(res.Added, "card", "cards"), f.Deck)
	if existing > 0 {
		fmt.Fprintf(e.stdout, "; %s already there, in %s, left as %s",
			deck.Plural(existing, "card was", "cards were"), strings.Join(already, ", "), map[bool]string{true: "it is", false: "they are"}[existing == 1])
	}
	fmt.Fprintln(e.stdout)
	return nil
}
