package ui

import (
	"fmt"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/tview"
)

// Minimum terminal size: below it the screens cannot show a card with its
// buttons or the deck table with its counts, so loci says so instead.
const minWidth, minHeight = 40, 12

// fitText is a one-line text view whose text is made for the width it is
// drawn at (footers and rating buttons shorten to what fits).
type fitText struct {
	*tview.TextView
	text func(width int) string
	full string // for a title line: the text as set, before fitting
}

// newTitleLine is a one-line view for a screen's title: when the text set
// is too wide, its "  ·  "-separated parts drop from the middle, so that the
// first (the screen) and the last (the counts) stay.
func newTitleLine() *fitText {
	f := newFitText(nil)
	f.text = func(w int) string { return fitParts(f.full, w) }
	return f
}

// SetText sets the text a title line is fitted from.
func (f *fitText) SetText(text string) *tview.TextView {
	f.full = text
	return f.TextView
}

// fitParts drops the middle parts of a "  ·  "-separated line, from the
// right, until it fits in width.
func fitParts(line string, width int) string {
	const sep = "  ·  "
	parts := strings.Split(line, sep)
	for len(parts) > 2 && tview.TaggedStringWidth(strings.Join(parts, sep)) > width {
		parts = append(parts[:len(parts)-2], parts[len(parts)-1])
	}
	return strings.Join(parts, sep)
}

func newFitText(text func(width int) string) *fitText {
	return &fitText{TextView: tview.NewTextView().SetDynamicColors(true), text: text}
}

// Draw lays the text out for the current width, then draws it.
func (f *fitText) Draw(s tcell.Screen) {
	_, _, w, _ := f.GetInnerRect()
	f.TextView.SetText(f.text(w))
	f.TextView.Draw(s)
}

// newKeyBar is a screen's footer over its key table (read at each draw).
func newKeyBar(actions *[]*action) *fitText {
	return newFitText(func(w int) string { return fitFooter(*actions, w) })
}

// fitFooter renders the footer's "key what" pairs that fit in width. When
// not all do, the pairs between the first and the last go first, from the
// right, then the last, then the first; "? help" always stays.
func fitFooter(actions []*action, width int) string {
	type part struct {
		text  string
		width int
		help  bool
	}
	var parts []part
	for _, a := range actions {
		if a.active() && a.label != "" && !a.quiet {
			t := "[yellow::b]" + a.label + "[-::-] " + a.help
			parts = append(parts, part{t, tview.TaggedStringWidth(t), a.label == "?"})
		}
	}
	total := func() int {
		n := 0
		for i, p := range parts {
			if i > 0 {
				n += 2
			}
			n += p.width
		}
		return n
	}
	for total() > width {
		drop := -1
		for i := len(parts) - 2; i >= 1 && drop < 0; i-- { // the middle, from the right
			if !parts[i].help {
				drop = i
			}
		}
		for _, i := range []int{len(parts) - 1, 0} { // then the last, then the first
			if drop < 0 && i >= 0 && i < len(parts) && !parts[i].help {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		parts = append(parts[:drop], parts[drop+1:]...)
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
	}
	return strings.Join(texts, "  ")
}

// firstFit returns the first of the variants, longest first, that fits in
// width, or the last one.
func firstFit(width int, variants ...string) string {
	for _, v := range variants {
		if tview.TaggedStringWidth(v) <= width {
			return v
		}
	}
	return variants[len(variants)-1]
}

// sizeGuard draws the screens, or, on a terminal smaller than the minimum,
// a note saying so in their place.
type sizeGuard struct {
	tview.Primitive
	small bool
}

// Draw implements tview.Primitive.
func (g *sizeGuard) Draw(s tcell.Screen) {
	w, h := s.Size()
	g.small = w < minWidth || h < minHeight
	if !g.small {
		g.Primitive.Draw(s)
		return
	}
	s.Fill(' ', tcell.StyleDefault)
	need, now := fmt.Sprintf("(need %d×%d)", minWidth, minHeight), fmt.Sprintf("now %d×%d", w, h)
	lines := []string{"terminal too small " + need, now + " · Ctrl-C quits"}
	if len(lines[0]) > w {
		lines = []string{"terminal too small", need, now, "Ctrl-C quits"}
	}
	top := max((h-len(lines))/2, 0)
	for i, l := range lines {
		tview.Print(s, tview.Escape(l), 0, top+i, w, tview.AlignCenter, tcell.ColorDefault)
	}
}

// capture swallows every key but Ctrl-C while the terminal is too small, so
// that nothing is studied or changed unseen.
func (g *sizeGuard) capture(ev *tcell.EventKey) *tcell.EventKey {
	if g.small && ev.Key() != tcell.KeyCtrlC {
		return nil
	}
	return ev
}

// fitTable is a table whose first column (names) is cut, by display width,
// to leave the other columns whole, and which keeps its selected row in
// view when its size changes.
type fitTable struct {
	*tview.Table
	lastW, lastH int
	full         map[*tview.TableCell]string // each name cell's text before cutting
}

func newFitTable() *fitTable {
	t := tview.NewTable().SetSelectable(true, false).SetFixed(1, 0).SetSelectedStyle(selectedStyle)
	return &fitTable{Table: t, full: map[*tview.TableCell]string{}}
}

// Draw implements tview.Primitive.
func (t *fitTable) Draw(s tcell.Screen) {
	_, _, w, h := t.GetInnerRect()
	t.fitNames(w)
	if w != t.lastW || h != t.lastH {
		t.lastW, t.lastH = w, h
		// From the top, tview scrolls down to the selection on this draw. (Left
		// alone, a table that once fitted keeps following its end, and a
		// shrunk screen would hide a selection near the top.)
		t.ScrollToBeginning()
		t.Select(t.GetSelection())
	}
	t.Table.Draw(s)
}

// fitNames cuts the first column to what the others leave of width (tview
// puts one space between columns), ending a cut name with "…". The cut is
// made here, by display width, because tview's own misses the "…" after
// wide characters.
func (t *fitTable) fitNames(width int) {
	rest := 0
	for col := 1; col < t.GetColumnCount(); col++ {
		colW := 0
		for row := 0; row < t.GetRowCount(); row++ {
			colW = max(colW, tview.TaggedStringWidth(t.GetCell(row, col).Text))
		}
		rest += colW + 1
	}
	names := max(width-rest, 4)
	full := make(map[*tview.TableCell]string, t.GetRowCount())
	for row := 0; row < t.GetRowCount(); row++ {
		c := t.GetCell(row, 0)
		text, ok := t.full[c]
		if !ok {
			text = c.Text // a cell set since the last draw
		}
		full[c] = text
		if tview.TaggedStringWidth(text) == runewidth.StringWidth(text) { // no style tags
			c.SetText(runewidth.Truncate(text, names, "…")).SetMaxWidth(0)
		} else {
			c.SetText(text).SetMaxWidth(names)
		}
	}
	t.full = full
}
