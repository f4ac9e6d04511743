package cardedit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"loci/deck"
)

// Store is what editing needs from the database; storage.DB satisfies it.
type Store interface {
	// SourceCards returns the cards of the card's source (cloze siblings,
	// both sides of a reversed card), itself included; nil for no card.
	SourceCards(ctx context.Context, id string) ([]deck.Card, error)
	// CardOrigin returns where the card came from; "decks:PATH" for a file
	// of the decks folder (PATH absolute).
	CardOrigin(ctx context.Context, id string) (string, error)
	// EditCards saves the cards of one source in place of replaced.
	EditCards(ctx context.Context, replaced []string, cards []deck.Card, learnerText bool, now time.Time) error
}

// ErrNoCard is returned for an id that names no card.
var ErrNoCard = errors.New("no such card")

// Editor edits cards. Run is the editor (Terminal, or a stand-in in tests).
// DecksDir and SyncFolder are the learner's decks folder and the function
// that syncs it after an edit of one of its files; without them every card
// is edited in the database.
type Editor struct {
	Store      Store
	Run        Runner
	Now        func() time.Time
	DecksDir   string
	SyncFolder func(ctx context.Context) error
}

// Result says what an edit did.
type Result struct {
	ID      string // the id of the source's first card (without /r or /cN)
	Changed bool   // false when the learner left the text as it was
	File    string // the decks-folder file the card was edited in, if any (relative to the folder)
	Line    int    // the card's line in File
}

// Edit opens the card id in the editor and saves what the learner writes.
func (e *Editor) Edit(ctx context.Context, id string) (Result, error) {
	cards, err := e.Store.SourceCards(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if len(cards) == 0 {
		return Result{}, fmt.Errorf("%w: %q", ErrNoCard, id)
	}
	base := SourceID(cards[0])
	origin, err := e.Store.CardOrigin(ctx, cards[0].ID)
	if err != nil {
		return Result{}, err
	}
	if path, ok := strings.CutPrefix(origin, "decks:"); ok && e.DecksDir != "" && e.SyncFolder != nil {
		return e.editFile(ctx, base, cards, path)
	}
	return e.editStored(ctx, base, cards)
}

// SourceID is the id the cards of a source share: a cloze card's id without
// "/cN", a reverse card's forward id, else the card's id.
func SourceID(c deck.Card) string {
	switch {
	case c.Kind == deck.Cloze:
		id, _ := strings.CutSuffix(c.ID, "/c"+strconv.Itoa(c.Ord))
		return id
	case c.IsReverse():
		if id, ok := deck.ForwardID(c.ID); ok {
			return id
		}
	}
	return c.ID
}

// cardID is the id an edited card takes in a source with id base.
func cardID(base string, c deck.Card) string {
	switch {
	case c.Kind == deck.Cloze:
		return base + "/c" + strconv.Itoa(c.Ord)
	case c.IsReverse():
		return deck.ReverseID(base)
	}
	return base
}

// editStored edits a card that has no file of its own: the text is the card
// as `loci export` writes it, without its id line.
func (e *Editor) editStored(ctx context.Context, base string, cards []deck.Card) (Result, error) {
	var b strings.Builder
	if err := deck.WriteMarkdown(&b, cards[0].Deck, cards, nil); err != nil {
		return Result{}, err
	}
	text := strings.Replace(b.String(), "\nid: "+base+"\n", "\n", 1)
	header := []string{
		"# Edit card " + base + " and save: it keeps its id and its review history.",
		"# Quit without saving, or empty the text, to leave it as it is. These # lines are ignored.",
	}
	cardLine := strings.Count(text[:strings.Index(text, "\n---\n")+5], "\n") + 2 // the line after the front matter's blank line
	replaced := ids(cards)
	changed, err := e.loop(ctx, header, text, cardLine, func(body string) (*deck.Error, error) {
		f, err := deck.Parse("card", strings.NewReader(body))
		if err != nil {
			var pe *deck.Error
			if errors.As(err, &pe) {
				return pe, nil
			}
			return nil, err
		}
		if pe := oneBlock(f.Cards, 0); pe != nil {
			return pe, nil
		}
		for i := range f.Cards {
			f.Cards[i].ID = cardID(base, f.Cards[i])
		}
		return nil, e.Store.EditCards(ctx, replaced, f.Cards, true, e.Now())
	})
	return Result{ID: base, Changed: changed}, err
}

func ids(cards []deck.Card) []string {
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = c.ID
	}
	return out
}

// oneBlock checks that cards come from one card block starting at line at
// (any line when at is 0).
func oneBlock(cards []deck.Card, at int) *deck.Error {
	if len(cards) == 0 {
		return &deck.Error{Line: 1, Err: errors.New("no card here: write a Q:/A: or C: card, or empty the text to leave it as it was")}
	}
	first := cards[0].Line
	if at != 0 {
		first = at
	}
	for _, c := range cards {
		if c.Line != first {
			return &deck.Error{Line: c.Line, Err: fmt.Errorf("one card per edit: a second card starts here (add it with loci add)")}
		}
	}
	return nil
}

// loop runs the editor on the header and text until save accepts what the
// learner wrote, the learner leaves it unchanged or empty (false), or save
// fails. save gets the text without the header and returns a problem to show
// the learner (its Line counted in that text), or an error that ends the
// edit. line is the line of text the editor starts at.
func (e *Editor) loop(ctx context.Context, header []string, text string, line int,
	save func(body string) (*deck.Error, error)) (bool, error) {
	f, err := os.CreateTemp("", "loci-edit-*.md")
	if err != nil {
		return false, fmt.Errorf("edit: %w", err)
	}
	path := f.Name()
	f.Close()
	keep := false
	defer func() {
		if !keep {
			os.Remove(path)
		}
	}()
	content, failed := withHeader(header, text), false
	for {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			return false, fmt.Errorf("edit: %w", err)
		}
		if err := e.Run(ctx, path, len(strings.Split(content, "\n"))-len(strings.Split(text, "\n"))+line); err != nil {
			keep = failed
			return false, err
		}
		got, err := os.ReadFile(path)
		if err != nil {
			return false, fmt.Errorf("edit: %w", err)
		}
		body, _ := stripHeader(string(got))
		if string(got) == content || strings.TrimSpace(body) == "" {
			if failed && strings.TrimSpace(body) != "" {
				keep = true
				return false, fmt.Errorf("the card was left as it was; what you wrote is kept in %s", path)
			}
			return false, nil
		}
		problem, err := save(body)
		if err != nil {
			keep = true
			return false, fmt.Errorf("%w (what you wrote is kept in %s)", err, path)
		}
		if problem == nil {
			return true, nil
		}
		failed, text = true, body
		top := []string{"", "# Fix it and save again; quit without saving to leave the card as it was."}
		top[0] = "# error: " + describe(problem, len(top)+len(header))
		content = withHeader(append(top, header...), body)
		if problem.Line > 0 && (problem.File == "" || problem.File == "card") {
			line = problem.Line
		}
	}
}

// describe words a problem for the comment at the top: a line of the edited
// text is counted in the file the editor shows, after the top lines.
func describe(p *deck.Error, top int) string {
	var b strings.Builder
	switch {
	case p.File != "" && p.File != "card":
		b.WriteString(p.File + ":" + strconv.Itoa(p.Line))
	case p.Line > 0:
		b.WriteString("line " + strconv.Itoa(p.Line+top))
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + strings.ReplaceAll(p.Err.Error(), "\n", " "))
	return b.String()
}

// withHeader puts the comment lines above text.
func withHeader(header []string, text string) string {
	return strings.Join(header, "\n") + "\n" + text
}

// stripHeader removes the leading "#" comment lines (and blank lines among
// them) and returns the text and the number of lines removed.
func stripHeader(s string) (string, int) {
	n := 0
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		s, n = rest, n+1
	}
	return s, n
}
