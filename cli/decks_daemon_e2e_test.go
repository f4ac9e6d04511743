package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDaemonWatchesDecksFolder: the daemon syncs the decks folder at start
// and again when a file in it is saved, and reports a file that does not
// parse with its file and line.
func TestDaemonWatchesDecksFolder(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	decks := filepath.Join(dir, "decks")
	if err := os.MkdirAll(decks, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(decks, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\ndeck: Mine\n---\nQ: one?\nA: 1\nid: one\n")
	r := &runner{t: t, bin: binary(t), env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	const now = "2026-11-28T10:00:00Z"
	r.configure([][2]string{{"nudge.daily", ""}, {"nudge.evening", ""}, {"nudge.weekly", ""}, {"notifier", "bell"}, {"decks_dir", decks}}...)
	d := startDaemon(t, r, "--db", db)
	eventually(t, "the first sync", func() bool { return strings.Contains(d.stderr.String(), "watching the decks folder") }, d.stderr.String)
	if !strings.Contains(d.stderr.String(), "1 cards added") {
		t.Fatalf("the first sync did not add the card:\n%s", d.stderr.String())
	}

	write("b.md", "---\ndeck: Mine\n---\nQ: two?\nA: 2\nid: two\n")
	// (a.md, written just before the first sync, is read again but not
	// parsed: its time was too close to that sync's to be trusted.)
	eventually(t, "the sync of b.md", func() bool { return strings.Count(d.stderr.String(), " files read, 1 cards added") == 2 },
		d.stderr.String)
	if out := r.run(now, "--db", db, "decks"); !strings.Contains(out, "\nMine      ") || !strings.HasSuffix(out, " 2\n") {
		t.Errorf("loci decks after the watch:\n%s", out)
	}

	write("b.md", "---\ndeck: Mine\n---\nQ: two?\n")
	eventually(t, "the report of the broken b.md", func() bool {
		return strings.Contains(d.stderr.String(), "decks folder: b.md:4: A: the card has no answer")
	}, d.stderr.String)
	if code := d.stop(t); code != 0 {
		t.Fatalf("daemon exit %d\n%s", code, d.stderr.String())
	}
}
