package media

import (
	"crypto/sha1"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func add(t *testing.T, s *Stage, name, content string) (string, bool) {
	t.Helper()
	m, err := s.Add(name, strings.NewReader(content))
	if err != nil {
		t.Fatalf("Add(%q): %v", name, err)
	}
	if m.Size != int64(len(content)) {
		t.Errorf("Add(%q): size %d, want %d", name, m.Size, len(content))
	}
	return m.Name, m.Path != ""
}

// list returns the folder's entries, name → content ("/" for a folder).
func list(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			out[e.Name()] = "/"
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

func hashed(name, content string) string { return HashedName(name, sha1.Sum([]byte(content))) }

func TestStageNames(t *testing.T) {
	for _, tc := range []struct {
		name     string
		existing map[string]string // files already in the media folder
		adds     [][2]string       // name, content
		want     []string          // the names given, in order
		staged   []bool            // whether each needed a new file
		after    map[string]string // the folder after Commit
	}{
		{"free names", nil, [][2]string{{"a.png", "A"}, {"b.mp3", "B"}}, []string{"a.png", "b.mp3"}, []bool{true, true},
			map[string]string{"a.png": "A", "b.mp3": "B"}},
		{"same bytes already there", map[string]string{"a.png": "A"}, [][2]string{{"a.png", "A"}}, []string{"a.png"}, []bool{false},
			map[string]string{"a.png": "A"}},
		{"other bytes already there", map[string]string{"a.png": "old"}, [][2]string{{"a.png", "new"}},
			[]string{hashed("a.png", "new")}, []bool{true},
			map[string]string{"a.png": "old", hashed("a.png", "new"): "new"}},
		{"two files of one name in one import", nil, [][2]string{{"a.png", "one"}, {"a.png", "two"}, {"a.png", "one"}},
			[]string{"a.png", hashed("a.png", "two"), "a.png"}, []bool{true, true, false},
			map[string]string{"a.png": "one", hashed("a.png", "two"): "two"}},
		{"renamed before, found again", map[string]string{"a.png": "old", hashed("a.png", "new"): "new"}, [][2]string{{"a.png", "new"}},
			[]string{hashed("a.png", "new")}, []bool{false},
			map[string]string{"a.png": "old", hashed("a.png", "new"): "new"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			folder := filepath.Join(t.TempDir(), "media")
			for name, content := range tc.existing {
				os.MkdirAll(folder, 0o700)
				if err := os.WriteFile(filepath.Join(folder, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			s := NewStage(folder)
			defer s.Discard()
			for i, a := range tc.adds {
				got, staged := add(t, s, a[0], a[1])
				if got != tc.want[i] || staged != tc.staged[i] {
					t.Errorf("add %d (%s): name %q staged %v, want %q %v", i, a[0], got, staged, tc.want[i], tc.staged[i])
				}
			}
			for name := range list(t, folder) {
				if _, ok := tc.existing[name]; !ok && !strings.HasPrefix(name, stagingPrefix) {
					t.Errorf("%s reached the media folder before Commit", name)
				}
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := list(t, folder); !equal(got, tc.after) {
				t.Errorf("folder after Commit = %q, want %q", got, tc.after)
			}
		})
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Discard leaves the media folder as it was: no staged file, no staging
// folder, and no media folder when the stage made it.
func TestDiscard(t *testing.T) {
	parent := t.TempDir()
	folder := filepath.Join(parent, "media")
	s := NewStage(folder)
	add(t, s, "a.png", "A")
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	if got := list(t, parent); len(got) != 0 {
		t.Errorf("after Discard the data folder holds %q, want nothing", got)
	}
	s.Discard() // twice is fine

	os.MkdirAll(folder, 0o700)
	os.WriteFile(filepath.Join(folder, "keep.png"), []byte("K"), 0o600)
	s = NewStage(folder)
	add(t, s, "b.png", "B")
	s.Discard()
	if got := list(t, folder); !equal(got, map[string]string{"keep.png": "K"}) {
		t.Errorf("after Discard the media folder holds %q, want only keep.png", got)
	}
}

// A dry run's stage names files against the media folder but stages
// elsewhere and never commits.
func TestDryStage(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "media")
	os.MkdirAll(folder, 0o700)
	os.WriteFile(filepath.Join(folder, "a.png"), []byte("old"), 0o600)
	s := NewDryStage(folder)
	if got, _ := add(t, s, "a.png", "new"); got != hashed("a.png", "new") {
		t.Errorf("dry run named a.png %q, want the hashed name", got)
	}
	if got := list(t, folder); !equal(got, map[string]string{"a.png": "old"}) {
		t.Errorf("dry run wrote into the media folder: %q", got)
	}
	if err := s.Commit(); err == nil {
		t.Error("Commit of a dry run's stage succeeded")
	}
	s.Discard()
}

// Commit never replaces a file that appeared under a staged name after it
// was chosen; the staged copy stays and the error says where.
func TestCommitNeverOverwrites(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "media")
	s := NewStage(folder)
	add(t, s, "a.png", "mine")
	os.WriteFile(filepath.Join(folder, "a.png"), []byte("theirs"), 0o600)
	err := s.Commit()
	if err == nil || !strings.Contains(err.Error(), `media file "a.png"`) || !strings.Contains(err.Error(), "appeared") {
		t.Fatalf("Commit = %v, want a refusal naming a.png", err)
	}
	if b, _ := os.ReadFile(filepath.Join(folder, "a.png")); string(b) != "theirs" {
		t.Errorf("a.png = %q, want the other program's file", b)
	}
	s.Discard()
	if b, err := os.ReadFile(filepath.Join(s.dir, "a.png")); err != nil || string(b) != "mine" {
		t.Errorf("staged copy = %q, %v; want it kept", b, err)
	}
}

// A failed read leaves no partial file behind, and the error is the
// reader's, wrapped.
func TestAddReadError(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "media")
	s := NewStage(folder)
	defer s.Discard()
	boom := errors.New("boom")
	_, err := s.Add("a.png", io.MultiReader(strings.NewReader("part"), errReader{boom}))
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := list(t, s.dir); len(got) != 0 {
		t.Errorf("staging folder holds %q after a failed read", got)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// A staging folder that a killed import left behind goes at the next
// import, once it is a day old; a fresh one (another import running) stays.
func TestStaleStagingRemoved(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "media")
	old, fresh := filepath.Join(folder, stagingPrefix+"old"), filepath.Join(folder, stagingPrefix+"fresh")
	for _, d := range []string{old, fresh} {
		os.MkdirAll(d, 0o700)
		os.WriteFile(filepath.Join(d, "x.png"), []byte("x"), 0o600)
	}
	long := time.Now().Add(-2 * staleAfter)
	os.Chtimes(old, long, long)
	s := NewStage(folder)
	defer s.Discard()
	add(t, s, "a.png", "A")
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale staging folder still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh staging folder removed: %v", err)
	}
}

func TestHashedName(t *testing.T) {
	h := sha1.Sum([]byte("x"))
	hex := "11f6ad8ec52a2984abaafd7c3b516503785c2072"
	long := strings.Repeat("é", 200) + ".png"
	for _, tc := range []struct{ in, want string }{
		{"dog.png", "dog-" + hex + ".png"},
		{"archive.tar.gz", "archive.tar-" + hex + ".gz"},
		{"README", "README-" + hex},
		{".hidden", ".hidden-" + hex},
	} {
		if got := HashedName(tc.in, h); got != tc.want {
			t.Errorf("HashedName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := HashedName(long, h)
	if len(got) > 255 || !utf8.ValidString(got) || !strings.HasSuffix(got, "-"+hex+".png") {
		t.Errorf("HashedName(long) = %q (%d bytes): want at most 255 bytes of UTF-8 ending in the hash", got, len(got))
	}
}

func TestAddRefusesPaths(t *testing.T) {
	s := NewStage(filepath.Join(t.TempDir(), "media"))
	defer s.Discard()
	for _, name := range []string{"", ".", "..", "a/b.png", `a\b.png`, stagingPrefix + "x"} {
		if _, err := s.Add(name, strings.NewReader("x")); err == nil {
			t.Errorf("Add(%q) succeeded", name)
		}
	}
}
