package render

import (
	"testing"

	"loci/deck/htmltext"
)

// Anki fields reach the review screen as HTML turned to text by the Anki
// importer (deck/htmltext), then rendered here: MathJax's \(…\) and \[…\]
// and Anki's [$]…[/$] must survive the first step and render in the second.
func TestAnkiFieldsRender(t *testing.T) {
	tests := []struct{ name, field, want string }{
		{"inline and display MathJax", `The identity \(e^{i\pi}+1=0\)<br>and \[\sum_{i=1}^n x_i\]`,
			"The identity e^(iπ)+1=0\nand\n∑ᵢ₌₁ⁿ xᵢ"},
		{"entities inside maths", `<div>KL: \(D_{KL}(P \| Q)\) where \(x &lt; y\)</div><img src="dog.png">`,
			"KL: D_(KL)(P ‖ Q) where x < y\n[image: dog.png]"},
		{"Anki's own maths tags, HTML and sound", `[$]\alpha[/$] &amp; <b>bold</b> [sound:bark.mp3]`,
			"α & bold [sound: bark.mp3]"},
		{"gradient from an ML deck", `\(\nabla_\theta J(\theta) = \mathbb{E}_{\pi_\theta}[\nabla_\theta \log \pi_\theta(a|s) Q(s,a)]\)`,
			"∇_θ J(θ) = 𝔼_(π_θ)[∇_θ log π_θ(a|s) Q(s,a)]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := visible(Markdown(htmltext.ToText(tt.field), Options{})); got != tt.want {
				t.Errorf("field %q shows\n%q\nwant\n%q", tt.field, got, tt.want)
			}
		})
	}
}
