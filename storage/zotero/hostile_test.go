package zotero

import (
	"path/filepath"
	"strings"
	"testing"

	"loci/deck"
	"loci/storage/zotero/fixture"
)

// TestHostileLibrary: values over the limits, invalid UTF-8, malformed
// keys and a loop of parent collections are skipped or cleaned with
// warnings, and the rest of the library comes in.
func TestHostileLibrary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zotero.sqlite")
	l, err := fixture.Create(path, fixture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loopA := l.Collection("Loop A", "COLLLOPA", 2) // its parent is the next one, whose parent is this one
	l.Collection("Loop B", "COLLLOPB", loopA)
	good := l.Item("journalArticle", "GOOD0001", map[string]string{"title": "Bad \xff byte\x00 title", "abstractNote": strings.Repeat("x", 1<<20)})
	l.File(loopA, good)
	l.Creator(good, 0, "author", "Ann", strings.Repeat("L", MaxField+1), false)
	l.Creator(good, 1, "author", "Bob", "Brown", false)
	pdf := l.Attachment(good, "PDFG0001")
	l.Annotation(pdf, "ANNG0001", fixture.Highlight, strings.Repeat("long ", MaxField/5+1), "", "1")
	l.Annotation(pdf, "ANNG0002", fixture.Highlight, "A fine highlight.", "fine", "1")
	l.Annotation(pdf, "bad key!", fixture.Highlight, "Bad key highlight.", "", "1")
	l.Note(good, "NOTEBIG1", "<p>"+strings.Repeat("n", MaxNote)+"</p>")
	l.Item("journalArticle", "LONGTITL", map[string]string{"title": strings.Repeat("t", MaxField+1)})
	l.Item("journalArticle", "bad key", map[string]string{"title": "Malformed key"})
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	set, st := read(t, path, Options{})
	if st.Papers != 1 || st.Highlights != 1 || len(set.Cards) != 1 {
		t.Fatalf("stats %+v, %d cards; want the one good paper and its one good highlight", st, len(set.Cards))
	}
	p := set.Papers[0]
	if p.Title != "Bad \uFFFD byte title" || p.Authors != "Bob Brown" || len(p.Collections) != 0 {
		t.Errorf("paper %+v", p)
	}
	if c := set.Cards[0]; c.Deck != DefaultDeck || c.Front != "A {{c1::fine}} highlight." {
		t.Errorf("card %+v", c)
	}
	var got []string
	for _, w := range deck.Report(set.Warnings) {
		got = append(got, strings.TrimPrefix(w, path+": "))
	}
	want := []string{
		`1 items with a malformed key: skipped: item "bad key"`,
		`1 fields longer than 64 KiB: left out: item LONGTITL title`,
		`1 highlights longer than 64 KiB: skipped: annotation ANNG0001`,
		`1 highlights with a malformed key: skipped: on item GOOD0001`,
		`1 notes longer than 1 MiB: skipped: note NOTEBIG1`,
		`1 items without a title: skipped: item LONGTITL`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
