package folder

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/storage"
)

var t0 = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

type fixture struct {
	t    *testing.T
	db   *storage.DB
	root string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "loci.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &fixture{t: t, db: db, root: t.TempDir()}
}

// write writes a file of the folder with a modification time well before
// the next sync, so that its stat alone is trusted afterwards.
func (f *fixture) write(name, text string) {
	f.t.Helper()
	p := filepath.Join(f.root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
	mt := time.Now().Add(-time.Hour)
	os.Chtimes(p, mt, mt)
}

func (f *fixture) sync() Report {
	f.t.Helper()
	rep, err := Sync(context.Background(), f.db, f.root, t0)
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func (f *fixture) card(id string) *deck.Card {
	f.t.Helper()
	c, err := f.db.Card(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// answer gives card id one answer, so its history can be followed.
func (f *fixture) answer(id string) {
	f.t.Helper()
	c := f.card(id)
	_, err := f.db.Answer(context.Background(), c.Key, t0, deck.Good, 0, time.Time{}, func(cur deck.Card) (deck.Schedule, error) {
		s := cur.Schedule
		s.State, s.Reps = deck.StateLearning, s.Reps+1
		return s, nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

const animals = "---\ndeck: Mine::French\n---\nQ: chien\nA: dog\nid: chien\n\nQ: chat\nA: cat\nid: chat\n"

func TestSyncLifecycle(t *testing.T) {
	f := newFixture(t)
	f.write("fr/animals.md", animals)
	f.write("README.md", "# not cards\n")
	f.write(".git/x.md", "not cards either\n")
	rep := f.sync()
	if rep.Files != 1 || rep.Parsed != 1 || rep.Cards.Added != 2 || len(rep.Problems) != 0 {
		t.Fatalf("first sync: %+v", rep)
	}
	f.answer("chien")

	// Nothing changed: nothing read.
	if rep = f.sync(); !rep.Unchanged || rep.Read != 0 {
		t.Errorf("second sync: %+v, want nothing read", rep)
	}

	// The same content with a new time is read but not parsed.
	f.write("fr/animals.md", animals)
	if rep = f.sync(); rep.Read != 1 || rep.Parsed != 0 || rep.Cards.Added+rep.Cards.Updated != 0 {
		t.Errorf("touched file: %+v, want read, not parsed", rep)
	}

	// A changed answer keeps the history; a removed card is retired.
	f.write("fr/animals.md", "---\ndeck: Mine::French\n---\nQ: chien\nA: a dog\nid: chien\n")
	rep = f.sync()
	if rep.Cards.Updated != 1 || rep.Cards.Suspended != 1 {
		t.Errorf("edit and removal: %+v", rep.Cards)
	}
	if c := f.card("chien"); c.Back != "a dog" || c.Schedule.Reps != 1 {
		t.Errorf("chien after the edit: back %q, reps %d", c.Back, c.Schedule.Reps)
	}
	if c := f.card("chat"); !c.Suspended {
		t.Errorf("chat is not retired")
	}

	// A file that does not parse is reported and leaves its cards alone.
	f.write("fr/animals.md", "---\ndeck: Mine::French\n---\nQ: chien\nid: chien\n")
	rep = f.sync()
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Error(), "fr/animals.md:4: A: the card has no answer") {
		t.Fatalf("broken file: %+v", rep.Problems)
	}
	if c := f.card("chien"); c.Back != "a dog" || c.Suspended {
		t.Errorf("a broken file changed chien: %+v", c)
	}
	// ... and is tried again next time.
	if rep = f.sync(); len(rep.Problems) != 1 {
		t.Errorf("the broken file was not tried again: %+v", rep)
	}

	// The card moves to another file with its history; chat comes back.
	f.write("fr/animals.md", "---\ndeck: Mine::French\n---\nQ: chat\nA: cat\nid: chat\n")
	f.write("fr/dogs.md", "---\ndeck: Mine::French\n---\nQ: chien\nA: a dog\nid: chien\n")
	rep = f.sync()
	if len(rep.Problems) != 0 {
		t.Fatal(rep.Problems)
	}
	if c := f.card("chat"); c.Suspended {
		t.Errorf("chat did not come back")
	}
	if c := f.card("chien"); c.Suspended || c.Schedule.Reps != 1 {
		t.Errorf("chien after the move: suspended %v, reps %d", c.Suspended, c.Schedule.Reps)
	}
	if o, _ := f.db.CardOrigin(context.Background(), "chien"); o != storage.FolderOrigin(filepath.Join(f.root, "fr/dogs.md")) {
		t.Errorf("chien's origin = %q", o)
	}

	// A card in two files: the newly changed file is left as it was.
	f.write("more.md", "---\ndeck: Mine\n---\nQ: chien?\nA: dog, again\nid: chien\n\nQ: new\nA: card\nid: new\n")
	rep = f.sync()
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Error(), `more.md:4: card "chien" is also in`) {
		t.Fatalf("duplicate: %v", rep.Problems)
	}
	if f.card("new") != nil || f.card("chien").Back != "a dog" {
		t.Errorf("the conflicting file was brought in")
	}

	// A removed file retires its cards.
	os.Remove(filepath.Join(f.root, "more.md"))
	os.Remove(filepath.Join(f.root, "fr/dogs.md"))
	rep = f.sync()
	if rep.Removed != 1 || rep.Cards.Suspended != 1 || !f.card("chien").Suspended {
		t.Errorf("removed file: %+v", rep)
	}
}

func TestMissingFolderChangesNothing(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", animals)
	f.sync()
	os.RemoveAll(f.root)
	rep := f.sync()
	if !rep.NoFolder || f.card("chien").Suspended {
		t.Errorf("missing folder: %+v; chien suspended %v", rep, f.card("chien").Suspended)
	}
}
