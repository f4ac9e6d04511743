package deck

import (
	"strings"
	"testing"
)

func TestCardsIn(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // id|kind|front|back of each card
		err        string
	}{
		{"prose around a card", "Notes on the paper\nQ: What is x?\nA: y\nMore prose\n", []string{HashID("What is x?") + "|basic|What is x?|y"}, ""},
		{"prose after the answer is not part of it", "Q: one?\nA: 1\nnot the answer\nQ: two?\nA: 2\nid: two", []string{
			HashID("one?") + "|basic|one?|1", "two|basic|two?|2"}, ""},
		{"cloze", "C: The {{c1::cat}} sat on the {{c2::mat}}.", []string{
			HashID("The {{c1::cat}} sat on the {{c2::mat}}.") + "/c1|cloze|The {{c1::cat}} sat on the {{c2::mat}}.|",
			HashID("The {{c1::cat}} sat on the {{c2::mat}}.") + "/c2|cloze|The {{c1::cat}} sat on the {{c2::mat}}.|"}, ""},
		{"reverse", "Q: dog\nA: Hund\nreverse: true", []string{HashID("dog") + "|basic|dog|Hund", HashID("dog") + "/r|basic|Hund|dog"}, ""},
		{"no cards", "just a note\n\nwith lines", nil, ""},
		{"a paper line ends the block", "Q: x?\npaper: other\nA: y", nil, "note:1: A: the card has no answer"},
		{"question without answer", "intro\nQ: x?\n", nil, "note:2: A: the card has no answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cards, err := CardsIn("note", "Papers", tt.text)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cards {
				if c.Deck != "Papers" {
					t.Errorf("deck %q", c.Deck)
				}
				got = append(got, c.ID+"|"+string(c.Kind)+"|"+c.Front+"|"+c.Back)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("cards:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
