package zotero

import (
	"database/sql"
	"fmt"
	"strings"

	"loci/deck"
)

// item is one regular item (not an attachment, note or annotation) of the
// library, not in the trash.
type item struct {
	id       int64
	key      string // Zotero's item key, unique within its library
	library  int64
	typ      string
	fields   [len(wanted)]string // by the index of the name in wanted
	authors  []string            // "First Last" of creators of type author, in order
	editors  []string            // the same for editors, used when there is no author
	others   []string            // any other creators, used when there is neither
	tags     []string
	colls    []int64
	paper    *deck.Paper // nil until made, and for an item left out
	deckName string
}

// nonPaperTypes are the item types that are not works: they hang under one.
var nonPaperTypes = []string{"attachment", "note", "annotation"}

// itemTypeTable and fieldTable are Zotero's tables of every type and
// field, custom ones included; libraries from before they existed have
// only the plain tables.
func (r *reader) itemTypeTable() string { return r.pick("itemTypesCombined", "itemTypes") }
func (r *reader) fieldTable() string    { return r.pick("fieldsCombined", "fields") }

// loadItems reads the regular items outside the trash, of the user's and
// group libraries (a feed's items are not the learner's). Attachments,
// notes and annotations, most of a library's items, are left out by the
// statement, and an item is allocated only when it is kept.
func (r *reader) loadItems() error {
	types := r.itemTypeTable()
	if types == "" {
		return &NotLibraryError{r.path, "no itemTypes table"}
	}
	rows, err := r.db.QueryContext(r.ctx, `SELECT i.itemID, i.key, i.libraryID, t.typeName
		FROM items i JOIN `+types+` t ON t.itemTypeID = i.itemTypeID
		JOIN libraries l ON l.libraryID = i.libraryID
		WHERE l.type IN ('user', 'group') AND t.typeName NOT IN ('`+strings.Join(nonPaperTypes, "','")+`')
		AND i.itemID NOT IN (SELECT itemID FROM deletedItems)
		ORDER BY i.itemID`)
	if err != nil {
		return fmt.Errorf("items: %w", err)
	}
	defer rows.Close()
	r.items = map[int64]*item{}
	var id, library int64
	var key, typ sql.NullString
	var slab []item // items are allocated itemSlab at a time
	for rows.Next() {
		if err := rows.Scan(&id, &key, &library, &typ); err != nil {
			return fmt.Errorf("items: %w", err)
		}
		if !typ.Valid {
			continue
		}
		if !validKey(key.String) {
			r.skipItem("items with a malformed key: skipped", fmt.Sprintf("item %q", clip(key.String)))
			continue
		}
		if len(r.items) == MaxItems {
			return fmt.Errorf("the library has more than %d items", MaxItems)
		}
		if len(slab) == cap(slab) {
			slab = make([]item, 0, itemSlab)
		}
		slab = append(slab, item{id: id, key: key.String, library: library, typ: typ.String})
		it := &slab[len(slab)-1]
		r.items[it.id] = it
		r.order = append(r.order, it.id)
	}
	return rows.Err()
}

// itemSlab is how many items loadItems allocates at once.
const itemSlab = 256

// validKey reports whether s looks like a Zotero key: 1 to 32 letters and
// digits (Zotero's are 8).
func validKey(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// wanted are the fields a paper is made from; from the seventh on, they
// name where a work appeared, best first.
var wanted = [...]string{"title", "date", "DOI", "url", "extra", "archiveID",
	"publicationTitle", "proceedingsTitle", "bookTitle", "conferenceName", "websiteTitle", "blogTitle", "forumTitle",
	"repository", "university", "institution", "publisher"}

// venues are the fields that name where a work appeared, best first.
var venues = wanted[6:]

// fieldIndex is the index of each wanted field's name.
var fieldIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range wanted {
		m[n] = i
	}
	return m
}()

// field returns the value of a wanted field, "" when the item has none.
func (it *item) field(name string) string { return it.fields[fieldIndex[name]] }

func (r *reader) loadFields() error {
	fields := r.fieldTable()
	if fields == "" {
		return &NotLibraryError{r.path, "no fields table"}
	}
	rows, err := r.db.QueryContext(r.ctx, `SELECT d.itemID, f.fieldName, v.value
		FROM itemData d JOIN `+fields+` f ON f.fieldID = d.fieldID JOIN itemDataValues v ON v.valueID = d.valueID
		WHERE f.fieldName IN ('`+strings.Join(wanted[:], "','")+`')
		AND d.itemID NOT IN (SELECT itemID FROM itemAttachments)`)
	if err != nil {
		return fmt.Errorf("item fields: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		var value any
		if err := rows.Scan(&id, &name, &value); err != nil {
			return fmt.Errorf("item fields: %w", err)
		}
		it := r.items[id]
		if it == nil {
			continue
		}
		v := clean(fmt.Sprint(value))
		if tooLong(v) {
			r.warn("fields longer than 64 KiB: left out", fmt.Sprintf("item %s %s", it.key, name), false)
			continue
		}
		if i, ok := fieldIndex[name]; ok {
			it.fields[i] = v
		}
	}
	return rows.Err()
}

func (r *reader) loadCreators() error {
	rows, err := r.db.QueryContext(r.ctx, `SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode, ct.creatorType
		FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID
		JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID
		ORDER BY ic.itemID, ic.orderIndex`)
	if err != nil {
		return fmt.Errorf("creators: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var first, last sql.NullString
		var mode sql.NullInt64
		var typ string
		if err := rows.Scan(&id, &first, &last, &mode, &typ); err != nil {
			return fmt.Errorf("creators: %w", err)
		}
		it := r.items[id]
		if it == nil || len(it.authors)+len(it.editors)+len(it.others) >= maxCreators {
			continue
		}
		name := clean(last.String)
		if mode.Int64 == 0 && clean(first.String) != "" {
			name = clean(first.String) + " " + name
		}
		name = strings.Join(strings.Fields(name), " ")
		if name == "" || tooLong(name) {
			continue
		}
		switch typ {
		case "author":
			it.authors = append(it.authors, name)
		case "editor", "seriesEditor":
			it.editors = append(it.editors, name)
		default:
			it.others = append(it.others, name)
		}
	}
	return rows.Err()
}

func (r *reader) loadTags() error {
	rows, err := r.db.QueryContext(r.ctx, `SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID ORDER BY it.itemID, t.name`)
	if err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name sql.NullString
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("tags: %w", err)
		}
		it := r.items[id]
		if it == nil || len(it.tags) >= maxTags {
			continue
		}
		if t := clean(name.String); t != "" && !tooLong(t) {
			it.tags = append(it.tags, t)
		}
	}
	return rows.Err()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// idPrefix starts the paper keys and card ids made from Zotero keys:
// "zotero-", and for a group library its id and "-" too, since Zotero's
// keys are unique only within a library.
func (r *reader) idPrefix(library int64) string {
	if library == r.user {
		return "zotero-"
	}
	return fmt.Sprintf("zotero-%d-", library)
}
