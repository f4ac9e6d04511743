package deck

import (
	"reflect"
	"strings"
	"testing"
)

// TestMarkdownWriterRoundTrip writes cards one at a time and parses the
// file back: the same cards, the cloze text once for all its cards, and the
// papers in the front matter.
func TestMarkdownWriterRoundTrip(t *testing.T) {
	paper := Paper{Key: "p1", Title: "A paper", Year: 2020, Difficulty: "easy"}
	tests := []struct {
		name   string
		cards  []Card
		papers []Paper
		want   []Card // as parsed back: ID, Kind, Front, Back, Ord, Tags, Source, Paper
	}{
		{
			name: "basic with attributes",
			cards: []Card{{ID: "b1", Kind: Basic, Front: "Front?", Back: "Back.", Tags: []string{"x", "y"},
				Source: "Guide,\n section 2", Paper: "p1"}},
			papers: []Paper{paper},
			want: []Card{{ID: "b1", Kind: Basic, Front: "Front?", Back: "Back.", Tags: []string{"x", "y"},
				Source: "Guide, section 2", Paper: "p1"}},
		},
		{
			name:  "lines that read like markers stay text",
			cards: []Card{{ID: "b2", Kind: Basic, Front: "Which line?", Back: "First.\nA: not a marker\nid: not an id"}},
			want:  []Card{{ID: "b2", Kind: Basic, Front: "Which line?", Back: "First.\nA: not a marker\nid: not an id"}},
		},
		{
			name: "cloze siblings written once",
			cards: []Card{
				{ID: "z/c1", Kind: Cloze, Ord: 1, Front: "{{c1::One}} and {{c2::two}}", Back: "Extra."},
				{ID: "b3", Kind: Basic, Front: "Q?", Back: "A."},
				{ID: "z/c2", Kind: Cloze, Ord: 2, Front: "{{c1::One}} and {{c2::two}}", Back: "Extra."},
			},
			want: []Card{
				{ID: "z/c1", Kind: Cloze, Ord: 1, Front: "{{c1::One}} and {{c2::two}}", Back: "Extra."},
				{ID: "z/c2", Kind: Cloze, Ord: 2, Front: "{{c1::One}} and {{c2::two}}", Back: "Extra."},
				{ID: "b3", Kind: Basic, Front: "Q?", Back: "A."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w, err := NewMarkdownWriter(&b, "Deck::Sub", tt.papers, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.cards {
				if err := w.Write(&tt.cards[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(b.String(), "\nid: z\n"); n > 1 {
				t.Errorf("the cloze text is written %d times:\n%s", n, b.String())
			}
			f, err := Parse("out.md", strings.NewReader(b.String()))
			if err != nil {
				t.Fatalf("%v in\n%s", err, b.String())
			}
			if f.Deck != "Deck::Sub" {
				t.Errorf("deck %q", f.Deck)
			}
			var got []Card
			for _, c := range f.Cards {
				got = append(got, Card{ID: c.ID, Kind: c.Kind, Front: c.Front, Back: c.Back, Ord: c.Ord, Tags: c.Tags,
					Source: c.Source, Paper: c.Paper})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parsed back\n%+v\nwant\n%+v\nfrom\n%s", got, tt.want, b.String())
			}
			var keys []string
			for _, p := range f.Papers {
				keys = append(keys, p.Key+"/"+p.Title)
			}
			var wantKeys []string
			for _, p := range tt.papers {
				wantKeys = append(wantKeys, p.Key+"/"+p.Title)
			}
			if !reflect.DeepEqual(keys, wantKeys) {
				t.Errorf("papers %v, want %v", keys, wantKeys)
			}
		})
	}
}
