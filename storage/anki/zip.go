package anki

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// ErrTooLarge is returned (wrapped in an *Error) when a package holds more
// uncompressed bytes than Options.MaxUncompressed allows.
var ErrTooLarge = errors.New("package is larger than the uncompressed-size limit")

// budget is the number of uncompressed bytes a package may still yield. It
// is counted while reading, never taken from zip headers.
type budget struct {
	left, max int64
}

// countingReader charges every byte it returns to a budget.
type countingReader struct {
	r io.Reader
	b *budget
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.b.left <= 0 {
		// Probe one byte so that an entry ending exactly at the limit passes.
		p = p[:min(len(p), 1)]
	}
	n, err := c.r.Read(p)
	c.b.left -= int64(n)
	if c.b.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

// pkg is an open package: its zip directory, checked, and its byte budget.
type pkg struct {
	path    string
	files   map[string]*zip.File
	budget  *budget
	version int // 1, 2 or 3, as in PackageMetadata.Version
}

// openPackage reads the zip directory of a package and refuses entry names
// that could escape a directory or that appear twice.
func openPackage(path string, ra io.ReaderAt, size, maxBytes int64) (*pkg, error) {
	zr, err := zip.NewReader(ra, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // checkEntryName below names the entry and the fault
	}
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("not a zip file: %w", err),
			Fix: "an Anki package (.apkg or .colpkg) is a zip file; check that this is one, or export it again"}
	}
	p := &pkg{path: path, files: map[string]*zip.File{}, budget: &budget{left: maxBytes, max: maxBytes}}
	for _, f := range zr.File {
		if err := checkEntryName(f.Name); err != nil {
			return nil, &Error{File: path, Entry: f.Name, Err: err,
				Fix: "this package was not written by Anki; do not import it"}
		}
		if p.files[f.Name] != nil {
			return nil, &Error{File: path, Entry: f.Name, Err: errors.New("entry appears twice in the zip"),
				Fix: "this package was not written by Anki; do not import it"}
		}
		p.files[f.Name] = f
	}
	return p, nil
}

// checkEntryName refuses absolute names, ".." components, backslashes and
// control characters: anything that could point outside a target folder.
func checkEntryName(name string) error {
	switch {
	case name == "":
		return errors.New("entry has an empty name")
	case strings.ContainsRune(name, '\\'):
		return errors.New("entry name contains a backslash")
	case strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':'):
		return errors.New("entry name is an absolute path")
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return errors.New("entry name contains a control character")
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return errors.New("entry name escapes its folder with \"..\"")
		}
	}
	return nil
}

// has reports whether the package holds an entry.
func (p *pkg) has(name string) bool { return p.files[name] != nil }

// open returns the uncompressed bytes of an entry, decoded from zstd if
// compressed is set, charged to the package's budget at each layer.
func (p *pkg) open(name string, compressed bool) (io.ReadCloser, error) {
	f := p.files[name]
	if f == nil {
		return nil, &Error{File: p.path, Entry: name, Err: errors.New("entry is missing"), Fix: fixReexport}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{File: p.path, Entry: name, Err: err, Fix: fixReexport}
	}
	r := &countingReader{r: rc, b: p.budget}
	if !compressed {
		return readCloser{r, rc.Close}, nil
	}
	dec, err := zstd.NewReader(r,
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(128<<20),
		zstd.WithDecoderMaxMemory(uint64(max(p.budget.left, 1))))
	if err != nil {
		rc.Close()
		return nil, &Error{File: p.path, Entry: name, Err: err}
	}
	return readCloser{&countingReader{r: dec, b: p.budget}, func() error {
		dec.Close()
		return rc.Close()
	}}, nil
}

// readAll reads a whole entry.
func (p *pkg) readAll(name string, compressed bool) ([]byte, error) {
	rc, err := p.open(name, compressed)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, p.readError(name, compressed, err)
	}
	return data, nil
}

// readError explains a failure to read an entry.
func (p *pkg) readError(name string, compressed bool, err error) error {
	if errors.Is(err, ErrTooLarge) || errors.Is(err, zstd.ErrDecoderSizeExceeded) {
		return &Error{File: p.path, Entry: name,
			Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, p.budget.max),
			Fix: "if the package is genuine, raise the limit; otherwise it may be a zip bomb"}
	}
	if compressed {
		err = fmt.Errorf("not valid zstd data: %w", err)
	}
	return &Error{File: p.path, Entry: name, Err: err, Fix: fixReexport}
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r readCloser) Close() error { return r.close() }
