package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// searchCacheKiB is the page cache of the connection searches run on: room
// for the cards table of a 100,000-card collection (about 18 MB), so that a
// browse screen searching again reads memory, not the file. Other
// connections keep SQLite's 2 MB default; this one fills only as far as
// searches read.
const searchCacheKiB = 32 << 10

// SearchPragma sets that cache; a benchmark gives it to the sqlite3 shell.
var SearchPragma = fmt.Sprintf("PRAGMA cache_size = -%d", searchCacheKiB)

// searchConn is one pooled connection kept for searches, made on first use.
type searchConn struct {
	mu   sync.Mutex
	conn *sql.Conn
}

// withSearchConn runs fn on the search connection, one search at a time.
func (d *DB) withSearchConn(ctx context.Context, fn func(*sql.Conn) error) error {
	d.search.mu.Lock()
	defer d.search.mu.Unlock()
	if d.search.conn == nil {
		c, err := d.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("search connection: %w", err)
		}
		if _, err := c.ExecContext(ctx, SearchPragma); err != nil {
			c.Close()
			return fmt.Errorf("search connection: %w", err)
		}
		d.search.conn = c
	}
	return fn(d.search.conn)
}

// closeSearchConn gives the search connection back before the pool closes.
func (d *DB) closeSearchConn() {
	d.search.mu.Lock()
	defer d.search.mu.Unlock()
	if d.search.conn != nil {
		d.search.conn.Close()
		d.search.conn = nil
	}
}
