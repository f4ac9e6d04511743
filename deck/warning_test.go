package deck

import (
	"fmt"
	"reflect"
	"testing"
)

func TestReportGroupsByFileAndKind(t *testing.T) {
	dup := "rows whose front repeats an earlier row: merged into it"
	few := "rows with too few fields: skipped"
	tests := []struct {
		name string
		in   []Warning
		want []string
	}{
		{"none", nil, nil},
		{"grouped in first-seen order, files sorted", []Warning{
			{File: "b.txt", Line: 4, Group: few, Skipped: true},
			{File: "a.txt", Line: 9, Group: dup},
			{File: "b.txt", Line: 2, Group: dup},
			{File: "b.txt", Line: 7, Group: few, Skipped: true},
			{File: "a.bib", Line: 3, Group: "entries without a title: skipped", Detail: `key "x"`, Skipped: true},
		}, []string{
			`a.bib: 1 entries without a title: skipped: line 3 key "x"`,
			"a.txt: 1 " + dup + ": line 9",
			"b.txt: 2 " + few + ": line 4, line 7",
			"b.txt: 1 " + dup + ": line 2",
		}},
		{"a whole-file warning has no place", []Warning{{File: "c.bib", Group: "no entries"}},
			[]string{"c.bib: 1 no entries"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Report(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Report =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestReportCapsTheListedPlaces(t *testing.T) {
	var ws []Warning
	for i := 1; i <= 25; i++ {
		ws = append(ws, Warning{File: "f", Line: i, Group: "g", Skipped: i%2 == 0, Paper: i%4 == 0})
	}
	got := Report(ws)
	want := "f: 25 g: line 1, line 2, line 3, line 4, line 5, line 6, line 7, line 8, line 9, line 10, " +
		"line 11, line 12, line 13, line 14, line 15, line 16, line 17, line 18, line 19, line 20, and 5 more"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("Report = %q\nwant %q", got, want)
	}
	// Of the 12 skipped (even lines), the 6 on multiples of 4 are papers;
	// a paper that was not skipped (none here) would count nowhere.
	if cards, papers := SkippedCount(ws); cards != 6 || papers != 6 {
		t.Errorf("SkippedCount = %d cards, %d papers; want 6 and 6", cards, papers)
	}
}

func TestWarningAsError(t *testing.T) {
	w := Warning{File: "n.txt", Line: 5, Field: "front", Group: "rows with an empty front: skipped"}
	if got, want := fmt.Sprint(w), "n.txt:5: front: rows with an empty front: skipped"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCombineKeepsTheFirstOfARepeatedPaper(t *testing.T) {
	a := &Set{
		Papers: []Paper{{Key: "amodei16", Title: "Concrete Problems", File: "a.bib", Line: 1}},
		Cards:  []Card{{ID: "bib-amodei16", Paper: "amodei16", Front: "A?", Back: "a", File: "a.bib", Line: 5}},
	}
	b := &Set{
		Papers: []Paper{
			{Key: "amodei16", Title: "Concrete Problems (preprint)", File: "b.bib", Line: 3},
			{Key: "olah17", Title: "Feature Visualization", File: "b.bib", Line: 9},
		},
		Cards: []Card{
			{ID: "bib-amodei16-b", Paper: "amodei16", Front: "B?", Back: "b", File: "b.bib", Line: 7},
			{ID: "bib-olah17", Paper: "olah17", Front: "O?", Back: "o", File: "b.bib", Line: 12},
		},
		History: []LogEntry{{CardID: "bib-amodei16-b"}, {CardID: "bib-olah17"}},
	}
	got, err := Combine(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Papers) != 2 || got.Papers[0].Title != "Concrete Problems" || got.Papers[1].Key != "olah17" {
		t.Errorf("papers = %+v, want a.bib's amodei16 then olah17", got.Papers)
	}
	var ids []string
	for _, c := range got.Cards {
		ids = append(ids, c.ID)
	}
	if !reflect.DeepEqual(ids, []string{"bib-amodei16", "bib-olah17"}) {
		t.Errorf("cards = %q, want the first file's card and olah17's", ids)
	}
	if len(got.History) != 1 || got.History[0].CardID != "bib-olah17" {
		t.Errorf("history = %+v, want only olah17's entry", got.History)
	}
	if cards, papers := SkippedCount(got.Warnings); cards != 1 || papers != 1 {
		t.Errorf("skipped %d cards, %d papers; want 1 and 1 (%+v)", cards, papers, got.Warnings)
	}
	want := []string{
		`b.bib: 1 papers defined in an earlier file too: the first is kept: line 3 "amodei16", first at a.bib:1`,
		`b.bib: 1 cards of a paper an earlier file defines: skipped: line 7 "bib-amodei16-b" of "amodei16", kept from a.bib`,
	}
	if r := Report(got.Warnings); !reflect.DeepEqual(r, want) {
		t.Errorf("Report =\n%q\nwant\n%q", r, want)
	}
}

func TestCombineRefusesACardIDTwoFilesDefine(t *testing.T) {
	a := &Set{Cards: []Card{{ID: "x", File: "a.tsv", Line: 2}}}
	b := &Set{Cards: []Card{{ID: "x", File: "b.tsv", Line: 4}}}
	if _, err := Combine(a, b); err == nil || err.Error() != `b.tsv:4: id: card "x" is also defined at a.tsv:2` {
		t.Errorf("err = %v, want the card named with both places", err)
	}
}
