package storage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func countCards(t *testing.T, d *DB) int {
	t.Helper()
	var n int
	if err := d.db.QueryRow("SELECT count(*) FROM cards").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d := mustOpen(t, filepath.Join(dir, "loci.db"))
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	snap := filepath.Join(dir, "snap.db")
	if err := d.BackupTo(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if err := d.BackupTo(ctx, snap); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v", err)
	}
	// Change the live database, then restore the snapshot.
	d.Sync(ctx, mustSet(t, "---\ndeck: Extra\n---\nQ: later?\nA: yes\n"), "t2", false, t0)
	if n := countCards(t, d); n != 4 {
		t.Fatalf("cards before restore = %d", n)
	}
	saved, err := d.Restore(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	if n := countCards(t, d); n != 3 {
		t.Errorf("cards after restore = %d, want 3", n)
	}
	old, err := Open(ctx, saved)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if n := countCards(t, old); n != 4 {
		t.Errorf("the copy kept before restoring holds %d cards, want 4", n)
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d := mustOpen(t, filepath.Join(dir, "loci.db"))
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database, just some words"), 0o600)
	other := filepath.Join(dir, "other.db")
	o := mustOpen(t, other)
	o.db.Exec("DROP TRIGGER reviews_append_only")
	o.db.Exec("DROP TABLE reviews")
	o.Close()
	newer := filepath.Join(dir, "newer.db")
	n := mustOpen(t, newer)
	n.db.Exec("PRAGMA user_version = 99")
	n.Close()
	for path, want := range map[string]string{
		text:                             "not a SQLite database",
		other:                            "not a loci database",
		newer:                            "newer than this loci",
		filepath.Join(dir, "missing.db"): "no such file",
	} {
		if _, err := d.Restore(ctx, path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Restore(%s) = %v, want %q", filepath.Base(path), err, want)
		}
	}
	if n := countCards(t, d); n != 3 {
		t.Errorf("a refused restore changed the database: %d cards", n)
	}
	if saved, _ := filepath.Glob(filepath.Join(d.BackupDir(), "*before-restore*")); len(saved) != 0 {
		t.Errorf("a refused restore took a backup: %v", saved)
	}
}

func TestDailyBackupRotation(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	now := time.Now()
	p, err := d.DailyBackup(ctx, now, 3)
	if err != nil || p == "" {
		t.Fatalf("first daily backup = %q, %v", p, err)
	}
	if p2, _ := d.DailyBackup(ctx, now.Add(time.Hour), 3); p2 != "" {
		t.Errorf("a second backup within a day: %s", p2)
	}
	// Age the backups by hand and take more: only the newest three stay.
	for i := 0; i < 4; i++ {
		all, _ := filepath.Glob(filepath.Join(d.BackupDir(), "*.daily-*.db"))
		for _, f := range all {
			st, _ := os.Stat(f)
			os.Chtimes(f, st.ModTime().Add(-48*time.Hour), st.ModTime().Add(-48*time.Hour))
		}
		os.Rename(p, strings.Replace(p, "daily-", "daily-0"+string(rune('0'+i)), 1))
		if p, err = d.DailyBackup(ctx, now, 3); err != nil || p == "" {
			t.Fatalf("daily backup %d = %q, %v", i, p, err)
		}
	}
	all, _ := filepath.Glob(filepath.Join(d.BackupDir(), "*.daily-*.db"))
	if len(all) != 3 {
		t.Errorf("%d daily backups kept, want 3: %v", len(all), all)
	}
}

// A backup cut short (the process killed while it copied) leaves only a
// partial file, which never counts as the day's backup and is cleared
// once stale; a whole backup leaves no partial file behind.
func TestDailyBackupCutShort(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	os.MkdirAll(d.BackupDir(), 0o700)
	now := time.Now()
	cut := filepath.Join(d.BackupDir(), filepath.Base(d.Path)+".daily-20260101-000000.db"+partialSuffix)
	fresh := filepath.Join(d.BackupDir(), filepath.Base(d.Path)+".manual-20260101-000000.db"+partialSuffix)
	for _, f := range []string{cut, fresh} {
		if err := os.WriteFile(f, []byte("SQLite format 3\x00 cut short"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(cut, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	p, err := d.DailyBackup(ctx, now, 3)
	if err != nil || p == "" {
		t.Fatalf("daily backup beside a partial one = %q, %v; want a new backup", p, err)
	}
	if _, err := os.Stat(cut); !os.IsNotExist(err) {
		t.Errorf("the stale partial backup is still there: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a partial backup written within the hour (another process may be writing it) was removed: %v", err)
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup %s: %v, want mode 0600", p, err)
	}
	all, _ := filepath.Glob(filepath.Join(d.BackupDir(), "*"))
	if len(all) != 2 {
		t.Errorf("backup folder holds %v, want the backup and the fresh partial file", all)
	}
}
