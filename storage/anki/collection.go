package anki

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// notetype is what loci needs of an Anki notetype: its name, whether it is
// a cloze type, its field names by ord and its templates by ord.
type notetype struct {
	id        int64
	name      string
	cloze     bool
	fields    []string
	templates map[int]template
	sides     map[int]sides // computed per card ord, see template.go
}

// template is one card template: its question and answer formats.
type template struct {
	name, qfmt, afmt string
}

// collection is the metadata of an opened Anki collection.
type collection struct {
	ver       int   // col.ver: 11 for legacy packages, 18 for version 3
	crt       int64 // col.crt: creation time in seconds; review due days count from it
	schedV1   bool  // the collection still uses the v1 scheduler's answer buttons
	notetypes map[int64]*notetype
	decks     map[int64]string // deck id → "::"-separated name
}

// readCollection reads the col row and then the notetypes and decks, from
// JSON in the col row (schema 11 to 14) or from their own tables (schema 15
// and later; rslib/src/storage/upgrades/mod.rs lists the steps).
func (r *reader) readCollection(ctx context.Context) error {
	if err := requireTables(ctx, r.db, "col", "notes", "cards", "revlog"); err != nil {
		return r.colError("", err)
	}
	var conf, models, decks string
	c := &r.col
	err := r.db.QueryRowContext(ctx, "SELECT ver, crt, conf, models, decks FROM col LIMIT 1").
		Scan(&c.ver, &c.crt, &conf, &models, &decks)
	if err != nil {
		return r.colError("col", err)
	}
	if c.ver < 11 || c.ver > 18 {
		return r.colError("col.ver", fmt.Errorf("collection schema %d is not one loci reads (11 to 18)", c.ver))
	}
	if c.ver < 14 {
		var cf struct {
			SchedVer int `json:"schedVer"`
		}
		if conf != "" {
			if err := json.Unmarshal([]byte(conf), &cf); err != nil {
				return r.colError("col.conf", err)
			}
		}
		c.schedV1 = cf.SchedVer != 2
	} else if c.schedV1, err = r.schedV1FromConfig(ctx); err != nil {
		return err
	}
	if c.ver < 15 {
		if err := r.notetypesFromJSON(models); err != nil {
			return r.colError("col.models", err)
		}
		if err := r.decksFromJSON(decks); err != nil {
			return r.colError("col.decks", err)
		}
		return nil
	}
	if err := requireTables(ctx, r.db, "notetypes", "fields", "templates", "decks"); err != nil {
		return r.colError("", err)
	}
	if err := r.notetypesFromTables(ctx); err != nil {
		return err
	}
	return r.decksFromTable(ctx)
}

// colError wraps a fault in the collection's own metadata.
func (r *reader) colError(field string, err error) error {
	return &Error{File: r.path, Entry: collectionEntry[r.pkg.version], Field: field, Err: err, Fix: fixReexport}
}

// schedV1FromConfig reads the "schedVer" key of the config table (schema
// 14 and later). A missing key means the v1 scheduler, as in Anki's
// Collection::scheduler_version (rslib/src/config/mod.rs).
func (r *reader) schedV1FromConfig(ctx context.Context) (bool, error) {
	if err := requireTables(ctx, r.db, "config"); err != nil {
		return false, r.colError("", err)
	}
	var val []byte
	err := r.db.QueryRowContext(ctx, "SELECT val FROM config WHERE KEY = 'schedVer'").Scan(&val)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, r.colError("config.schedVer", err)
	}
	v, err := strconv.Atoi(strings.TrimSpace(string(val)))
	if err != nil {
		return false, r.colError("config.schedVer", fmt.Errorf("value %q is not a number", val))
	}
	return v != 2, nil
}

// model11 is the part of a schema-11 notetype (NotetypeSchema11 in
// rslib/src/notetype/schema11.rs) that loci uses.
type model11 struct {
	Name string `json:"name"`
	Type int    `json:"type"` // 0 standard, 1 cloze
	Flds []struct {
		Name string `json:"name"`
	} `json:"flds"`
	Tmpls []struct {
		Name string `json:"name"`
		Ord  *int   `json:"ord"`
		Qfmt string `json:"qfmt"`
		Afmt string `json:"afmt"`
	} `json:"tmpls"`
}

func (r *reader) notetypesFromJSON(models string) error {
	var m map[string]model11
	if err := json.Unmarshal([]byte(models), &m); err != nil {
		return fmt.Errorf("notetypes are not valid JSON: %w", err)
	}
	r.col.notetypes = make(map[int64]*notetype, len(m))
	for key, mt := range m {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("notetype key %q is not a number", key)
		}
		nt := &notetype{id: id, name: mt.Name, cloze: mt.Type == 1, templates: map[int]template{}}
		for _, f := range mt.Flds {
			nt.fields = append(nt.fields, f.Name)
		}
		for i, t := range mt.Tmpls {
			ord := i
			if t.Ord != nil {
				ord = *t.Ord
			}
			nt.templates[ord] = template{name: t.Name, qfmt: t.Qfmt, afmt: t.Afmt}
		}
		r.col.notetypes[id] = nt
	}
	return nil
}

func (r *reader) decksFromJSON(decks string) error {
	var m map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(decks), &m); err != nil {
		return fmt.Errorf("decks are not valid JSON: %w", err)
	}
	r.col.decks = make(map[int64]string, len(m))
	for key, d := range m {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("deck key %q is not a number", key)
		}
		r.col.decks[id] = normalizeDeck(d.Name)
	}
	return nil
}

// decksFromTable reads schema-18 decks, whose names keep \x1f between
// levels (NativeDeckName in rslib/src/decks/name.rs).
func (r *reader) decksFromTable(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "SELECT id, name FROM decks")
	if err != nil {
		return r.colError("decks", err)
	}
	defer rows.Close()
	r.col.decks = map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return r.colError("decks", err)
		}
		if !utf8.ValidString(name) {
			return r.colError("decks.name", fmt.Errorf("deck %d: name is not valid UTF-8", id))
		}
		r.col.decks[id] = normalizeDeck(strings.ReplaceAll(name, "\x1f", "::"))
	}
	if err := rows.Err(); err != nil {
		return r.colError("decks", err)
	}
	return nil
}

// normalizeDeck trims each level of a "::"-separated name and drops empty
// levels, as loci's own deck names are; an empty name becomes "Default".
func normalizeDeck(name string) string {
	var out []string
	for _, p := range strings.Split(name, "::") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return "Default"
	}
	return strings.Join(out, "::")
}
