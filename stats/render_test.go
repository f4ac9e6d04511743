package stats

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./stats -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./stats -update and read the diff.\ngot:\n%s", name, got)
	}
}

func TestTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Build(fixture()), false); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.txt", b.Bytes())
	if bytes.ContainsRune(b.Bytes(), '\x1b') {
		t.Error("text without colour holds an escape sequence")
	}
	for i, l := range strings.Split(b.String(), "\n") {
		if w := runewidth.StringWidth(l); w > TextWidth {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, TextWidth, l)
		}
	}
}

func TestTextColour(t *testing.T) {
	var plain, colour bytes.Buffer
	s := Build(fixture())
	if err := Text(&plain, s, false); err != nil {
		t.Fatal(err)
	}
	if err := Text(&colour, s, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\x1b[1mloci · week 2026-W48", "\x1b[32m▲ +50\x1b[0m", "\x1b[31mLEECH\x1b[0m"} {
		if !strings.Contains(colour.String(), want) {
			t.Errorf("coloured text lacks %q", want)
		}
	}
	// Without the escape sequences the two renderings are the same text.
	stripped := strings.NewReplacer("\x1b[0m", "", "\x1b[1m", "", "\x1b[2m", "", "\x1b[31m", "", "\x1b[32m", "", "\x1b[34m", "").Replace(colour.String())
	if stripped != plain.String() {
		t.Error("coloured text differs from the plain text by more than its colours")
	}
}

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, Build(fixture())); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", b.Bytes())
	md := b.String()
	for _, want := range []string{
		"| Reviews | 80 | 30 | ▲ +50 |",
		"| True retention | 83.1% | 80.0% | ▲ +3.1 pts |",
		"| Young (interval < 21 days) | 33 | 7 | 82.5% |",
		// The card's markup is escaped, so it shows as written.
		`A &lt;b&gt;superposition&lt;/b&gt; card \| with \*markup\* &amp; a \[link\](x)`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	// Every table row has as many cells as its header.
	var cols int
	for i, l := range strings.Split(md, "\n") {
		if !strings.HasPrefix(l, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("line %d has %d cell borders, its table %d: %q", i+1, n, cols, l)
		}
	}
}

func TestHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, Build(fixture())); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.html", b.Bytes())
}
