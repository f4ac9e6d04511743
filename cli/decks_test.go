package cli

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"loci/deck"
)

// Every line of `loci decks` is as wide on screen as the header, whatever
// the script of the deck names, so the count columns line up.
func TestPrintDecksAlignsWideNames(t *testing.T) {
	tests := []struct {
		name  string
		decks []deck.Counts
	}{
		{"ASCII", []deck.Counts{{Deck: "Alignment guide::Funding", New: 3, Cards: 9}, {Deck: "Short", Review: 12, Cards: 40}}},
		{"CJK beside ASCII", []deck.Counts{{Deck: "日本語::漢字", New: 20, Cards: 200}, {Deck: "Japanese::Kanji", Learning: 1, Cards: 2}}},
		{"accents and CJK", []deck.Counts{{Deck: "Français::Vocabulaire", Cards: 1}, {Deck: "中文", Cards: 1234}, {Deck: "한국어 단어", Cards: 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			printDecks(&b, tt.decks)
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if len(lines) != len(tt.decks)+1 {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), len(tt.decks)+1, b.String())
			}
			want := runewidth.StringWidth(lines[0])
			for _, l := range lines[1:] {
				if w := runewidth.StringWidth(l); w != want {
					t.Errorf("line %q is %d cells wide, the header %d:\n%s", l, w, want, b.String())
				}
			}
		})
	}
}
