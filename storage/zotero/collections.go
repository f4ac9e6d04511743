package zotero

import (
	"fmt"
	"strings"

	"loci/deck/search"
)

// collections is the library's collection tree.
type collections struct {
	name   map[int64]string
	parent map[int64]int64 // 0 for a top-level collection
	paths  map[int64]string
}

// path returns the full path of collection id, "A/B/C", or "" for a
// collection in the trash, in one that is, or in a loop of parents.
func (c *collections) path(id int64) string {
	if p, ok := c.paths[id]; ok {
		return p
	}
	var parts []string
	for cur, depth := id, 0; cur != 0; cur, depth = c.parent[cur], depth+1 {
		name, ok := c.name[cur]
		if !ok || depth == maxDepth {
			c.paths[id] = ""
			return ""
		}
		parts = append(parts, name)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	p := strings.Join(parts, "/")
	c.paths[id] = p
	return p
}

// all returns every collection's path, sorted.
func (c *collections) all() []string {
	seen := map[string]bool{}
	for id := range c.name {
		if p := c.path(id); p != "" {
			seen[p] = true
		}
	}
	return sortedKeys(seen)
}

// selected returns the ids of the collections want names and of every
// collection below them; nil when want is empty (keep everything). want
// is matched by search.Pattern.MatchesCollection, the rule of the search
// language's collection: term and of `loci papers --collection`: a full
// path ("Alignment/Interpretability") or its end after a "/"
// ("Interpretability"), any case, "*" for any run of characters; so an
// import of one collection brings what those then show.
func (c *collections) selected(file, want string) (map[int64]bool, error) {
	want = strings.Trim(strings.TrimSpace(want), "/")
	if want == "" {
		return nil, nil
	}
	pat := search.Pattern(want)
	keep := map[int64]bool{}
	for id := range c.name {
		if p := c.path(id); p != "" && pat.MatchesCollection(p) {
			keep[id] = true
		}
	}
	if len(keep) == 0 {
		return nil, &CollectionError{Path: file, Name: want, Available: c.all()}
	}
	return keep, nil
}

// loadCollections reads the collection tree (leaving out collections in
// the trash, which Zotero 5.0.? and later keep in deletedCollections) and
// which items each holds.
func (r *reader) loadCollections() error {
	c := &collections{name: map[int64]string{}, parent: map[int64]int64{}, paths: map[int64]string{}}
	r.colls = c
	q := "SELECT collectionID, collectionName, parentCollectionID FROM collections"
	if r.tables["deletedCollections"] {
		q += " WHERE collectionID NOT IN (SELECT collectionID FROM deletedCollections)"
	}
	rows, err := r.db.QueryContext(r.ctx, q)
	if err != nil {
		return fmt.Errorf("collections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name *string
		var parent *int64
		if err := rows.Scan(&id, &name, &parent); err != nil {
			return fmt.Errorf("collections: %w", err)
		}
		if len(c.name) == maxCollections {
			return fmt.Errorf("the library has more than %d collections", maxCollections)
		}
		n := strings.Join(strings.Fields(clean(deref(name))), " ")
		if n == "" || tooLong(n) {
			r.warn("collections without a usable name: left out", fmt.Sprintf("collection %d", id), false)
			continue
		}
		c.name[id] = n
		if parent != nil {
			c.parent[id] = *parent
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("collections: %w", err)
	}
	rows.Close()
	rows, err = r.db.QueryContext(r.ctx, "SELECT collectionID, itemID FROM collectionItems ORDER BY itemID, collectionID")
	if err != nil {
		return fmt.Errorf("collection items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var coll, id int64
		if err := rows.Scan(&coll, &id); err != nil {
			return fmt.Errorf("collection items: %w", err)
		}
		if it := r.items[id]; it != nil && c.path(coll) != "" {
			it.colls = append(it.colls, coll)
		}
	}
	return rows.Err()
}
