package bibtex

import (
	"reflect"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		// accents in every brace form
		{`{\"o}`, "ö"},
		{`\"o`, "ö"},
		{`\"{o}`, "ö"},
		{`\" o`, "ö"},
		{`\'e\'{E}`, "éÉ"},
		{`\^{\i}le`, "île"},
		{`\'{\i}`, "í"},
		{`{\'\i}`, "í"},
		{`\c c \c{c}`, "ç ç"},
		{`\v{s}\v{C}apek`, "šČapek"},
		{`\~n \~{n}`, "ñ ñ"},
		{`\=a \={a}`, "ā ā"},
		{`\u{g}`, "ğ"},
		{`Erd\H{o}s`, "Erdős"},
		{`\k{a}`, "ą"},
		{`\.{z}\.z`, "żż"},
		{`\r{a}`, "å"},
		{`\t{oo}`, "o\u0361o"},
		{`G\"{o}del, Escher, Bach`, "Gödel, Escher, Bach"},
		// special letters
		{`Stra\ss e {\ss}`, "Straße ß"},
		{`\O{}re and {\o}re \o`, "Øre and øre ø"},
		{`\AA{}ngstr\"om {\aa}`, "Ångström å"},
		{`\L\'od\'z {\l}`, "Łódź ł"},
		{`{\i} \i`, "ı ı"},
		// escapes, dashes, quotes, spaces
		{`R\&D 100\% \$5 \#1 snake\_case \{x\}`, "R&D 100% $5 #1 snake_case {x}"},
		{`pages 1--10, wait---what`, "pages 1–10, wait—what"},
		{`a\textendash b\textemdash c`, "a–b—c"},
		{"``quoted'' it\\textquoteright s", "“quoted” it’s"},
		{`it's`, "it's"},
		{`non~breaking`, "non breaking"},
		{`wait\ldots\ and \dots`, "wait… and …"},
		{`non\hyphen linear and non\hyphen{}linear`, "non-linear and non-linear"},
		{`hy\-phen\/ation`, "hyphenation"},
		{`x\^{}2 and \~{} and \^`, "x^2 and ~ and ^"},
		{`C:\textbackslash{}dir \textasciitilde{}user`, `C:\dir ~user`},
		{`19\textsuperscript{th} century`, "19th century"},
		{`a\\b`, "a b"},
		// formatting keeps its text; protective braces go
		{`{{Protected}} {C}aps {RNN}s`, "Protected Caps RNNs"},
		{`\emph{em} \textit{it} \textbf{bf} \textsc{sc} {\bf old} {\it style} \mbox{box}`, "em it bf sc old style box"},
		{`\url{http://a.org/~x_y}`, "http://a.org/~x_y"},
		{`See \href{http://x.org}{this page}`, "See this page"},
		{`\enquote{Hi}`, "“Hi”"},
		{`\texorpdfstring{$\alpha$}{alpha} zero`, "alpha zero"},
		{`{\noopsort{b}}Alpha`, "Alpha"},
		// maths becomes Unicode in plain text
		{`$\beta$-VAE and $\Delta x \to 0$ with $x \leq y$`, "β-VAE and Δx → 0 with x ≤ y"},
		{`$O(n \log n)$`, "O(n log n)"},
		{`\LaTeX{} and \TeX`, "LaTeX and TeX"},
		{`\unknown{kept} text`, "kept text"},
		{"  spread \n\t out  ", "spread out"},
		{`trailing\`, `trailing\`},
		{`\"{}`, "¨"},
		{`caf\'{}e`, "caf´e"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := (converter{}).text(tt.in); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Card text is Markdown: maths stays for the renderer, a dollar sign
// stays a dollar sign.
func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`$\beta$-VAE`, `$\beta$-VAE`},
		{`Loss $\mathcal{L} = \sum_i x_i^2$ here`, `Loss $\mathcal{L} = \sum_i x_i^2$ here`},
		{`$$E = mc^2$$`, `$$E = mc^2$$`},
		{`costs \$5`, `costs \$5`},
		{`a lone $ sign`, `a lone \$ sign`},
		{`$a \$ b$`, `$a \$ b$`},
		{`Self-attention {\em alone} -- G\"odel`, "Self-attention alone – Gödel"},
	}
	for _, tt := range tests {
		if got := (converter{markdown: true}).text(tt.in); got != tt.want {
			t.Errorf("markdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnknownCommands(t *testing.T) {
	var got []string
	c := converter{unknown: func(name string) { got = append(got, name) }}
	out := c.text(`\foo{a} \bar b \emph{c} \foo{d} \hyphen \^{}`)
	if want := []string{"foo", "bar", "foo"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unknown = %q, want %q", got, want)
	}
	if out != "a b c d -^" {
		t.Errorf("text = %q", out)
	}
}

func TestAuthors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ashish Vaswani", "Ashish Vaswani"},
		{"Vaswani, Ashish", "Ashish Vaswani"},
		{"Vaswani, Ashish and Shazeer, Noam", "Ashish Vaswani, Noam Shazeer"},
		{"A. One and B. Two and C. Three", "A. One, B. Two, C. Three"},
		{"Smith, John and others", "John Smith et al."},
		{"others", "et al."},
		{"van der Berg, Anna", "Anna van der Berg"},
		{"King, Jr., Martin Luther", "Martin Luther King Jr."},
		{"{World Health Organization}", "World Health Organization"},
		{"{Ben and Jerry} and Sandra", "Ben and Jerry, Sandra"},
		{"Sandraand Bob", "Sandraand Bob"},
		{"M{\\\"u}ller, J{\\\"o}rg", "Jörg Müller"},
		{"  Lots\n  of   space ,  Here  ", "Here Lots of space"},
		{"Doe, Jane and", "Jane Doe"},
		{"and and", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := (converter{}).authors(tt.in); got != tt.want {
			t.Errorf("authors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
