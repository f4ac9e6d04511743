package render

import (
	"strconv"
	"strings"

	"github.com/rivo/tview"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Highlight markers: text between them (put there by the caller, as the
// review screen does for a revealed cloze deletion) is drawn highlighted.
// They are private-use characters, which Markdown passes through unchanged.
const (
	HighlightStart = "\uE000"
	HighlightEnd   = "\uE001"
)

// Options say how to draw.
type Options struct {
	// NoColor is set under NO_COLOR: nothing is told apart by colour alone,
	// so inline code keeps its backticks and code blocks their indent.
	NoColor bool
	// Width, when above 0, wraps text at word boundaries to that many cells,
	// the lines of a list item or a block quote indented under its first
	// (a hanging indent the terminal's own wrapping cannot give). Code is
	// never wrapped here.
	Width int
}

// Colours, chosen to read on dark and light backgrounds alike.
const (
	codeColor  = "darkcyan"
	quietColor = "gray"
	highlight  = "yellow"
)

var md = goldmark.New(
	goldmark.WithParserOptions(parser.WithInlineParsers(
		util.Prioritized(mathParser{}, 150),
		util.Prioritized(strikeParser{}, 500),
	)),
)

// Markdown renders one side of a card, written in Markdown with LaTeX
// maths, as tview-tagged text: one string with a line per screen line
// before wrapping. The source's own "[tags]" are escaped; soft line breaks
// are kept, since a line break on a card is meant.
func Markdown(src string, opt Options) string {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	r := &renderer{src: source, opt: opt, width: opt.Width}
	return strings.Join(r.blocks(doc, false), "\n")
}

// renderer walks a parsed document.
type renderer struct {
	src   []byte
	opt   Options
	width int // cells left for the block being rendered; 0: no wrapping
}

// indented renders with the width narrowed by an indent of n cells.
func (r *renderer) indented(n int, render func() []string) []string {
	saved := r.width
	if r.width > 0 {
		r.width = max(r.width-n, minWrap)
	}
	defer func() { r.width = saved }()
	return render()
}

// minWrap is the narrowest a nested block is wrapped to; below it the
// terminal wraps.
const minWrap = 8

// blocks renders the children of a container as lines, with a blank line
// between blocks unless tight (the items of a tight list).
func (r *renderer) blocks(n ast.Node, tight bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.block(c)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// block renders one block node as lines.
func (r *renderer) block(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return r.inlines(n, style{})
	case *ast.Heading:
		s := style{attrs: "b"}
		if n.Level == 1 {
			s.attrs = "bu"
		}
		return r.inlines(n, s)
	case *ast.ThematicBreak:
		return []string{"[" + quietColor + "]────────[-]"}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return r.code(n)
	case *ast.HTMLBlock:
		return r.rawLines(n)
	case *ast.Blockquote:
		inner := r.indented(2, func() []string { return r.blocks(n, false) })
		for i, l := range inner {
			inner[i] = "[" + quietColor + "]│[-] " + l
		}
		return inner
	case *ast.List:
		return r.list(n)
	}
	return r.blocks(n, false)
}

// bullets by nesting depth.
var bullets = []string{"•", "◦", "▪"}

// list renders a list's items with their bullets or numbers; the lines of
// an item after its first are indented under its text.
func (r *renderer) list(n *ast.List) []string {
	depth := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	var out []string
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := bullets[depth%len(bullets)] + " "
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, "")
		}
		indent := strings.Repeat(" ", len([]rune(marker)))
		lines := r.indented(len([]rune(marker)), func() []string { return r.blocks(item, n.IsTight) })
		for i, l := range lines {
			switch {
			case i == 0:
				l = marker + l
			case l != "":
				l = indent + l
			}
			out = append(out, l)
		}
	}
	return out
}

// code renders a code block's lines verbatim, indented and coloured.
func (r *renderer) code(n ast.Node) []string {
	lines := n.Lines()
	out := make([]string, 0, lines.Len())
	indent, open, shut := "  ", "["+codeColor+"]", "[-]"
	if r.opt.NoColor {
		indent, open, shut = "    ", "", ""
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := strings.TrimRight(string(seg.Value(r.src)), "\r\n")
		out = append(out, indent+open+tview.Escape(strings.ReplaceAll(l, "\t", "    "))+shut)
	}
	return out
}

// rawLines renders a block of HTML as the text it is.
func (r *renderer) rawLines(n ast.Node) []string {
	lines := n.Lines()
	out := make([]string, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		out = append(out, tview.Escape(strings.TrimRight(string(seg.Value(r.src)), "\r\n")))
	}
	return out
}

// inlines renders the inline children of a block as lines, in base style.
func (r *renderer) inlines(n ast.Node, base style) []string {
	w := &inlineWriter{opt: r.opt, base: base, width: r.width}
	w.emit()
	r.inline(w, n)
	w.flush()
	w.b.WriteString("[-::-]")
	lines := strings.Split(w.b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 1 && isTagsOnly(lines[len(lines)-1]) { // after display maths
		lines[len(lines)-2] += lines[len(lines)-1]
		lines = lines[:len(lines)-1]
	}
	return lines
}

// inline renders the inline children of n.
func (r *renderer) inline(w *inlineWriter, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(r.src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			w.text(string(v))
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.newline()
			}
		case *ast.String:
			w.text(string(c.Value))
		case *ast.CodeSpan:
			w.codeSpan(r.rawText(c))
		case *ast.Emphasis:
			if c.Level >= 2 {
				w.bold++
			} else {
				w.italic++
			}
			w.emit()
			r.inline(w, c)
			if c.Level >= 2 {
				w.bold--
			} else {
				w.italic--
			}
			w.emit()
		case *east.Strikethrough:
			w.strike++
			w.emit()
			r.inline(w, c)
			w.strike--
			w.emit()
		case *ast.Link:
			r.inline(w, c)
			if dest := string(c.Destination); dest != "" && dest != r.plain(c) {
				w.quietText(" (" + dest + ")")
			}
		case *ast.AutoLink:
			w.text(string(c.URL(r.src)))
		case *ast.Image:
			w.text("[image: " + string(c.Destination) + "]")
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				w.text(string(seg.Value(r.src)))
			}
		case *Math:
			m := TeX(c.TeX)
			if c.Display {
				w.ownLine(m)
			} else {
				w.text(m)
			}
		default:
			r.inline(w, c)
		}
	}
}

// rawText is the text of a code span, its line breaks turned to spaces.
func (r *renderer) rawText(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(r.src))
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// plain is the text inside a node, without styles, to compare a link's
// label with its destination.
func (r *renderer) plain(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(r.src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// isTagsOnly reports whether a line holds style tags and nothing visible.
func isTagsOnly(l string) bool { return tview.TaggedStringWidth(l) == 0 }
