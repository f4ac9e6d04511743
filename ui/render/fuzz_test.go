package render

import (
	"strings"
	"testing"
	"unicode"

	"github.com/rivo/tview"
)

// Whatever a card says, rendering ends, and every line shows as wide as
// its visible text: no stray tag leaks and nothing panics. `go test` runs
// the seeds; `go test -fuzz FuzzMarkdown ./ui/render` searches further.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"**a** *b* `c`", "- a\n  - b\n> q", "$e^{i\\pi}$ \\(\\frac{a}{b}\\) \\[x\\]", "[$]\\alpha[/$]",
		"$\\frac{", "\\sqrt[", "$x^$", "$$\n\\begin{pmatrix}a\\\\b\\end{pmatrix}\n$$", "[red]x[-]", "a\uE000b\uE001c",
		"```\ncode [::b]\n```", "1. a\n2. b", "![x](y.png) <https://e.org> [l](u)",
	} {
		f.Add(seed, 0)
		f.Add(seed, 12)
	}
	f.Fuzz(func(t *testing.T, src string, width int) {
		if width < 0 || width > 200 {
			return
		}
		out := Markdown(src, Options{Width: width})
		// Brackets may be shown as written, and format or combining marks
		// join with whatever follows them (a tag, or not): the width check
		// cannot tell those apart, so it holds for the other inputs.
		checkable := !strings.ContainsAny(src, "[]") && !strings.ContainsFunc(src, func(r rune) bool {
			return !unicode.IsGraphic(r) && r != '\n' || unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me)
		})
		for _, l := range strings.Split(out, "\n") {
			if !checkable {
				continue
			}
			if w, v := tview.TaggedStringWidth(l), tview.TaggedStringWidth(tview.Escape(visible(l))); w != v {
				t.Errorf("line %q of %q: width %d, its visible text %d", l, src, w, v)
			}
		}
	})
}

func FuzzTeX(f *testing.F) {
	for _, seed := range []string{`e^{i\pi}`, `\frac{a}{b`, `\sqrt[3]{`, `x_{`, `\`, `{{{`, `\left.`, `\mathbb{`, `^_^_`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		TeX(src)
	})
}
