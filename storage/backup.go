package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// BackupDir is where automatic backups go: a "backups" folder beside the
// database.
func (d *DB) BackupDir() string { return filepath.Join(filepath.Dir(d.Path), "backups") }

// Backup writes a consistent copy of the database into BackupDir, named
// <name>.<tag>-YYYYMMDD-HHMMSS.db, and returns its path.
func (d *DB) Backup(ctx context.Context, tag string) (string, error) {
	if err := os.MkdirAll(d.BackupDir(), 0o700); err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s.%s-%s.db", filepath.Base(d.Path), tag, time.Now().UTC().Format("20060102-150405"))
	path := filepath.Join(d.BackupDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	return path, d.BackupTo(ctx, path)
}

// BackupTo writes a consistent copy of the database to path, which must not
// exist, with mode 0600.
//
// The copy is written beside path under the name path+partialSuffix,
// created 0600 before SQLite writes into it, and renamed to path only once
// it is whole: a copy cut short (a kill, a closed terminal, a full disk)
// never passes for a backup, and no other user can read it while it is
// written.
func (d *DB) BackupTo(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	tmp := path + partialSuffix
	os.Remove(tmp) // a copy of the same name cut short before
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	f.Close()
	if _, err := d.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// partialSuffix marks a backup still being written (see BackupTo).
const partialSuffix = ".partial"

// removeStalePartials removes the partial backups in BackupDir that were
// last written more than an hour before now: copies cut short, which no
// process is writing any more.
func (d *DB) removeStalePartials(now time.Time) {
	stale, _ := filepath.Glob(filepath.Join(d.BackupDir(), "*"+partialSuffix))
	for _, f := range stale {
		if st, err := os.Stat(f); err == nil && now.Sub(st.ModTime()) > time.Hour {
			os.Remove(f)
		}
	}
}

// DailyBackup takes an automatic backup unless one was taken within the
// last day, and keeps only the newest keep daily backups. It returns the new
// backup's path, or "" when none was due.
func (d *DB) DailyBackup(ctx context.Context, now time.Time, keep int) (string, error) {
	d.removeStalePartials(now)
	pattern := filepath.Join(d.BackupDir(), filepath.Base(d.Path)+".daily-*.db")
	old, _ := filepath.Glob(pattern)
	sort.Strings(old) // the timestamp in the name sorts by time
	if n := len(old); n > 0 {
		if st, err := os.Stat(old[n-1]); err == nil && now.Sub(st.ModTime()) < 24*time.Hour {
			return "", nil
		}
	}
	path, err := d.Backup(ctx, "daily")
	if err != nil {
		return "", err
	}
	all, _ := filepath.Glob(pattern)
	sort.Strings(all)
	for len(all) > keep && keep > 0 {
		os.Remove(all[0])
		all = all[1:]
	}
	return path, nil
}

// Restore replaces the database's contents with those of the loci database
// at from, through SQLite's backup API, so that other processes holding the
// file open see a consistent switch. The current contents are first saved
// into BackupDir; the saved path is returned. A file that is not a loci
// database, or is newer than this binary, is refused before anything changes.
func (d *DB) Restore(ctx context.Context, from string) (string, error) {
	if err := checkLociFile(ctx, from); err != nil {
		return "", err
	}
	saved, err := d.Backup(ctx, "before-restore")
	if err != nil {
		return "", fmt.Errorf("save the current database first: %w", err)
	}
	src, err := sql.Open("sqlite3", dsn(from, true))
	if err != nil {
		return saved, err
	}
	defer src.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return saved, err
	}
	defer srcConn.Close()
	dstConn, err := d.db.Conn(ctx)
	if err != nil {
		return saved, err
	}
	defer dstConn.Close()
	err = dstConn.Raw(func(dc any) error {
		return srcConn.Raw(func(sc any) error {
			b, err := dc.(*sqlite3.SQLiteConn).Backup("main", sc.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			if _, err := b.Step(-1); err != nil {
				b.Close()
				return err
			}
			return b.Finish()
		})
	})
	if err != nil {
		return saved, fmt.Errorf("restore %s: %w (the previous database is saved at %s)", from, err, saved)
	}
	return saved, d.migrate(ctx)
}

// checkLociFile makes sure path is a loci database this binary can read.
func checkLociFile(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if st.IsDir() || st.Size() == 0 {
		return fmt.Errorf("restore %s: %w", path, ErrNotLoci)
	}
	if err := prepareFile(path); errors.Is(err, ErrNotLoci) {
		// The file named on the command line is at fault here, not --db.
		return fmt.Errorf("restore %s: %w, so not a loci backup", path, ErrNotLoci)
	} else if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return err
	}
	defer db.Close()
	var v, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("restore %s: %w", path, err)
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('cards', 'reviews', 'decks')`).Scan(&tables)
	if err != nil || tables != 3 || v < 1 {
		return fmt.Errorf("restore %s: a SQLite file, but not a loci database", path)
	}
	if v > SchemaVersion {
		return fmt.Errorf("restore %s: its schema %d is newer than this loci understands (%d): upgrade loci", path, v, SchemaVersion)
	}
	var ok string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&ok); err != nil || !strings.EqualFold(ok, "ok") {
		return fmt.Errorf("restore %s: the file is damaged (%s%v)", path, ok, errors.Join(err))
	}
	return nil
}
