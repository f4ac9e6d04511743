package ui_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"loci/ui"
)

const markdownCards = `---
deck: Render
---
Q: What does **FSRS** track per card, as *loci* stores it?
A: Three things:
- the *difficulty*
- the **stability**
- the retrievability

Q: Euler's identity?
A: $e^{i\pi}+1=0$, and \(\frac{a}{b}\) from MathJax
`

// lineOf returns the row and column where re first matches the screen, by
// cell (the screen here has no wide characters).
func lineOf(t *testing.T, screen, re string) (row, col int) {
	t.Helper()
	rx := regexp.MustCompile(re)
	for y, l := range strings.Split(screen, "\n") {
		if loc := rx.FindStringIndex(l); loc != nil {
			return y, len([]rune(l[:loc[0]]))
		}
	}
	t.Fatalf("%q is not on the screen:\n%s", re, screen)
	return 0, 0
}

func TestCardMarkdown(t *testing.T) {
	h := startWith(t, setup{cards: []string{markdownCards}, review: true})
	h.waitFor(`What does FSRS track per card, as loci stores it\?`)
	s := h.screen()
	if strings.Contains(s, "**") || strings.Contains(s, "*loci*") {
		t.Fatalf("Markdown shown raw:\n%s", s)
	}
	// A one-line side is centred in the card box (columns 0–79, text from 3
	// to 76).
	_, col := lineOf(t, s, `What does FSRS`)
	width := len("What does FSRS track per card, as loci stores it?")
	left, right := col-3, 77-(col+width)
	if left < 5 || left-right > 1 || right-left > 1 {
		t.Errorf("one-line front at column %d: margins %d and %d, want centred", col, left, right)
	}
	assertBold(t, h, "FSRS")
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`• the difficulty`)
	s = h.screen()
	// A side of several lines is left-aligned at the box's inner edge.
	for _, re := range []string{`Three things:`, `• the difficulty`, `• the stability`, `• the retrievability`} {
		if _, col := lineOf(t, s, re); col != 3 {
			t.Errorf("%s at column %d, want 3 (left-aligned):\n%s", re, col, s)
		}
	}
	assertBold(t, h, "stability")
	h.key(tcell.KeyRune, '3')
	h.waitFor(`Euler's identity\?`)
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`e\^\(iπ\)\+1=0, and a/b from MathJax`)
}

// assertBold checks that word is drawn in bold somewhere on the screen.
func assertBold(t *testing.T, h *harness, word string) {
	t.Helper()
	cells, w := h.cells()
	text := []rune(strings.ReplaceAll(h.screen(), "\n", ""))
	i := strings.Index(string(text), word)
	if i < 0 || len(text) != len(cells) {
		t.Fatalf("%q not found on a %d-wide screen", word, w)
	}
	at := len([]rune(string(text)[:i]))
	if _, _, attr := cells[at].Style.Decompose(); attr&tcell.AttrBold == 0 {
		t.Errorf("%q is not bold", word)
	}
}

func TestLongCardScrolls(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ndeck: Long\n---\nQ: List the forty items.\nA: The items:\n")
	for i := 1; i <= 40; i++ {
		b.WriteString("- item " + strings.Repeat("x", i%7) + " number " + strconv.Itoa(i) + "\n")
	}
	h := startWith(t, setup{cards: []string{b.String()}, review: true})
	h.waitFor(`List the forty items\.`)
	if strings.Contains(h.screen(), "more below") {
		t.Errorf("a front that fits shows a 'more below' marker")
	}
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`▼ more below`)
	if strings.Contains(h.screen(), "more above") {
		t.Errorf("the top of the card shows a 'more above' marker")
	}
	h.key(tcell.KeyPgDn, 0)
	h.waitFor(`▲ more above`)
	h.key(tcell.KeyEnd, 0)
	h.waitFor(`number 40\b`)
	if s := h.screen(); strings.Contains(s, "more below") {
		t.Errorf("at the end of the card the 'more below' marker stays:\n%s", s)
	}
	h.key(tcell.KeyRune, 'k')
	h.waitFor(`▼ more below`)
	h.key(tcell.KeyHome, 0)
	h.waitFor(`List the forty items\.`)
	h.key(tcell.KeyRune, '?')
	for _, re := range []string{`PgDn\s+page down`, `PgUp\s+page up`, `↓ j\s+scroll down`, `↑ k\s+scroll up`} {
		h.waitFor(re)
	}
}

func TestOpenMedia(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "media")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dog.png"), []byte("png"), 0o600); err != nil {
		t.Fatal(err)
	}
	started := make(chan []string, 4)
	cards := "---\ndeck: Lang\n---\nQ: perro\nA: dog\n(animal) [image: dog.png] [sound: bark.mp3]\n"
	h := startWith(t, setup{cards: []string{cards}, review: true, before: func(a *ui.App) {
		a.SetMedia(dir, func(argv []string) error { started <- argv; return nil })
	}})
	h.waitFor(`perro`)
	if strings.Contains(h.screen(), "o open") {
		t.Errorf("the front has no media, yet the footer offers o")
	}
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`\(animal\) \[image: dog\.png\] \[sound: bark\.mp3\]`)
	h.waitFor(`o open image/sound`)
	h.key(tcell.KeyRune, 'o')
	h.waitFor(`Opened dog\.png \(1 of 2; o opens the next\)`)
	argv := <-started
	name := map[string]string{"darwin": "open", "windows": "explorer"}[runtime.GOOS]
	if name == "" {
		name = "xdg-open"
	}
	if want := []string{name, filepath.Join(dir, "dog.png")}; strings.Join(argv, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("opener argv = %q, want %q", argv, want)
	}
	h.key(tcell.KeyRune, 'o') // bark.mp3 is not in the media folder
	h.waitFor(`media file bark\.mp3 is not in`)
	select {
	case argv := <-started:
		t.Errorf("a missing file was handed to the opener: %q", argv)
	default:
	}
}

// A one-line side that wraps stays centred, line by line, when no side of
// the card needs the left edge.
func TestWrappedOneLinerCentred(t *testing.T) {
	front := "Which two groups of readers does the guide expect to help most, and why does it say so early on in its introduction?"
	cards := "---\ndeck: Wrap\n---\nQ: " + front + "\nA: Short answer.\n"
	h := startWith(t, setup{cards: []string{cards}, review: true})
	h.waitFor(`Which two groups`)
	s := h.screen()
	rows := 0
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSuffix(strings.TrimPrefix(l, "║"), "║")
		if strings.HasPrefix(l, "╔") || !strings.ContainsAny(strings.TrimSpace(l), "aeiou") {
			continue
		}
		text := strings.TrimSpace(l)
		if !strings.Contains(front, text) {
			continue
		}
		rows++
		left := len([]rune(l)) - len([]rune(strings.TrimLeft(l, " ")))
		right := len([]rune(l)) - len([]rune(strings.TrimRight(l, " ")))
		if d := left - right; d > 1 || d < -1 {
			t.Errorf("wrapped line %q: margins %d and %d, want centred", text, left, right)
		}
	}
	if rows < 2 {
		t.Fatalf("the front did not wrap into two centred lines:\n%s", s)
	}
}

// A list item longer than the box wraps under its own text, not under the
// bullet.
func TestListItemsHang(t *testing.T) {
	cards := "---\ndeck: Hang\n---\nQ: Why?\nA: Because:\n- the first reason is long enough to wrap at fifty columns for sure\n- short\n"
	h := startWith(t, setup{cards: []string{cards}, review: true, w: 50, h: 24})
	h.waitFor(`Why\?`)
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`• short`)
	s := h.screen()
	_, bullet := lineOf(t, s, `• the first`)
	row, _ := lineOf(t, s, `• the first`)
	next := strings.Split(s, "\n")[row+1]
	text := strings.TrimSuffix(strings.TrimPrefix(next, "║"), "║")
	indent := len([]rune(text)) - len([]rune(strings.TrimLeft(text, " "))) + 1 // +1: the border
	if indent != bullet+2 {
		t.Errorf("the wrapped line starts at column %d, want %d (under the item's text):\n%s", indent, bullet+2, s)
	}
}
