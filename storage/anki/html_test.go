package anki

import "testing"

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
			if got := HTMLToText(tc.in); got != tc.want {
				t.Errorf("HTMLToText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
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
	if got := HTMLToText(in); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
