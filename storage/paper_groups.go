package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"loci/deck"
	"loci/deck/search"
)

// groupKind is one of the two ways a paper is grouped: its collections or
// its tags. Both are stored alike, a table of names and a table linking
// papers to them, so one piece of code writes and reads both.
type groupKind struct {
	what        string // for messages
	names, name string // the table of names and its name column
	links, link string // the table linking papers to names and its name-id column
	clean       func([]string) ([]string, error)
}

var (
	collectionGroups = groupKind{"collections", "collections", "path", "paper_collections", "collection_id", deck.CleanCollections}
	tagGroups        = groupKind{"tags", "paper_tag_names", "name", "paper_tags", "tag_id", deck.CleanPaperTags}
)

// groupWriter stores papers' collections and tags inside one sync, with
// its statements prepared once and the name ids it has met cached.
type groupWriter struct {
	tx      *sql.Tx
	kinds   [2]*groupStmts
	dropped bool // some paper lost a name: names no paper holds are deleted at the end
}

type groupStmts struct {
	kind                            groupKind
	ids                             map[string]int64
	current, clear, insert, nameIDs *sql.Stmt
	// stored holds every paper's names, read in one pass, when a sync
	// brings many papers (nil: each paper's are read when it comes).
	stored map[int64][]string
}

// preloadPapers is the number of papers from which a sync reads every
// paper's collections and tags in one pass instead of paper by paper (a
// variable so that tests take both ways).
var preloadPapers = 2000

// newGroupWriter prepares the writer for a sync of n papers.
func newGroupWriter(ctx context.Context, tx *sql.Tx, n int) (*groupWriter, error) {
	g := &groupWriter{tx: tx}
	for i, k := range []groupKind{collectionGroups, tagGroups} {
		s := &groupStmts{kind: k, ids: map[string]int64{}}
		g.kinds[i] = s
		var err error
		if s.current, err = tx.PrepareContext(ctx, `SELECT n.`+k.name+` FROM `+k.links+` l JOIN `+k.names+
			` n ON n.id = l.`+k.link+` WHERE l.paper_id = ?`); err != nil {
			g.close()
			return nil, err
		}
		if s.clear, err = tx.PrepareContext(ctx, `DELETE FROM `+k.links+` WHERE paper_id = ?`); err != nil {
			g.close()
			return nil, err
		}
		// One statement links a paper to all its names (a JSON array of
		// their ids): a library's papers hold several each.
		if s.insert, err = tx.PrepareContext(ctx, `INSERT OR IGNORE INTO `+k.links+`(paper_id, `+k.link+`)
			SELECT ?, value FROM json_each(?)`); err != nil {
			g.close()
			return nil, err
		}
		if s.nameIDs, err = tx.PrepareContext(ctx, `INSERT INTO `+k.names+`(`+k.name+`, folded) VALUES (?, ?)
			ON CONFLICT(`+k.name+`) DO UPDATE SET folded = excluded.folded RETURNING id`); err != nil {
			g.close()
			return nil, err
		}
		if n >= preloadPapers {
			if s.stored, err = storedGroups(ctx, tx, k); err != nil {
				g.close()
				return nil, err
			}
		}
	}
	return g, nil
}

// storedGroups reads every paper's names of one kind.
func storedGroups(ctx context.Context, tx *sql.Tx, k groupKind) (map[int64][]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.paper_id, n.`+k.name+` FROM `+k.links+` l JOIN `+k.names+
		` n ON n.id = l.`+k.link)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.what, err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("%s: %w", k.what, err)
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

func (g *groupWriter) close() {
	for _, s := range g.kinds {
		if s == nil {
			continue
		}
		for _, st := range []*sql.Stmt{s.current, s.clear, s.insert, s.nameIDs} {
			if st != nil {
				st.Close()
			}
		}
	}
}

// apply stores the collections and tags p carries for the paper with key
// id (added: the paper is new, so it holds none yet). A list replaces the
// stored one when it is not empty, or when p.GroupsKnown says the source
// knows them all; an empty list from a source that does not know them
// leaves the stored one alone. It reports whether anything changed.
func (g *groupWriter) apply(ctx context.Context, id int64, added bool, p deck.Paper) (bool, error) {
	changed := false
	for i, list := range [][]string{p.Collections, p.Tags} {
		s := g.kinds[i]
		want, err := s.kind.clean(list)
		if err != nil {
			return false, fmt.Errorf("%s: %w", s.kind.what, err)
		}
		if len(want) == 0 && !p.GroupsKnown {
			continue
		}
		var have []string
		switch {
		case added:
		case s.stored != nil:
			have = s.stored[id]
		default:
			if have, err = queryStrings(ctx, s.current, id); err != nil {
				return false, fmt.Errorf("%s: %w", s.kind.what, err)
			}
		}
		if sameSet(have, want) {
			continue
		}
		changed = true
		if s.stored != nil {
			s.stored[id] = want // a later paper of the same key compares with these
		}
		if len(have) > 0 {
			if _, err := s.clear.ExecContext(ctx, id); err != nil {
				return false, fmt.Errorf("%s: %w", s.kind.what, err)
			}
			g.dropped = true
		}
		ids := make([]string, len(want))
		for i, name := range want {
			nid, ok := s.ids[name]
			if !ok {
				if err := s.nameIDs.QueryRowContext(ctx, name, strings.ToLower(name)).Scan(&nid); err != nil {
					return false, fmt.Errorf("%s %q: %w", s.kind.what, name, err)
				}
				s.ids[name] = nid
			}
			ids[i] = strconv.FormatInt(nid, 10)
		}
		if len(ids) > 0 {
			if _, err := s.insert.ExecContext(ctx, id, "["+strings.Join(ids, ",")+"]"); err != nil {
				return false, fmt.Errorf("%s: %w", s.kind.what, err)
			}
		}
	}
	return changed, nil
}

// finish deletes the names that no paper holds any more.
func (g *groupWriter) finish(ctx context.Context) error {
	if !g.dropped {
		return nil
	}
	for _, s := range g.kinds {
		k := s.kind
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM `+k.names+` WHERE NOT EXISTS
			(SELECT 1 FROM `+k.links+` l WHERE l.`+k.link+` = `+k.names+`.id)`); err != nil {
			return fmt.Errorf("drop unused %s: %w", k.what, err)
		}
	}
	return nil
}

func queryStrings(ctx context.Context, st *sql.Stmt, args ...any) ([]string, error) {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sameSet reports whether a and b hold the same strings, in any order;
// neither holds a string twice.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			return false
		}
	}
	return true
}

// PaperFilter selects papers for PapersWhere; an empty field selects all.
// Both match as the search language's collection: term does, ignoring case
// (beyond ASCII too), with "*" as a wildcard.
type PaperFilter struct {
	// Collection selects papers in a collection whose path, or its last
	// level, matches, and in its sub-collections.
	Collection search.Pattern
	// Tag selects papers with a tag that matches.
	Tag search.Pattern
}

// where is the filter as a condition on papers p, with its parameters.
func (f PaperFilter) where() (string, []any) {
	c := &compiler{}
	conds := []string{"1"}
	if f.Collection != "" {
		conds = append(conds, "p.id IN ("+c.collectionPapers(f.Collection)+")")
	}
	if f.Tag != "" {
		conds = append(conds, "p.id IN ("+c.tagPapers(f.Tag)+")")
	}
	return strings.Join(conds, " AND "), c.args
}

// collectionPapers is a query for the ids of the papers in a collection
// whose path, or a last part of it after "/", matches p, or in one of its
// sub-collections: deck: matches decks the same way.
func (c *compiler) collectionPapers(p search.Pattern) string {
	f := strings.ToLower(likePattern(p))
	return `SELECT l.paper_id FROM paper_collections l WHERE l.collection_id IN (SELECT id FROM collections
		WHERE folded LIKE ` + c.arg(f) + ` ESCAPE '\' OR folded LIKE ` + c.arg(f+"/%") + ` ESCAPE '\'
		OR folded LIKE ` + c.arg("%/"+f) + ` ESCAPE '\' OR folded LIKE ` + c.arg("%/"+f+"/%") + ` ESCAPE '\')`
}

// tagPapers is a query for the ids of the papers with a tag that matches p.
func (c *compiler) tagPapers(p search.Pattern) string {
	return `SELECT l.paper_id FROM paper_tags l WHERE l.tag_id IN (SELECT id FROM paper_tag_names
		WHERE folded LIKE ` + c.arg(strings.ToLower(likePattern(p))) + ` ESCAPE '\')`
}

// fillPaperGroups sets the collections and tags of papers, whose storage
// keys ids holds in the same order, each list in alphabetical order
// (ignoring case).
func (d *DB) fillPaperGroups(ctx context.Context, papers []deck.PaperProgress, ids []int64) error {
	if len(papers) == 0 {
		return nil
	}
	at := make(map[int64]*deck.PaperProgress, len(ids))
	for i, id := range ids {
		at[id] = &papers[i]
	}
	for i, k := range []groupKind{collectionGroups, tagGroups} {
		rows, err := d.db.QueryContext(ctx, `SELECT l.paper_id, n.`+k.name+` FROM `+k.links+` l JOIN `+k.names+
			` n ON n.id = l.`+k.link+` ORDER BY n.folded, n.`+k.name)
		if err != nil {
			return fmt.Errorf("%s: %w", k.what, err)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", k.what, err)
			}
			if p := at[id]; p != nil {
				if i == 0 {
					p.Collections = append(p.Collections, name)
				} else {
					p.Tags = append(p.Tags, name)
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s: %w", k.what, err)
		}
	}
	return nil
}

// Collections lists every collection path some paper is in, in
// alphabetical order (ignoring case): what a filter that matched nothing
// can offer instead.
func (d *DB) Collections(ctx context.Context) ([]string, error) {
	return d.groupNames(ctx, collectionGroups)
}

// PaperTags lists every tag some paper has; see Collections.
func (d *DB) PaperTags(ctx context.Context) ([]string, error) { return d.groupNames(ctx, tagGroups) }

func (d *DB) groupNames(ctx context.Context, k groupKind) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+k.name+` FROM `+k.names+` ORDER BY folded, `+k.name)
	if err != nil {
		return nil, fmt.Errorf("list paper %s: %w", k.what, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("list paper %s: %w", k.what, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
