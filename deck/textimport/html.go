package textimport

import (
	"strings"

	"golang.org/x/net/html"
)

// HTMLToText turns an HTML field into plain text for the terminal. Tags are
// dropped and entities decoded; white space collapses as a browser would
// collapse it, except inside <pre>; <br> and the edges of block elements
// (div, p, li, headings, table rows, ...) break lines, with at most one
// blank line in a row; list items start with "• " and table cells after the
// first are joined with " | "; an image becomes "[image: NAME]"; the
// content of script, style and head elements is dropped. A no-break space
// becomes a plain space.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	w := &textWriter{}
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(w.b.String())
		case html.TextToken:
			if w.skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			w.start(string(name), tt == html.SelfClosingTagToken, attrs(z, hasAttr))
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(string(name))
		}
	}
}

// attrs returns the attributes of the current tag that HTMLToText uses.
func attrs(z *html.Tokenizer, more bool) map[string]string {
	var m map[string]string
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if key := string(k); key == "src" || key == "alt" {
			if m == nil {
				m = map[string]string{}
			}
			m[key] = string(v)
		}
	}
	return m
}

// blockBreaks is how many line breaks a block element puts around itself:
// 2 leaves a blank line.
var blockBreaks = map[string]int{
	"p": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2, "pre": 2, "blockquote": 2,
	"div": 1, "ul": 1, "ol": 1, "li": 1, "dl": 1, "dt": 1, "dd": 1, "tr": 1, "table": 1,
	"hr": 1, "section": 1, "article": 1, "header": 1, "footer": 1, "figure": 1, "figcaption": 1,
}

// skipped elements hide their content.
var skipped = map[string]bool{"script": true, "style": true, "head": true, "title": true, "template": true}

// textWriter builds the text, holding back white space until it knows
// whether a word or a line break follows.
type textWriter struct {
	b        strings.Builder
	space    bool // a collapsible space is pending
	breaks   int  // line breaks pending
	lineOpen bool // something has been written on the current line
	skip     int  // depth inside skipped elements
	pre      int  // depth inside <pre>
	cells    int  // cells written in the current table row
}

func (w *textWriter) start(name string, selfClosing bool, attr map[string]string) {
	switch {
	case skipped[name]:
		if !selfClosing {
			w.skip++
		}
	case name == "br":
		// <div>a</div><br> leaves a blank line, as a browser shows it.
		w.breaks = min(w.breaks+1, 2)
		w.space = false
	case name == "img":
		src := attr["src"]
		if src == "" || strings.HasPrefix(src, "data:") {
			src = attr["alt"]
		}
		if src == "" {
			w.word("[image]")
		} else {
			w.word("[image: " + src + "]")
		}
	case name == "li":
		w.lineBreak(1)
		w.word("• ")
		w.space = false
	case name == "td" || name == "th":
		if w.cells > 0 {
			w.word(" | ")
			w.space = false
		}
		w.cells++
	default:
		if n := blockBreaks[name]; n > 0 {
			w.lineBreak(n)
		}
		if name == "tr" {
			w.cells = 0
		}
		if name == "pre" && !selfClosing {
			w.pre++
		}
	}
}

func (w *textWriter) end(name string) {
	switch {
	case skipped[name]:
		w.skip = max(w.skip-1, 0)
	case blockBreaks[name] > 0:
		w.lineBreak(blockBreaks[name])
		if name == "pre" {
			w.pre = max(w.pre-1, 0)
		}
	}
}

// lineBreak asks for n line breaks before the next word; none are written
// at the very start of the text.
func (w *textWriter) lineBreak(n int) {
	if w.b.Len() == 0 {
		return
	}
	if !w.lineOpen && w.breaks == 0 {
		n-- // the line is already broken
	}
	w.breaks = max(w.breaks, n)
	w.space = false
}

// text writes a run of character data.
func (w *textWriter) text(t string) {
	if w.pre > 0 {
		for _, line := range strings.SplitAfter(t, "\n") {
			if body, ok := strings.CutSuffix(line, "\n"); ok {
				w.word(body)
				w.b.WriteByte('\n')
				w.lineOpen = false
			} else {
				w.word(line)
			}
		}
		return
	}
	for len(t) > 0 {
		i := strings.IndexAny(t, " \t\n\r\f")
		if i < 0 {
			w.word(t)
			return
		}
		w.word(t[:i])
		w.space = true
		t = t[i+1:]
	}
}

// word writes s after whatever breaks or space are pending.
func (w *textWriter) word(s string) {
	if s == "" {
		return
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	switch {
	case w.breaks > 0 && w.b.Len() > 0:
		w.b.WriteString("\n\n"[:w.breaks])
	case w.space && w.lineOpen:
		w.b.WriteByte(' ')
	}
	w.breaks, w.space = 0, false
	w.b.WriteString(s)
	w.lineOpen = true
}
