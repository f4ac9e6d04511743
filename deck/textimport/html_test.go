package textimport

import "testing"

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\nhere", "plain text here"},
		{"<b>bold</b> and <i>italic</i>", "bold and italic"},
		{"a<br>b", "a\nb"},
		{"a<br/>b<br />c", "a\nb\nc"},
		{"a<br><br>b", "a\n\nb"},
		{"a<br><br><br><br>b", "a\n\nb"},
		{"<div>one</div><div>two</div>", "one\ntwo"},
		{"<div>one</div><br><div>two</div>", "one\n\ntwo"},
		{"<div>one<br></div><div>two</div>", "one\ntwo"},
		{"first<div>second</div>third", "first\nsecond\nthird"},
		{"<p>para one</p><p>para two</p>", "para one\n\npara two"},
		{"&lt;tag&gt; &amp; &quot;q&quot; &#39;s&#x27;", "<tag> & \"q\" 's'"},
		{"a&nbsp;&nbsp;b", "a  b"},
		{"caf&eacute; &mdash; na&iuml;ve", "café — naïve"},
		{`<img src="cat.jpg">`, "[image: cat.jpg]"},
		{`see <img src='paris map.png' alt="map"> here`, "see [image: paris map.png] here"},
		{`<img alt="a dog" src="data:image/png;base64,AAAA">`, "[image: a dog]"},
		{`<img>`, "[image]"},
		{"<ul><li>one</li><li>two</li></ul>after", "• one\n• two\nafter"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a | b\nc | d"},
		{"x<script>alert(1)</script>y<style>p{}</style>z", "xyz"},
		{"a<!-- hidden -->b", "ab"},
		{"<pre>line 1\n  indented</pre>after", "line 1\n  indented\n\nafter"},
		{"  <div>  spaced   out  </div>  ", "spaced out"},
		{"<span style=\"color:red\">{{c1::red}}</span> text", "{{c1::red}} text"},
		{"[sound:hello.mp3]<br>Hello", "[sound:hello.mp3]\nHello"},
		{"unclosed <b>bold", "unclosed bold"},
		{"a < b and c > d", "a < b and c > d"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := HTMLToText(tt.in); got != tt.want {
			t.Errorf("HTMLToText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
