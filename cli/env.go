package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"loci/config"
	"loci/deck"
	"loci/scheduler"
	"loci/storage"
	"loci/storage/media"
)

// env is what every command shares: streams, flags, and the opened rooms.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	dbFlag         string

	warnings []string // printed when the command ends

	cfg   *config.Config
	db    *storage.DB
	media *media.Stage // the media an import is staging (see runImport)
	study *scheduler.Study
	now   func() time.Time
	trace *tracer // LOCI_TRACE's record of the steps; nil without it
}

// clock returns the study clock: LOCI_NOW (RFC 3339) when set, else the real
// clock. A fixed LOCI_NOW lets a week of study be scripted and tested.
func clock() (func() time.Time, error) {
	v := os.Getenv("LOCI_NOW")
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, usagef("LOCI_NOW=%q: want an RFC 3339 time such as 2026-11-28T09:00:00Z", v)
	}
	return func() time.Time { return t }, nil
}

// dbPath is --db, else $LOCI_DB, else loci.db in the XDG data directory.
func (e *env) dbPath() (path string, isDefault bool) {
	if e.dbFlag != "" {
		return e.dbFlag, false
	}
	if v := os.Getenv("LOCI_DB"); v != "" {
		return v, false
	}
	return config.DefaultDB(), true
}

// loadConfig reads the settings and the clock.
func (e *env) loadConfig() error {
	if e.cfg != nil {
		return nil
	}
	now, err := clock()
	if err != nil {
		return err
	}
	cfg, err := config.Load(config.FilePath())
	if err != nil {
		return hintError{err, "loci config set KEY VALUE, or fix the file by hand"}
	}
	e.cfg, e.now = cfg, now
	return nil
}

// open loads the settings, opens the database (creating the default one and
// its directory on first run), merges the built-in deck if it changed, and
// builds the study session.
func (e *env) open() error {
	if err := e.loadConfig(); err != nil {
		return err
	}
	path, isDefault := e.dbPath()
	if isDefault {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("create data directory: %w", err)
		}
	}
	db, err := storage.Open(e.ctx, path)
	if err != nil {
		return hintError{err, "loci --db PATH (or LOCI_DB) to use another database"}
	}
	e.trace.step("database open")
	return e.attach(db, true)
}

// attach makes db the session's database: it merges the built-in deck when
// seed is set and it changed, and builds the study session. On error db is
// closed.
func (e *env) attach(db *storage.DB, seed bool) error {
	if seed {
		if _, _, err := db.SyncBuiltin(e.ctx, deck.BuiltinVersion(), deck.Builtin, e.now()); err != nil {
			db.Close()
			return fmt.Errorf("merge the built-in deck: %w", err)
		}
		e.trace.step("built-in deck checked")
	}
	sched, err := scheduler.New(e.cfg.Scheduler)
	if err != nil {
		db.Close()
		return err
	}
	e.db = db
	e.study = &scheduler.Study{Store: db, Sched: sched, Now: e.now}
	return nil
}

// withDryRunDB is withDB for a dry run, which must change nothing on disk:
// the database is never created or migrated (see storage.OpenDryRun). A
// temporary stand-in is seeded with the built-in deck as a first run would
// be, so that the report matches what the real run would do.
func (e *env) withDryRunDB(run func() error) error {
	if err := e.loadConfig(); err != nil {
		return err
	}
	path, _ := e.dbPath()
	db, temp, done, err := storage.OpenDryRun(e.ctx, path)
	if err != nil {
		return hintError{err, "loci --db PATH (or LOCI_DB) to use another database"}
	}
	defer done()
	if err := e.attach(db, temp); err != nil {
		return err
	}
	defer func() { e.db = nil; e.close() }()
	return run()
}

func (e *env) close() {
	if e.db != nil {
		e.db.Close()
	}
	for _, w := range e.warnings {
		fmt.Fprintf(e.stderr, "loci: warning: %s\n", w)
	}
	e.warnings = nil
}
