package render

import (
	"strings"
	"testing"

	"github.com/rivo/tview"
)

// visible is what a tview text view shows of tagged text.
func visible(tagged string) string {
	return tview.NewTextView().SetDynamicColors(true).SetText(tagged).GetText(true)
}

func TestMarkdownVisibleText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "What is FSRS?", "What is FSRS?"},
		{"emphasis", "a *b* **c** ~~d~~", "a b c d"},
		{"inline code", "run `loci due`", "run loci due"},
		{"line breaks kept", "dog\n(animal)", "dog\n(animal)"},
		{"paragraphs", "one\n\ntwo", "one\n\ntwo"},
		{"bullet list", "- a\n- b\n  - c\n- d", "• a\n• b\n  ◦ c\n• d"},
		{"ordered list from 3", "3. x\n4. y", "3. x\n4. y"},
		{"loose list", "- a\n\n- b", "• a\n\n• b"},
		{"list item continues indented", "- first line\n  second line", "• first line\n  second line"},
		{"block quote", "> quoted\n> text", "│ quoted\n│ text"},
		{"fenced code", "```go\nx := 1\n\ty()\n```", "  x := 1\n      y()"},
		{"heading", "# Title\nbody", "Title\n\nbody"},
		{"link", "[FSRS](https://example.org/fsrs)", "FSRS (https://example.org/fsrs)"},
		{"autolink", "<https://example.org>", "https://example.org"},
		{"image", "![a dog](dog.png)", "[image: dog.png]"},
		{"anki image text stays", "dog\n(animal) [image: dog.png]", "dog\n(animal) [image: dog.png]"},
		{"anki sound text stays", "See [sound: madrid.mp3]", "See [sound: madrid.mp3]"},
		{"tview tags escaped", "[red]not red[-] and [::b]", "[red]not red[-] and [::b]"},
		{"entities", "a &amp; b &lt; c", "a & b < c"},
		{"escapes", `\*not emphasis\*`, "*not emphasis*"},
		{"inline dollar maths", "Euler: $e^{i\\pi}+1=0$.", "Euler: e^(iπ)+1=0."},
		{"MathJax inline", `\(\frac{a}{b}\) and \(x_i\)`, "a/b and xᵢ"},
		{"MathJax display", `Sum: \[\sum_{i=1}^n x_i\] done`, "Sum:\n∑ᵢ₌₁ⁿ xᵢ\ndone"},
		{"display on its own lines", "$$\n\\mathbb{R}^n\n$$", "ℝⁿ"},
		{"Anki's [$] form", `[$]\alpha[/$] and [$$]\beta[/$$]`, "α and\nβ"},
		{"underscores in maths are not emphasis", "$a_i b_j$ and $c_k$", "aᵢ bⱼ and cₖ"},
		{"dollars as money", "costs $5 and $10 today", "costs $5 and $10 today"},
		{"maths inside code stays", "`$x^2$`", "$x^2$"},
		{"escaped dollar", `\$x^2\$`, "$x^2$"},
		{"unclosed maths", `$x^2 and more`, "$x^2 and more"},
		{"cloze blank", "The [...] card", "The [...] card"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := visible(Markdown(tt.in, Options{}))
			if got != tt.want {
				t.Errorf("Markdown(%q) shows\n%q\nwant\n%q\n(tagged: %q)", tt.in, got, tt.want, Markdown(tt.in, Options{}))
			}
		})
	}
}

func TestMarkdownStyles(t *testing.T) {
	tests := []struct {
		name, in string
		opt      Options
		want     string
	}{
		{"bold", "**b**", Options{}, "[-::-][-::-][::b]b[-::-][-::-]"},
		{"italic inside bold keeps bold", "**a *b* c**", Options{},
			"[-::-][-::-][::b]a [-::-][::bi]b[-::-][::b] c[-::-][-::-]"},
		{"struck", "a ~~b~~", Options{}, "[-::-]a [-::-][::s]b[-::-][-::-]"},
		{"one tilde or three is text", "~a~ ~~~b~~~", Options{}, "[-::-]~a~ ~~~b~~~[-::-]"},
		{"code coloured", "`x`", Options{}, "[-::-][darkcyan::-]x[-::-][-::-]"},
		{"code without colour keeps backticks", "`x`", Options{NoColor: true}, "[-::-]`x`[-::-]"},
		{"code block without colour", "    x", Options{NoColor: true}, "    x"},
		{"highlight", "a " + HighlightStart + "b" + HighlightEnd, Options{}, "[-::-]a [yellow::-][::b]b[-::-][-::-]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Markdown(tt.in, tt.opt); got != tt.want {
				t.Errorf("Markdown(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

// Every rendered line must be as wide on screen as its visible text: no
// stray tag may leak into view, whatever the input.
func TestMarkdownNoLeakedTags(t *testing.T) {
	for _, in := range []string{"[red]x", "a[b]c", "[::b]**x**", "[\"r\"]y[\"\"]", "*[red]*", "`[-]`"} {
		out := Markdown(in, Options{})
		for _, l := range strings.Split(out, "\n") {
			if w, v := tview.TaggedStringWidth(l), len([]rune(visible(l))); w != v {
				t.Errorf("Markdown(%q) line %q: width %d, visible %d", in, l, w, v)
			}
		}
	}
}

func TestMarkdownWraps(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"paragraph", "the quick brown fox jumps over the lazy dog", 16,
			"the quick brown\nfox jumps over\nthe lazy dog"},
		{"list items hang under their text", "- the quick brown fox jumps\n- over the lazy dog", 14,
			"• the quick\n  brown fox\n  jumps\n• over the\n  lazy dog"},
		{"nested list", "- outer item here\n  - inner item that wraps", 16,
			"• outer item\n  here\n  ◦ inner item\n    that wraps"},
		{"numbered", "9. nine is a number\n10. ten is wider", 12,
			"9. nine is a\n   number\n10. ten is\n    wider"},
		{"quote", "> a quoted line that wraps", 12, "│ a quoted\n│ line that\n│ wraps"},
		{"styles do not count", "**bold words** and `code words` here", 15,
			"bold words and\ncode words here"},
		{"a word longer than the width stays whole", "see https://example.org/a/long/path now", 10,
			"see\nhttps://example.org/a/long/path\nnow"},
		{"code is not wrapped", "```\nsome long code line here\n```", 8, "  some long code line here"},
		{"width 0 never wraps", "the quick brown fox", 0, "the quick brown fox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := visible(Markdown(tt.in, Options{Width: tt.width}))
			if got != tt.want {
				t.Errorf("Markdown(%q) at %d shows\n%s\nwant\n%s", tt.in, tt.width, got, tt.want)
			}
		})
	}
}
