package ui

import (
	"strings"

	"github.com/gdamore/tcell/v2"
)

// ScreenText is a simulated screen's text, one line per row. It must run on
// the UI goroutine (inside QueueUpdate); the external tests use it too.
func ScreenText(sim tcell.SimulationScreen) string {
	cells, w, _ := sim.GetContents()
	var b strings.Builder
	for i, c := range cells {
		if len(c.Runes) > 0 {
			b.WriteRune(c.Runes[0])
		} else {
			b.WriteByte(' ')
		}
		if (i+1)%w == 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
