package cli

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"loci/deck"
	"loci/storage"
	"loci/storage/zotero"
)

// zoteroPoll is how often the daemon looks at the Zotero library's size and
// time. Polling, not file events: Zotero 7 commits to zotero.sqlite-wal,
// which a watch on the library's folder would report on every keystroke of
// a note, and some synced folders deliver no events at all.
const zoteroPoll = 2 * time.Second

// zoteroStamp is what tells that the library changed: the size and time
// of zotero.sqlite and of its -wal file.
type zoteroStamp [2]struct {
	size  int64
	mtime time.Time
}

func stampOf(path string) (zoteroStamp, error) {
	var s zoteroStamp
	for i, p := range []string{path, path + "-wal"} {
		st, err := os.Stat(p)
		if i == 0 && err != nil {
			return s, err
		}
		if err == nil {
			s[i].size, s[i].mtime = st.Size(), st.ModTime()
		}
	}
	return s, nil
}

// importZotero reads the library at path and imports it in one
// transaction, as `loci import` does; it returns the counts and the read.
func (e *env) importZotero(ctx context.Context, path string) (storage.ImportResult, *deck.Set, zotero.Stats, error) {
	set, st, err := zotero.Read(ctx, path, zotero.Options{ReadTags: e.cfg.Zotero.ReadTags})
	if err != nil {
		return storage.ImportResult{}, nil, st, err
	}
	res, err := e.db.Import(ctx, set, e.now(), storage.ImportOptions{Origin: "import", Replay: e.study.Sched.ReplayLog, Replaces: zoteroIDPrefix})
	return res, set, st, err
}

// watchZotero imports the Zotero library now and again whenever its size
// or time changes, logging what each import changed, until ctx ends.
func (e *env) watchZotero(ctx context.Context, path string, logger *log.Logger) {
	var last zoteroStamp
	seen, missing := false, false
	check := func() {
		stamp, err := stampOf(path)
		if err != nil {
			if !missing { // said once, not every poll
				logger.Printf("zotero library: %v; its cards are left as they were", err)
			}
			seen, missing = false, true
			return
		}
		missing = false
		if seen && stamp == last {
			return
		}
		res, set, st, err := e.importZotero(ctx, path)
		if err != nil {
			logger.Printf("zotero library: %v; its cards are left as they were", err)
		} else {
			logger.Printf("zotero library %s: %s; %s", path, zoteroSummary(st), importCounts(res, set.Warnings))
			for _, line := range deck.Report(set.Warnings) {
				logger.Printf("zotero library: warning: %s", line)
			}
		}
		last, seen = stamp, true
	}
	check()
	logger.Printf("watching the zotero library %s (every %s)", path, zoteroPoll)
	tick := time.NewTicker(zoteroPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			check()
		}
	}
}

// importCounts says what an import changed and what its readers skipped
// (ws), in the words of `loci import`'s summary line; the daemon logs the
// same words. A paper-skipped figure is given only when there is one.
func importCounts(res storage.ImportResult, ws []deck.Warning) string {
	cardsSkipped, papersSkipped := deck.SkippedCount(ws)
	var b strings.Builder
	fmt.Fprintf(&b, "cards %d added, %d updated, %d unchanged, %d skipped", res.Added, res.Updated, res.Unchanged, cardsSkipped)
	if res.Suspended > 0 {
		fmt.Fprintf(&b, ", %d suspended as gone from their source", res.Suspended)
	}
	fmt.Fprintf(&b, "; papers %d added, %d updated", res.PapersAdded, res.PapersUpdated)
	if papersSkipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", papersSkipped)
	}
	fmt.Fprintf(&b, "; reviews %d added, %d skipped", res.ReviewsAdded, res.ReviewsSkipped)
	return b.String()
}

// zoteroLibrary is the configured library, "" for none.
func (e *env) zoteroLibrary() string { return strings.TrimSpace(e.cfg.Zotero.Library) }
