package storage

import (
	"context"
	"database/sql"
	"strconv"
)

// pairBatch gathers rows of two values, a row id and a number or a word,
// into a JSON array of pairs that one statement writes (through
// json_each: value->>0 and value->>1), so that many small inserts cost one
// statement per batch instead of one each. The statement's parameters are
// lead, then the array.
type pairBatch struct {
	st      *sql.Stmt
	lead    []any
	max     *int // rows per batch: a package variable, so tests can make it small
	buf     []byte
	pending int
}

// addInt adds the pair [a, b], writing the batch when it is full.
func (p *pairBatch) addInt(ctx context.Context, a, b int64) error {
	p.open(a)
	p.buf = strconv.AppendInt(p.buf, b, 10)
	return p.close(ctx)
}

// addText adds the pair [a, "s"], writing the batch when it is full.
func (p *pairBatch) addText(ctx context.Context, a int64, s string) error {
	p.open(a)
	p.buf = strconv.AppendQuote(p.buf, s)
	return p.close(ctx)
}

func (p *pairBatch) open(a int64) {
	if p.pending == 0 {
		p.buf = append(p.buf[:0], '[')
	} else {
		p.buf = append(p.buf, ',')
	}
	p.buf = append(p.buf, '[')
	p.buf = strconv.AppendInt(p.buf, a, 10)
	p.buf = append(p.buf, ',')
}

func (p *pairBatch) close(ctx context.Context) error {
	p.buf = append(p.buf, ']')
	p.pending++
	if p.pending >= *p.max {
		return p.flush(ctx)
	}
	return nil
}

// flush writes the pairs waiting in the batch.
func (p *pairBatch) flush(ctx context.Context) error {
	if p.pending == 0 {
		return nil
	}
	p.buf = append(p.buf, ']')
	p.pending = 0
	args := append(append(make([]any, 0, len(p.lead)+1), p.lead...), string(p.buf))
	_, err := p.st.ExecContext(ctx, args...)
	return err
}
