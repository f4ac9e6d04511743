package render

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// strikeParser reads ~~struck~~ text (GitHub's strikethrough) into the
// Strikethrough node of goldmark's extension/ast. It stands in for
// goldmark's extension package, whose package variables (linkify's large
// regular expressions) cost every loci process about 6 ms at start, also
// when it only prints `loci due` for a shell prompt.
type strikeParser struct{}

// Trigger is the tilde.
func (strikeParser) Trigger() []byte { return []byte{'~'} }

// Parse pushes a run of exactly two tildes as a delimiter; goldmark's
// delimiter pass pairs an opener with a closer through strikeDelims.
func (strikeParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 2, strikeDelims{})
	if d == nil || d.OriginalLength != 2 || before == '~' {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// strikeDelims pairs tildes into a Strikethrough node.
type strikeDelims struct{}

func (strikeDelims) IsDelimiter(b byte) bool { return b == '~' }

func (strikeDelims) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikeDelims) OnMatch(int) ast.Node { return east.NewStrikethrough() }
