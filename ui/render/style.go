package render

import (
	"strings"

	"github.com/rivo/tview"
)

// style is a block's base look: tview attribute flags such as "b".
type style struct{ attrs string }

// inlineWriter builds the tagged text of one block. Styles nest by
// counting, and every change writes the whole current style afresh
// ("[fg::-][::flags]"), so that closing one style never ends another.
type inlineWriter struct {
	b        strings.Builder
	pending  strings.Builder // text not yet escaped: Markdown splits "[red]" into several text nodes
	opt      Options
	base     style
	bold     int
	italic   int
	strike   int
	code     int
	quiet    int
	hl       bool
	lineText bool // the current line has visible text
	ownEnd   bool // a display line just ended: the source's own line break is spent
}

// flush escapes and writes the pending text.
func (w *inlineWriter) flush() {
	w.b.WriteString(tview.Escape(w.pending.String()))
	w.pending.Reset()
}

// emit writes the current style as tags.
func (w *inlineWriter) emit() {
	w.flush()
	fg, attrs := "-", w.base.attrs
	switch {
	case w.hl:
		fg, attrs = highlight, attrs+"b"
	case w.code > 0:
		fg = codeColor
	case w.quiet > 0:
		fg = quietColor
	}
	if w.bold > 0 {
		attrs += "b"
	}
	if w.italic > 0 {
		attrs += "i"
	}
	if w.strike > 0 {
		attrs += "s"
	}
	w.b.WriteString("[" + fg + "::-]")
	if attrs != "" {
		w.b.WriteString("[::" + attrs + "]")
	}
}

// text writes s escaped, turning the highlight markers into styles.
func (w *inlineWriter) text(s string) {
	for s != "" {
		i := strings.IndexAny(s, HighlightStart+HighlightEnd)
		if i < 0 {
			w.write(s)
			return
		}
		w.write(s[:i])
		w.hl = strings.HasPrefix(s[i:], HighlightStart)
		w.emit()
		s = s[i+len(HighlightStart):] // both markers are three bytes
	}
}

func (w *inlineWriter) write(s string) {
	if !w.lineText {
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	w.pending.WriteString(s)
	if strings.TrimSpace(s) != "" {
		w.lineText, w.ownEnd = true, false
	}
}

// quietText writes s in the quiet colour (a link's address).
func (w *inlineWriter) quietText(s string) {
	w.quiet++
	w.emit()
	w.text(s)
	w.quiet--
	w.emit()
}

// codeSpan writes inline code: coloured, or between backticks without
// colour.
func (w *inlineWriter) codeSpan(s string) {
	if w.opt.NoColor {
		w.text("`" + s + "`")
		return
	}
	w.code++
	w.emit()
	w.text(s)
	w.code--
	w.emit()
}

func (w *inlineWriter) newline() {
	if w.ownEnd {
		w.ownEnd = false
		return
	}
	w.flush()
	w.b.WriteByte('\n')
	w.lineText = false
}

// ownLine writes s on a line of its own (display maths).
func (w *inlineWriter) ownLine(s string) {
	if w.lineText {
		w.newline()
	}
	w.text(s)
	w.newline()
	w.ownEnd = true
}
