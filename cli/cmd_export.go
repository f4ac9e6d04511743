package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"loci/deck"
	"loci/deck/search"
	"loci/storage"
)

func exportCmd(e *env) *cobra.Command {
	var format, deckName, out, query string
	var force bool
	cmd := &cobra.Command{
		Use:   "export [--format md|csv] [--deck D | --search Q] [-o PATH]",
		Short: "Export cards as native Markdown files or an Anki-style CSV",
		Long: `Export cards so that importing them into an empty database gives the same cards.

--format md writes one native card file per deck into the folder -o names
(default: named after --deck, else loci-export), or to standard output with
--deck and -o -. A folder that already holds files is refused without --force.
--format csv writes one CSV file (standard output unless -o names a file) with
Anki's header lines.
--search exports the cards a query finds, in the order they were added
(see loci search --help for the syntax).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "md" && format != "csv" {
				return usagef("--format %q: want md or csv", format)
			}
			if deckName != "" && query != "" {
				return usagef("--deck and --search together: put deck:NAME in the search instead")
			}
			if query != "" {
				if _, err := search.Parse(query); err != nil {
					return queryError(query, err)
				}
			}
			return e.withDB(func() error {
				deckName, err := e.resolveDeck(deckName)
				if err != nil {
					return err
				}
				var cards []deck.Card
				if query != "" {
					var page storage.Page
					page, err = e.searcher().Find(e.ctx, query, storage.SortAdded, false, 0)
					cards = page.Cards
				} else {
					cards, err = e.db.Cards(e.ctx, deckName)
				}
				if err != nil {
					return err
				}
				papers, err := e.db.Papers(e.ctx)
				if err != nil {
					return err
				}
				if format == "csv" {
					return e.exportCSV(cards, out)
				}
				if out != "-" {
					if out, err = exportDir(out, deckName, force); err != nil {
						return err
					}
				}
				return e.exportMarkdown(cards, papers, out)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "md or csv")
	cmd.Flags().StringVar(&deckName, "deck", "", "export only this deck and its sub-decks")
	cmd.Flags().StringVar(&query, "search", "", "export only the cards this query finds, e.g. 'tag:hard -is:suspended'")
	cmd.Flags().StringVarP(&out, "output", "o", "", "directory (md) or file (csv); - for standard output")
	cmd.Flags().BoolVar(&force, "force", false, "write into a folder that already holds files (md)")
	return cmd
}

func (e *env) exportMarkdown(cards []deck.Card, all []deck.PaperProgress, out string) error {
	byDeck := map[string][]deck.Card{}
	var decks []string
	for _, c := range cards {
		if _, ok := byDeck[c.Deck]; !ok {
			decks = append(decks, c.Deck)
		}
		byDeck[c.Deck] = append(byDeck[c.Deck], c)
	}
	papers := map[string]deck.Paper{}
	for _, p := range all {
		papers[p.Key] = p.Paper
	}
	if out == "-" {
		if len(decks) > 1 {
			return usagef("-o - writes one file, but the export holds %d decks: name a directory, or pick one with --deck", len(decks))
		}
	} else {
		if out == "" {
			out = "loci-export"
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	placed := map[string]bool{} // each paper is written with the first deck that uses it
	for _, name := range decks {
		var ps []deck.Paper
		for _, c := range byDeck[name] {
			if p, ok := papers[c.Paper]; ok && !placed[c.Paper] {
				placed[c.Paper] = true
				ps = append(ps, p)
			}
		}
		var buf bytes.Buffer
		if err := deck.WriteMarkdown(&buf, name, byDeck[name], ps); err != nil {
			return err
		}
		if out == "-" {
			_, err := e.stdout.Write(buf.Bytes())
			return err
		}
		if err := os.WriteFile(filepath.Join(out, deck.DeckFileName(name)), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if out != "-" {
		fmt.Fprintf(e.stdout, "exported %s in %s to %s\n", deck.Plural(len(cards), "card", "cards"), deck.Plural(len(decks), "deck", "decks"), out)
	}
	return nil
}

// exportCSV writes Anki's "notes in plain text" layout. The guid column holds
// "loci:" and the card's id, which the text importer reads back as that id.
func (e *env) exportCSV(cards []deck.Card, out string) error {
	var w io.Writer = e.stdout
	if out != "" && out != "-" {
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		w = f
	}
	fmt.Fprint(w, "#separator:Comma\n#html:false\n#columns:guid,notetype,deck,front,back,tags\n"+
		"#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n")
	cw := csv.NewWriter(w)
	written := map[string]bool{}
	for _, c := range cards {
		id, notetype := c.ID, "Basic"
		if c.Kind == deck.Cloze {
			notetype = "Cloze"
			id = strings.TrimSuffix(id, "/c"+strconv.Itoa(c.Ord))
			if written[id] {
				continue
			}
			written[id] = true
		}
		cw.Write([]string{"loci:" + id, notetype, c.Deck, c.Front, c.Back, strings.Join(c.Tags, " ")})
	}
	cw.Flush()
	return cw.Error()
}
