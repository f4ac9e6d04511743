package anki

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestUnicaseCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"Spanish", "spanish", 0},
		{"ÉCOLE", "école", 0},
		{"Straße", "STRASSE", 0}, // full case folding, as the unicase crate
		{"a", "B", -1},
		{"b", "A", 1},
	} {
		if got := unicaseCompare(tc.a, tc.b); got != tc.want {
			t.Errorf("unicaseCompare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// The collation is registered on the read-only connection: a comparison on
// a COLLATE unicase column of a schema-18 collection ignores case.
func TestUnicaseCollationInQueries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.sqlite")
	if err := os.WriteFile(path, buildSchema18(t, sampleFixture()), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := openCollection(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow("SELECT id FROM decks WHERE name = ?", "LANG\x1fspanish").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != spanishDeck {
		t.Errorf("deck id %d, want %d", id, spanishDeck)
	}
	if _, err := db.Exec("CREATE TABLE x (a)"); err == nil {
		t.Error("the collection was opened writable")
	}
}
