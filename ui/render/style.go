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
	width    int  // wrap at this many cells; 0: never
	col      int  // cells written on the current line
	space    bool // a space is due before the next word, or a line break if it does not fit
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
	if strings.TrimSpace(s) != "" {
		w.lineText, w.ownEnd = true, false
	}
	if w.width <= 0 {
		w.pending.WriteString(s)
		return
	}
	for s != "" {
		if s[0] == ' ' {
			w.space = w.col > 0
			s = s[1:]
			continue
		}
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		s = s[end:]
		ww := tview.TaggedStringWidth(tview.Escape(word))
		if w.space {
			if w.col+1+ww > w.width {
				w.flush()
				w.b.WriteByte('\n')
				w.col = 0
			} else {
				w.pending.WriteByte(' ')
				w.col++
			}
			w.space = false
		}
		w.pending.WriteString(word)
		w.col += ww
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
	w.lineText, w.col, w.space = false, 0, false
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
