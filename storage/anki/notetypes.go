package anki

import (
	"context"
	"fmt"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
)

// notetypesFromTables reads schema-18 notetypes from the notetypes, fields
// and templates tables (rslib/src/storage/notetype/get_notetype.sql,
// get_fields.sql, get_templates.sql). Only the protobuf fields loci needs are
// decoded, by the field numbers of proto/anki/notetypes.proto:
// Notetype.Config.kind = 1 (KIND_NORMAL 0, KIND_CLOZE 1), and
// Notetype.Template.Config.q_format = 1, a_format = 2.
func (r *reader) notetypesFromTables(ctx context.Context) error {
	r.col.notetypes = map[int64]*notetype{}
	rows, err := r.db.QueryContext(ctx, "SELECT id, name, config FROM notetypes")
	if err != nil {
		return r.colError("notetypes", err)
	}
	defer rows.Close()
	for rows.Next() {
		nt := &notetype{templates: map[int]template{}}
		var config []byte
		if err := rows.Scan(&nt.id, &nt.name, &config); err != nil {
			return r.colError("notetypes", err)
		}
		if !utf8.ValidString(nt.name) {
			return r.colError("notetypes.name", fmt.Errorf("notetype %d: name is not valid UTF-8", nt.id))
		}
		kind, err := decodeNotetypeKind(config)
		if err != nil {
			return r.colError("notetypes.config", fmt.Errorf("notetype %d (%s): %w", nt.id, nt.name, err))
		}
		nt.cloze = kind == 1
		r.col.notetypes[nt.id] = nt
	}
	if err := rows.Err(); err != nil {
		return r.colError("notetypes", err)
	}
	if err := r.fieldsFromTable(ctx); err != nil {
		return err
	}
	return r.templatesFromTable(ctx)
}

func (r *reader) fieldsFromTable(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "SELECT ntid, ord, name FROM fields ORDER BY ntid, ord")
	if err != nil {
		return r.colError("fields", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ntid int64
		var ord int
		var name string
		if err := rows.Scan(&ntid, &ord, &name); err != nil {
			return r.colError("fields", err)
		}
		nt := r.col.notetypes[ntid]
		if nt == nil {
			continue // a field of a notetype that is gone; Anki ignores it too
		}
		if ord != len(nt.fields) {
			return r.colError("fields.ord", fmt.Errorf("notetype %d (%s): field %q has ord %d, want %d", ntid, nt.name, name, ord, len(nt.fields)))
		}
		if !utf8.ValidString(name) {
			return r.colError("fields.name", fmt.Errorf("notetype %d (%s): field %d name is not valid UTF-8", ntid, nt.name, ord))
		}
		nt.fields = append(nt.fields, name)
	}
	if err := rows.Err(); err != nil {
		return r.colError("fields", err)
	}
	return nil
}

func (r *reader) templatesFromTable(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "SELECT ntid, ord, name, config FROM templates")
	if err != nil {
		return r.colError("templates", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ntid int64
		var ord int
		var t template
		var config []byte
		if err := rows.Scan(&ntid, &ord, &t.name, &config); err != nil {
			return r.colError("templates", err)
		}
		nt := r.col.notetypes[ntid]
		if nt == nil {
			continue
		}
		if t.qfmt, t.afmt, err = decodeTemplateConfig(config); err != nil {
			return r.colError("templates.config", fmt.Errorf("notetype %d (%s) template %d: %w", ntid, nt.name, ord, err))
		}
		if !utf8.ValidString(t.qfmt) || !utf8.ValidString(t.afmt) {
			return r.colError("templates.config", fmt.Errorf("notetype %d (%s) template %d is not valid UTF-8", ntid, nt.name, ord))
		}
		nt.templates[ord] = t
	}
	if err := rows.Err(); err != nil {
		return r.colError("templates", err)
	}
	return nil
}

// decodeNotetypeKind reads Notetype.Config { Kind kind = 1; ... }.
func decodeNotetypeKind(b []byte) (uint64, error) {
	var kind uint64
	err := eachField(b, func(num protowire.Number, typ protowire.Type, v uint64, _ []byte) error {
		if num == 1 && typ == protowire.VarintType {
			kind = v
		}
		return nil
	})
	return kind, err
}

// decodeTemplateConfig reads Notetype.Template.Config
// { string q_format = 1; string a_format = 2; ... }.
func decodeTemplateConfig(b []byte) (qfmt, afmt string, err error) {
	err = eachField(b, func(num protowire.Number, typ protowire.Type, _ uint64, data []byte) error {
		if typ != protowire.BytesType {
			return nil
		}
		switch num {
		case 1:
			qfmt = string(data)
		case 2:
			afmt = string(data)
		}
		return nil
	})
	return qfmt, afmt, err
}
