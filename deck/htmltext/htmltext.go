package htmltext

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// maxIndent caps the nesting shown for lists, so that deeply nested markup
// cannot blow up the size of the text.
const maxIndent = 8

// blockTags start and end on a line of their own.
var blockTags = map[string]bool{
	"div": true, "p": true, "pre": true, "blockquote": true, "table": true, "tr": true,
	"ul": true, "ol": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "section": true, "article": true, "header": true, "footer": true,
	"dl": true, "dt": true, "dd": true, "figure": true, "figcaption": true, "center": true,
	"details": true, "summary": true, "hr": true, "tbody": true, "thead": true, "tfoot": true,
}

var soundTag = regexp.MustCompile(`\[sound:([^\]]*)\]`)

// ToText turns the HTML of an Anki field into text for a terminal:
// <br> and block elements (div, p, li, tr, ...) end lines, list items start
// with "- " (or "1. " in an ordered list), table cells are separated by
// " | ", entities are decoded, <img src="x.png"> becomes "[image: x.png]",
// [sound:x.mp3] becomes "[sound: x.mp3]", scripts, styles, comments and all
// other tags are dropped, runs of spaces collapse as a browser collapses
// them (but not inside <pre>), and runs of blank lines collapse to one.
// Cloze markers such as {{c1::text}} pass through unchanged.
func ToText(s string) string {
	w := &textWriter{}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken: // io.EOF: a string reader gives no other error
			return w.finish()
		case html.TextToken:
			if w.skip == "" {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			w.start(string(name), hasAttr, z)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(string(name))
		}
	}
}

// textWriter builds the text of ToText.
type textWriter struct {
	b       []byte
	space   bool   // a collapsed space is pending
	pre     int    // depth of <pre>
	skip    string // inside <script> or <style>: its name
	lists   []int  // open lists: -1 for <ul>, else the last number used in <ol>
	rowCell bool   // a table cell was written on this line
}

func (w *textWriter) atLineStart() bool { return len(w.b) == 0 || w.b[len(w.b)-1] == '\n' }

func (w *textWriter) trimRight() {
	for len(w.b) > 0 && (w.b[len(w.b)-1] == ' ' || w.b[len(w.b)-1] == '\t') {
		w.b = w.b[:len(w.b)-1]
	}
}

func (w *textWriter) newline() {
	w.trimRight()
	w.b = append(w.b, '\n')
	w.space = false
	w.rowCell = false
}

func (w *textWriter) ensureLine() {
	w.trimRight()
	if !w.atLineStart() {
		w.newline()
	}
	w.space = false
}

// write adds inline text, first emitting a pending collapsed space unless the
// line is empty.
func (w *textWriter) write(s string) {
	if w.space && !w.atLineStart() {
		w.b = append(w.b, ' ')
	}
	w.space = false
	w.b = append(w.b, s...)
}

func (w *textWriter) text(t string) {
	if w.pre > 0 {
		w.b = append(w.b, strings.ReplaceAll(t, "\r\n", "\n")...)
		return
	}
	for i := 0; i < len(t); {
		switch {
		case isSpace(t[i]):
			w.space = true
			i++
		case strings.HasPrefix(t[i:], "\u00a0"): // &nbsp; is a space that does not collapse
			w.write(" ")
			i += len("\u00a0")
		default:
			j := i + 1
			for j < len(t) && !isSpace(t[j]) && !strings.HasPrefix(t[j:], "\u00a0") {
				j++
			}
			w.write(t[i:j])
			i = j
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func (w *textWriter) start(name string, hasAttr bool, z *html.Tokenizer) {
	switch name {
	case "script", "style":
		w.skip = name
		return
	case "br":
		w.newline()
		return
	case "img":
		for hasAttr {
			var key, val []byte
			key, val, hasAttr = z.TagAttr()
			if string(key) == "src" && len(val) > 0 {
				w.write("[image: " + string(val) + "]")
				w.space = true
				break
			}
		}
		return
	case "td", "th":
		if w.rowCell {
			w.write(" | ")
		}
		w.rowCell = true
		return
	}
	if !blockTags[name] {
		return
	}
	w.ensureLine()
	switch name {
	case "pre":
		w.pre++
	case "ul":
		w.lists = append(w.lists, -1)
	case "ol":
		w.lists = append(w.lists, 0)
	case "li":
		depth := min(max(len(w.lists)-1, 0), maxIndent)
		w.b = append(w.b, strings.Repeat("  ", depth)...)
		if n := len(w.lists); n > 0 && w.lists[n-1] >= 0 {
			w.lists[n-1]++
			w.b = append(w.b, strconv.Itoa(w.lists[n-1])+". "...)
		} else {
			w.b = append(w.b, "- "...)
		}
	case "hr":
		w.b = append(w.b, "---"...)
		w.newline()
	}
}

func (w *textWriter) end(name string) {
	if w.skip != "" {
		if name == w.skip {
			w.skip = ""
		}
		return
	}
	if !blockTags[name] {
		return
	}
	w.ensureLine()
	switch name {
	case "pre":
		w.pre = max(w.pre-1, 0)
	case "ul", "ol":
		if n := len(w.lists); n > 0 {
			w.lists = w.lists[:n-1]
		}
	}
}

// finish trims the text, collapses blank lines and rewrites sound tags.
func (w *textWriter) finish() string {
	lines := strings.Split(string(w.b), "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return soundTag.ReplaceAllString(strings.Join(out, "\n"), "[sound: $1]")
}
