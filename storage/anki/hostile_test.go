package anki

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// replaceEntry swaps (or, with a new name, adds) one entry of a layout.
func replaceEntry(entries []zipEntry, e zipEntry) []zipEntry {
	for i := range entries {
		if entries[i].name == e.name {
			entries[i] = e
			return entries
		}
	}
	return append(entries, e)
}

func dropEntry(entries []zipEntry, name string) []zipEntry {
	var out []zipEntry
	for _, e := range entries {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

// Each case builds a package that must be refused; the error must name the
// place and say what to do.
func TestHostilePackages(t *testing.T) {
	bigField := sampleFixture()
	bigField.notes[0].flds = "0123456789abcdefghij\x1fshort"
	badUTF8 := sampleFixture()
	badUTF8.notes[1].flds = "fine {{c1::x}} {{c2::y}}\x1fbad \xff\xfe byte"
	badGUID := sampleFixture()
	badGUID.notes[0].guid = "has space"
	badMedia := sampleFixture()
	badMedia.media[1].name = "../../.bashrc"
	slashMedia := sampleFixture()
	slashMedia.media[0].name = "sub/dog.png"
	zeros := make([]byte, 8<<20)

	cases := []struct {
		name    string
		entries func(t *testing.T) []zipEntry
		opt     Options
		want    []string // substrings of the error
	}{
		{"parent dir entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "../evil", data: []byte("x")})
		}, Options{}, []string{`entry "../evil"`, `escapes its folder`, "not written by Anki"}},
		{"nested parent dir entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLegacy2), zipEntry{name: "media/../../x", data: []byte("x")})
		}, Options{}, []string{`entry "media/../../x"`, `escapes`}},
		{"absolute entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "/etc/passwd", data: []byte("x")})
		}, Options{}, []string{`entry "/etc/passwd"`, "absolute path"}},
		{"drive letter entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "C:evil", data: []byte("x")})
		}, Options{}, []string{`entry "C:evil"`, "absolute path"}},
		{"backslash entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: `..\evil`, data: []byte("x")})
		}, Options{}, []string{`backslash`}},
		{"duplicate entry", func(t *testing.T) []zipEntry {
			return append(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "meta", data: metaBytes(3)})
		}, Options{}, []string{`entry "meta"`, "appears twice"}},
		{"deflate bomb", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLegacy2), zipEntry{name: "collection.anki21", data: zeros, deflate: true})
		}, Options{MaxUncompressed: 1 << 20}, []string{`entry "collection.anki21"`, "uncompressed-size limit", "1048576 bytes", "zip bomb"}},
		{"zstd bomb", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "collection.anki21b", data: zstdBytes(t, zeros)})
		}, Options{MaxUncompressed: 1 << 20}, []string{`entry "collection.anki21b"`, "uncompressed-size limit"}},
		{"media bomb", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "1", data: zstdBytes(t, zeros)})
		}, Options{MaxUncompressed: 2 << 20}, []string{`entry "1"`, "uncompressed-size limit"}},
		{"not sqlite", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLegacy2), zipEntry{name: "collection.anki21", data: []byte("SQLite format 2\x00 but not really")})
		}, Options{}, []string{`entry "collection.anki21"`, "not a SQLite database", "export it again"}},
		{"not zstd", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "collection.anki21b", data: buildSchema18(t, sampleFixture())})
		}, Options{}, []string{`entry "collection.anki21b"`, "not valid zstd data"}},
		{"field too big", func(t *testing.T) []zipEntry {
			return packageEntries(t, bigField, layoutLatest)
		}, Options{MaxField: 10}, []string{`note 1600000000001`, `field "Front"`, "20 bytes, over the limit of 10 bytes", "shorten the field"}},
		{"invalid utf-8", func(t *testing.T) []zipEntry {
			return packageEntries(t, badUTF8, layoutLegacy2)
		}, Options{}, []string{`entry "collection.anki21"`, `note 1600000000002`, `field "Back Extra"`, "not valid UTF-8", "edit the note"}},
		{"bad guid", func(t *testing.T) []zipEntry {
			return packageEntries(t, badGUID, layoutLatest)
		}, Options{}, []string{`note 1600000000001`, `field "guid"`, "Check Database"}},
		{"media name escapes", func(t *testing.T) []zipEntry {
			return packageEntries(t, badMedia, layoutLegacy2Meta)
		}, Options{}, []string{`entry "media"`, `field "../../.bashrc"`, "path separator"}},
		{"media name has a folder", func(t *testing.T) []zipEntry {
			return packageEntries(t, slashMedia, layoutLatest)
		}, Options{}, []string{`field "sub/dog.png"`, "path separator"}},
		{"meta names a missing collection", func(t *testing.T) []zipEntry {
			return dropEntry(packageEntries(t, sampleFixture(), layoutLatest), "collection.anki21b")
		}, Options{}, []string{`entry "collection.anki21b"`, "collection is missing"}},
		{"meta too new", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "meta", data: metaBytes(4)})
		}, Options{}, []string{`entry "meta"`, "version 4 is newer", "Support older Anki versions"}},
		{"meta garbage", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLatest), zipEntry{name: "meta", data: []byte{0x0a, 0xff}})
		}, Options{}, []string{`entry "meta"`, "bad protobuf"}},
		{"no collection", func(t *testing.T) []zipEntry {
			return []zipEntry{{name: "notes.txt", data: []byte("hello")}}
		}, Options{}, []string{"no collection inside"}},
		{"media map garbage", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLegacy2), zipEntry{name: "media", data: []byte(`["a.png"]`)})
		}, Options{}, []string{`entry "media"`, "not a JSON object"}},
		{"cards is a view", func(t *testing.T) []zipEntry {
			db, path := newCollection(t, false)
			mustExec(t, db, strings.Replace(strings.Split(schemaCore, "CREATE INDEX")[0], "CREATE TABLE cards (", "CREATE TABLE real_cards (", 1)+
				"CREATE VIEW cards AS SELECT * FROM real_cards;")
			mustExec(t, db, `INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')`)
			return []zipEntry{{name: "collection.anki21", data: closeAndRead(t, db, path)}}
		}, Options{}, []string{"cards is a view, not a table"}},
		{"schema too new", func(t *testing.T) []zipEntry {
			db, path := newCollection(t, false)
			mustExec(t, db, schemaCore)
			mustExec(t, db, `INSERT INTO col VALUES (1, 0, 0, 0, 19, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')`)
			return []zipEntry{{name: "collection.anki21", data: closeAndRead(t, db, path)}}
		}, Options{}, []string{`field "col.ver"`, "schema 19"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeZip(t, tc.entries(t))
			stage, folder := newStage(t)
			tc.opt.Media = stage
			set, _, err := Read(context.Background(), path, tc.opt)
			stage.Discard()
			wantFiles(t, folder, nil)
			if err == nil {
				t.Fatalf("read %d cards, want an error", len(set.Cards))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") {
				t.Errorf("error %q does not start with the package path", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			var ae *Error
			if !errors.As(err, &ae) {
				t.Errorf("error is %T, want *anki.Error", err)
			}
		})
	}
}

func TestNotAZip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deck.apkg")
	if err := os.WriteFile(path, []byte("just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := Read(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "not a zip file") {
		t.Errorf("err = %v, want a not-a-zip error", err)
	}
}

// A package exactly at the limit is read; one byte less refuses it.
func TestBudgetBoundary(t *testing.T) {
	entries := packageEntries(t, sampleFixture(), layoutLegacy2)
	var total int64
	for _, e := range entries {
		if e.name != "collection.anki2" { // the stub is never read
			total += int64(len(e.data))
		}
	}
	path := writeZip(t, entries)
	stage, _ := newStage(t)
	if _, _, err := Read(context.Background(), path, Options{MaxUncompressed: total, Media: stage}); err != nil {
		t.Errorf("at the limit (%d bytes): %v", total, err)
	}
	_, _, err := Read(context.Background(), path, Options{MaxUncompressed: total - 1, Media: stage})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("one byte under the limit: err = %v, want ErrTooLarge", err)
	}
}

// Read leaves no temporary collection behind, whether it succeeds or fails.
func TestTempFilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	good := buildPackage(t, sampleFixture(), layoutLatest)
	bad := sampleFixture()
	bad.notes[0].flds = "\xff\x1fx"
	badPath := buildPackage(t, bad, layoutLatest)
	if _, _, err := Read(context.Background(), good, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Read(context.Background(), badPath, Options{}); err == nil {
		t.Fatal("want an error for invalid UTF-8")
	}
	left, err := filepath.Glob(filepath.Join(tmp, "loci-anki-*"))
	if err != nil || len(left) != 0 {
		t.Errorf("left behind: %v (%v)", left, err)
	}
}

// checkEntryName is the gate every zip entry passes.
func TestCheckEntryName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"meta", true}, {"collection.anki21b", true}, {"0", true}, {"dir/file", true}, {"a..b", true},
		{"", false}, {"..", false}, {"../x", false}, {"a/../../x", false}, {"/x", false},
		{`a\b`, false}, {"C:x", false}, {"a\x00b", false}, {"a\nb", false},
	} {
		if err := checkEntryName(tc.name); (err == nil) != tc.ok {
			t.Errorf("checkEntryName(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
