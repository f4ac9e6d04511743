package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// While the terminal is too small every key but Ctrl-C is swallowed, so
// that nothing is studied, suspended or quit unseen.
func TestSizeGuardSwallowsKeys(t *testing.T) {
	tests := []struct {
		name  string
		small bool
		ev    *tcell.EventKey
		pass  bool
	}{
		{"Enter while small", true, tcell.NewEventKey(tcell.KeyEnter, 0, tcell.ModNone), false},
		{"q while small", true, tcell.NewEventKey(tcell.KeyRune, 'q', tcell.ModNone), false},
		{"Ctrl-C while small", true, tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl), true},
		{"Enter at full size", false, tcell.NewEventKey(tcell.KeyEnter, 0, tcell.ModNone), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &sizeGuard{small: tt.small}
			if got := g.capture(tt.ev) != nil; got != tt.pass {
				t.Errorf("capture passed the key on = %v, want %v", got, tt.pass)
			}
		})
	}
}

func TestFitFooter(t *testing.T) {
	run := func() {}
	actions := []*action{
		{label: "Enter", help: "study the deck", run: run},
		{label: "p", help: "papers", run: run},
		{label: "b", help: "browse cards", run: run},
		{label: "s", help: "stats", run: run},
		{label: "x", help: "hidden", quiet: true, run: run},
		{label: "y", help: "inactive", when: func() bool { return false }, run: run},
		{label: "?", help: "help", run: run},
		{label: "q", help: "quit", run: run},
	}
	tests := []struct {
		width int
		want  string
	}{
		{100, "Enter study the deck  p papers  b browse cards  s stats  ? help  q quit"},
		{62, "Enter study the deck  p papers  b browse cards  ? help  q quit"},
		{61, "Enter study the deck  p papers  ? help  q quit"},
		{50, "Enter study the deck  p papers  ? help  q quit"},
		{40, "Enter study the deck  ? help  q quit"},
		{30, "Enter study the deck  ? help"},
		{20, "? help"},
		{3, "? help"},
	}
	for _, tt := range tests {
		got := plainText(fitFooter(actions, tt.width))
		if got != tt.want {
			t.Errorf("fitFooter at %d = %q, want %q", tt.width, got, tt.want)
		}
		if len(got) > tt.width && got != "? help" {
			t.Errorf("fitFooter at %d is %d wide", tt.width, len(got))
		}
	}
}

// plainText is tagged text as tview shows it.
func plainText(tagged string) string {
	return tview.NewTextView().SetDynamicColors(true).SetText(tagged).GetText(true)
}

func TestFitParts(t *testing.T) {
	line := "[::b]loci[::-]  ·  20 to study now  ·  [blue]New 20[-]  Learn 0  Due 0"
	tests := []struct {
		width int
		want  string
	}{
		{80, "loci  ·  20 to study now  ·  New 20  Learn 0  Due 0"},
		{51, "loci  ·  20 to study now  ·  New 20  Learn 0  Due 0"},
		{50, "loci  ·  New 20  Learn 0  Due 0"},
		{10, "loci  ·  New 20  Learn 0  Due 0"}, // the first and last part always stay
	}
	for _, tt := range tests {
		if got := plainText(fitParts(line, tt.width)); got != tt.want {
			t.Errorf("fitParts at %d = %q, want %q", tt.width, got, tt.want)
		}
	}
}
