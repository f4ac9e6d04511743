package render

import (
	"strings"
	"testing"

	"github.com/rivo/tview"
)

// A back as the guide and Anki decks write them: a paragraph, a list,
// emphasis, code and two formulas.
const benchSide = "Three things, as `loci` stores them:\n- the *difficulty* $D \\in [1, 10]$\n- the **stability** $S$ in days\n" +
	"- the retrievability \\(R = (1 + \\frac{t}{9S})^{-1}\\)\n\nSee [sound: madrid.mp3] and [image: dog.png]."

// BenchmarkMarkdown is the cost of rendering one side, paid on every key
// press of the review screen; BenchmarkEscapeOnly is what the screen did
// before (escape the raw text), as the reference.
func BenchmarkMarkdown(b *testing.B) {
	for b.Loop() {
		Markdown(benchSide, Options{})
	}
}

func BenchmarkEscapeOnly(b *testing.B) {
	for b.Loop() {
		tview.Escape(benchSide)
	}
}

// BenchmarkLoneDollars is a side of 2,000 dollar signs that open no maths:
// each opener's search for a closer is bounded, so this stays linear.
func BenchmarkLoneDollars(b *testing.B) {
	side := strings.Repeat("$5 and ", 2000)
	for b.Loop() {
		Markdown(side, Options{})
	}
}
