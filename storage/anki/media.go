package anki

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"

	"loci/deck"
)

// ErrMediaTooLarge is returned (wrapped in an *Error) for a media file over
// Options.MaxMediaFile bytes.
var ErrMediaTooLarge = errors.New("media file is larger than the per-file limit")

// maxMediaEntry caps one encoded entry of a version-3 media map: a name of
// at most 255 bytes, a size and a SHA-1 need far less.
const maxMediaEntry = 64 << 10

// mediaFile is one entry of a package's media map: the file's name, the zip
// entry that holds its bytes, and the size the map declares (0 if none).
type mediaFile struct {
	name, entry string
	size        uint64
}

// readMedia hands the media files named in wanted (those the returned
// cards show) to Options.Media and returns the names the media folder
// stores under another name, old → new, for the cards' references. The
// media map (rslib/src/import_export/package/media.rs,
// extract_media_entries) is a JSON map {"0": "name.png"} for legacy
// packages; for version 3 a zstd-compressed MediaEntries protobuf
// (proto/anki/import_export.proto: entries = 1; in each, name = 1, size =
// 2, sha1 = 3) whose i-th entry is zip entry "i", itself zstd-compressed.
// The map is decoded as a stream and only the wanted entries are kept, so
// a map of millions of names costs no more memory than one of a few; each
// file is streamed to the sink under the per-file cap and the package's
// budget.
func (r *reader) readMedia(ctx context.Context, wanted map[string]bool) (map[string]string, error) {
	if len(wanted) == 0 {
		return nil, nil
	}
	files, err := r.mediaMap(wanted)
	if err != nil {
		return nil, err
	}
	renamed := map[string]string{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !r.pkg.has(f.entry) {
			r.mediaWarn("media files the package lists but does not hold: left out", "%s (entry %q)", f.name, f.entry)
			continue
		}
		m, err := r.stageMedia(f)
		if err != nil {
			return nil, err
		}
		r.media = append(r.media, m)
		r.stats.Media++
		if m.Name != f.name {
			renamed[f.name] = m.Name
		}
	}
	return renamed, nil
}

// mediaListed reports whether the package's media map lists any file: a
// package that lists none needs no pass over its cards to learn which files
// they show. A map that cannot be read counts as listing files (readMedia
// reports it when a card shows one, as before).
func (r *reader) mediaListed() bool {
	// The bytes looked at here are read again by readMedia: they are
	// charged to the package's budget once, there.
	defer func(left int64) { r.pkg.budget.left = left }(r.pkg.budget.left)
	compressed := r.pkg.version == versionLatest
	rc, err := r.pkg.open("media", compressed)
	if err != nil {
		return true
	}
	defer rc.Close()
	errListed := errors.New("a file is listed")
	listed := func(mediaFile) error { return errListed }
	br := bufio.NewReader(&capReader{r: rc, left: math.MaxInt64 - 1})
	if compressed {
		err = decodeMediaEntries(br, listed)
	} else {
		err = decodeMediaJSON(br, listed)
	}
	return err != nil
}

// stageMedia streams one media file to the sink. A size over the cap that
// the zip directory or the media map declares is refused before a byte is
// read; a file that turns out larger than declared is cut off at the cap.
func (r *reader) stageMedia(f mediaFile) (deck.Media, error) {
	compressed := r.pkg.version == versionLatest
	declared := f.size
	if !compressed {
		declared = max(declared, r.pkg.files[f.entry].UncompressedSize64)
	}
	if declared > uint64(r.opt.MaxMediaFile) {
		return deck.Media{}, r.mediaTooLarge(f, fmt.Sprintf("declares %d bytes", declared))
	}
	rc, err := r.pkg.open(f.entry, compressed)
	if err != nil {
		return deck.Media{}, err
	}
	defer rc.Close()
	m, err := r.opt.Media.Add(f.name, &capReader{r: rc, left: r.opt.MaxMediaFile})
	switch {
	case errors.Is(err, ErrMediaTooLarge):
		return deck.Media{}, r.mediaTooLarge(f, "inflates past it")
	case err != nil && (errors.Is(err, ErrTooLarge) || errors.Is(err, errRead)):
		return deck.Media{}, r.pkg.readError(f.entry, compressed, err)
	case err != nil:
		return deck.Media{}, &Error{File: r.path, Entry: f.entry, Field: f.name, Err: err,
			Fix: "check that the media folder beside the database is writable and the disk has room"}
	}
	return m, nil
}

func (r *reader) mediaTooLarge(f mediaFile, how string) error {
	return &Error{File: r.path, Entry: f.entry, Field: f.name,
		Err: fmt.Errorf("%w of %d bytes: it %s", ErrMediaTooLarge, r.opt.MaxMediaFile, how),
		Fix: "if the package is genuine, raise the limit; otherwise it may be a zip bomb"}
}

// errRead marks an error of the package's own bytes (bad zstd, a broken
// entry) as it reaches the sink, so it is reported as the package's fault.
var errRead = errors.New("reading the package")

// capReader reads at most left bytes; one byte more is ErrMediaTooLarge.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, ErrMediaTooLarge
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %w", errRead, err)
	}
	return n, err
}

// mediaMap decodes the package's media map as a stream, checking every
// name and keeping the entries whose names are wanted, first copy of each,
// in the order of their file numbers.
func (r *reader) mediaMap(wanted map[string]bool) ([]mediaFile, error) {
	compressed := r.pkg.version == versionLatest
	rc, err := r.pkg.open("media", compressed)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var files []mediaFile
	seen := map[string]bool{}
	keep := func(f mediaFile) error {
		if err := checkMediaName(f.name); err != nil {
			return &Error{File: r.path, Entry: "media", Field: f.name, Err: err,
				Fix: "this package was not written by Anki; do not import it"}
		}
		if !wanted[f.name] {
			return nil
		}
		if seen[f.name] {
			r.mediaWarn("media files listed twice: the first copy is kept", "%s", f.name)
			return nil
		}
		seen[f.name] = true
		files = append(files, f)
		return nil
	}
	br := bufio.NewReader(&capReader{r: rc, left: math.MaxInt64 - 1}) // marks the package's read errors
	if compressed {
		err = decodeMediaEntries(br, keep)
	} else {
		err = decodeMediaJSON(br, keep)
		sort.SliceStable(files, func(i, j int) bool {
			a, _ := strconv.Atoi(files[i].entry)
			b, _ := strconv.Atoi(files[j].entry)
			return a < b
		})
	}
	var ae *Error
	switch {
	case errors.As(err, &ae):
		return nil, err
	case errors.Is(err, ErrTooLarge) || errors.Is(err, errRead):
		return nil, r.pkg.readError("media", compressed, err)
	case err != nil:
		return nil, &Error{File: r.path, Entry: "media", Err: err, Fix: fixReexport}
	}
	return files, nil
}

// decodeMediaJSON reads a legacy media map {"0": "name.png", ...} token by
// token, calling keep for each entry.
func decodeMediaJSON(in io.Reader, keep func(mediaFile) error) error {
	dec := json.NewDecoder(in)
	notMap := errors.New("media map is not a JSON object of names")
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return readOr(err, notMap)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return readOr(err, notMap)
		}
		val, err := dec.Token()
		if err != nil {
			return readOr(err, notMap)
		}
		k, _ := key.(string)
		name, ok := val.(string)
		if !ok {
			return fmt.Errorf("%w: the value of %q is not a name", notMap, k)
		}
		if n, err := strconv.Atoi(k); err != nil || n < 0 || strconv.Itoa(n) != k {
			return fmt.Errorf("media map key %q is not a file number", k)
		}
		if err := keep(mediaFile{name: name, entry: k}); err != nil {
			return err
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return readOr(err, notMap)
	}
	return nil
}

// readOr keeps an error of the package's bytes (size limit, bad zstd) and
// replaces a syntax error with what is wrong in words.
func readOr(err, syntax error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, errRead) {
		return err
	}
	if err != nil && err != io.EOF {
		return fmt.Errorf("%w: %w", syntax, err)
	}
	return syntax
}

// decodeMediaEntries reads a version-3 media map one entry at a time,
// calling keep for each with zip entry "i" for the i-th.
func decodeMediaEntries(br *bufio.Reader, keep func(mediaFile) error) error {
	var buf []byte
	for i := 0; ; {
		tag, err := binary.ReadUvarint(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return readOr(err, errors.New("bad protobuf"))
		}
		num, typ := protowire.Number(tag>>3), protowire.Type(tag&7)
		if typ != protowire.BytesType {
			if err := skipValue(br, typ); err != nil {
				return readOr(err, fmt.Errorf("bad protobuf field %d", num))
			}
			continue
		}
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return readOr(err, fmt.Errorf("bad protobuf field %d", num))
		}
		if num != 1 {
			if _, err := br.Discard(int(min(n, 1<<31))); err != nil {
				return readOr(err, fmt.Errorf("bad protobuf field %d", num))
			}
			continue
		}
		if n > maxMediaEntry {
			return fmt.Errorf("media entry %d is %d bytes long, more than a name and a checksum need", i, n)
		}
		buf = buf[:0]
		buf = append(buf, make([]byte, n)...)
		if _, err := io.ReadFull(br, buf); err != nil {
			return readOr(err, fmt.Errorf("media entry %d is cut short", i))
		}
		f := mediaFile{entry: strconv.Itoa(i)}
		err = eachField(buf, func(num protowire.Number, typ protowire.Type, v uint64, b []byte) error {
			switch {
			case num == 1 && typ == protowire.BytesType:
				f.name = string(b)
			case num == 2 && typ == protowire.VarintType:
				f.size = v
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("media entry %d: %w", i, err)
		}
		if err := keep(f); err != nil {
			return err
		}
		i++
	}
}

// skipValue skips a protobuf value of a wire type other than bytes.
func skipValue(br *bufio.Reader, typ protowire.Type) error {
	switch typ {
	case protowire.VarintType:
		_, err := binary.ReadUvarint(br)
		return err
	case protowire.Fixed32Type:
		_, err := br.Discard(4)
		return err
	case protowire.Fixed64Type:
		_, err := br.Discard(8)
		return err
	}
	return fmt.Errorf("wire type %d", typ)
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
