package deck

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Set is the cards and papers of several files, checked as a whole, with
// whatever history and media an importer brought along.
type Set struct {
	Cards   []Card
	Papers  []Paper
	History []LogEntry // past answers, oldest first within each card
	Media   []Media
	// Warnings are what the readers skipped or merged instead of refusing
	// the file; the import reports them all at the end.
	Warnings []Warning
}

// Merge combines parsed files into one set. It fails, naming both places,
// when two cards share an id or two papers share a key, and when a card
// names a paper that no file defines.
func Merge(files []*File) (*Set, error) {
	s := &Set{}
	cardAt := map[string]*Card{}
	paperAt := map[string]*Paper{}
	for _, f := range files {
		for i := range f.Papers {
			pp := &f.Papers[i]
			if prev, ok := paperAt[pp.Key]; ok {
				return nil, &Error{File: pp.File, Line: pp.Line, Field: "paper.key",
					Err: fmt.Errorf("paper %q is already defined at %s:%d", pp.Key, prev.File, prev.Line)}
			}
			paperAt[pp.Key] = pp
			s.Papers = append(s.Papers, *pp)
		}
	}
	for _, f := range files {
		for i := range f.Cards {
			c := &f.Cards[i]
			if prev, ok := cardAt[c.ID]; ok {
				return nil, &Error{File: c.File, Line: c.Line, Field: "id",
					Err: fmt.Errorf("card %q is the same card as %s:%d (same id, or the same front without an id)", c.ID, prev.File, prev.Line)}
			}
			cardAt[c.ID] = c
			if c.Paper != "" && paperAt[c.Paper] == nil {
				return nil, &Error{File: c.File, Line: c.Line, Field: "paper",
					Err: fmt.Errorf("no paper with key %q is defined (add it to a front matter's papers list)", c.Paper)}
			}
			s.Cards = append(s.Cards, *c)
		}
	}
	return s, nil
}

// ParseFS parses every .md file under dir in fsys, in name order, and merges them.
func ParseFS(fsys fs.FS, dir string) (*Set, error) {
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && path.Base(p) != "README.md" {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files []*File
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, err
		}
		pf, err := Parse(n, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		files = append(files, pf)
	}
	return Merge(files)
}

// Combine joins sets read from different files into one, refusing a card id
// that two of them define (naming both places). A paper key that a later
// file defines again keeps the first file's paper, as BibTeX keeps the first
// of two entries with one key: the repeat and the cards of its file that
// hang on it are left out, each with a warning (so --strict refuses them).
func Combine(sets ...*Set) (*Set, error) {
	if len(sets) == 1 {
		return sets[0], nil // each reader already refuses duplicates within its file
	}
	out := &Set{}
	for _, s := range sets {
		out.Warnings = append(out.Warnings, s.Warnings...)
	}
	cardAt := map[string]Card{}
	paperAt := map[string]Paper{}
	for _, s := range sets {
		repeated := map[string]Paper{} // key → the earlier paper kept
		for _, p := range s.Papers {
			if prev, ok := paperAt[p.Key]; ok {
				repeated[p.Key] = prev
				out.Warnings = append(out.Warnings, Warning{File: p.File, Line: p.Line, Field: "paper.key",
					Group: "papers defined in an earlier file too: the first is kept", Paper: true, Skipped: true,
					Detail: fmt.Sprintf("%q, first at %s:%d", p.Key, prev.File, prev.Line)})
				continue
			}
			paperAt[p.Key] = p
			out.Papers = append(out.Papers, p)
		}
		dropped := map[string]bool{}
		for _, c := range s.Cards {
			if prev, ok := repeated[c.Paper]; ok {
				dropped[c.ID] = true
				out.Warnings = append(out.Warnings, Warning{File: c.File, Line: c.Line, Field: "paper",
					Group: "cards of a paper an earlier file defines: skipped", Skipped: true,
					Detail: fmt.Sprintf("%q of %q, kept from %s", c.ID, c.Paper, prev.File)})
				continue
			}
			if prev, ok := cardAt[c.ID]; ok {
				return nil, &Error{File: c.File, Line: c.Line, Field: "id",
					Err: fmt.Errorf("card %q is also defined at %s:%d", c.ID, prev.File, prev.Line)}
			}
			cardAt[c.ID] = c
			out.Cards = append(out.Cards, c)
		}
		for _, h := range s.History {
			if !dropped[h.CardID] {
				out.History = append(out.History, h)
			}
		}
		out.Media = append(out.Media, s.Media...)
	}
	return out, nil
}
