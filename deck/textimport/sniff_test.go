package textimport

import "testing"

func TestSniffSeparator(t *testing.T) {
	tests := []struct {
		name, sample string
		want         rune
	}{
		{"tab", "a\tb\nc\td\n", '\t'},
		{"comma", "a,b\nc,d\n", ','},
		{"semicolon", "a;b;c\nd;e;f\n", ';'},
		{"pipe", "a|b\nc|d\n", '|'},
		{"comma inside quotes is not counted", "\"x;y\",1\n\"p;q\",2\n", ','},
		{"quoted line break", "\"a\nb\";c\nd;e\n", ';'},
		{"tab beats comma when both split evenly", "a,b\tc\nd,e\tf\n", '\t'},
		{"comma when tabs are uneven", "a\t,b\nc,d\n", ','},
		{"most lines when none is even", "a,b\nc,d,e\nf;g\n", ','},
		{"single column", "just text\nmore text\n", '\t'},
		{"comment and blank lines skipped", "# note\n\na;b\nc;d\n", ';'},
		{"cut last line ignored", "a|b\nc|d\ne,f,g,h", '|'},
		{"one line without newline", "a;b", ';'},
		{"empty", "", '\t'},
	}
	for _, tt := range tests {
		if got := sniffSeparator([]byte(tt.sample)); got != tt.want {
			t.Errorf("%s: sniffSeparator(%q) = %q, want %q", tt.name, tt.sample, got, tt.want)
		}
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		fields []string
		want   bool
	}{
		{[]string{"plain", "text"}, false},
		{[]string{"a<br>b"}, true},
		{[]string{"<br/>"}, true},
		{[]string{"<div class=\"x\">y</div>"}, true},
		{[]string{"fish &amp; chips"}, true},
		{[]string{"&#169; 2024"}, true},
		{[]string{"<!-- note -->"}, true},
		{[]string{"<br", "/>"}, false}, // Anki: the check is per field
		{[]string{"1 < 2 > 0"}, false},
		{[]string{"AT&T; rocks"}, true},
		{[]string{"AT & T"}, false},
	}
	for _, tt := range tests {
		if got := looksLikeHTML([][]string{tt.fields}); got != tt.want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", tt.fields, got, tt.want)
		}
	}
}

func TestParseSeparatorValue(t *testing.T) {
	tests := []struct {
		value string
		want  rune
		ok    bool
	}{
		{"tab", '\t', true}, {"Tab", '\t', true}, {" COMMA ", ',', true}, {"Semicolon", ';', true},
		{"space", ' ', true}, {"pipe", '|', true}, {"colon", ':', true},
		{"\t", '\t', true}, {" ", ' ', true}, {",", ',', true}, {" ; ", ';', true}, {"§", '§', true},
		{"foo", 0, false}, {"", 0, false}, {"\"", 0, false}, {"#", 0, false}, {",;", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseSeparator(tt.value)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseSeparator(%q) = %q, %v, want %q, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}
