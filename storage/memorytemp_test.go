package storage

import (
	"context"
	"database/sql"
	"testing"
)

// memoryTempTx puts temporary storage in memory for its transaction even
// on a connection that has used temporary storage before (where the
// pragma inside a transaction is refused), and gives the connection the
// default back afterwards.
func TestMemoryTempTx(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.db.SetMaxOpenConns(1) // one connection: the one that used temporary storage
	tempStore := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) int {
		var v int
		if err := q.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "CREATE TEMP TABLE used (x)")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "PRAGMA temp_store = MEMORY")
		return err
	}); err == nil {
		t.Fatal("PRAGMA temp_store inside a transaction after temporary storage was used: no error; this test no longer shows why memoryTempTx sets it before BEGIN")
	}
	if err := d.memoryTempTx(ctx, func(tx *sql.Tx) error {
		if v := tempStore(tx); v != 2 {
			t.Errorf("temp_store in memoryTempTx = %d, want 2 (memory)", v)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if v := tempStore(d.db); v != 0 {
		t.Errorf("temp_store after memoryTempTx = %d, want 0 (the default)", v)
	}
}
