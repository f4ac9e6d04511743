package zotero

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"loci/deck"
	"loci/storage/sqlitefile"
)

// Options shape what Read takes from a library.
type Options struct {
	// ReadTags are the tags (compared without case) that mark an item as
	// read; config's zotero.read_tags.
	ReadTags []string
	// Collection, when set, keeps only the items in the collections it
	// names or below them: a full path ("Alignment/Interpretability") or
	// its end after a "/" ("Interpretability"), any case, "*" for any run
	// of characters (the collection: rule of the search language).
	Collection string
	// MaxSize bounds the bytes of the library file; 0 means MaxLibrarySize.
	MaxSize int64
}

// Stats says what Read found.
type Stats struct {
	Items       int    // regular items read (before --collection)
	Papers      int    // papers returned
	Highlights  int    // highlights that became cards
	NoteCards   int    // cards from Q:/A: and C: blocks in notes
	Annotations bool   // the library has Zotero 6's itemAnnotations table
	CitationKey string // where citation keys came from ("" for none)
}

// DefaultDeck is the deck of highlight and note cards of a paper in no
// collection; a paper in a collection gets DefaultDeck::<its path>.
const DefaultDeck = "Papers"

// NotLibraryError is a file that is not a Zotero library.
type NotLibraryError struct {
	Path, Why string
}

func (e *NotLibraryError) Error() string {
	return fmt.Sprintf("%s: not a Zotero library (%s)", e.Path, e.Why)
}

// CollectionError is a --collection that names no collection.
type CollectionError struct {
	Path, Name string
	Available  []string // every collection's path
}

func (e *CollectionError) Error() string {
	if len(e.Available) == 0 {
		return fmt.Sprintf("%s: no collection %q: the library has no collections", e.Path, e.Name)
	}
	return fmt.Sprintf("%s: no collection %q; the library has %s", e.Path, e.Name, listNames(e.Available))
}

func listNames(names []string) string {
	q := make([]string, 0, min(len(names), maxListed)+1)
	for i, n := range names {
		if i == maxListed {
			q = append(q, fmt.Sprintf("and %d more", len(names)-maxListed))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}

// required are the tables Read queries; a file without one of them is not
// a Zotero library (or one too old: Zotero 5 has them all).
var required = []string{"items", "itemData", "itemDataValues", "creators", "itemCreators", "creatorTypes",
	"collections", "collectionItems", "tags", "itemTags", "itemNotes", "itemAttachments", "deletedItems", "libraries"}

// Read reads the Zotero library at path into papers and cards (see the
// package doc). It works on a private snapshot of the file and never
// writes to the library.
func Read(ctx context.Context, path string, opt Options) (*deck.Set, Stats, error) {
	var st Stats
	if opt.MaxSize <= 0 {
		opt.MaxSize = MaxLibrarySize
	}
	if _, err := os.Stat(path); err != nil {
		return nil, st, fmt.Errorf("zotero: %w", err)
	}
	snap, cleanup, err := snapshot(path, opt.MaxSize)
	if errors.Is(err, sqlitefile.ErrNotSQLite) {
		return nil, st, &NotLibraryError{path, "not a SQLite database"}
	}
	if err != nil {
		return nil, st, fmt.Errorf("zotero %s: %w", path, err)
	}
	defer cleanup()
	db, err := openSnapshot(ctx, snap)
	if err != nil {
		return nil, st, fmt.Errorf("zotero %s: %w", path, err)
	}
	defer db.Close()
	r := &reader{ctx: ctx, db: db, path: path, opt: opt, set: &deck.Set{}}
	if err := r.read(&st); err != nil {
		var nl *NotLibraryError
		var ce *CollectionError
		if errors.As(err, &nl) || errors.As(err, &ce) {
			return nil, st, err
		}
		return nil, st, fmt.Errorf("zotero %s: %w", path, err)
	}
	return r.set, st, nil
}

// reader holds one Read's state.
type reader struct {
	ctx    context.Context
	db     *sql.DB
	path   string
	opt    Options
	set    *deck.Set
	tables map[string]bool
	items  map[int64]*item
	order  []int64 // item ids in library order
	colls  *collections
	user   int64 // the user library's id
}

// warn records a warning about the library.
func (r *reader) warn(group, detail string, skipped bool) {
	r.set.Warnings = append(r.set.Warnings, deck.Warning{File: r.path, Group: group, Detail: detail, Skipped: skipped})
}

// skipItem records an item left out: a paper, counted with the papers.
func (r *reader) skipItem(group, detail string) {
	r.set.Warnings = append(r.set.Warnings, deck.Warning{File: r.path, Group: group, Detail: detail, Skipped: true, Paper: true})
}

// read fills r.set and st from the opened library.
func (r *reader) read(st *Stats) error {
	if err := r.loadTables(); err != nil {
		return err
	}
	for _, t := range required {
		if !r.tables[t] {
			return &NotLibraryError{r.path, "no " + t + " table"}
		}
	}
	st.Annotations = r.tables["itemAnnotations"]
	if err := r.loadItems(); err != nil {
		return err
	}
	st.Items = len(r.items)
	if err := r.userLibrary(); err != nil {
		return err
	}
	anns, notes, err := r.loadRows(st.Annotations)
	if err != nil {
		return err
	}
	keep, err := r.colls.selected(r.path, r.opt.Collection)
	if err != nil {
		return err
	}
	keys, source, err := citationKeys(r.ctx, r.path, r)
	if err != nil {
		return err
	}
	st.CitationKey = source
	r.papers(keys, keep, anns)
	r.set.Cards = make([]deck.Card, 0, len(anns)+len(notes)) // most highlights make one card
	for _, a := range anns {
		if it := r.items[a.parent]; it != nil && it.paper != nil {
			r.cardFromHighlight(it, a)
			st.Highlights++
		}
	}
	for _, n := range notes {
		if it := r.items[n.parent]; it != nil && it.paper != nil {
			st.NoteCards += r.cardsFromNote(it, n)
		}
	}
	st.Papers = len(r.set.Papers)
	return nil
}

// loadRows reads the items' fields, creators, tags and collections, and
// beside them on a second connection their highlights (when the library
// has annotations) and notes. Each lane keeps its warnings in its order,
// the first lane's first, so a report reads the same every time.
func (r *reader) loadRows(annotations bool) ([]annotation, []note, error) {
	var anns []annotation
	var notes []note
	lane := &reader{ctx: r.ctx, db: r.db, path: r.path, items: r.items, user: r.user, set: &deck.Set{}}
	var laneErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if annotations {
			if anns, laneErr = lane.loadAnnotations(); laneErr != nil {
				return
			}
		} else {
			lane.warn("highlights need Zotero 6 or later: papers imported without them", "no itemAnnotations table", false)
		}
		notes, laneErr = lane.loadNotes()
	}()
	var err error
	for _, load := range []func() error{r.loadFields, r.loadCreators, r.loadTags, r.loadCollections} {
		if err = load(); err != nil {
			break
		}
	}
	wg.Wait()
	if err == nil {
		err = laneErr
	}
	r.set.Warnings = append(r.set.Warnings, lane.set.Warnings...)
	return anns, notes, err
}

// loadTables records which tables (not views) the file has.
func (r *reader) loadTables() error {
	rows, err := r.db.QueryContext(r.ctx, "SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return &NotLibraryError{r.path, "its schema cannot be read: " + err.Error()}
	}
	defer rows.Close()
	r.tables = map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		r.tables[name] = true
	}
	return rows.Err()
}

// pick returns the first of names that is a table of the library.
func (r *reader) pick(names ...string) string {
	for _, n := range names {
		if r.tables[n] {
			return n
		}
	}
	return ""
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
