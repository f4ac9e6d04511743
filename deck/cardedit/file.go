package cardedit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"loci/deck"
)

// editFile edits a card of the decks folder in its file: the editor shows
// the card's block, which replaces the block in the file.
func (e *Editor) editFile(ctx context.Context, base string, cards []deck.Card, path string) (Result, error) {
	rel := path
	if r, err := filepath.Rel(e.DecksDir, path); err == nil && !strings.HasPrefix(r, "..") {
		rel = filepath.ToSlash(r)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Result{}, fmt.Errorf("edit %s: %w", base, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return Result{}, fmt.Errorf("edit %s: %w", base, err)
	}
	f, err := deck.Parse(rel, strings.NewReader(string(data)))
	if err != nil {
		return Result{}, fmt.Errorf("edit %s: its file does not parse; fix it first: %w", base, err)
	}
	start := 0
	want := map[string]bool{}
	for _, c := range cards {
		want[c.ID] = true
	}
	for _, c := range f.Cards {
		if want[c.ID] {
			start = c.Line
			break
		}
	}
	if start == 0 {
		return Result{}, fmt.Errorf("edit %s: %s no longer holds the card (the next sync retires it)", base, rel)
	}
	lines := strings.Split(string(data), "\n")
	end := blockEnd(lines, start-1)
	header := []string{
		fmt.Sprintf("# Edit card %s of %s (line %d) and save: it goes back into the file there,", base, rel, start),
		"# and keeps its id and its review history. Quit without saving, or empty the text, to leave it as it is.",
	}
	block := strings.Join(lines[start-1:end], "\n") + "\n"
	res := Result{ID: base, File: rel, Line: start}
	res.Changed, err = e.loop(ctx, header, block, 1, func(body string) (*deck.Error, error) {
		edited := strings.Split(strings.TrimRight(body, "\n"), "\n")
		text, pf, problem := splice(lines, start-1, end, edited, rel)
		if problem != nil {
			return problem, nil
		}
		if got := blockCards(pf, start); len(got) > 0 && SourceID(got[0]) != base {
			// A new front would make a new card: pin the old id.
			edited = pinID(edited, base)
			if text, pf, problem = splice(lines, start-1, end, edited, rel); problem != nil {
				return problem, nil
			}
		}
		if pe := oneBlock(blockCardsIn(pf, start, start+len(edited)), start); pe != nil {
			pe.Line -= start - 1
			return pe, nil
		}
		if now, err := os.Stat(path); err != nil || now.ModTime() != st.ModTime() || now.Size() != st.Size() {
			return nil, fmt.Errorf("%s changed while you edited; it was not written", rel)
		}
		if err := writeFile(path, text, st.Mode().Perm()); err != nil {
			return nil, err
		}
		return nil, e.SyncFolder(ctx)
	})
	return res, err
}

// blockEnd is the index of the line after the card block starting at
// lines[i]: a blank line or the next Q:/C: marker ends it, as the parser has it.
func blockEnd(lines []string, i int) int {
	for i++; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "Q:") || strings.HasPrefix(l, "C:") {
			break
		}
	}
	return i
}

// splice puts edited in place of lines[from:to] and parses the result. A
// problem inside the edited lines is counted from their first line.
func splice(lines []string, from, to int, edited []string, rel string) (string, *deck.File, *deck.Error) {
	out := append(append(append([]string{}, lines[:from]...), edited...), lines[to:]...)
	text := strings.Join(out, "\n")
	pf, err := deck.Parse(rel, strings.NewReader(text))
	if err != nil {
		var pe *deck.Error
		if !errors.As(err, &pe) {
			pe = &deck.Error{File: rel, Err: err}
		}
		if pe.Line > from && pe.Line <= from+len(edited) {
			pe = &deck.Error{File: "card", Line: pe.Line - from, Field: pe.Field, Err: pe.Err}
		}
		return "", nil, pe
	}
	return text, pf, nil
}

// blockCards returns the cards of pf whose block starts at line.
func blockCards(pf *deck.File, line int) []deck.Card { return blockCardsIn(pf, line, line+1) }

// blockCardsIn returns the cards of pf whose blocks start in [from, to).
func blockCardsIn(pf *deck.File, from, to int) []deck.Card {
	var out []deck.Card
	for _, c := range pf.Cards {
		if c.Line >= from && c.Line < to {
			out = append(out, c)
		}
	}
	return out
}

var idLine = regexp.MustCompile(`^id:`)

// pinID sets the block's id line to id, adding one at its end if it has none.
func pinID(block []string, id string) []string {
	out := append([]string{}, block...)
	for i, l := range out {
		if idLine.MatchString(l) {
			out[i] = "id: " + id
			return out
		}
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return append(out, "id: "+id)
}

// writeFile replaces path with text through a temporary file and a rename,
// keeping its mode, so a crash leaves the old file or the new one.
func writeFile(path, text string, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".loci-edit-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
