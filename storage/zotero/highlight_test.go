package zotero

import (
	"testing"

	"loci/deck"
)

func TestHighlightCard(t *testing.T) {
	const text = "Reward hacking happens when an agent exploits a flaw in its reward function."
	tests := []struct {
		name, text, comment, page string
		kind                      deck.Kind
		front, back               string
	}{
		{"cloze of a term in the comment", text, "{{c1::reward function}}", "4", deck.Cloze,
			"Reward hacking happens when an agent exploits a flaw in its {{c1::reward function}}.", ""},
		{"two deletions with a hint keep the highlight's case", text, "{{c1::reward hacking::a failure}}, {{c2::agent}}", "", deck.Cloze,
			"{{c1::Reward hacking::a failure}} happens when an {{c2::agent}} exploits a flaw in its reward function.", ""},
		{"cloze written out in the comment", text, "An agent that games its reward is {{c1::reward hacking}} it, says the paper", "", deck.Cloze,
			"An agent that games its reward is {{c1::reward hacking}} it, says the paper", text},
		{"deletion whose text is not in the highlight", text, "{{c1::specification gaming}}", "", deck.Cloze,
			"{{c1::specification gaming}}", text},
		{"term named in the comment", text, "Reward Hacking", "12", deck.Cloze,
			"{{c1::Reward hacking}} happens when an agent exploits a flaw in its reward function.", ""},
		{"term only as part of a word is not a term", "Rewards are given.", "reward", "3", deck.Basic,
			"“T”, p. 3: you highlighted a passage and noted “reward”. What does the passage say?", "Rewards are given."},
		{"question", text, "What is reward hacking?", "4", deck.Basic, "What is reward hacking?", text},
		{"other comment", text, "key for my thesis", "iv", deck.Basic,
			"“T”, p. iv: you highlighted a passage and noted “key for my thesis”. What does the passage say?", text},
		{"no comment, long passage", text, "", "4", deck.Basic,
			"“T”, p. 4: the passage you highlighted begins “Reward hacking happens when an …”. How does it go on?", text},
		{"no comment, short passage, no page", "Goodhart's law", "", "", deck.Basic,
			"“T”: what did you highlight on this page?", "Goodhart's law"},
		{"broken cloze falls back", text, "{{c1::reward", "4", deck.Basic,
			"“T”, p. 4: you highlighted a passage and noted “{{c1::reward”. What does the passage say?", text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, front, back := highlightCard("T", annotation{text: tt.text, comment: tt.comment, page: tt.page})
			if kind != tt.kind || front != tt.front || back != tt.back {
				t.Errorf("got %s\n  front %q\n  back  %q\nwant %s\n  front %q\n  back  %q", kind, front, back, tt.kind, tt.front, tt.back)
			}
		})
	}
}

func TestYear(t *testing.T) {
	for in, want := range map[string]int{"2017-06-12 June 12, 2017": 2017, "2017-00-00 2017": 2017, "1999": 1999,
		"Spring 2003": 2003, "": 0, "0000-00-00 n.d.": 0, "forthcoming": 0} {
		if got := year(in); got != want {
			t.Errorf("year(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{"a b c": "a b c", " a  b\n c ": "a b c", "a\u2003b": "a b", "a\u00a0b\tc": "a b c",
		"": "", "x\x00y": "xy", "bad \xff byte": "bad \uFFFD byte"} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
