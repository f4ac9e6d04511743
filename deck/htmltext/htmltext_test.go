package htmltext

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLToText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "dog", "dog"},
		{"bold and entities", "<b>Espa&ntilde;a</b> &amp; &lt;Portugal&gt;", "España & <Portugal>"},
		{"br", "one<br>two<br/>three", "one\ntwo\nthree"},
		{"divs", "<div>one</div><div>two</div>", "one\ntwo"},
		{"anki blank line", "one<div><br></div><div>two</div>", "one\n\ntwo"},
		{"blank lines collapse", "a<br><br><br><br><br>b", "a\n\nb"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\ntwo"},
		{"whitespace collapses", "  a \n\t b  ", "a b"},
		{"nbsp kept", "a&nbsp;&nbsp;b", "a  b"},
		{"space around tags", "a <i>b</i> c", "a b c"},
		{"no space at line start", "<div>  a</div>  <div> b </div>", "a\nb"},
		{"unordered list", "Pets:<ul><li>dog</li><li>cat</li></ul>end", "Pets:\n- dog\n- cat\nend"},
		{"ordered list", "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"},
		{"nested list", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"},
		{"image", `see <img src="dog.png" alt="a dog"> here`, "see [image: dog.png] here"},
		{"image entity in src", `<img src="a&amp;b.png">`, "[image: a&b.png]"},
		{"image without src", `<img alt="x">text`, "text"},
		{"sound", "[sound:madrid.mp3]", "[sound: madrid.mp3]"},
		{"two sounds", "a[sound:1.mp3] [sound:2.ogg]", "a[sound: 1.mp3] [sound: 2.ogg]"},
		{"script and style dropped", "<style>.x{}</style>a<script>alert(1)</script>b", "ab"},
		{"comment dropped", "a<!-- hidden -->b", "ab"},
		{"span stripped", `<span style="color: red">red</span>`, "red"},
		{"cloze passes through", "{{c1::<b>Madrid</b>::capital}} is big", "{{c1::Madrid::capital}} is big"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a | b\nc | d"},
		{"pre keeps spaces", "<pre>x  = 1\n  y</pre>after", "x  = 1\n  y\nafter"},
		{"heading", "<h1>Title</h1>text", "Title\ntext"},
		{"hr", "a<hr>b", "a\n---\nb"},
		{"trims ends", "<br><div> </div>a<br><br>", "a"},
		{"lone angle bracket", "a < b and c > d", "a < b and c > d"},
		{"unclosed tag", "a <b", "a"},
		{"empty", "", ""},
		{"maths kept", `\(x^2\)`, `\(x^2\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ToText(tc.in); got != tc.want {
				t.Errorf("ToText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// Deeply nested lists are indented at most maxIndent levels.
func TestHTMLToTextIndentCap(t *testing.T) {
	in := ""
	for range 20 {
		in += "<ul>"
	}
	in += "<li>deep</li>"
	want := "                - deep" // 8 levels of two spaces
	if got := ToText(in); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzToText(f *testing.F) {
	for _, s := range []string{
		"<b>perro</b>", "a<div><br></div>b", "<ul><li>a<ol><li>b</li></ol></li></ul>",
		`<img src="x.png">[sound:y.mp3]`, "<pre> x\n  y</pre>", "<table><tr><td>a<td>b</table>",
		"{{c1::<i>x</i>::hint}}", "&nbsp;&amp;&#x1F600;", "<script>x</script><style>y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := ToText(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of valid input: %q", out)
		}
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("more than one blank line in a row: %q", out)
		}
		if strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n") {
			t.Fatalf("output starts or ends with a newline: %q", out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.TrimRight(line, " \t") != line {
				t.Fatalf("line %q ends in spaces", line)
			}
		}
		if len(out) > 8*len(in)+16 {
			t.Fatalf("output of %d bytes from %d bytes of input", len(out), len(in))
		}
	})
}

// FuzzToTextTrimmed checks that ToText keeps valid UTF-8 valid and never
// opens or closes the text with a blank line.
func FuzzToTextTrimmed(f *testing.F) {
	for _, s := range []string{"<div>a<br>b</div>", "<ul><li>x</li></ul>", "&amp;&#0;&#x110000;", "<pre>\n x</pre>", "<img src=a>", "<table><td>1<td>2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("ToText(%q) = %q, not valid UTF-8", s, out)
		}
		// Blank lines never open or close the text (a <pre> may keep its
		// leading spaces).
		if strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n") {
			t.Fatalf("ToText(%q) = %q starts or ends with a blank line", s, out)
		}
	})
}

// Text that plain lets through unchanged is what the full conversion gives
// too; everything else goes through the conversion.
func TestPlainFastPath(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plain bool
	}{
		{"", true}, {"word", true}, {"two words, one space", true}, {"Straße {{c1::Köln}} [image: x.png]", true},
		{" leading", false}, {"trailing ", false}, {"two  spaces", false}, {"tab\there", false},
		{"line\nbreak", false}, {"cr\rhere", false}, {"a &amp; b", false}, {"<b>bold</b>", false},
		{"no\u00a0break", false}, {"[sound:a.mp3]", false}, {"nul\x00byte", false}, {" ", false},
	} {
		if got := plain(tc.in); got != tc.plain {
			t.Errorf("plain(%q) = %v, want %v", tc.in, got, tc.plain)
		}
		if tc.plain {
			if got, want := ToText(tc.in), convert(tc.in); got != want {
				t.Errorf("ToText(%q) = %q, but the conversion gives %q", tc.in, got, want)
			}
		}
	}
}

// A plain field costs no allocation; a marked-up one costs a small
// multiple of its size (its buffer, the tokenizer's, the result), not one
// copy per step.
func TestToTextAllocations(t *testing.T) {
	plainText := strings.Repeat("word ", 200000) + "end"
	if n := testing.AllocsPerRun(5, func() { ToText(plainText) }); n != 0 {
		t.Errorf("plain text: %v allocations, want 0", n)
	}
	for name, in := range map[string]string{
		"many tags":      strings.Repeat("<div>word <b>x</b></div>", 40000),
		"one long text":  "<p>" + strings.Repeat("word  ", 200000) + "</p>",
		"many lines":     strings.Repeat("line<br>\n", 100000),
		"sound and more": strings.Repeat("[sound:a.mp3] &amp; ", 50000),
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ToText(in)
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > 8*uint64(len(in)) {
			t.Errorf("%s: %d bytes allocated for %d bytes of input, want at most 8 times the input", name, got, len(in))
		}
	}
}

// Text without markup skips the tokenizer; it must come out as the
// tokenizer would give it (an empty tag at the end sends it through).
func TestNoMarkupPath(t *testing.T) {
	for _, in := range []string{
		"a  b", " lead", "trail ", "x &amp; y &lt;tag&gt; &nbsp;z", "line\r\nbreak\n\n\nthree", "tab\there",
		"[sound:a.mp3] and [sound:b c.mp3]", "no\u00a0break", "&notanentity; &#233;", "nul\x00byte", "  ",
	} {
		if got, want := convert(in), convert(in+"<b></b>"); got != want {
			t.Errorf("convert(%q) = %q, the tokenizer gives %q", in, got, want)
		}
	}
}
