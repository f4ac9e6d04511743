package ui

import (
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/mattn/go-runewidth"
)

// ScreenText is a simulated screen's text, one line per row, with the cell
// a wide character spills into left out (so "漢字" reads as written). It must
// run on the UI goroutine (inside QueueUpdate); the external tests use it too.
func ScreenText(sim tcell.SimulationScreen) string {
	cells, w, _ := sim.GetContents()
	var b strings.Builder
	for i := 0; i < len(cells); i++ {
		r := ' '
		if len(cells[i].Runes) > 0 {
			r = cells[i].Runes[0]
		}
		b.WriteRune(r)
		if runewidth.RuneWidth(r) == 2 && (i+1)%w != 0 {
			i++
		}
		if (i+1)%w == 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
