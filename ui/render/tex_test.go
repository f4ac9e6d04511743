package render

import "testing"

// Formulas as they come in shared Anki decks and in loci's guide; each want
// was worked out by hand from the rules in TeX's doc comment.
func TestTeX(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Euler's identity", `e^{i\pi}+1=0`, "e^(iπ)+1=0"},
		{"fraction", `\frac{a}{b}`, "a/b"},
		{"fraction of sums", `\frac{a+b}{c-d}`, "(a+b)/(c-d)"},
		{"vulgar fraction", `\frac{1}{2}mv^2`, "½mv²"},
		{"sum with limits", `\sum_{i=1}^n x_i`, "∑ᵢ₌₁ⁿ xᵢ"},
		{"real space", `\mathbb{R}^n`, "ℝⁿ"},
		{"member of", `x \in \mathbb{R}^{n \times m}`, "x ∈ ℝ^(n × m)"},
		{"gradient", `\nabla_\theta J(\theta)`, "∇_θ J(θ)"},
		{"KL divergence", `D_{KL}(P \| Q) = \sum_{x} P(x) \log \frac{P(x)}{Q(x)}`,
			"D_(KL)(P ‖ Q) = ∑ₓ P(x) log P(x)/Q(x)"},
		{"softmax", `\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_{j=1}^K e^{z_j}}`,
			"σ(𝐳)ᵢ = e^(zᵢ)/(∑ⱼ₌₁ᴷ e^(zⱼ))"},
		{"gradient step", `\theta_{t+1} = \theta_t - \eta \nabla_\theta L`, "θₜ₊₁ = θₜ - η∇_θ L"},
		{"Pythagoras", `\sqrt{x^2+y^2}`, "√(x²+y²)"},
		{"cube root", `\sqrt[3]{8} = 2`, "∛8 = 2"},
		{"Gaussian integral", `\int_0^\infty e^{-x^2} dx = \frac{\sqrt{\pi}}{2}`, "∫₀^∞ e^(-x²) dx = √π/2"},
		{"expectation", `\mathbb{E}_{x \sim p}[f(x)]`, "𝔼_(x ∼ p)[f(x)]"},
		{"conditional", `p(y \mid x) \propto p(x \mid y)\,p(y)`, "p(y | x) ∝ p(x | y) p(y)"},
		{"transpose", `A^\top A`, "Aᵀ A"},
		{"limit", `\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e`, "lim_(n → ∞) (1 + 1/n)ⁿ = e"},
		{"hat", `\hat{\theta} \approx \theta`, "θ̂ ≈ θ"},
		{"calligraphic loss", `\mathcal{L}(\theta)`, "ℒ(θ)"},
		{"set builder", `\{x \mid x > 0\}`, "{x | x > 0}"},
		{"operator name", `\operatorname{softmax}(z)`, "softmax(z)"},
		{"function before a letter", `\log x + \exp(y)`, "log x + exp(y)"},
		{"implication", `A \implies B`, "A ⟹ B"},
		{"Bayes", `P(A|B) = \frac{P(B|A)P(A)}{P(B)}`, "P(A|B) = P(B|A)P(A)/P(B)"},
		{"unknown command kept", `\overbrace{a+b}^{n}`, `\overbrace{a+b}ⁿ`},
		{"binomial kept", `\binom{n}{k}`, `\binom{n}{k}`},
		{"matrix kept as source", `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`,
			`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`},
		{"escaped braces and percent", `50\% \text{ of } \{a\}`, "50% of {a}"},
		{"dangling script", `x^`, "x^"},
		{"unbalanced group", `\frac{a}{b`, "a/b"},
		{"trailing backslash", `a\`, `a\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TeX(tt.in); got != tt.want {
				t.Errorf("TeX(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
