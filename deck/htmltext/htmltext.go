package htmltext

import (
	"bytes"
	"strconv"
	"strings"
	"unsafe"

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

// ToText turns the HTML of an Anki field into text for a terminal:
// <br> and block elements (div, p, li, tr, ...) end lines, list items start
// with "- " (or "1. " in an ordered list), table cells are separated by
// " | ", entities are decoded, <img src="x.png"> becomes "[image: x.png]",
// [sound:x.mp3] becomes "[sound: x.mp3]", scripts, styles, comments and all
// other tags are dropped, runs of spaces collapse as a browser collapses
// them (but not inside <pre>), and runs of blank lines collapse to one.
// Cloze markers such as {{c1::text}} pass through unchanged.
//
// Fields can be megabytes, so ToText copies as little as it can: text that
// needs no change is returned as it is (sharing s's memory), and other text
// is built in one buffer, cleaned up in place and copied once into the
// result.
func ToText(s string) string {
	if plain(s) {
		return s
	}
	return convert(s)
}

// convert is ToText's work on text that is not plain.
func convert(s string) string {
	w := &textWriter{b: make([]byte, 0, len(s))}
	if !strings.Contains(s, "<") {
		// No markup: the tokenizer would only unescape entities, but it
		// copies a long text into a buffer it grows by doubling. text only
		// reads its argument, so it may look at the string's bytes.
		u := html.UnescapeString(s)
		w.text(unsafe.Slice(unsafe.StringData(u), len(u)))
		return w.finish()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken: // io.EOF: a string reader gives no other error
			return w.finish()
		case html.TextToken:
			if w.skip == "" {
				w.text(z.Text())
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

// plain reports whether ToText would return s unchanged: no markup, no
// entity, no sound tag, no space that a browser would collapse or trim,
// no line break, no NUL.
func plain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<', '&', '\r', '\n', '\t', '\f', 0:
			return false
		case ' ':
			if s[i+1] == ' ' { // s does not end with a space
				return false
			}
		case 0xc2: // the first byte of U+00A0, a space that does not collapse
			if i+1 < len(s) && s[i+1] == 0xa0 {
				return false
			}
		}
	}
	return !strings.Contains(s, "[sound:")
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
func (w *textWriter) write(s []byte) {
	if w.space && !w.atLineStart() {
		w.b = append(w.b, ' ')
	}
	w.space = false
	w.b = append(w.b, s...)
}

var nbsp = []byte("\u00a0")

// text adds a text token (the tokenizer's buffer, valid until its next token).
func (w *textWriter) text(t []byte) {
	if w.pre > 0 {
		for len(t) > 0 { // "\r\n" becomes "\n"
			i := bytes.Index(t, []byte("\r\n"))
			if i < 0 {
				w.b = append(w.b, t...)
				break
			}
			w.b = append(w.b, t[:i]...)
			w.b = append(w.b, '\n')
			t = t[i+2:]
		}
		return
	}
	for i := 0; i < len(t); {
		switch {
		case isSpace(t[i]):
			w.space = true
			i++
		case bytes.HasPrefix(t[i:], nbsp): // &nbsp; is a space that does not collapse
			w.write([]byte{' '})
			i += len(nbsp)
		default:
			j := i + 1
			for j < len(t) && !isSpace(t[j]) && !bytes.HasPrefix(t[j:], nbsp) {
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
				w.write([]byte("[image: " + string(val) + "]"))
				w.space = true
				break
			}
		}
		return
	case "td", "th":
		if w.rowCell {
			w.write([]byte(" | "))
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

// finish trims the text, collapses blank lines and rewrites sound tags. It
// works in place: the text only shrinks, so each line is moved down over
// what is already read.
func (w *textWriter) finish() string {
	rest := w.b
	out := w.b[:0]
	blank := false
	for len(rest) > 0 {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		l = bytes.TrimRight(l, " \t")
		if len(l) == 0 {
			blank = len(out) > 0
			continue
		}
		if len(out) > 0 {
			out = append(out, '\n')
		}
		if blank {
			out = append(out, '\n')
			blank = false
		}
		out = append(out, l...)
	}
	return spaceSoundTags(out)
}

// spaceSoundTags returns b as a string with each [sound:x] written as
// [sound: x], the form card text uses for media. It copies b once, or not
// at all when b fills most of its buffer: the string then takes the buffer
// over, as strings.Builder does (b is not used again).
func spaceSoundTags(b []byte) string {
	open := []byte("[sound:")
	n := bytes.Count(b, open)
	if n == 0 {
		if len(b) > 0 && cap(b)-len(b) <= len(b)/8 {
			return unsafe.String(unsafe.SliceData(b), len(b))
		}
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b) + n)
	for {
		i := bytes.Index(b, open)
		if i < 0 {
			break
		}
		if bytes.IndexByte(b[i+len(open):], ']') < 0 {
			out.Write(b[:i+len(open)]) // not a closed tag: left as it is
			b = b[i+len(open):]
			continue
		}
		out.Write(b[:i])
		out.WriteString("[sound: ")
		b = b[i+len(open):]
	}
	out.Write(b)
	return out.String()
}
