package folder

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch calls sync once its watches are in place, then whenever something
// under root changes, once things have been quiet for settle (an editor
// saves in bursts: a temporary file, a rename, a chmod), until ctx ends.
// The first sync comes after the watches so that a file saved before them
// is never missed: it is either read by that sync or seen by the watch.
// Folders created later are watched too; hidden ones (.git) are not. A
// watch error is passed to problem and the watch goes on; an error setting
// the watch up is returned before any sync.
func Watch(ctx context.Context, root string, settle time.Duration, sync func(context.Context), problem func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", root, err)
	}
	defer w.Close()
	if err := watchTree(w, root); err != nil {
		return err
	}
	sync(ctx)
	timer := time.NewTimer(settle)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if hidden(root, ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder: watch it and what it already holds.
				if err := watchTree(w, ev.Name); err != nil && problem != nil {
					problem(err)
				}
			}
			timer.Reset(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if problem != nil {
				problem(fmt.Errorf("watch %s: %w", root, err))
			}
		case <-timer.C:
			sync(ctx)
		}
	}
}

// watchTree adds dir and every folder under it that is not hidden; a path
// that is not a folder is left alone.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return nil // gone again, or a file
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			return fmt.Errorf("watch %s: %w", p, err)
		}
		return nil
	})
}

// hidden reports whether path lies in a hidden folder or is a hidden file
// under root (an editor's swap file, .git).
func hidden(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}
