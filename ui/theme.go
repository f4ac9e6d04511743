package ui

import (
	"os"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// noColor reports whether the NO_COLOR convention (no-color.org) asks for
// no colour: the variable is set and not empty.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// useTerminalTheme makes tview draw in the terminal's own foreground and
// background instead of white on black, so that light themes work. tview
// reads these when a widget is made, so it runs before any is.
func useTerminalTheme() {
	s := &tview.Styles
	s.PrimitiveBackgroundColor = tcell.ColorDefault
	s.PrimaryTextColor = tcell.ColorDefault
	s.BorderColor = tcell.ColorDefault
	s.TitleColor = tcell.ColorDefault
	s.GraphicsColor = tcell.ColorDefault
}

// selectedStyle marks a table's selected row by reverse video, which reads
// in any theme and without colour (tview's default swaps the cell's colours,
// which are both the default here).
var selectedStyle = tcell.StyleDefault.Reverse(true)

// monoScreen is a screen that draws every cell in the terminal's default
// colours, keeping bold, underline, reverse and the rest: under NO_COLOR no
// colour is ever sent, whatever a widget or a style tag asks for.
type monoScreen struct{ tcell.Screen }

func mono(st tcell.Style) tcell.Style {
	return st.Foreground(tcell.ColorDefault).Background(tcell.ColorDefault).Underline(tcell.ColorDefault)
}

func (m monoScreen) SetContent(x, y int, primary rune, combining []rune, st tcell.Style) {
	m.Screen.SetContent(x, y, primary, combining, mono(st))
}

func (m monoScreen) SetCell(x, y int, st tcell.Style, ch ...rune) {
	m.Screen.SetCell(x, y, mono(st), ch...)
}

func (m monoScreen) Fill(r rune, st tcell.Style) { m.Screen.Fill(r, mono(st)) }

func (m monoScreen) SetStyle(st tcell.Style) { m.Screen.SetStyle(mono(st)) }
