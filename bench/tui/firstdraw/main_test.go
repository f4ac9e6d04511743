package main

import (
	"strings"
	"testing"

	"github.com/creack/pty"
)

func TestStripEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[1;1Hshow\x1b[0m answer", "show answer"},
		{"\x1b[?1049h\x1b[38;5;12mq\x1b[39m", "q"},
		{"\x1b]0;title\x07text", "text"},
		{"\x1b]8;;http://x\x1b\\link", "link"},
		{"\x1b(Bdone\x1b)0", "done"},
		{"\x1b7saved\x1b8", "saved"},
		{"cut at the end \x1b[", "cut at the end "},
	} {
		if got := stripEscapes(tc.in); got != tc.want {
			t.Errorf("stripEscapes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFirstDraw finds a text written with cursor moves instead of spaces,
// and reports a program that never writes it with what it did write.
func TestFirstDraw(t *testing.T) {
	p, tty, err := pty.Open()
	if err != nil {
		t.Skipf("this machine gives no pseudo-terminal: %v", err)
	}
	p.Close()
	tty.Close()
	size := &pty.Winsize{Cols: 80, Rows: 24}
	d, err := firstDraw(`printf '\033[2J\033[5;3Hshow\033[1Canswer'; exec sleep 30`, "show answer", size)
	if err != nil {
		t.Fatal(err)
	}
	if d.wall <= 0 {
		t.Errorf("wall time %v, want > 0", d.wall)
	}
	_, err = firstDraw(`echo something else`, "show answer", size)
	if err == nil || !strings.Contains(err.Error(), "something else") {
		t.Errorf("a program that never shows the text: err = %v, want one quoting its output", err)
	}
}
