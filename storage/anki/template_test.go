package anki

import (
	"reflect"
	"testing"
)

func TestTemplateRefs(t *testing.T) {
	got := templateRefs("{{#Extra}}{{Extra}}{{/Extra}} {{ text:Front }} {{{Back}}} <!-- {{Hidden}} --> {{tts en_US:Word}} {{^X}}{{/X}} {{type:Back}}")
	want := []ref{
		{field: "Extra"},
		{field: "Front", filters: []string{"text"}},
		{field: "Back"},
		{field: "Word", filters: []string{"tts en_US"}},
		{field: "Back", filters: []string{"type"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestSidesFor(t *testing.T) {
	basic := func(q, a string, fields ...string) *notetype {
		return &notetype{fields: fields, templates: map[int]template{0: {qfmt: q, afmt: a}}}
	}
	for _, tc := range []struct {
		name string
		nt   *notetype
		ord  int
		want sides
		ok   bool
	}{
		{"basic", basic("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}", "Front", "Back"), 0,
			sides{front: []int{0}, back: []int{1}}, true},
		{"reversed template", &notetype{fields: []string{"Front", "Back"}, templates: map[int]template{
			0: {qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr>{{Back}}"}, 1: {qfmt: "{{Back}}", afmt: "{{FrontSide}}<hr>{{Front}}"}}}, 1,
			sides{front: []int{1}, back: []int{0}}, true},
		{"type in the answer", basic("{{Front}}\n\n{{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}", "Front", "Back"), 0,
			sides{front: []int{0}, back: []int{1}}, true},
		{"hint comes back with FrontSide", basic("{{Word}} {{hint:Notes}}", "{{FrontSide}}<hr>{{Meaning}}", "Word", "Meaning", "Notes"), 0,
			sides{front: []int{0}, back: []int{2, 1}}, true},
		{"two fields on the front", basic("{{Word}}<br>{{Picture}}", "{{FrontSide}}<hr>{{Meaning}}", "Word", "Picture", "Meaning"), 0,
			sides{front: []int{0, 1}, back: []int{2}}, true},
		{"field names ignore case", basic("{{front}}", "{{BACK}}", "Front", "Back"), 0,
			sides{front: []int{0}, back: []int{1}}, true},
		{"fallback when nothing matches", basic("{{Nope}} {{Tags}}", "{{Deck}}", "A", "B", "C"), 0,
			sides{front: []int{0}, back: []int{1}}, true},
		{"cloze", &notetype{cloze: true, fields: []string{"Text", "Back Extra"},
			templates: map[int]template{0: {qfmt: "{{cloze:Text}}", afmt: "{{cloze:Text}}<br>\n{{Back Extra}}"}}}, 3,
			sides{front: []int{0}, back: []int{1}, clozes: []int{0}}, true},
		{"cloze with a header field", &notetype{cloze: true, fields: []string{"Header", "Text", "Extra"},
			templates: map[int]template{0: {qfmt: "{{Header}}<br>{{cloze:Text}}", afmt: "{{FrontSide}}<br>{{Extra}}"}}}, 0,
			sides{front: []int{0, 1}, back: []int{2}, clozes: []int{1}}, true},
		{"cloze typed from a second field", &notetype{cloze: true, fields: []string{"Text", "Other", "Extra"},
			templates: map[int]template{0: {qfmt: "{{cloze:Text}}\n{{type:cloze:Other}}", afmt: "{{cloze:Text}}<br>{{type:cloze:Other}}<br>{{Extra}}"}}}, 1,
			sides{front: []int{0, 1}, back: []int{2}, clozes: []int{0, 1}}, true},
		{"two cloze fields", &notetype{cloze: true, fields: []string{"Extra", "Text", "Other"},
			templates: map[int]template{0: {qfmt: "{{cloze:Text}}<hr>{{cloze:Other}}{{type:cloze:Text}}", afmt: "{{FrontSide}}{{Extra}}"}}}, 0,
			sides{front: []int{1, 2}, back: []int{0}, clozes: []int{1, 2}}, true},
		{"cloze without the filter falls back to the first field", &notetype{cloze: true, fields: []string{"Text", "Extra"},
			templates: map[int]template{0: {qfmt: "{{Extra}}", afmt: "{{Extra}}"}}}, 0,
			sides{front: []int{0, 1}, clozes: []int{0}}, true},
		{"missing template", basic("{{Front}}", "{{Back}}", "Front", "Back"), 1, sides{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.nt.sidesFor(tc.ord)
			if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sidesFor(%d) = %+v, %v; want %+v, %v", tc.ord, got, ok, tc.want, tc.ok)
			}
		})
	}
}
