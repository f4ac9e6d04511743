package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"loci/deck"
)

// exportDir chooses the folder a Markdown export writes into: -o when given,
// else one named after the deck (--deck), else loci-export. A folder that
// exists and holds anything is refused unless force is set, so that an
// export never overwrites files a learner keeps, such as a decks folder.
func exportDir(out, deckName string, force bool) (string, error) {
	if out == "" {
		out = "loci-export"
		if deckName != "" {
			out = strings.TrimSuffix(deck.DeckFileName(deckName), ".md")
		}
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return out, nil
	case err != nil:
		return "", fmt.Errorf("export: %w", err)
	case len(entries) > 0 && !force:
		return "", hintError{fmt.Errorf("export: folder %s already exists and holds %s; nothing was written", out,
			deck.Plural(len(entries), "file", "files")), "loci export -o NEW-FOLDER, or --force to overwrite the files it has in common"}
	}
	return out, nil
}
