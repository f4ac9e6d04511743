package textimport

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

func TestIsReviewLog(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{[]string{"card_id", "review_rating", "review_time", "review_duration"}, true},
		{[]string{"\ufeffcard_id", "review_rating", "review_time", "review_duration"}, true},
		{[]string{"Card_ID ", "REVIEW_RATING", "review_time"}, true},
		{[]string{"review_time", "card_id", "review_state", "review_rating"}, true},
		{[]string{"card_id", "review_rating", "review_duration"}, false},
		{[]string{"front", "back"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := IsReviewLog(tt.header); got != tt.want {
			t.Errorf("IsReviewLog(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestParseReviewLogSmall(t *testing.T) {
	f, err := os.Open("testdata/revlog-small.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ParseReviewLog("revlog-small.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	// Worked out by hand: the fifth line repeats the second's card and
	// millisecond and is left out; the rest sorted by time; unix ms from
	// `date -u -d TIME +%s%3N`.
	want := []deck.LogEntry{
		{CardID: "revlog-1700000000001", At: time.Date(2024, 1, 1, 7, 30, 0, 500e6, time.UTC), Rating: deck.Again,
			Duration: 0, Kind: deck.EntryReview, ExtID: "revlog:1700000000001:1704094200500"},
		{CardID: "revlog-1700000000000", At: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC), Rating: deck.Good,
			Duration: 5 * time.Second, Kind: deck.EntryReview, ExtID: "revlog:1700000000000:1704189600000"},
		{CardID: "revlog-1700000000000", At: time.Date(2024, 1, 3, 8, 0, 0, 123456e3, time.UTC), Rating: deck.Easy,
			Duration: 1200 * time.Millisecond, Kind: deck.EntryReview, ExtID: "revlog:1700000000000:1704268800123"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries:\n got %+v\nwant %+v", got, want)
	}
}

// The real log's figures come from the README of the project's shared data
// set; this test reads the copy in testdata/ (with its LICENSE), and they were
// checked with awk: 12,580 rows, 1,205 distinct card ids, ratings 3,676
// again, 1 hard and 8,903 good, no two rows of a card at the same time.
func TestParseReviewLogReal(t *testing.T) {
	f, err := os.Open("testdata/revlog-real.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log, err := ParseReviewLog("revlog-real.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 12580 {
		t.Errorf("%d reviews, want 12580", len(log))
	}
	cards := map[string]int{}
	ratings := map[deck.Rating]int{}
	for i, e := range log {
		cards[e.CardID]++
		ratings[e.Rating]++
		if i > 0 && e.At.Before(log[i-1].At) {
			t.Fatalf("entry %d (%v) is older than the one before it", i, e.At)
		}
	}
	if len(cards) != 1205 {
		t.Errorf("%d cards, want 1205", len(cards))
	}
	if want := map[deck.Rating]int{deck.Again: 3676, deck.Hard: 1, deck.Good: 8903}; !reflect.DeepEqual(ratings, want) {
		t.Errorf("ratings %v, want %v", ratings, want)
	}
	if n := cards["revlog-1711746633147"]; n != 4 {
		t.Errorf("card 1711746633147 has %d reviews, want 4 (lines 97, 146, 310, 1000)", n)
	}
	// Line 2, the first review, and line 12581, the last.
	first := deck.LogEntry{CardID: "revlog-1711684180217", At: time.Date(2024, 3, 29, 20, 32, 32, 250e6, time.UTC),
		Rating: deck.Again, Duration: 25060 * time.Millisecond, Kind: deck.EntryReview, ExtID: "revlog:1711684180217:1711744352250"}
	last := deck.LogEntry{CardID: "revlog-1726443844912", At: time.Date(2024, 10, 6, 17, 13, 0, 857e6, time.UTC),
		Rating: deck.Good, Duration: 9624 * time.Millisecond, Kind: deck.EntryReview, ExtID: "revlog:1726443844912:1728234780857"}
	if log[0] != first {
		t.Errorf("first entry %+v, want %+v", log[0], first)
	}
	if log[len(log)-1] != last {
		t.Errorf("last entry %+v, want %+v", log[len(log)-1], last)
	}
	// Line 1000: 1711746633147,3,2024-07-17T17:30:50.139000+00:00,11435
	found := false
	for _, e := range log {
		if e.ExtID == "revlog:1711746633147:1721237450139" {
			found = true
			if e.Rating != deck.Good || e.Duration != 11435*time.Millisecond {
				t.Errorf("line 1000: %+v", e)
			}
		}
	}
	if !found {
		t.Error("line 1000 is missing")
	}
}

func TestParseReviewLogErrors(t *testing.T) {
	const head = "card_id,review_rating,review_time,review_duration\n"
	tests := []struct {
		name, in string
		line     int
		field    string
		msg      string
	}{
		{"empty", "", 1, "", "empty file"},
		{"not a log", "front,back\nq,a\n", 1, "", "is not a review log"},
		{"bad card id", head + "abc,3,2024-01-01T00:00:00Z,1\n", 2, "card_id", "want an Anki card id"},
		{"negative card id", head + "-5,3,2024-01-01T00:00:00Z,1\n", 2, "card_id", "positive"},
		{"rating 0", head + "1,0,2024-01-01T00:00:00Z,1\n", 2, "review_rating", "want 1 (again)"},
		{"rating 5", head + "1,3,2024-01-01T00:00:00Z,1\n1,5,2024-01-02T00:00:00Z,1\n", 3, "review_rating", "want 1 (again)"},
		{"bad time", head + "1,3,yesterday,1\n", 2, "review_time", "want an ISO 8601 time"},
		{"bad duration", head + "1,3,2024-01-01T00:00:00Z,-1\n", 2, "review_duration", "want milliseconds"},
		{"short row", head + "1,3\n", 2, "review_time", "missing: the row has 2 fields"},
		{"bad quote", head + "1,\"3,2024-01-01T00:00:00Z,1\n", 2, "", "extraneous or missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseReviewLog("log.csv", strings.NewReader(tt.in))
			var de *deck.Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *deck.Error", err)
			}
			if de.File != "log.csv" || de.Line != tt.line || de.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v (line %d, field %q), want line %d, field %q, %q", err, de.Line, de.Field, tt.line, tt.field, tt.msg)
			}
		})
	}
}
