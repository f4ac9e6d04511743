package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/storage"
)

// addTemplate is what $EDITOR opens when `loci add` has no card flags.
const addTemplate = `---
deck: %s
---

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
			if deckName == "" {
				deckName = "Default"
			}
			var text string
			switch {
			case cloze != "" && (front != "" || back != ""):
				return usagef("use --cloze or --front/--back, not both")
			case cloze != "":
				text = fmt.Sprintf("---\ndeck: %s\n---\nC: %s\n", deckName, oneLineFlag(cloze))
			case front != "" || back != "":
				if front == "" || back == "" {
					return usagef("--front and --back go together")
				}
				text = fmt.Sprintf("---\ndeck: %s\n---\nQ: %s\nA: %s\n", deckName, oneLineFlag(front), oneLineFlag(back))
			default:
				edited, err := e.editTemplate(fmt.Sprintf(addTemplate, deckName))
				if err != nil {
					return err
				}
				text = edited
			}
			if tags != "" {
				text = strings.Replace(text, "\n---\n", "\ntags: ["+strings.Join(strings.Fields(strings.ReplaceAll(tags, ",", " ")), ", ")+"]\n---\n", 1)
			}
			return e.withDB(func() error { return e.addText(text) })
		},
	}
	cmd.Flags().StringVar(&deckName, "deck", "", `deck for the new cards (default "Default")`)
	cmd.Flags().StringVar(&front, "front", "", "question of a basic card")
	cmd.Flags().StringVar(&back, "back", "", "answer of a basic card")
	cmd.Flags().StringVar(&cloze, "cloze", "", "text of a cloze card, such as 'The {{c1::capital}} of France'")
	cmd.Flags().StringVar(&tags, "tags", "", "tags, separated by spaces or commas")
	return cmd
}

// oneLineFlag keeps a flag's text on one line of the card format.
func oneLineFlag(s string) string { return strings.Join(strings.Fields(s), " ") }

func (e *env) addText(text string) error {
	f, err := deck.Parse("new card", strings.NewReader(text))
	if err != nil {
		return hintError{err, "loci add again; nothing was added"}
	}
	if len(f.Cards) == 0 {
		return fmt.Errorf("no card written; nothing was added")
	}
	// Adding never changes a card that exists: that is what import is for.
	var fresh []deck.Card
	for _, c := range f.Cards {
		old, err := e.db.Card(e.ctx, c.ID)
		if err != nil {
			return err
		}
		if old == nil {
			fresh = append(fresh, c)
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
	fmt.Fprintf(e.stdout, "added %d cards to %s", res.Added, f.Deck)
	if existing > 0 {
		fmt.Fprintf(e.stdout, " (%d were already there, left as they are)", existing)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// editTemplate opens $VISUAL, $EDITOR or vi on a temporary file holding
// text and returns what the learner saved.
func (e *env) editTemplate(text string) (string, error) {
	f, err := os.CreateTemp("", "loci-add-*.md")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", err
	}
	f.Close()
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	cmd := exec.Command(args[0], append(args[1:], f.Name())...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("editor %s: %w", editor, err)
	}
	out, err := os.ReadFile(f.Name())
	if err != nil {
		return "", err
	}
	// An untouched or emptied template adds nothing.
	if bytes.Equal(out, []byte(text)) {
		return "", fmt.Errorf("the template was not changed; nothing was added")
	}
	return string(out), nil
}
