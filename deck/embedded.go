package deck

import "strings"

// embeddedAttributes are the card attributes a card block embedded in other
// text may carry. paper: and unlock: are left out: the program holding the
// text decides the paper.
var embeddedAttributes = []string{"A:", "id:", "tags:", "source:", "reverse:"}

// CardsIn reads the cards written in free text that another program holds,
// such as a note in Zotero, with the rules of a card file's body. Because
// such text is a run of paragraphs with no blank lines a person controls,
// a card block is the lines from one starting with "Q:" or "C:" through
// the lines right after it that start with "A:", "id:", "tags:", "source:"
// or "reverse:"; any other line ends the block and is ignored, so each side
// is one line. Every card goes to deckName; name and the line within text
// are used in errors. A block that breaks the rules (a Q: without an A:, a
// cloze without a deletion) is an error, as in a card file.
func CardsIn(name, deckName, text string) ([]Card, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	in := false
	for i, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "Q:") || strings.HasPrefix(l, "C:"):
			in = true
		case in && hasAnyPrefix(l, embeddedAttributes):
		default:
			in, l = false, ""
		}
		lines[i] = l
	}
	p := &parser{file: &File{Name: name, Deck: deckName}}
	if err := p.cards(lines, 0); err != nil {
		return nil, err
	}
	return p.file.Cards, nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
