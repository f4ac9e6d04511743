package anki

import "testing"

func TestNotetypeReversed(t *testing.T) {
	const a = "{{FrontSide}}<hr id=answer>"
	for _, tc := range []struct {
		name   string
		fields []string
		tmpls  [][2]string
		cloze  bool
		want   bool
	}{
		{"Basic (and reversed card)", []string{"Front", "Back"},
			[][2]string{{"{{Front}}", a + "{{Back}}"}, {"{{Back}}", a + "{{Front}}"}}, false, true},
		{"Basic (optional reversed card)", []string{"Front", "Back", "Add Reverse"},
			[][2]string{{"{{Front}}", a + "{{Back}}"}, {"{{#Add Reverse}}{{Back}}{{/Add Reverse}}", a + "{{Front}}"}}, false, true},
		{"Basic", []string{"Front", "Back"}, [][2]string{{"{{Front}}", a + "{{Back}}"}}, false, false},
		{"two unrelated templates", []string{"Word", "Meaning", "Example"},
			[][2]string{{"{{Word}}", a + "{{Meaning}}"}, {"{{Example}}", a + "{{Word}}"}}, false, false},
		{"Cloze", []string{"Text", "Extra"}, [][2]string{{"{{cloze:Text}}", "{{cloze:Text}}{{Extra}}"}}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nt := &notetype{name: tc.name, fields: tc.fields, cloze: tc.cloze, templates: map[int]template{}}
			for i, tm := range tc.tmpls {
				nt.templates[i] = template{qfmt: tm[0], afmt: tm[1]}
			}
			if got := nt.reversed(); got != tc.want {
				t.Errorf("reversed() = %v, want %v", got, tc.want)
			}
		})
	}
}
