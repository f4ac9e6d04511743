package bibtex

import "testing"

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{\"o}`, "ö"},
		{`\"o`, "ö"},
		{`\"{o}`, "ö"},
		{`\'e\'{E}`, "éÉ"},
		{`\^{\i}le`, "île"},
		{`\c c`, "ç"},
		{`\v{C}apek`, "Čapek"},
		{`Erd\H{o}s`, "Erdős"},
		{`\t{oo}`, "o\u0361o"},
		{`G\"{o}del, Escher, Bach`, "Gödel, Escher, Bach"},
		{`Stra\ss e`, "Straße"},
		{`\O{}re and {\o}re`, "Øre and øre"},
		{`\AA{}ngstr\"om`, "Ångström"},
		{`\L\'od\'z`, "Łódź"},
		{`R\&D 100\% \$5 \#1 snake\_case \{x\}`, "R&D 100% $5 #1 snake_case {x}"},
		{`pages 1--10, wait---what`, "pages 1–10, wait—what"},
		{"``quoted''", "“quoted”"},
		{`it's`, "it's"},
		{`non~breaking`, "non breaking"},
		{`{{Protected}} {C}aps`, "Protected Caps"},
		{`\emph{em} \textbf{bf} \textsc{sc} {\bf old} {\it style}`, "em bf sc old style"},
		{`\url{http://a.org/~x}`, "http://a.org/~x"},
		{`$\beta$-VAE and $\Delta x \to 0$ with $x \leq y$`, "β-VAE and Δx → 0 with x ≤ y"},
		{`\LaTeX{} and \TeX`, "LaTeX and TeX"},
		{`a\\b`, "a b"},
		{`hy\-phen\/ation`, "hyphenation"},
		{`\unknown{kept} text`, "kept text"},
		{"  spread \n\t out  ", "spread out"},
		{`trailing\`, `trailing\`},
		{`\'`, ""},
		{`\"{}`, ""},
		{`caf\'{}e`, "cafe"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := text(tt.in); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
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
		if got := authors(tt.in); got != tt.want {
			t.Errorf("authors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
