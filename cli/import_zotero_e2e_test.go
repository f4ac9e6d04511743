package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"loci/deck"
	"loci/storage/zotero/fixture"
)

// zoteroLibrary writes a small Zotero library at path: two papers in
// nested collections, one with two highlights and a note with a card.
// later adds what a learner does next in Zotero: a third highlight, and a
// changed comment that turns the first highlight into a question (a card
// of another kind, so the cloze it made before is suspended).
func zoteroLibrary(t *testing.T, path string, opt fixture.Options, later bool) {
	t.Helper()
	os.Remove(path)
	l, err := fixture.Create(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	align := l.Collection("Alignment", "COLL0001", 0)
	interp := l.Collection("Interpretability", "COLL0002", align)
	a := l.Item("journalArticle", "ITEMAAAA", map[string]string{"title": "Zoom In: An Introduction to Circuits", "date": "2020-03-10",
		"publicationTitle": "Distill", "DOI": "10.23915/distill.00024.001"})
	l.Creator(a, 0, "author", "Chris", "Olah", false)
	l.File(interp, a)
	b := l.Item("preprint", "ITEMBBBB", map[string]string{"title": "Attention Is All You Need", "archiveID": "arXiv:1706.03762", "date": "2017"})
	l.Tag(b, "read")
	l.File(align, b)
	if !opt.Zotero5 {
		pdf := l.Attachment(a, "PDFAAAAA")
		first := "features"
		if later {
			first = "What are features?"
		}
		l.Annotation(pdf, "ANNO0001", fixture.Highlight, "Features are the fundamental unit of neural networks.", first, "2")
		l.Annotation(pdf, "ANNO0002", fixture.Highlight, "Circuits are computational subgraphs of a neural network.", "", "3")
		if later {
			l.Annotation(pdf, "ANNO0003", fixture.Highlight, "Universality: analogous features form across models.", "Universality", "5")
		}
	}
	l.Note(a, "NOTEAAAA", "<p>My thoughts</p><p>Q: What do circuits connect?</p><p>A: Features, through weights</p>")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

// homeRunner runs the binary with dir as its home, data and config
// directories, and the extra environment.
func homeRunner(t *testing.T, dir string, extra ...string) *runner {
	return &runner{t: t, bin: binary(t), env: append([]string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}, extra...)}
}

// TestImportZotero imports a Zotero library through the binary while a
// "Zotero" holds its exclusive lock, imports it again unchanged and after
// new highlights, and checks the refusals.
func TestImportZotero(t *testing.T) {
	t.Parallel() // a process-level test: it runs beside the others
	dir := t.TempDir()
	lib := filepath.Join(dir, "Zotero", "zotero.sqlite")
	os.MkdirAll(filepath.Dir(lib), 0o755)
	zoteroLibrary(t, lib, fixture.Options{}, false)
	r := homeRunner(t, dir, "LOCI_DB="+filepath.Join(dir, "loci.db"))
	const now = "2026-12-01T10:00:00Z"
	release, err := fixture.Lock(lib)
	if err != nil {
		t.Fatal(err)
	}
	defer release()

	if out := r.run(now, "import", "--dry-run", lib); !strings.Contains(out, "would import: cards 3 added, 0 updated, 0 unchanged, 0 skipped; papers 2 added") {
		t.Errorf("dry run:\n%s", out)
	}
	if out := r.run(now, "papers", "--json"); strings.Contains(out, "zotero-ITEMAAAA") {
		t.Errorf("the dry run wrote a paper:\n%s", out)
	}
	if out := r.run(now, "import", lib); !strings.Contains(out, "imported: cards 3 added, 0 updated, 0 unchanged, 0 skipped; papers 2 added, 0 updated") {
		t.Errorf("import:\n%s", out)
	}
	var papers []paperJSON
	if err := json.Unmarshal([]byte(r.run(now, "papers", "--json")), &papers); err != nil {
		t.Fatal(err)
	}
	found := map[string]paperJSON{}
	for _, p := range papers {
		found[p.Key] = p
	}
	if p := found["zotero-ITEMAAAA"]; p.Title != "Zoom In: An Introduction to Circuits" || p.Authors != "Chris Olah" || p.Year != 2020 || p.Cards != 3 ||
		p.Stage != deck.Read || strings.Join(p.Collections, ",") != "Alignment/Interpretability" { // read: it has highlights
		t.Errorf("paper zotero-ITEMAAAA: %+v", p)
	}
	if p := found["zotero-ITEMBBBB"]; p.Title != "Attention Is All You Need" || p.Year != 2017 || p.Stage != deck.Read || strings.Join(p.Tags, ",") != "read" {
		t.Errorf("paper zotero-ITEMBBBB: %+v", p)
	}
	if out := r.run(now, "decks"); !strings.Contains(out, "Papers::Alignment::Interpretability") {
		t.Errorf("decks:\n%s", out)
	}

	if out := r.run(now, "import", lib); !strings.Contains(out, "imported: cards 0 added, 0 updated, 3 unchanged, 0 skipped; papers 0 added, 0 updated") {
		t.Errorf("the same library again:\n%s", out)
	}
	release()
	zoteroLibrary(t, lib, fixture.Options{}, true)
	if out := r.run(now, "import", lib); !strings.Contains(out, "imported: cards 2 added, 0 updated, 2 unchanged, 0 skipped, 1 suspended as gone from their source; papers 0 added, 0 updated") {
		t.Errorf("after a new highlight and a changed comment:\n%s", out)
	}

	junk := filepath.Join(dir, "notes.sqlite")
	os.WriteFile(junk, []byte("not a database at all, just words in a file"), 0o644)
	if out, code := r.runFail(now, "import", junk); code != 1 || out != "loci: error: "+junk+": not a Zotero library (not a SQLite database)\n" {
		t.Errorf("exit %d, output %q", code, out)
	}
	if out, code := r.runFail(now, "import", "--collection", "Nope", lib); code != 1 ||
		!strings.Contains(out, `zotero.sqlite: no collection "Nope"; the library has "Alignment", "Alignment/Interpretability"`) {
		t.Errorf("unknown collection: exit %d\n%s", code, out)
	}
	md := filepath.Join(dir, "a.md")
	os.WriteFile(md, []byte("---\ndeck: Mine\n---\nQ: q?\nA: a\n"), 0o644)
	if out, code := r.runFail(now, "import", "--collection", "Alignment", md); code != 2 || !strings.Contains(out, "--collection picks a collection of a Zotero library") {
		t.Errorf("--collection without a library: exit %d\n%s", code, out)
	}
	if out := r.run(now, "import", "--dry-run", "--collection", "interpretability", lib); !strings.Contains(out, "cards 0 added, 0 updated, 4 unchanged, 0 skipped; papers 0 added, 0 updated") {
		t.Errorf("--collection interpretability:\n%s", out)
	}
}

// TestImportZotero5 imports a library from before Zotero 6: its papers
// come in and a warning says highlights need Zotero 6.
func TestImportZotero5(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lib := filepath.Join(dir, "zotero.sqlite")
	zoteroLibrary(t, lib, fixture.Options{Zotero5: true}, false)
	r := homeRunner(t, dir, "LOCI_DB="+filepath.Join(dir, "loci.db"))
	cmd := exec.Command(r.bin, "import", lib)
	cmd.Env = append(r.env, "LOCI_NOW=2026-12-01T10:00:00Z")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(string(out), "cards 1 added, 0 updated, 0 unchanged, 0 skipped; papers 2 added") {
		t.Errorf("import:\n%s", out)
	}
	if want := "warning: " + lib + ": 1 highlights need Zotero 6 or later: papers imported without them: no itemAnnotations table"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr.String(), want)
	}
}
