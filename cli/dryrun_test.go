package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A dry-run import changes nothing on disk: it neither creates a missing
// database nor migrates (or backs up) an older one, and still reports what
// it would do.
func TestImportDryRunWritesNothing(t *testing.T) {
	v1, err := os.ReadFile(filepath.Join("..", "storage", "testdata", "schema-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		old  []byte // the database file before, nil for none
	}{
		{"missing database", nil},
		{"older schema", v1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
			t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
			t.Setenv("LOCI_NOW", "2026-11-28T09:00:00Z")
			db := filepath.Join(dir, "loci.db")
			if tc.old != nil {
				os.WriteFile(db, tc.old, 0o600)
			}
			cards := filepath.Join(dir, "cards.md")
			os.WriteFile(cards, []byte("---\ndeck: Dry\n---\nQ: One?\nA: 1\n\nQ: Two?\nA: 2\n"), 0o600)
			var out, errOut bytes.Buffer
			code := Main(context.Background(), []string{"--db", db, "import", "--dry-run", cards}, nil, &out, &errOut)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if !strings.Contains(out.String(), "cards 2 added") {
				t.Errorf("report = %q, want 2 cards added", out.String())
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			want := "cards.md"
			if tc.old != nil {
				want = "cards.md loci.db"
			}
			if got := strings.Join(names, " "); got != want {
				t.Errorf("folder holds %q after the dry run, want %q", got, want)
			}
			if tc.old != nil {
				if now, _ := os.ReadFile(db); !bytes.Equal(now, tc.old) {
					t.Errorf("the older database was changed")
				}
			}
		})
	}
}
