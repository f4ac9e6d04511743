package zotero

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"loci/deck"
	"loci/storage/zotero/fixture"
)

// sample writes the library most tests read: two papers in nested
// collections with highlights and a note, one read by tag, a book with an
// editor, a preprint, an untitled item, a trashed item, a group library.
func sample(t *testing.T, dir string, opt fixture.Options) string {
	t.Helper()
	path := filepath.Join(dir, "zotero.sqlite")
	l, err := fixture.Create(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	align := l.Collection("Alignment", "COLLAAAA", 0)
	interp := l.Collection("Interpretability", "COLLBBBB", align)
	other := l.Collection("Other", "COLLCCCC", 0)
	old := l.Collection("Old", "COLLDDDD", 0)
	l.TrashCollection(old)

	a := l.Item("journalArticle", "AAAA1111", map[string]string{"title": "Zoom In:  An Introduction to Circuits",
		"date": "2020-03-10 March 10, 2020", "publicationTitle": "Distill", "DOI": "https://doi.org/10.23915/distill.00024.001",
		"url": "https://distill.pub/2020/circuits/zoom-in"})
	l.Creator(a, 0, "author", "Chris", "Olah", false)
	l.Creator(a, 1, "author", "Nick", "Cammarata", false)
	l.Creator(a, 2, "contributor", "Some", "Helper", false)
	l.File(interp, a)
	l.File(old, a)
	l.Tag(a, "circuits")
	pdf := l.Attachment(a, "PDFA1111")
	if !opt.Zotero5 {
		l.Annotation(pdf, "ANNA0001", fixture.Highlight, "Features are the\nfundamental unit of neural networks.", "features", "2")
		l.Annotation(pdf, "ANNA0002", fixture.Underline, "Circuits are computational subgraphs.", "What are circuits?", "3")
		l.Annotation(pdf, "ANNA0003", fixture.Image, "", "a figure", "4")
		l.Annotation(pdf, "ANNA0004", fixture.Highlight, "", "empty highlight", "4")
		trashed := l.Annotation(pdf, "ANNA0005", fixture.Highlight, "Deleted highlight text here.", "", "5")
		l.Trash(trashed)
	}
	l.Note(a, "NOTEA001", `<div data-schema-version="9"><h1>My notes</h1><p>Q: What do circuits connect?</p><p>A: Features, through weights</p><p>Loose thought.</p><p>C: {{c1::Universality}} says similar features form across models.</p></div>`)
	l.Note(a, "NOTEA002", `<p>Q: broken card without an answer</p>`)

	b := l.Item("conferencePaper", "BBBB2222", map[string]string{"title": "Deep RL from Human Preferences",
		"date": "2017", "proceedingsTitle": "NeurIPS", "url": "https://arxiv.org/abs/1706.03741v4"})
	l.Creator(b, 0, "author", "Paul", "Christiano", false)
	l.Creator(b, 1, "author", "", "OpenAI", true)
	l.File(align, b)
	l.File(other, b)
	l.Tag(b, "Read")

	c := l.Item("book", "CCCC3333", map[string]string{"title": "Deep Learning", "date": "2016-11-18", "publisher": "MIT Press"})
	l.Creator(c, 0, "editor", "Ian", "Goodfellow", false)

	d := l.Item("preprint", "DDDD4444", map[string]string{"title": "Attention Is All You Need", "archiveID": "arXiv:1706.03762",
		"repository": "arXiv", "DOI": "10.48550/arXiv.1706.03762", "extra": "Some note"})
	l.Tag(d, "to-read")

	l.Item("journalArticle", "EEEE5555", map[string]string{"date": "2020"}) // no title
	gone := l.Item("journalArticle", "FFFF6666", map[string]string{"title": "Trashed paper"})
	l.Trash(gone)
	l.Note(0, "NOTESOLO", "<p>Q: standalone?</p><p>A: ignored</p>")

	l.Library("group")
	g := l.Item("report", "AAAA1111", map[string]string{"title": "A group report", "institution": "Some Lab", "extra": "DOI: 10.1000/xyz"})
	l.Creator(g, 0, "author", "Ann", "Lee", false)
	l.Library("feed")
	l.Item("journalArticle", "FEED0001", map[string]string{"title": "A feed item"})
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t *testing.T, path string, opt Options) (*deck.Set, Stats) {
	t.Helper()
	if opt.ReadTags == nil {
		opt.ReadTags = []string{"read", "done", "_read"}
	}
	set, st, err := Read(context.Background(), path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return set, st
}

func paperByKey(set *deck.Set) map[string]deck.Paper {
	m := map[string]deck.Paper{}
	for _, p := range set.Papers {
		m[p.Key] = p
	}
	return m
}

func TestReadPapers(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{})
	set, st := read(t, path, Options{})
	if st.Items != 6 || st.Papers != 5 || !st.Annotations || st.CitationKey != "" {
		t.Errorf("stats %+v, want 6 items, 5 papers, annotations, no citation keys", st)
	}
	got := paperByKey(set)
	want := map[string]deck.Paper{
		"zotero-AAAA1111": {Key: "zotero-AAAA1111", Title: "Zoom In: An Introduction to Circuits", Authors: "Chris Olah, Nick Cammarata",
			Year: 2020, Venue: "Distill", URL: "https://distill.pub/2020/circuits/zoom-in", DOI: "10.23915/distill.00024.001",
			Kind: "paper", Stage: deck.Read, Collections: []string{"Alignment/Interpretability"}, Tags: []string{"circuits"}, GroupsKnown: true, File: path},
		"zotero-BBBB2222": {Key: "zotero-BBBB2222", Title: "Deep RL from Human Preferences", Authors: "Paul Christiano, OpenAI",
			Year: 2017, Venue: "NeurIPS", URL: "https://arxiv.org/abs/1706.03741v4", ArXiv: "1706.03741",
			Kind: "paper", Stage: deck.Read, Collections: []string{"Alignment", "Other"}, Tags: []string{"Read"}, GroupsKnown: true, File: path},
		"zotero-CCCC3333": {Key: "zotero-CCCC3333", Title: "Deep Learning", Authors: "Ian Goodfellow", Year: 2016, Venue: "MIT Press",
			Kind: "reading", Stage: deck.Queued, GroupsKnown: true, File: path},
		"zotero-DDDD4444": {Key: "zotero-DDDD4444", Title: "Attention Is All You Need", Venue: "arXiv", DOI: "10.48550/arXiv.1706.03762",
			ArXiv: "1706.03762", Kind: "paper", Stage: deck.Queued, Tags: []string{"to-read"}, GroupsKnown: true, File: path},
		"zotero-2-AAAA1111": {Key: "zotero-2-AAAA1111", Title: "A group report", Authors: "Ann Lee", Venue: "Some Lab", DOI: "10.1000/xyz",
			Kind: "paper", Stage: deck.Queued, GroupsKnown: true, File: path},
	}
	if len(got) != len(want) {
		t.Errorf("papers %v, want %d", keysOf(got), len(want))
	}
	for k, w := range want {
		if g := got[k]; !reflect.DeepEqual(g, w) {
			t.Errorf("paper %s:\n got %+v\nwant %+v", k, g, w)
		}
	}
	wantWarn := []string{"items without a title: skipped (item EEEE5555)"}
	var warns []string
	for _, w := range set.Warnings {
		if w.Group != "notes whose cards break the card rules: skipped" {
			warns = append(warns, w.Group+" ("+w.Detail+")")
		}
	}
	if !reflect.DeepEqual(warns, wantWarn) {
		t.Errorf("warnings %q, want %q", warns, wantWarn)
	}
}

func keysOf(m map[string]deck.Paper) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReadCards(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{})
	set, st := read(t, path, Options{})
	if st.Highlights != 2 || st.NoteCards != 2 {
		t.Errorf("stats %+v, want 2 highlights and 2 note cards", st)
	}
	var got []string
	for _, c := range set.Cards {
		got = append(got, strings.Join([]string{c.ID, c.Deck, string(c.Kind), c.Front, c.Back, c.Source, c.Paper, strings.Join(c.Tags, ",")}, " | "))
	}
	const deckName = "Papers::Alignment::Interpretability"
	const title = "Zoom In: An Introduction to Circuits"
	want := []string{
		"zotero-ANNA0001/c1 | " + deckName + " | cloze | {{c1::Features}} are the fundamental unit of neural networks. |  | " + title + ", p. 2 | zotero-AAAA1111 | zotero,highlight",
		"zotero-ANNA0002 | " + deckName + " | basic | What are circuits? | Circuits are computational subgraphs. | " + title + ", p. 3 | zotero-AAAA1111 | zotero,highlight",
		"zotero-NOTEA001-" + deck.HashID("What do circuits connect?") + " | " + deckName + " | basic | What do circuits connect? | Features, through weights | " + title + " | zotero-AAAA1111 | zotero,note",
		"zotero-NOTEA001-" + deck.HashID("{{c1::Universality}} says similar features form across models.") + "/c1 | " + deckName +
			" | cloze | {{c1::Universality}} says similar features form across models. |  | " + title + " | zotero-AAAA1111 | zotero,note",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cards:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var noteWarn []string
	for _, w := range set.Warnings {
		if w.Group == "notes whose cards break the card rules: skipped" {
			noteWarn = append(noteWarn, w.Detail)
		}
	}
	if len(noteWarn) != 1 || !strings.Contains(noteWarn[0], "note NOTEA002:1: A: the card has no answer") {
		t.Errorf("note warnings %q", noteWarn)
	}
	// The set passes the checks every import makes.
	if _, err := deck.Combine(set, &deck.Set{}); err != nil {
		t.Fatal(err)
	}
}

func TestReadCollectionOption(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{})
	tests := []struct {
		collection string
		papers     []string
		err        string
	}{
		{"Alignment", []string{"zotero-AAAA1111", "zotero-BBBB2222"}, ""},
		{"alignment/interpretability", []string{"zotero-AAAA1111"}, ""},
		{"Interpretability", []string{"zotero-AAAA1111"}, ""},
		{"Other", []string{"zotero-BBBB2222"}, ""},
		{"Old", nil, `no collection "Old"; the library has "Alignment", "Alignment/Interpretability", "Other"`},
		{"Nope", nil, `zotero.sqlite: no collection "Nope"; the library has`},
	}
	for _, tt := range tests {
		t.Run(tt.collection, func(t *testing.T) {
			set, _, err := Read(context.Background(), path, Options{Collection: tt.collection})
			if tt.err != "" {
				var ce *CollectionError
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want a CollectionError with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range set.Papers {
				got = append(got, p.Key)
			}
			if !reflect.DeepEqual(got, tt.papers) {
				t.Errorf("papers %v, want %v", got, tt.papers)
			}
			for _, c := range set.Cards {
				if c.Paper != "zotero-AAAA1111" {
					t.Errorf("card %s of paper %s left in", c.ID, c.Paper)
				}
			}
		})
	}
}

func TestCollectionByName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zotero.sqlite")
	l, err := fixture.Create(path, fixture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := l.Collection("A", "COLL0002", 0)
	ra := l.Collection("Reading", "COLL0001", a)
	sub := l.Collection("Later", "COLL0005", ra)
	rb := l.Collection("Reading", "COLL0003", l.Collection("B", "COLL0004", 0))
	l.File(ra, l.Item("book", "ITEM0001", map[string]string{"title": "In A/Reading"}))
	l.File(sub, l.Item("book", "ITEM0002", map[string]string{"title": "In A/Reading/Later"}))
	l.File(rb, l.Item("book", "ITEM0003", map[string]string{"title": "In B/Reading"}))
	l.File(a, l.Item("book", "ITEM0004", map[string]string{"title": "In A"}))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for want, keys := range map[string]string{
		"reading":   "zotero-ITEM0001 zotero-ITEM0002 zotero-ITEM0003",
		"a/reading": "zotero-ITEM0001 zotero-ITEM0002",
		"Later":     "zotero-ITEM0002",
		"A":         "zotero-ITEM0001 zotero-ITEM0002 zotero-ITEM0004",
		"rea*":      "zotero-ITEM0001 zotero-ITEM0002 zotero-ITEM0003",
		"ding":      "",
	} {
		set, _, err := Read(context.Background(), path, Options{Collection: want})
		if keys == "" {
			if err == nil || !strings.Contains(err.Error(), `no collection "ding"; the library has "A", "A/Reading", "A/Reading/Later", "B", "B/Reading"`) {
				t.Errorf("%s: err = %v", want, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		var got []string
		for _, p := range set.Papers {
			got = append(got, p.Key)
		}
		if strings.Join(got, " ") != keys {
			t.Errorf("--collection %s: %v, want %s", want, got, keys)
		}
	}
}

func TestZotero5Library(t *testing.T) {
	path := sample(t, t.TempDir(), fixture.Options{Zotero5: true})
	set, st := read(t, path, Options{})
	if st.Annotations || st.Papers != 5 || st.Highlights != 0 || st.NoteCards != 2 {
		t.Errorf("stats %+v", st)
	}
	if p := paperByKey(set)["zotero-AAAA1111"]; p.Stage != deck.Queued {
		t.Errorf("stage %s without highlights or a read tag, want queued", p.Stage)
	}
	found := false
	for _, w := range set.Warnings {
		if w.Group == "highlights need Zotero 6 or later: papers imported without them" && w.File == path && !w.Skipped {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning that highlights need Zotero 6: %+v", set.Warnings)
	}
}

func TestNotALibrary(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.sqlite")
	os.WriteFile(text, []byte("just some text, long enough to pass a header check"), 0o644)
	other := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE items(x); CREATE VIEW itemData AS SELECT 1"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for path, want := range map[string]string{
		text:  text + ": not a Zotero library (not a SQLite database)",
		other: other + ": not a Zotero library (no itemData table)",
	} {
		_, _, err := Read(context.Background(), path, Options{})
		var nl *NotLibraryError
		if !errors.As(err, &nl) || err.Error() != want {
			t.Errorf("Read(%s) = %v, want %q", filepath.Base(path), err, want)
		}
	}
	if _, _, err := Read(context.Background(), filepath.Join(dir, "missing.sqlite"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestCitationKeys(t *testing.T) {
	stores := []struct {
		name, file, ddl, insert string
	}{
		{"citationkey table", "better-bibtex.sqlite", "CREATE TABLE citationkey (itemID NOT NULL, itemKey NOT NULL, libraryID NOT NULL, citationKey NOT NULL, pinned)",
			"INSERT INTO citationkey VALUES (1, 'AAAA1111', 1, 'olah2020zoom', 0), (9, 'AAAA1111', 2, 'lee2021group', 0), (2, 'BBBB2222', 1, 'olah2020zoom', 0), (3, 'CCCC3333', 1, 'bad key', 0)"},
		{"LokiJS store", "better-bibtex.sqlite", "CREATE TABLE `better-bibtex` (name TEXT PRIMARY KEY, data TEXT)",
			`INSERT INTO ` + "`better-bibtex`" + ` VALUES ('better-bibtex.citekey', '{"name":"citekey","data":[{"itemID":1,"itemKey":"AAAA1111","libraryID":1,"citekey":"olah2020zoom","$loki":1},{"itemID":9,"itemKey":"AAAA1111","libraryID":2,"citekey":"lee2021group"},{"itemID":2,"itemKey":"BBBB2222","libraryID":1,"citekey":"olah2020zoom"},{"itemID":3,"itemKey":"CCCC3333","libraryID":1,"citekey":"bad key"}]}')`},
		{"search store", "better-bibtex-search.sqlite", "CREATE TABLE citekeys (itemID, itemKey, libraryID, citekey)",
			"INSERT INTO citekeys VALUES (1, 'AAAA1111', 1, 'olah2020zoom'), (9, 'AAAA1111', 2, 'lee2021group'), (2, 'BBBB2222', 1, 'olah2020zoom'), (3, 'CCCC3333', 1, 'bad key')"},
	}
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			path := sample(t, dir, fixture.Options{})
			db, err := sql.Open("sqlite3", filepath.Join(dir, s.file))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(s.ddl + "; " + s.insert); err != nil {
				t.Fatal(err)
			}
			db.Close()
			set, st := read(t, path, Options{})
			if st.CitationKey != s.file {
				t.Errorf("keys from %q, want %s", st.CitationKey, s.file)
			}
			got := paperByKey(set)
			for _, k := range []string{"olah2020zoom", "lee2021group", "zotero-BBBB2222", "zotero-CCCC3333", "zotero-DDDD4444"} {
				if _, ok := got[k]; !ok {
					t.Errorf("no paper %s among %v", k, keysOf(got))
				}
			}
			if p := got["lee2021group"]; p.Title != "A group report" {
				t.Errorf("lee2021group is %q", p.Title)
			}
			for _, c := range set.Cards {
				if c.Paper != "olah2020zoom" {
					t.Errorf("card %s has paper %s, want the citation key", c.ID, c.Paper)
				}
			}
			var groups []string
			for _, w := range set.Warnings {
				groups = append(groups, w.Group)
			}
			for _, g := range []string{"citation keys used twice: the Zotero key is used", "citation keys that are not one word: the Zotero key is used"} {
				if !strings.Contains(strings.Join(groups, "\n"), g) {
					t.Errorf("no warning %q in %q", g, groups)
				}
			}
		})
	}
}
