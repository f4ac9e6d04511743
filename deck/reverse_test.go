package deck

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReverseCards(t *testing.T) {
	tests := []struct {
		name string
		text string
		want [][3]string // id, front, back
	}{
		{"card field", "---\ndeck: D\n---\nQ: chien\nA: dog\nid: chien\nreverse: true\n",
			[][3]string{{"chien", "chien", "dog"}, {"chien/r", "dog", "chien"}}},
		{"front-matter default", "---\ndeck: D\nreverse: true\n---\nQ: un\nA: one\nid: un\n\nQ: deux\nA: two\nid: deux\nreverse: false\n",
			[][3]string{{"un", "un", "one"}, {"un/r", "one", "un"}, {"deux", "deux", "two"}}},
		{"hash id", "---\ndeck: D\n---\nQ: trois\nA: three\nreverse: yes\n", nil},
		{"the default does not touch cloze cards", "---\ndeck: D\nreverse: true\n---\nC: {{c1::quatre}} is four\nid: q\n",
			[][3]string{{"q/c1", "{{c1::quatre}} is four", ""}}},
		{"anki numbering", "---\ndeck: D\n---\nQ: cinq\nA: five\nid: anki-abc/0\nreverse: true\n",
			[][3]string{{"anki-abc/0", "cinq", "five"}, {"anki-abc/1", "five", "cinq"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("t.md", strings.NewReader(tc.text))
			if tc.want == nil {
				var pe *Error
				if !errors.As(err, &pe) || pe.Line != 6 || pe.Field != "reverse" {
					t.Fatalf("err = %v, want a reverse error on line 6", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got [][3]string
			for _, c := range f.Cards {
				got = append(got, [3]string{c.ID, c.Front, c.Back})
				if c.IsReverse() != strings.HasSuffix(c.ID, "/r") && !strings.HasPrefix(c.ID, "anki-") {
					t.Errorf("%s: IsReverse = %v", c.ID, c.IsReverse())
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cards = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReverseErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"on a cloze card", "---\ndeck: D\n---\nC: {{c1::x}}\nreverse: true\n", "t.md:5: reverse: only a Q:/A: card"},
		{"not a bool", "---\ndeck: D\n---\nQ: x\nA: y\nreverse: both\n", `t.md:6: reverse: "both": want true or false`},
		{"front matter not a bool", "---\ndeck: D\nreverse: both\n---\nQ: x\nA: y\n", "t.md:3: reverse:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.md", strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReverseExportRoundTrip(t *testing.T) {
	text := "---\ndeck: D\n---\nQ: chien\nA: dog\nid: chien\nreverse: true\n\nQ: chat\nA: cat\nid: chat\n"
	f, err := Parse("t.md", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, "D", f.Cards, nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "reverse: true"); n != 1 {
		t.Errorf("export has %d reverse lines, want 1:\n%s", n, b.String())
	}
	g, err := Parse("again.md", &b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.Cards {
		f.Cards[i].File, g.Cards[i].File, f.Cards[i].Line, g.Cards[i].Line = "", "", 0, 0
	}
	if !reflect.DeepEqual(f.Cards, g.Cards) {
		t.Errorf("round trip:\n got %+v\nwant %+v", g.Cards, f.Cards)
	}
}
