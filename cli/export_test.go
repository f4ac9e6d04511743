package cli

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lociTo runs the command in-process with its own database and folders,
// writing its standard output to stdout, and returns its exit status and
// standard error.
func lociTo(t *testing.T, dir string, stdout io.Writer, args ...string) (int, string) {
	t.Helper()
	t.Setenv("LOCI_DB", filepath.Join(dir, "loci.db"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("LOCI_NOW", "2026-11-28T09:00:00Z")
	var errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), stdout, &errOut)
	return code, errOut.String()
}

// exportFixture is a database in dir holding the built-in deck and a deck
// "Test" of two cards.
func exportFixture(t *testing.T) string {
	dir := t.TempDir()
	cards := filepath.Join(dir, "test.md")
	err := os.WriteFile(cards, []byte("---\ndeck: Test\n---\n\nQ: One?\nA: One.\n\nC: {{c1::Two}} and {{c2::three}}.\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if code, stderr := lociTo(t, dir, io.Discard, "import", cards); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	return dir
}

// TestExportFilesArePrivate checks that exports are created readable by
// the learner only (folders 0700, files 0600), also over an older export
// with wider modes, like the database and the backups.
func TestExportFilesArePrivate(t *testing.T) {
	dir := exportFixture(t)
	old := filepath.Join(dir, "md")
	if err := os.Mkdir(old, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(old, "Test.md") // from an older export
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.csv"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		path     string
		wantMode fs.FileMode
	}{
		{"new folder", []string{"export", "--format", "md", "-o", filepath.Join(dir, "new")}, "new", fs.ModeDir | 0o700},
		{"file in a new folder", []string{"export", "--format", "md", "-o", filepath.Join(dir, "new2")}, "new2/Test.md", 0o600},
		{"file over a wider one", []string{"export", "--format", "md", "--force", "-o", old}, "md/Test.md", 0o600},
		{"new csv", []string{"export", "--format", "csv", "-o", filepath.Join(dir, "new.csv")}, "new.csv", 0o600},
		{"csv over a wider one", []string{"export", "--format", "csv", "-o", filepath.Join(dir, "old.csv")}, "old.csv", 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, stderr := lociTo(t, dir, io.Discard, tt.args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			st, err := os.Stat(filepath.Join(dir, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode() != tt.wantMode {
				t.Errorf("%s has mode %v, want %v", tt.path, st.Mode(), tt.wantMode)
			}
		})
	}
}

// TestExportReportsWriteErrors checks that an export the disk refuses
// fails with the reason instead of reporting success, to a file and to
// standard output.
func TestExportReportsWriteErrors(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system")
	}
	defer full.Close()
	dir := exportFixture(t)
	for _, args := range [][]string{
		{"export", "--format", "csv", "-o", "/dev/full"},
		{"export", "--format", "csv"},
		{"export", "--format", "md", "--deck", "Test", "-o", "-"},
	} {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			code, stderr := lociTo(t, dir, full, args...)
			if code == 0 || !strings.Contains(stderr, "no space left") {
				t.Errorf("exit %d, stderr %q; want a failure naming the full disk", code, stderr)
			}
		})
	}
}
