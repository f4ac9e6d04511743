package ui

import (
	"slices"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// cardView shows a card's sides in a bordered, scrollable box, with a
// marker on the border when more of the card is above or below. A side is
// a block of tagged text: a rendered side, the rule between the sides, the
// source line. A one-line side is centred; a longer one (a list, code,
// several paragraphs) is left-aligned so that it reads.
type cardView struct {
	*tview.TextView
	sides []string
	width int // the inner width the sides were laid out for
}

func newCardView() *cardView {
	c := &cardView{TextView: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true).SetTextAlign(tview.AlignCenter)}
	c.SetBorder(true).SetBorderPadding(1, 1, 2, 2)
	return c
}

// SetText shows a message instead of a card, centred.
func (c *cardView) SetText(text string) *tview.TextView {
	c.sides = nil
	c.TextView.SetTextAlign(tview.AlignCenter)
	return c.TextView.SetText(text).ScrollToBeginning()
}

// show shows sides from the top, unless they are already shown (a redraw
// after a key keeps the scroll position).
func (c *cardView) show(sides []string) {
	if c.sides != nil && slices.Equal(c.sides, sides) {
		return
	}
	c.sides, c.width = sides, -1
	c.ScrollToBeginning()
}

// layout writes the sides for an inner width. When every side is one line,
// tview centres them, wrapped lines too. Otherwise the box is left-aligned
// and a one-line side that fits is padded to the middle by hand.
func (c *cardView) layout(width int) {
	c.width = width
	multi := slices.ContainsFunc(c.sides, func(s string) bool { return strings.Contains(s, "\n") })
	blocks := slices.Clone(c.sides)
	if !multi {
		c.TextView.SetTextAlign(tview.AlignCenter)
	} else {
		c.TextView.SetTextAlign(tview.AlignLeft)
		for i, s := range blocks {
			if w := tview.TaggedStringWidth(s); !strings.Contains(s, "\n") && w < width {
				blocks[i] = strings.Repeat(" ", (width-w)/2) + s
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
