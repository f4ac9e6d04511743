package cardedit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

// memStore holds parsed cards and records the edits saved.
type memStore struct {
	cards  []deck.Card
	origin string
	saved  []saved
}

type saved struct {
	replaced []string
	cards    []deck.Card
	learner  bool
}

func (m *memStore) SourceCards(_ context.Context, id string) ([]deck.Card, error) {
	var out []deck.Card
	for _, c := range m.cards {
		if c.ID == id || SourceID(c) == strings.TrimSuffix(strings.TrimSuffix(id, "/r"), "/c1") {
			out = append(out, c)
		}
	}
	return out, nil
}

func (m *memStore) CardOrigin(context.Context, string) (string, error) { return m.origin, nil }

func (m *memStore) EditCards(_ context.Context, replaced []string, cards []deck.Card, learner bool, _ time.Time) error {
	m.saved = append(m.saved, saved{replaced, cards, learner})
	return nil
}

func parseCards(t *testing.T, text string) []deck.Card {
	t.Helper()
	f, err := deck.Parse("t.md", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f.Cards
}

// script is a Runner that applies one edit function per call and records
// what the editor was shown and at which line.
type script struct {
	edits []func(string) string
	shown []string
	lines []int
}

func (s *script) run(_ context.Context, path string, line int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s.shown, s.lines = append(s.shown, string(b)), append(s.lines, line)
	i := len(s.shown) - 1
	if i >= len(s.edits) {
		return nil // quit without saving
	}
	return os.WriteFile(path, []byte(s.edits[i](string(b))), 0o600)
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

func TestEditStored(t *testing.T) {
	const file = "---\ndeck: Words\n---\nQ: chien\nA: dog\nid: chien\nreverse: true\ntags: animals\n"
	tests := []struct {
		name    string
		edits   []func(string) string
		changed bool
		want    [][3]string // id, front, back of the saved cards
		err     string
	}{
		{"answer edited", []func(string) string{replace("A: dog", "A: hound")}, true,
			[][3]string{{"chien", "chien", "hound"}, {"chien/r", "hound", "chien"}}, ""},
		{"front edited keeps the id", []func(string) string{replace("Q: chien", "Q: le chien")}, true,
			[][3]string{{"chien", "le chien", "dog"}, {"chien/r", "dog", "le chien"}}, ""},
		{"reverse dropped", []func(string) string{replace("reverse: true\n", "")}, true,
			[][3]string{{"chien", "chien", "dog"}}, ""},
		{"left as it was", nil, false, nil, ""},
		{"emptied", []func(string) string{func(string) string { return "# nothing\n" }}, false, nil, ""},
		{"an error, then fixed", []func(string) string{replace("A: dog\n", ""), replace("Q: chien\n", "Q: chien\nA: dog!\n")}, true,
			[][3]string{{"chien", "chien", "dog!"}, {"chien/r", "dog!", "chien"}}, ""},
		{"an error, then quit", []func(string) string{replace("A: dog\n", "")}, false, nil, "the card was left as it was; what you wrote is kept in"},
		{"two cards", []func(string) string{func(s string) string { return s + "\nQ: chat\nA: cat\n" }}, false, nil, "the card was left as it was"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := &memStore{cards: parseCards(t, file), origin: "builtin"}
			sc := &script{edits: tc.edits}
			ed := &Editor{Store: st, Run: sc.run, Now: time.Now}
			res, err := ed.Edit(context.Background(), "chien/r")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				kept := strings.TrimSpace(err.Error()[strings.LastIndex(err.Error(), " "):])
				defer os.Remove(kept)
				if _, serr := os.Stat(kept); serr != nil {
					t.Errorf("the learner's text is not kept: %v", serr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if res.Changed != tc.changed || res.ID != "chien" {
				t.Errorf("result = %+v, want changed %v for chien", res, tc.changed)
			}
			if !strings.Contains(sc.shown[0], "# Edit card chien") || strings.Contains(sc.shown[0], "id: chien") {
				t.Errorf("the editor was shown:\n%s", sc.shown[0])
			}
			if l := strings.Split(sc.shown[0], "\n")[sc.lines[0]-1]; l != "Q: chien" {
				t.Errorf("the editor opens at line %d, %q; want the Q: line", sc.lines[0], l)
			}
			if tc.want == nil {
				if len(st.saved) != 0 {
					t.Errorf("saved %+v, want nothing", st.saved)
				}
				return
			}
			if len(st.saved) != 1 || !st.saved[0].learner || !reflect.DeepEqual(st.saved[0].replaced, []string{"chien", "chien/r"}) {
				t.Fatalf("saved %+v", st.saved)
			}
			var got [][3]string
			for _, c := range st.saved[0].cards {
				got = append(got, [3]string{c.ID, c.Front, c.Back})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("saved cards %q, want %q", got, tc.want)
			}
		})
	}
}

// TestEditErrorComment: the reopened editor shows the error at the top,
// pointing at the line of the card as the editor shows it.
func TestEditErrorComment(t *testing.T) {
	st := &memStore{cards: parseCards(t, "---\ndeck: D\n---\nQ: one\nA: 1\nid: one\n"), origin: "add"}
	sc := &script{edits: []func(string) string{replace("A: 1", "B: 1")}}
	ed := &Editor{Store: st, Run: sc.run, Now: time.Now}
	if _, err := ed.Edit(context.Background(), "one"); err == nil {
		t.Fatal("quitting after an error gave no error")
	}
	if len(sc.shown) != 2 {
		t.Fatalf("the editor ran %d times, want 2", len(sc.shown))
	}
	second := strings.Split(sc.shown[1], "\n")
	if !strings.HasPrefix(second[0], "# error: line ") || !strings.Contains(second[0], "has no answer") {
		t.Fatalf("first line of the reopened editor = %q", second[0])
	}
	var n int
	if _, err := fmt.Sscanf(second[0], "# error: line %d:", &n); err != nil || second[n-1] != "Q: one" {
		t.Errorf("the error names line %d (%q), want the Q: line; editor shows:\n%s", n, second[min(n, len(second))-1], sc.shown[1])
	}
}

func TestEditInFile(t *testing.T) {
	dir := t.TempDir()
	const text = "---\ndeck: Mine\n---\n# Animals\n\nQ: chien\nA: dog\n\nQ: chat\nA: cat\ntags: pets\n\nQ: oiseau\nA: bird\n"
	if err := os.MkdirAll(filepath.Join(dir, "fr"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "fr", "animals.md")
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
	cards := parseCards(t, text)
	chat := deck.HashID("chat")
	for _, tc := range []struct {
		name, want string
		edit       func(string) string
	}{
		{"answer", strings.Replace(text, "A: cat", "A: a cat", 1), replace("A: cat", "A: a cat")},
		{"front: the id is pinned", strings.Replace(text, "Q: chat\nA: cat\ntags: pets\n", "Q: le chat\nA: cat\ntags: pets\nid: "+chat+"\n", 1),
			replace("Q: chat", "Q: le chat")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
				t.Fatal(err)
			}
			st := &memStore{cards: cards, origin: "decks:" + path}
			var synced []string
			sc := &script{edits: []func(string) string{tc.edit}}
			ed := &Editor{Store: st, Run: sc.run, Now: time.Now, DecksDir: dir,
				SyncFolder: func(context.Context) error { synced = append(synced, "fr/animals.md"); return nil }}
			res, err := ed.Edit(context.Background(), chat)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Changed || res.File != "fr/animals.md" || res.Line != 9 {
				t.Errorf("result = %+v", res)
			}
			if got := strings.SplitN(sc.shown[0], "\n", 3)[2]; got != "Q: chat\nA: cat\ntags: pets\n" {
				t.Errorf("the editor shows the block %q", got)
			}
			b, _ := os.ReadFile(path)
			if string(b) != tc.want {
				t.Errorf("file now:\n%s\nwant:\n%s", b, tc.want)
			}
			if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want 0640", st.Mode().Perm())
			}
			if !reflect.DeepEqual(synced, []string{"fr/animals.md"}) || len(st.saved) != 0 {
				t.Errorf("synced %v, saved in the database %v; want the file synced only", synced, st.saved)
			}
		})
	}
}
