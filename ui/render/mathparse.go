package render

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Math is an inline node holding a LaTeX maths fragment. Display maths
// ($$…$$, \[…\]) is set on a line of its own.
type Math struct {
	ast.BaseInline
	TeX     string
	Display bool
}

// KindMath is the node kind of Math.
var KindMath = ast.NewNodeKind("Math")

// Kind implements ast.Node.
func (n *Math) Kind() ast.NodeKind { return KindMath }

// Dump implements ast.Node.
func (n *Math) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TeX": n.TeX}, nil)
}

// delimiter is one way of writing maths: the opener, the closer and
// whether it is display maths.
type delimiter struct {
	open, close string
	display     bool
}

// delimiters in the order they are tried: the longer opener first. The
// bracketed ones are MathJax's (as Anki writes it) and Anki's own older
// [$]…[/$] form.
var delimiters = []delimiter{
	{"$$", "$$", true},
	{"$", "$", false},
	{`\(`, `\)`, false},
	{`\[`, `\]`, true},
	{"[$$]", "[/$$]", true},
	{"[$]", "[/$]", false},
}

// mathParser is a goldmark inline parser for the delimiters above. Code
// spans are parsed before it, so `$x$` stays code.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$', '\\', '['} }

func (mathParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	for _, d := range delimiters {
		if !bytes.HasPrefix(line, []byte(d.open)) {
			continue
		}
		if d.open == "$" && (len(line) < 2 || isBlank(line[1])) {
			return nil // "$ 5": a dollar sign, not maths
		}
		l, pos := block.Position()
		block.Advance(len(d.open))
		if tex, ok := readUntil(block, d); ok {
			return &Math{TeX: tex, Display: d.display}
		}
		block.SetPosition(l, pos)
		return nil
	}
	return nil
}

// maxMath bounds how far an opener looks for its closer, so that a card
// full of lone dollar signs renders in linear time.
const maxMath = 2048

// readUntil reads the maths up to d's closer, across lines of the
// paragraph, and leaves the reader after the closer.
func readUntil(block text.Reader, d delimiter) (string, bool) {
	var buf []byte
	for {
		line, _ := block.PeekLine()
		room := maxMath - len(buf)
		if line == nil || room <= 0 {
			return "", false
		}
		if i := closer(line[:min(len(line), room)], d); i >= 0 {
			buf = append(buf, line[:i]...)
			block.Advance(i + len(d.close))
			tex := string(bytes.TrimSpace(buf))
			return tex, tex != ""
		}
		if len(line) >= room {
			return "", false
		}
		buf = append(buf, line...)
		block.AdvanceLine()
	}
}

// closer finds d's closing delimiter in line, skipping escaped characters.
// A single $ closes only after a non-blank and not before a digit, so that
// "$5 and $10" stays text (pandoc's rule).
func closer(line []byte, d delimiter) int {
	cl := []byte(d.close)
	skipEscaped := d.close != `\)` && d.close != `\]`
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && skipEscaped {
			i++
			continue
		}
		if line[i] != cl[0] || !bytes.HasPrefix(line[i:], cl) {
			continue
		}
		if d.close == "$" {
			if i == 0 || isBlank(line[i-1]) || i+1 < len(line) && (line[i+1] >= '0' && line[i+1] <= '9' || line[i+1] == '$') {
				continue
			}
		}
		return i
	}
	return -1
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
