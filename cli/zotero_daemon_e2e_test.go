package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loci/storage/zotero/fixture"
)

// TestDaemonImportsZotero: with zotero.library set, the daemon imports the
// library at start, again when Zotero changes it (a new highlight, a
// comment that makes another kind of card), and logs what changed.
func TestDaemonImportsZotero(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	lib := filepath.Join(dir, "Zotero", "zotero.sqlite")
	os.MkdirAll(filepath.Dir(lib), 0o755)
	zoteroLibrary(t, lib, fixture.Options{WAL: true}, false)
	r := homeRunner(t, dir)
	const now = "2026-12-01T10:00:00Z"
	for _, kv := range [][2]string{{"nudge.daily", ""}, {"nudge.evening", ""}, {"nudge.weekly", ""}, {"notifier", "bell"}, {"zotero.library", lib}} {
		r.run(now, "config", "set", kv[0], kv[1])
	}
	d := startDaemon(t, r, "--db", db)
	eventually(t, "the first import", func() bool { return strings.Contains(d.stderr.String(), "watching the zotero library") }, d.stderr.String)
	if want := "zotero library " + lib + ": 2 papers, 2 highlight cards, 1 card from notes; cards 3 added, 0 updated, 0 unchanged, 0 skipped; papers 2 added, 0 updated; reviews 0 added, 0 skipped"; !strings.Contains(d.stderr.String(), want) {
		t.Fatalf("the first import:\n%s\nwant %q", d.stderr.String(), want)
	}

	zoteroLibrary(t, lib, fixture.Options{WAL: true}, true)
	eventually(t, "the import of the changed library", func() bool {
		return strings.Contains(d.stderr.String(), "cards 2 added, 0 updated, 2 unchanged, 0 skipped, 1 suspended as gone from their source; papers 0 added, 0 updated")
	}, d.stderr.String)
	if n := strings.Count(d.stderr.String(), "papers 2 added"); n != 1 {
		t.Errorf("the papers were added %d times, want once\n%s", n, d.stderr.String())
	}
	if out := r.run(now, "--db", db, "decks"); !strings.Contains(out, "Papers::Alignment::Interpretability") {
		t.Errorf("loci decks after the daemon's imports:\n%s", out)
	}

	os.Remove(lib)
	eventually(t, "the report of the missing library", func() bool {
		return strings.Contains(d.stderr.String(), "zotero library: stat "+lib+": no such file or directory; its cards are left as they were")
	}, d.stderr.String)
	if code := d.stop(t); code != 0 {
		t.Fatalf("daemon exit %d\n%s", code, d.stderr.String())
	}
}
