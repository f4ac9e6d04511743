// Package folder brings the learner's decks folder (the decks_dir setting)
// into the database: a folder of native .md card files, kept in git as the
// hashcards way has it, read on every start of the TUI and of `loci
// review`, `due` and `next`, and by the daemon whenever it changes.
//
// It must be cheap when nothing changed: each file's size and modification
// time are compared with the ones recorded at the last sync, and only a file
// whose stat differs is read; its content hash then decides whether it is
// parsed. A file that fails to parse is reported with its file and line and
// its cards are left as they were; it is tried again on the next sync.
//
// The package owns the walk, the change detection and the parsing. It holds
// no SQL: the Store (storage.DB) records the files and merges the cards, in
// one transaction per sync.
package folder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"loci/deck"
	"loci/storage"
)

// Store is what a sync needs from the database; storage.DB satisfies it.
type Store interface {
	FolderFiles(ctx context.Context) (map[string]storage.FolderState, error)
	ApplyFolder(ctx context.Context, files []storage.FolderFile, removed []string, now time.Time) (storage.FolderResult, error)
}

// racy is how close to its last sync a file's modification time may be for
// its stat alone to be trusted: a file written in the same clock tick as the
// sync that read it could change again without its time moving (as git's
// "racily clean" entries), so such a file is hashed once more.
const racy = 2 * time.Second

// Report says what a sync saw and did.
type Report struct {
	Files     int     // .md files in the folder
	Read      int     // files whose content was read (their stat changed)
	Parsed    int     // files parsed (their content changed)
	Removed   int     // files gone since the last sync
	Problems  []error // files left as they were: parse errors (file:line), cards in two files
	Cards     storage.SyncResult
	NoFolder  bool // the folder does not exist: nothing was changed
	Unchanged bool // nothing was written
}

// Sync brings the folder at root into store; now dates new cards. A missing folder changes
// nothing (its cards are not retired: it may be an unmounted disk) and is
// reported in NoFolder.
func Sync(ctx context.Context, store Store, root string, now time.Time) (Report, error) {
	var rep Report
	known, err := store.FolderFiles(ctx)
	if err != nil {
		return rep, err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		rep.NoFolder = true
		return rep, nil
	}
	var files []storage.FolderFile
	seen := map[string]bool{}
	// The racy check compares file times with this, so it is the real
	// clock, never LOCI_NOW; now only dates the cards.
	started := time.Now()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && strings.HasPrefix(name, ".") {
				return filepath.SkipDir // .git and other hidden folders
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") || name == "README.md" || strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
			return nil
		}
		rep.Files++
		seen[p] = true
		info, err := d.Info()
		if err != nil {
			return err
		}
		size, mtime := info.Size(), info.ModTime().UnixNano()
		k, ok := known[p]
		if ok && k.Size == size && k.MTime == mtime && k.SyncedAt.Sub(info.ModTime()) > racy {
			return nil
		}
		f, problem, err := readFile(root, p, k, ok)
		if err != nil {
			return err
		}
		rep.Read++
		if problem != nil {
			rep.Problems = append(rep.Problems, problem)
			return nil
		}
		if f.Set != nil {
			rep.Parsed++
		}
		f.Size, f.MTime, f.Seen = size, mtime, started
		files = append(files, f)
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("decks folder %s: %w", root, err)
	}
	var removed []string
	for p := range known {
		if !seen[p] {
			removed = append(removed, p)
		}
	}
	sort.Strings(removed)
	rep.Removed = len(removed)
	if len(files) == 0 && len(removed) == 0 {
		rep.Unchanged = true
		return rep, nil
	}
	res, err := store.ApplyFolder(ctx, files, removed, now)
	if err != nil {
		return rep, err
	}
	rep.Cards = res.SyncResult
	rep.Problems = append(rep.Problems, res.Conflicts...)
	return rep, nil
}

// readFile reads one file whose stat changed: its hash, and its cards when
// the hash differs from the recorded one. A file that does not parse is a
// problem, not an error.
func readFile(root, path string, k storage.FolderState, known bool) (storage.FolderFile, error, error) {
	f := storage.FolderFile{Path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		return f, nil, err
	}
	sum := sha256.Sum256(data)
	f.Hash = hex.EncodeToString(sum[:])
	if known && k.Hash == f.Hash {
		return f, nil, nil
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	pf, err := deck.Parse(filepath.ToSlash(rel), strings.NewReader(string(data)))
	if err != nil {
		return f, err, nil
	}
	set, err := deck.Merge([]*deck.File{pf})
	if err != nil {
		var pe *deck.Error
		if errors.As(err, &pe) {
			return f, err, nil
		}
		return f, nil, err
	}
	f.Set = set
	return f, nil, nil
}

// Summary is one line for the learner about a sync that changed something.
func (r Report) Summary() string {
	c := r.Cards
	return fmt.Sprintf("decks folder: %d files read, %d cards added, %d updated, %d retired, %d files removed",
		r.Read, c.Added, c.Updated, c.Suspended, r.Removed)
}
