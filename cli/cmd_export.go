package cli

import (
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
(see loci search --help for the syntax).
Exports are readable by you only (files 0600, folders 0700).`,
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
				src := e.collectionSource(deckName)
				if query != "" {
					page, err := e.searcher().Find(e.ctx, query, storage.SortAdded, false, 0)
					if err != nil {
						return err
					}
					src = foundSource(page.Cards)
				}
				if format == "csv" {
					return e.exportCSV(src, out)
				}
				if out != "-" {
					if out, err = exportDir(out, deckName, force); err != nil {
						return err
					}
				}
				return e.exportMarkdown(src, out)
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

// exportMarkdown writes one native card file per deck into the folder out
// (loci-export by default), or the one deck to standard output with "-".
// Cards stream from storage to the files a deck at a time, so memory stays
// flat on any collection. The folder is created 0700 and the files 0600,
// like the database: they hold what the learner studies.
func (e *env) exportMarkdown(src exportSource, out string) error {
	decks, err := src.decks()
	if err != nil {
		return err
	}
	if out == "-" {
		if decks > 1 {
			return usagef("-o - writes one file, but the export holds %d decks: name a directory, or pick one with --deck", decks)
		}
	} else if err := os.MkdirAll(out, 0o700); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	papers, err := e.exportPapers(src)
	if err != nil {
		return err
	}
	pairs, err := src.pairs()
	if err != nil {
		return err
	}
	var cur *deckFile
	cards, files := 0, 0
	err = src.each(storage.ByDeck, func(c *deck.Card) error {
		if cur == nil || c.Deck != cur.deck {
			if err := cur.close(); err != nil {
				return err
			}
			var err error
			if cur, err = e.openDeckFile(out, c.Deck, papers[c.Deck], pairs[c.Deck]); err != nil {
				return err
			}
			files++
		}
		cards++
		return cur.w.Write(c)
	})
	if cerr := cur.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if out != "-" {
		fmt.Fprintf(e.stdout, "exported %s in %s to %s\n", deck.Plural(cards, "card", "cards"), deck.Plural(files, "deck", "decks"), out)
	}
	return nil
}

// exportPapers returns the papers each deck's file lists: each paper is
// written with the first deck that uses it.
func (e *env) exportPapers(src exportSource) (map[string][]deck.Paper, error) {
	all, err := e.db.Papers(e.ctx)
	if err != nil {
		return nil, err
	}
	uses, err := src.paperUses()
	if err != nil {
		return nil, err
	}
	byKey := map[string]deck.Paper{}
	for _, p := range all {
		byKey[p.Key] = p.Paper
	}
	out := map[string][]deck.Paper{}
	for _, u := range uses {
		if p, ok := byKey[u.Paper]; ok {
			out[u.Deck] = append(out[u.Deck], p)
			delete(byKey, u.Paper)
		}
	}
	return out, nil
}

// deckFile is one deck's card file being written: to a file in the export
// folder, or to standard output.
type deckFile struct {
	deck string
	w    *deck.MarkdownWriter
	f    *os.File // nil for standard output
}

func (e *env) openDeckFile(dir, deckName string, papers []deck.Paper, paired map[string]bool) (*deckFile, error) {
	df := &deckFile{deck: deckName}
	var w io.Writer = e.stdout
	if dir != "-" {
		f, err := createPrivate(filepath.Join(dir, deck.DeckFileName(deckName)))
		if err != nil {
			return nil, err
		}
		df.f, w = f, f
	}
	var err error
	if df.w, err = deck.NewMarkdownWriter(w, deckName, papers, paired); err != nil {
		if df.f != nil {
			df.f.Close()
		}
		return nil, err
	}
	return df, nil
}

// close flushes the deck's file and closes it; a nil deckFile is none.
func (d *deckFile) close() error {
	if d == nil {
		return nil
	}
	err := d.w.Flush()
	if d.f != nil {
		if cerr := d.f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("export deck %q: %w", d.deck, err)
	}
	return nil
}

// createPrivate creates or truncates a file for writing, readable by its
// owner only, also when a regular file was there with a wider mode (a
// device such as /dev/stdout is written to as it is).
func createPrivate(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
		err = f.Chmod(0o600)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	return f, nil
}

// exportCSV writes Anki's "notes in plain text" layout, streaming the cards
// in the order they were added. The guid column holds "loci:" and the
// card's id, which the text importer reads back as that id; the source,
// paper and unlock columns carry the rest of what a card is, so that
// importing the file into the same database changes nothing.
func (e *env) exportCSV(src exportSource, out string) (err error) {
	var w io.Writer = e.stdout
	if out != "" && out != "-" {
		f, cerr := createPrivate(out)
		if cerr != nil {
			return cerr
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("export: %w", cerr)
			}
		}()
		w = f
	}
	cw := csv.NewWriter(w)
	if _, err := io.WriteString(w, "#separator:Comma\n#html:false\n#columns:guid,notetype,deck,front,back,tags,source,paper,unlock\n"+
		"#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	written := map[string]bool{} // cloze texts, written once for all their cards
	err = src.each(storage.ByPosition, func(c *deck.Card) error {
		id, notetype := c.ID, "Basic"
		if c.Kind == deck.Cloze {
			notetype = "Cloze"
			id = strings.TrimSuffix(id, "/c"+strconv.Itoa(c.Ord))
			if written[id] {
				return nil
			}
			written[id] = true
		}
		return cw.Write([]string{"loci:" + id, notetype, c.Deck, c.Front, c.Back, strings.Join(c.Tags, " "), c.Source, c.Paper, string(c.Unlock)})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
