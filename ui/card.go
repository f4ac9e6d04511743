package ui

import (
	"slices"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// side renders one block of a card for an inner width (0: unwrapped,
// left to the terminal): a rendered side, the rule between the sides, the
// source line.
type side func(width int) string

// fixed is a side that is the same at any width.
func fixed(text string) side { return func(int) string { return text } }

// cardView shows a card's sides in a bordered, scrollable box, with a
// marker on the border when more of the card is above or below. A one-line
// side is centred; a longer one (a list, code, several paragraphs) is
// left-aligned so that it reads, wrapped with hanging indents.
type cardView struct {
	*tview.TextView
	sides []side
	flat  []string // the sides unwrapped: they decide the layout, and whether a redraw shows the same card
	width int      // the inner width the sides were laid out for
}

func newCardView() *cardView {
	c := &cardView{TextView: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true).SetTextAlign(tview.AlignCenter)}
	c.SetBorder(true).SetBorderPadding(1, 1, 2, 2)
	return c
}

// SetText shows a message instead of a card, centred.
func (c *cardView) SetText(text string) *tview.TextView {
	c.sides, c.flat = nil, nil
	c.TextView.SetTextAlign(tview.AlignCenter)
	return c.TextView.SetText(text).ScrollToBeginning()
}

// show shows sides from the top, unless they are already shown (a redraw
// after a key keeps the scroll position).
func (c *cardView) show(sides []side) {
	flat := make([]string, len(sides))
	for i, s := range sides {
		flat[i] = s(0)
	}
	if c.sides != nil && slices.Equal(c.flat, flat) {
		return
	}
	c.sides, c.flat, c.width = sides, flat, -1
	c.ScrollToBeginning()
}

// layout writes the sides for an inner width. When every side is one line,
// tview centres them, wrapped lines too. Otherwise the box is left-aligned,
// a one-line side that fits is padded to the middle by hand, and the rest
// are wrapped to the width.
func (c *cardView) layout(width int) {
	c.width = width
	multi := slices.ContainsFunc(c.flat, func(s string) bool { return strings.Contains(s, "\n") })
	blocks := slices.Clone(c.flat)
	if !multi {
		c.TextView.SetTextAlign(tview.AlignCenter)
	} else {
		c.TextView.SetTextAlign(tview.AlignLeft)
		for i, s := range c.flat {
			if w := tview.TaggedStringWidth(s); !strings.Contains(s, "\n") && w < width {
				blocks[i] = strings.Repeat(" ", (width-w)/2) + s
			} else {
				blocks[i] = c.sides[i](width)
			}
		}
	}
	row, _ := c.GetScrollOffset()
	c.TextView.SetText(strings.Join(blocks, "\n\n")).ScrollTo(row, 0)
}

// Draw implements tview.Primitive.
func (c *cardView) Draw(s tcell.Screen) {
	_, _, w, h := c.GetInnerRect()
	if c.sides != nil && w != c.width {
		c.layout(w)
	}
	c.TextView.Draw(s)
	row, _ := c.GetScrollOffset() // clamped by Draw
	x, y, bw, bh := c.GetRect()
	if bw < 20 {
		return
	}
	if row > 0 {
		tview.Print(s, " ▲ more above ", x, y, bw-2, tview.AlignRight, tcell.ColorYellow)
	}
	if row+h < c.GetWrappedLineCount() {
		tview.Print(s, " ▼ more below (↓ PgDn) ", x, y+bh-1, bw-2, tview.AlignRight, tcell.ColorYellow)
	}
}

// scroll moves the view by lines (a page when page is set), up when n < 0.
func (c *cardView) scroll(n int, page bool) {
	if page {
		_, _, _, h := c.GetInnerRect()
		n *= max(h-1, 1)
	}
	row, _ := c.GetScrollOffset()
	c.ScrollTo(max(row+n, 0), 0)
}
