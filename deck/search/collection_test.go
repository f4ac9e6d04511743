package search

import (
	"strings"
	"testing"
)

func TestMatchesCollection(t *testing.T) {
	for _, tt := range []struct {
		pattern Pattern
		path    string
		want    bool
	}{
		{"Alignment", "Alignment", true},
		{"alignment", "Alignment/Interpretability", true}, // a sub-collection
		{"Interpretability", "Alignment/Interpretability", true},
		{"interpretability", "Alignment/Interpretability/SAEs", true},
		{"Alignment/Interpretability", "Alignment/Interpretability/SAEs", true},
		{"ÖKONOMIE", "Ökonomie", true},
		{"Interp", "Alignment/Interpretability", false},
		{"pretability", "Alignment/Interpretability", false},
		{"Alignment/SAEs", "Alignment/Interpretability/SAEs", false},
		{"SAEs", "Alignment/Interpretability", false}, // a parent is not in its child
		{"Inter*", "Alignment/Interpretability", true},
		{"*ability", "Alignment/Interpretability", true},
		{"A*t/I*y", "Alignment/Interpretability/SAEs", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "acb", false},
		{"ab*ba", "aba", false}, // the two literals may not overlap
		{`\*`, "*", true},
		{`\*`, "x", false},
		{"*", "anything/at/all", true},
		{"", "Alignment", false},
	} {
		if got := tt.pattern.MatchesCollection(tt.path); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// A pattern of many wildcards over a long path takes linear time, not
// exponential: this finishes at once (a backtracking matcher would not).
func TestMatchesCollectionManyWildcards(t *testing.T) {
	path := strings.Repeat("a", 1000)
	p := Pattern(strings.Repeat("*a", 30) + "*b")
	if p.MatchesCollection(path) {
		t.Errorf("matched a path without b")
	}
}
