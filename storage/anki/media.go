package anki

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"

	"loci/deck"
)

// mediaFile is one entry of a package's media map: the file's name and the
// zip entry that holds its bytes.
type mediaFile struct {
	name, entry string
}

// readMedia returns the files the package's media map lists
// (rslib/src/import_export/package/media.rs, extract_media_entries): a JSON
// map {"0": "name.png"} for legacy packages; for version 3, a zstd-compressed
// MediaEntries protobuf (proto/anki/import_export.proto: entries = 1; in each,
// name = 1, size = 2, sha1 = 3) whose i-th entry is zip entry "i", itself
// zstd-compressed. A package without a "media" entry has no media.
func (r *reader) readMedia(context.Context) error {
	if !r.pkg.has("media") {
		return nil
	}
	compressed := r.pkg.version == versionLatest
	data, err := r.pkg.readAll("media", compressed)
	if err != nil {
		return err
	}
	var files []mediaFile
	if compressed {
		files, err = decodeMediaEntries(data)
	} else {
		files, err = decodeMediaJSON(data)
	}
	if err != nil {
		return &Error{File: r.path, Entry: "media", Err: err, Fix: fixReexport}
	}
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkMediaName(f.name); err != nil {
			return &Error{File: r.path, Entry: "media", Field: f.name, Err: err,
				Fix: "this package was not written by Anki; do not import it"}
		}
		if seen[f.name] {
			r.stats.skip("media file %q is listed twice; the first copy is kept", f.name)
			continue
		}
		seen[f.name] = true
		if !r.pkg.has(f.entry) {
			r.stats.skip("media file %q is listed but its entry %q is missing", f.name, f.entry)
			continue
		}
		b, err := r.pkg.readAll(f.entry, compressed)
		if err != nil {
			return err
		}
		r.set.Media = append(r.set.Media, deck.Media{Name: f.name, Data: b})
	}
	return nil
}

// decodeMediaJSON reads a legacy media map, in the order of its numbers.
func decodeMediaJSON(data []byte) ([]mediaFile, error) {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("media map is not a JSON object of names: %w", err)
	}
	type numbered struct {
		n int
		f mediaFile
	}
	list := make([]numbered, 0, len(m))
	for key, name := range m {
		n, err := strconv.Atoi(key)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("media map key %q is not a file number", key)
		}
		list = append(list, numbered{n, mediaFile{name: name, entry: strconv.Itoa(n)}})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n < list[j].n })
	files := make([]mediaFile, len(list))
	for i, x := range list {
		files[i] = x.f
	}
	return files, nil
}

// decodeMediaEntries reads a version-3 media map.
func decodeMediaEntries(data []byte) ([]mediaFile, error) {
	var files []mediaFile
	err := eachField(data, func(num protowire.Number, typ protowire.Type, _ uint64, entry []byte) error {
		if num != 1 || typ != protowire.BytesType {
			return nil
		}
		var name string
		err := eachField(entry, func(num protowire.Number, typ protowire.Type, _ uint64, b []byte) error {
			if num == 1 && typ == protowire.BytesType {
				name = string(b)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("media entry %d: %w", len(files), err)
		}
		files = append(files, mediaFile{name: name, entry: strconv.Itoa(len(files))})
		return nil
	})
	return files, err
}

// checkMediaName refuses a media name that is not one plain file name, as
// Anki's filename_is_safe (rslib/io/src/lib.rs) does, and names that would
// be awkward on any file system.
func checkMediaName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("media file name %q is not a file name", name)
	case len(name) > 255:
		return fmt.Errorf("media file name %q is longer than 255 bytes", clip(name))
	case !utf8.ValidString(name):
		return errors.New("media file name is not valid UTF-8")
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("media file name %q contains a path separator", name)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("media file name %q contains a control character", name)
	}
	return nil
}
