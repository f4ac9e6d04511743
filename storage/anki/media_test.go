package anki

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"loci/deck"
	"loci/storage/media"
)

// newStage stages media for a media folder in a temporary directory; the
// stage is discarded when the test ends.
func newStage(t testing.TB) (*media.Stage, string) {
	t.Helper()
	folder := filepath.Join(t.TempDir(), "media")
	s := media.NewStage(folder)
	t.Cleanup(func() { s.Discard() })
	return s, folder
}

// wantFiles checks that the media folder holds exactly these files (name →
// content); nil or empty means no file at all (or no folder).
func wantFiles(t *testing.T, folder string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(folder)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(folder, e.Name()))
		if e.IsDir() {
			b = []byte("(folder)")
		}
		got[e.Name()] = string(b)
	}
	if len(got) != len(want) {
		t.Errorf("media folder holds %d files %q, want %d", len(got), keys(got), len(want))
	}
	for name, content := range want {
		if got[name] != content {
			t.Errorf("media folder: %s = %q, want %q", name, clip(got[name]), content)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Two packages with a different dog.png, imported one after the other:
// the second keeps its file under a name made from its bytes and its card
// shows that name; a third import of the first package changes nothing.
func TestMediaNameConflict(t *testing.T) {
	first := sampleFixture()
	second := sampleFixture()
	second.notes[0].guid = "other"
	second.notes[1].guid = "other2"
	second.media[0].data = []byte("\x89PNG another dog")
	folder := filepath.Join(t.TempDir(), "media")
	read := func(fx fixture, l layout) *deck.Set {
		t.Helper()
		stage := media.NewStage(folder)
		defer stage.Discard()
		set, _, err := Read(context.Background(), buildPackage(t, fx, l), Options{Media: stage})
		if err != nil {
			t.Fatal(err)
		}
		if err := stage.Commit(); err != nil {
			t.Fatal(err)
		}
		return set
	}
	read(first, layoutLatest)
	set := read(second, layoutLegacy2)
	hashed := "dog-" + sha1Hex("\x89PNG another dog") + ".png"
	if want := "dog\n(animal) [image: " + hashed + "]"; set.Cards[0].Back != want {
		t.Errorf("second package's card back = %q, want %q", set.Cards[0].Back, want)
	}
	if len(set.Media) != 2 || set.Media[0].Name != hashed || set.Media[1].Path != "" {
		t.Errorf("second package's media = %+v, want %s staged and madrid.mp3 already there", set.Media, hashed)
	}
	set = read(first, layoutLegacy1)
	if set.Cards[0].Back != "dog\n(animal) [image: dog.png]" {
		t.Errorf("first package read again: back = %q", set.Cards[0].Back)
	}
	wantFiles(t, folder, map[string]string{"dog.png": dogPNG, hashed: "\x89PNG another dog", "madrid.mp3": madridMP3})
}

// Only the media files cards refer to are read: a package listing a million
// files of which cards show two costs no more than one listing two.
func TestMediaMapStreams(t *testing.T) {
	for _, l := range []layout{layoutLatest, layoutLegacy2} {
		t.Run(string(l), func(t *testing.T) {
			const listed = 100_000
			path := bigMediaMapPackage(t, l, listed)
			var err error
			stage, _ := newStage(t)
			var set *deck.Set
			var st Stats
			peak := peakHeap(5, func() { set, st, err = Read(context.Background(), path, Options{Media: stage}) })
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Media) != 2 || st.Media != 2 {
				t.Errorf("media %+v, want the two files cards show", set.Media)
			}
			// Decoding the whole map at once, as loci did before, holds the
			// encoded map and every name: about 7 MB here. Streaming holds
			// nothing for the JSON map, and the zstd window (up to 8 MB in
			// these packages) for the protobuf one.
			limit := map[layout]uint64{layoutLegacy2: 2 << 20, layoutLatest: 12 << 20}[l]
			if peak > limit {
				t.Errorf("peak heap %d KB reading a map of %d names, want under %d KB", peak>>10, listed, limit>>10)
			}
		})
	}
}

// bigMediaMapPackage writes the sample package with a media map that lists
// listed files; only the first two, which the cards show, have entries.
func bigMediaMapPackage(t *testing.T, l layout, listed int) string {
	fx := sampleFixture()
	names := make([]fxMedia, 0, listed)
	names = append(names, fx.media...)
	for i := len(names); i < listed; i++ {
		names = append(names, fxMedia{name: "unused-" + strconv.Itoa(i) + ".png"})
	}
	var list zipEntry
	if l == layoutLatest {
		list = zipEntry{name: "media", data: zstdBytes(t, mediaEntriesBytes(names))}
	} else {
		m := make(map[string]string, listed)
		for i, f := range names {
			m[strconv.Itoa(i)] = f.name
		}
		list = zipEntry{name: "media", data: []byte(mustJSON(t, m)), deflate: true}
	}
	return writeZip(t, replaceEntry(packageEntries(t, fx, l), list))
}

// A small package whose media entry inflates past the per-file cap is
// refused before the cap is passed, without holding the file in memory,
// and nothing is left in the media folder.
func TestMediaBomb(t *testing.T) {
	const limit = 1 << 20
	zeros := make([]byte, 64<<20)
	for _, tc := range []struct {
		name    string
		entries func(t *testing.T) []zipEntry
		want    string
	}{
		{"zstd entry, size declared honestly", func(t *testing.T) []zipEntry {
			fx := sampleFixture()
			fx.media[0].data = zeros
			return packageEntries(t, fx, layoutLatest)
		}, "declares 67108864 bytes"},
		{"zstd entry, size understated", func(t *testing.T) []zipEntry {
			fx := sampleFixture()
			fx.media[0].data = []byte("small")
			return replaceEntry(packageEntries(t, fx, layoutLatest), zipEntry{name: "0", data: zstdBytes(t, zeros)})
		}, "inflates past it"},
		{"deflate entry", func(t *testing.T) []zipEntry {
			return replaceEntry(packageEntries(t, sampleFixture(), layoutLegacy2), zipEntry{name: "0", data: zeros, deflate: true})
		}, "declares 67108864 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries := tc.entries(t)
			path := writeZip(t, entries)
			if st, _ := os.Stat(path); st.Size() > 512<<10 {
				t.Fatalf("the bomb is %d bytes; it should be small", st.Size())
			}
			stage, folder := newStage(t)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := Read(context.Background(), path, Options{Media: stage, MaxMediaFile: limit})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrMediaTooLarge) {
				t.Fatalf("err = %v, want ErrMediaTooLarge", err)
			}
			for _, w := range []string{path + `: entry "0": field "dog.png"`, "per-file limit of 1048576 bytes", tc.want, "zip bomb"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("reading the bomb allocated %d MB; want a bounded amount", alloc>>20)
			}
			stage.Discard()
			wantFiles(t, folder, nil)
		})
	}
}

// cancelSink cancels the read (as Ctrl-C does) once it has staged a file.
type cancelSink struct {
	*media.Stage
	cancel context.CancelFunc
}

func (c cancelSink) Add(name string, r io.Reader) (deck.Media, error) {
	defer c.cancel()
	return c.Stage.Add(name, r)
}

// A read cancelled between media files stops with the context's error, and
// discarding the stage leaves the media folder as it was.
func TestMediaCancelled(t *testing.T) {
	stage, folder := newStage(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, _, err := Read(ctx, buildPackage(t, sampleFixture(), layoutLatest), Options{Media: cancelSink{stage, cancel}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	stage.Discard()
	wantFiles(t, folder, nil)
}
