package deck

import (
	"errors"
	"slices"
	"testing"
)

func TestResolveDeck(t *testing.T) {
	decks := []string{"Alignment guide::Funding", "Alignment guide::Introduction", "Spanish::Verbs",
		"French::Verbs", "Default", "日本語::単語"}
	for _, tc := range []struct {
		typed, want string
		fails       bool     // a *DeckError is expected
		candidates  []string // of that error
		suggest     []string
	}{
		{typed: "", want: ""},
		{typed: "Alignment guide::Funding", want: "Alignment guide::Funding"},
		{typed: "Funding", want: "Alignment guide::Funding"},
		{typed: "funding", want: "Alignment guide::Funding"},
		{typed: " Funding ", want: "Alignment guide::Funding"},
		{typed: "Alignment guide", want: "Alignment guide"},
		{typed: "alignment GUIDE::introduction", want: "Alignment guide::Introduction"},
		{typed: "default", want: "Default"},
		{typed: "単語", want: "日本語::単語"},
		{typed: "Verbs", fails: true, candidates: []string{"French::Verbs", "Spanish::Verbs"}},
		{typed: "Fundng", fails: true, suggest: []string{"Alignment guide::Funding"}},
		{typed: "Introdution", fails: true, suggest: []string{"Alignment guide::Introduction"}},
		{typed: "Spanich", fails: true, suggest: []string{"Spanish"}},
		{typed: "Nope", fails: true},
		// A tail starts at a "::": "uide::Funding" is not one.
		{typed: "uide::Funding", fails: true},
	} {
		got, err := ResolveDeck(tc.typed, decks)
		if !tc.fails {
			if err != nil || got != tc.want {
				t.Errorf("ResolveDeck(%q) = %q, %v; want %q", tc.typed, got, err, tc.want)
			}
			continue
		}
		var de *DeckError
		if !errors.As(err, &de) {
			t.Fatalf("ResolveDeck(%q) = %q, %v; want a DeckError", tc.typed, got, err)
		}
		if !slices.Equal(de.Candidates, tc.candidates) || !slices.Equal(de.Suggest, tc.suggest) {
			t.Errorf("ResolveDeck(%q): candidates %q suggest %q; want %q %q", tc.typed, de.Candidates, de.Suggest, tc.candidates, tc.suggest)
		}
	}
}

func TestDeckErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  DeckError
		want string
	}{
		{DeckError{Name: "Fundng", Suggest: []string{"Alignment guide::Funding"}}, `no deck "Fundng"; did you mean "Alignment guide::Funding"?`},
		{DeckError{Name: "x", Suggest: []string{"a", "b", "c"}}, `no deck "x"; did you mean "a", "b" or "c"?`},
		{DeckError{Name: "Verbs", Candidates: []string{"A::Verbs", "B::Verbs"}}, `deck "Verbs" is ambiguous: it could be "A::Verbs" or "B::Verbs"; give the full name`},
		{DeckError{Name: "Nope"}, `no deck "Nope"`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %s\nwant %s", got, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"fundng", "funding", 1}, {"kitten", "sitting", 3}, {"単語", "単", 1}} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
