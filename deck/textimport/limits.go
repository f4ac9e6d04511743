package textimport

import (
	"bufio"
	"fmt"
	"io"
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

// newReader wraps r in a capped, buffered reader past its UTF-8 byte order
// mark, if it has one.
func newReader(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(&capped{r: r, left: MaxFileSize}, 64<<10)
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br
}
