package deck

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MarkdownWriter writes one deck as a native card file that Parse reads
// back to the same cards: the front matter with the deck and the papers
// its cards refer to, then the cards one at a time, so that an export holds
// a single card in memory. Every card carries its id; the cloze cards of
// one text are written once.
type MarkdownWriter struct {
	w       *bufio.Writer
	written map[string]bool // ids of the cloze texts written
	paired  map[string]bool // forward ids whose reverse card is in this deck too
}

// NewMarkdownWriter writes the front matter of deckName's file to w.
// paired holds the ids of the deck's forward cards whose reverse card is in
// the deck too: such a pair is written once, as the forward card with
// "reverse: true" (nil for none).
func NewMarkdownWriter(w io.Writer, deckName string, papers []Paper, paired map[string]bool) (*MarkdownWriter, error) {
	fm := struct {
		Deck   string     `yaml:"deck"`
		Papers []paperOut `yaml:"papers,omitempty"`
	}{Deck: deckName}
	for _, p := range papers {
		fm.Papers = append(fm.Papers, paperOut{p.Key, p.Title, p.Authors, p.Year, p.Venue, p.URL, p.ArXiv, p.DOI, p.Difficulty, p.Kind, p.Note,
			p.Collections, p.Tags})
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("deck %q: %w", deckName, err)
	}
	m := &MarkdownWriter{w: bufio.NewWriter(w), written: map[string]bool{}, paired: paired}
	m.w.WriteString("---\n")
	m.w.Write(head)
	m.w.WriteString("---\n")
	return m, nil
}

// Write adds a card; a cloze card whose text is already written adds
// nothing. Errors of the underlying writer show at the latest in Flush.
func (m *MarkdownWriter) Write(c *Card) error {
	if c.IsReverse() {
		if fwd, ok := ForwardID(c.ID); ok && m.paired[fwd] {
			return nil // written as "reverse: true" on its forward card
		}
	}
	id := c.ID
	if c.Kind == Cloze {
		id = strings.TrimSuffix(id, "/c"+strconv.Itoa(c.Ord))
		if m.written[id] {
			return nil
		}
		m.written[id] = true
	}
	b := m.w
	b.WriteString("\n")
	if c.Kind == Cloze {
		writeSide(b, "C:", c.Front)
	} else {
		writeSide(b, "Q:", c.Front)
	}
	if c.Back != "" {
		writeSide(b, "A:", c.Back)
	}
	b.WriteString("id: " + id + "\n")
	if !c.IsReverse() && m.paired[id] {
		b.WriteString("reverse: true\n")
	}
	if len(c.Tags) > 0 {
		b.WriteString("tags: " + strings.Join(c.Tags, " ") + "\n")
	}
	if c.Source != "" {
		b.WriteString("source: " + oneLine(c.Source) + "\n")
	}
	if c.Paper != "" {
		b.WriteString("paper: " + c.Paper + "\n")
	}
	if c.Unlock != "" && c.Paper != "" {
		b.WriteString("unlock: " + string(c.Unlock) + "\n")
	}
	return nil
}

// Flush writes what is buffered and returns the first write error.
func (m *MarkdownWriter) Flush() error { return m.w.Flush() }

// WriteMarkdown writes the cards of one deck held in memory, and the papers
// they refer to, with a MarkdownWriter: a forward card and its reverse in
// the same slice are written once.
func WriteMarkdown(w io.Writer, deckName string, cards []Card, papers []Paper) error {
	ids := make(map[string]bool, len(cards))
	for i := range cards {
		ids[cards[i].ID] = true
	}
	paired := map[string]bool{}
	for i := range cards {
		if cards[i].IsReverse() {
			if fwd, ok := ForwardID(cards[i].ID); ok && ids[fwd] {
				paired[fwd] = true
			}
		}
	}
	m, err := NewMarkdownWriter(w, deckName, papers, paired)
	if err != nil {
		return err
	}
	for i := range cards {
		if err := m.Write(&cards[i]); err != nil {
			return err
		}
	}
	return m.Flush()
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
	// Collections and tags go in flow style ([A/B, C]), one line each.
	Collections []string `yaml:"collections,omitempty,flow"`
	Tags        []string `yaml:"tags,omitempty,flow"`
}

// writeSide writes a marker and its text. The format has no blank lines
// inside a card (a blank line ends it), so paragraphs are joined with single
// newlines; a continuation line that would read as a marker or attribute is
// indented by one space, which the parser trims away again.
func writeSide(b *bufio.Writer, marker, text string) {
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
