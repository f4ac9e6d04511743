package ui_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
)

// deckFile is a card file of n basic cards in deck name.
func deckFile(name string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ndeck: %s\n---\n", name)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Q: %s question %d?\nA: Answer %d.\n\n", name, i, i)
	}
	return b.String()
}

// someDecks has a long name, a CJK name and a short one.
var someDecks = []string{
	deckFile("Alignment guide::A very long sub-deck name that takes the whole width", 3),
	deckFile("日本語の語彙::漢字の読み方と書き方の練習をする長いデッキ", 2),
	deckFile("Short", 1),
}

// cells returns the simulated screen's cells and width, read on the UI
// goroutine.
func (h *harness) cells() ([]tcell.SimCell, int) {
	type shot struct {
		c []tcell.SimCell
		w int
	}
	out := make(chan shot, 1)
	h.app.Application().QueueUpdate(func() {
		c, w, _ := h.sim.GetContents()
		out <- shot{append([]tcell.SimCell(nil), c...), w}
	})
	select {
	case s := <-out:
		return s.c, s.w
	case <-time.After(5 * time.Second):
		h.t.Fatal("the UI did not answer within 5s")
		return nil, 0
	}
}

// resize changes the terminal's size and returns once a frame of the new
// size is drawn (until then the simulation shows the old frame, cropped).
func (h *harness) resize(w, hh int) {
	h.sim.SetSize(w, hh)
	if err := h.sim.PostEvent(tcell.NewEventResize(w, hh)); err != nil {
		h.t.Fatal(err)
	}
	h.app.Application().QueueUpdateDraw(func() {})
}

func TestSizes(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 24}, {50, 15}, {40, 12}} {
		w, hh := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, hh), func(t *testing.T) {
			h := startWith(t, setup{cards: someDecks, w: w, h: hh})
			h.waitFor(`Deck\s+New\s+Learn\s+Due\s+Cards`)
			h.waitFor(`(?m)^loci .*New 6\s+Learn 0\s+Due 0`) // the title keeps its counts
			// Every deck keeps its counts: names are cut first.
			h.waitFor(`(?m)^[│║]\s+A very long[^\n]*?\s3\s+0\s+0\s+3\s*[│║]$`)
			h.waitFor(`(?m)^[│║]\s+漢字[^\n]*?\s2\s+0\s+0\s+2\s*[│║]$`)
			if w <= 50 { // the CJK name is cut, by display width, with its "…"
				h.waitFor(`(?m)^[│║]\s+漢字[^\n ]*…\s+2\s+0\s+0\s+2\s*[│║]$`)
			}
			h.waitFor(`(?m)^[│║]\s+Short\s+1\s+0\s+0\s+1\s*[│║]$`)
			h.waitFor(`\? help`)
			cellsAligned(t, h)
			h.key(tcell.KeyEnter, 0) // All decks
			h.waitFor(`question 1\?`)
			h.key(tcell.KeyRune, ' ')
			h.waitFor(`1 [^\n]*2 [^\n]*3 [^\n]*4 [^\n]*\d+d`) // all four ratings
			h.waitFor(`\? help`)
		})
	}
}

// cellsAligned checks that on every row of the deck table the count
// columns end at the same screen column, whatever the width of the names.
func cellsAligned(t *testing.T, h *harness) {
	t.Helper()
	text := h.screen()
	cells, w := h.cells()
	ends := map[int]bool{}
	for y, line := range strings.Split(text, "\n") {
		if !regexp.MustCompile(`\d\s+\d+\s*[│║]$`).MatchString(line) || y*w >= len(cells) {
			continue
		}
		// the last digit of the Due column: the start of the Cards column's
		// run of spaces, found on the cells themselves.
		row := cells[y*w : (y+1)*w]
		x := w - 2
		for x > 0 && (len(row[x].Runes) == 0 || row[x].Runes[0] == ' ') {
			x--
		}
		for x > 0 && len(row[x].Runes) > 0 && row[x].Runes[0] >= '0' && row[x].Runes[0] <= '9' {
			x--
		}
		ends[x] = true
	}
	if len(ends) != 1 {
		t.Errorf("the Cards column starts at different columns %v:\n%s", ends, text)
	}
}

func TestTooSmall(t *testing.T) {
	h := startWith(t, setup{cards: someDecks, w: 30, h: 8})
	h.waitFor(`terminal too small\s+\(need 40×12\)`)
	h.waitFor(`now 30×8`)
	h.resize(80, 24)
	h.waitFor(`All decks\s+6`)
	h.resize(39, 30)
	h.waitFor(`terminal too small \(need 40×12\)`)
}

// selectedRow returns the text of the row drawn in reverse video.
func selectedRow(h *harness) string {
	cells, w := h.cells() // one snapshot for both the styles and the text
	for y := 0; y*w < len(cells); y++ {
		row := cells[y*w : (y+1)*w]
		n := 0
		var text strings.Builder
		for _, c := range row {
			if _, _, attr := c.Style.Decompose(); attr&tcell.AttrReverse != 0 {
				n++
			}
			if len(c.Runes) > 0 {
				text.WriteRune(c.Runes[0])
			}
		}
		if n > w/2 {
			return text.String()
		}
	}
	return ""
}

func TestShrinkKeepsSelection(t *testing.T) {
	// 20 decks fit at 100×30 (tview then follows the table's end) but not
	// at 50×15.
	var files []string
	for i := 1; i <= 20; i++ {
		files = append(files, deckFile(fmt.Sprintf("Deck %02d", i), 1))
	}
	down12 := []tcell.Key{}
	for range 12 {
		down12 = append(down12, tcell.KeyDown)
	}
	tests := []struct {
		name string
		keys []tcell.Key
		want string // the selected row after the keys
		card string // the first card Enter then shows
	}{
		{"first row", nil, "All decks", "Deck 01"},
		{"a middle row", down12, "Deck 12", "Deck 12"},
		{"last row", []tcell.Key{tcell.KeyEnd}, "Deck 20", "Deck 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startWith(t, setup{cards: files, w: 100, h: 30})
			h.waitFor(`Deck 01`)
			for _, k := range tt.keys {
				h.key(k, 0)
			}
			for deadline := time.Now().Add(5 * time.Second); !strings.Contains(selectedRow(h), tt.want); {
				if time.Now().After(deadline) {
					t.Fatalf("the keys did not select %s:\n%s", tt.want, h.screen())
				}
			}
			h.resize(50, 15)
			h.waitFor(`(?s)Due.*` + tt.want)
			if got := selectedRow(h); !strings.Contains(got, tt.want) {
				t.Fatalf("after shrinking, the selected row shows %q, want %s:\n%s", got, tt.want, h.screen())
			}
			h.key(tcell.KeyEnter, 0)
			h.waitFor(`(?s)^` + tt.want + `.*` + tt.card + ` question 1\?`)
		})
	}
}

func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	h := startWith(t, setup{cards: []string{fiveCards}})
	h.waitFor(`All decks\s+5`)
	assertNoColor(t, h)
	if got := selectedRow(h); !strings.Contains(got, "All decks") {
		t.Errorf("without colour the selection must show in reverse video; reversed row: %q", got)
	}
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, ' ')
	h.waitFor(`1 Again`)
	assertNoColor(t, h)
	bold := 0
	cells, _ := h.cells()
	for _, c := range cells {
		if _, _, a := c.Style.Decompose(); a&tcell.AttrBold != 0 {
			bold++
		}
	}
	if bold == 0 {
		t.Errorf("NO_COLOR must keep attributes: no bold cell on the review screen")
	}
}

func assertNoColor(t *testing.T, h *harness) {
	t.Helper()
	cells, w := h.cells()
	for i, c := range cells {
		if fg, bg, _ := c.Style.Decompose(); fg != tcell.ColorDefault || bg != tcell.ColorDefault {
			t.Fatalf("NO_COLOR: cell (%d,%d) %q has colours fg=%v bg=%v", i%w, i/w, string(c.Runes), fg, bg)
		}
	}
}

// With colours on, the background stays the terminal's own (light themes)
// and the counts still have their colours.
func TestDefaultBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	h := startWith(t, setup{cards: []string{fiveCards}})
	h.waitFor(`All decks\s+5`)
	cells, w := h.cells()
	coloured := 0
	for i, c := range cells {
		fg, bg, _ := c.Style.Decompose()
		if bg != tcell.ColorDefault {
			t.Fatalf("cell (%d,%d) %q has background %v, want the terminal's default", i%w, i/w, string(c.Runes), bg)
		}
		if fg != tcell.ColorDefault {
			coloured++
		}
	}
	if coloured == 0 {
		t.Errorf("no cell has a colour: the counts should be coloured when NO_COLOR is not set")
	}
}

// A help taller than the screen shows a marker and scrolls; any other key
// closes it.
func TestHelpScrollsOnSmallScreen(t *testing.T) {
	h := startWith(t, setup{cards: []string{fiveCards}, review: true, w: 50, h: 15})
	h.waitFor(`First question\?`)
	h.key(tcell.KeyRune, '?')
	h.waitFor(`Space\s+show answer`)
	h.waitFor(`▼ more below`)
	if strings.Contains(h.screen(), "q        back") {
		t.Fatalf("the whole help fits at 50×15; this test needs a longer one")
	}
	h.key(tcell.KeyEnd, 0)
	h.waitFor(`q\s+back`)
	h.waitFor(`▲ more above`)
	h.key(tcell.KeyRune, 'x')
	h.waitFor(`(?m)^Space show answer .*\? help`)
	if strings.Contains(h.screen(), "Keys —") {
		t.Errorf("x did not close the help:\n%s", h.screen())
	}
}
