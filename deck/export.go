package deck

import (
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WriteMarkdown writes the cards of one deck, and the papers they refer to,
// as a native card file that Parse reads back to the same cards: every card
// carries its id, and the cloze cards of one text are written once.
func WriteMarkdown(w io.Writer, deckName string, cards []Card, papers []Paper) error {
	fm := struct {
		Deck   string     `yaml:"deck"`
		Papers []paperOut `yaml:"papers,omitempty"`
	}{Deck: deckName}
	for _, p := range papers {
		fm.Papers = append(fm.Papers, paperOut{p.Key, p.Title, p.Authors, p.Year, p.Venue, p.URL, p.ArXiv, p.DOI, p.Difficulty, p.Kind, p.Note})
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n")
	written := map[string]bool{}
	for _, c := range cards {
		id := c.ID
		if c.Kind == Cloze {
			id = strings.TrimSuffix(id, fmt.Sprintf("/c%d", c.Ord))
			if written[id] {
				continue
			}
			written[id] = true
		}
		b.WriteString("\n")
		if c.Kind == Cloze {
			writeSide(&b, "C:", c.Front)
		} else {
			writeSide(&b, "Q:", c.Front)
		}
		if c.Back != "" {
			writeSide(&b, "A:", c.Back)
		}
		fmt.Fprintf(&b, "id: %s\n", id)
		if len(c.Tags) > 0 {
			fmt.Fprintf(&b, "tags: %s\n", strings.Join(c.Tags, " "))
		}
		if c.Source != "" {
			fmt.Fprintf(&b, "source: %s\n", oneLine(c.Source))
		}
		if c.Paper != "" {
			fmt.Fprintf(&b, "paper: %s\n", c.Paper)
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

type paperOut struct {
	Key        string `yaml:"key"`
	Title      string `yaml:"title"`
	Authors    string `yaml:"authors,omitempty"`
	Year       int    `yaml:"year,omitempty"`
	Venue      string `yaml:"venue,omitempty"`
	URL        string `yaml:"url,omitempty"`
	ArXiv      string `yaml:"arxiv,omitempty"`
	DOI        string `yaml:"doi,omitempty"`
	Difficulty string `yaml:"difficulty,omitempty"`
	Kind       string `yaml:"kind,omitempty"`
	Note       string `yaml:"note,omitempty"`
}

// writeSide writes a marker and its text. The format has no blank lines
// inside a card (a blank line ends it), so paragraphs are joined with single
// newlines; a continuation line that would read as a marker or attribute is
// indented by one space, which the parser trims away again.
func writeSide(b *strings.Builder, marker, text string) {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines = append(lines, l)
	}
	for i, l := range lines {
		if i == 0 {
			b.WriteString(marker + " " + l + "\n")
			continue
		}
		if startsLikeMarker(l) {
			l = " " + l
		}
		b.WriteString(l + "\n")
	}
}

func startsLikeMarker(l string) bool {
	for _, m := range []string{"Q:", "A:", "C:"} {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	return attribute(l) != ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// DeckFileName is a safe file name for a deck's export: "A::B c" → "A__B_c.md".
func DeckFileName(deckName string) string {
	r := strings.NewReplacer("::", "__", "/", "_", "\\", "_", " ", "_", ":", "_")
	return r.Replace(deckName) + ".md"
}
