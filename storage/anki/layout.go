package anki

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Package versions, as in PackageMetadata.Version of ankitects/anki
// proto/anki/import_export.proto.
const (
	versionLegacy1 = 1 // collection.anki2, schema 11, JSON media map
	versionLegacy2 = 2 // collection.anki21, schema 11, JSON media map
	versionLatest  = 3 // collection.anki21b, zstd, schema 18, protobuf media map
)

// collectionEntry names the collection file of each version
// (rslib/src/import_export/package/meta.rs, VersionExt::collection_filename).
var collectionEntry = map[int]string{
	versionLegacy1: "collection.anki2",
	versionLegacy2: "collection.anki21",
	versionLatest:  "collection.anki21b",
}

// readVersion finds the package version as Anki's MetaExt::from_archive
// does: from the "meta" entry when there is one, else collection.anki21 if
// present, else collection.anki2. (Without meta, Anki would never look at a
// collection.anki21b; Read takes it if present, as the newest.) It also
// checks that the collection the version names is there, so the stub
// collection.anki2 that every current package carries is never read in
// place of the real one.
func (p *pkg) readVersion() error {
	if !p.has("meta") {
		switch {
		case p.has(collectionEntry[versionLatest]):
			p.version = versionLatest
		case p.has(collectionEntry[versionLegacy2]):
			p.version = versionLegacy2
		case p.has(collectionEntry[versionLegacy1]):
			p.version = versionLegacy1
		default:
			return &Error{File: p.path, Err: errors.New("no collection inside (no collection.anki21b, collection.anki21 or collection.anki2 entry)"),
				Fix: "this is not an Anki package; export the deck from Anki as an Anki Deck Package (.apkg)"}
		}
		return nil
	}
	data, err := p.readAll("meta", false)
	if err != nil {
		return err
	}
	v, err := decodeMeta(data)
	if err != nil {
		return &Error{File: p.path, Entry: "meta", Err: err, Fix: fixReexport}
	}
	switch {
	case v == 0 || v > versionLatest:
		return &Error{File: p.path, Entry: "meta", Err: fmt.Errorf("package version %d is newer than loci understands", v),
			Fix: "export again from Anki with \"Support older Anki versions\" ticked"}
	case !p.has(collectionEntry[int(v)]):
		return &Error{File: p.path, Entry: collectionEntry[int(v)], Err: fmt.Errorf("meta says version %d but the collection is missing", v), Fix: fixReexport}
	}
	p.version = int(v)
	return nil
}

// decodeMeta reads PackageMetadata { Version version = 1; }.
func decodeMeta(b []byte) (uint64, error) {
	var version uint64
	err := eachField(b, func(num protowire.Number, typ protowire.Type, v uint64, _ []byte) error {
		if num == 1 && typ == protowire.VarintType {
			version = v
		}
		return nil
	})
	return version, err
}

// eachField walks the top-level fields of a protobuf message, calling fn
// with the varint value (VarintType) or the bytes (BytesType) of each, and
// skipping other wire types.
func eachField(b []byte, fn func(num protowire.Number, typ protowire.Type, v uint64, data []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("bad protobuf: %w", protowire.ParseError(n))
		}
		b = b[n:]
		var (
			v    uint64
			data []byte
		)
		switch typ {
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			data, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return fmt.Errorf("bad protobuf field %d: %w", num, protowire.ParseError(n))
		}
		b = b[n:]
		if err := fn(num, typ, v, data); err != nil {
			return err
		}
	}
	return nil
}
