package textimport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"loci/deck"
)

// Limits that keep a hostile or broken file from exhausting memory. A text
// export of a large collection outgrows deck.MaxFileSize, so files here
// have their own cap; each side of a card is still held to deck.MaxCardText.
const (
	MaxFileSize = 128 << 20 // bytes in one file
	MaxRows     = 1 << 20   // records in one file
	maxRawField = 1 << 20   // bytes in one field before HTML is turned into text
	maxColumns  = 1000      // the largest column number a header may name
	maxReserve  = 1 << 18   // cards allocated ahead, at most
)

// errTooLarge is returned by a capped reader that has passed its limit.
var errTooLarge = fmt.Errorf("file is larger than %d MiB", MaxFileSize>>20)

// capped reads from r and fails with errTooLarge past left bytes.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// newReader wraps r in a capped, buffered reader of UTF-8 text: past the
// UTF-8 byte order mark, if r starts with one; decoded from UTF-16 when r
// starts with a UTF-16 byte order mark (Anki and AnkiDroid have written
// text exports so), which wide reports. The cap counts decoded bytes.
func newReader(name string, r io.Reader) (br *bufio.Reader, wide bool, err error) {
	raw := bufio.NewReaderSize(r, 64<<10)
	bom, _ := raw.Peek(4)
	var src io.Reader = raw
	switch {
	case bytes.HasPrefix(bom, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(bom, []byte{0, 0, 0xfe, 0xff}):
		return nil, false, &deck.Error{File: name, Err: errors.New("the file is UTF-32, which loci does not read (save it as UTF-8)")}
	case bytes.HasPrefix(bom, []byte{0xff, 0xfe}):
		src, wide = transform.NewReader(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), true
	case bytes.HasPrefix(bom, []byte{0xfe, 0xff}):
		src, wide = transform.NewReader(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), true
	}
	br = bufio.NewReaderSize(&capped{r: src, left: MaxFileSize}, 64<<10)
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br, wide, nil
}
