package optimizer

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// days counts learner days with the default 04:00 boundary, in UTC.
func days(t *testing.T) DaysFunc {
	t.Helper()
	set := scheduler.DefaultSettings()
	set.Location = time.UTC
	s, err := scheduler.New(set)
	if err != nil {
		t.Fatal(err)
	}
	return s.DaysBetween
}

// at is day d of November 2026 at hh:mm UTC.
func at(d, hh, mm int) time.Time { return time.Date(2026, 11, d, hh, mm, 0, 0, time.UTC) }

func entry(card string, t time.Time, r int, k deck.EntryKind) deck.LogEntry {
	return deck.LogEntry{CardID: card, At: t, Rating: deck.Rating(r), Kind: k}
}

const (
	learn    = deck.EntryLearn
	review   = deck.EntryReview
	relearn  = deck.EntryRelearn
	manual   = deck.EntryManual
	filtered = deck.EntryFiltered
)

// The expected items are worked out by hand from the rules in BuildItems.
func TestBuildItems(t *testing.T) {
	tests := []struct {
		name           string
		log            []deck.LogEntry
		want           []Item
		reviews, cards int
	}{{
		name: "same-day reviews stay in the history but are not items",
		log: []deck.LogEntry{
			entry("a", at(1, 10, 0), 3, learn), entry("a", at(1, 10, 10), 3, learn),
			entry("a", at(3, 9, 0), 3, review), entry("a", at(10, 9, 0), 1, review),
			entry("a", at(10, 9, 10), 3, relearn), entry("a", at(12, 9, 0), 3, review),
		},
		want: []Item{
			item([2]int{3, 0}, [2]int{3, 0}, [2]int{3, 2}),
			item([2]int{3, 0}, [2]int{3, 0}, [2]int{3, 2}, [2]int{1, 7}),
			item([2]int{3, 0}, [2]int{3, 0}, [2]int{3, 2}, [2]int{1, 7}, [2]int{3, 0}, [2]int{3, 2}),
		},
		reviews: 6, cards: 1,
	}, {
		name: "learner days turn at 04:00",
		log: []deck.LogEntry{
			entry("a", at(1, 23, 0), 1, learn), entry("a", at(2, 3, 0), 3, learn), entry("a", at(2, 5, 0), 3, review),
		},
		want:    []Item{item([2]int{1, 0}, [2]int{3, 0}, [2]int{3, 1})},
		reviews: 3, cards: 1,
	}, {
		name: "history before a manual reset is cut when learning follows",
		log: []deck.LogEntry{
			entry("b", at(1, 9, 0), 3, learn), entry("b", at(5, 9, 0), 3, review), entry("b", at(6, 9, 0), 0, manual),
			entry("b", at(7, 9, 0), 1, learn), entry("b", at(7, 9, 5), 3, learn), entry("b", at(9, 9, 0), 3, review),
		},
		want:    []Item{item([2]int{1, 0}, [2]int{3, 0}, [2]int{3, 2})},
		reviews: 3, cards: 1,
	}, {
		name: "a reset followed by reviews but no learning leaves the card out",
		log: []deck.LogEntry{
			entry("c", at(1, 9, 0), 3, learn), entry("c", at(5, 9, 0), 3, review),
			entry("c", at(6, 9, 0), 0, manual), entry("c", at(8, 9, 0), 3, review),
		},
	}, {
		name: "a reset with nothing after it leaves the card out",
		log: []deck.LogEntry{
			entry("c", at(1, 9, 0), 3, learn), entry("c", at(3, 9, 0), 3, review), entry("c", at(4, 9, 0), 0, manual),
		},
	}, {
		name: "a card whose learning start is not in the log is left out",
		log: []deck.LogEntry{
			entry("d", at(1, 9, 0), 3, review), entry("d", at(4, 9, 0), 3, review), entry("d", at(9, 9, 0), 1, review),
		},
	}, {
		name: "the first rating starts the history; learning on a later day is an item",
		log: []deck.LogEntry{
			entry("e", at(1, 9, 0), 2, learn), entry("e", at(2, 9, 0), 3, learn), entry("e", at(5, 9, 0), 4, filtered),
		},
		want:    []Item{item([2]int{2, 0}, [2]int{3, 1}), item([2]int{2, 0}, [2]int{3, 1}, [2]int{4, 3})},
		reviews: 3, cards: 1,
	}, {
		name: "only the last run of learning steps counts",
		log: []deck.LogEntry{
			entry("f", at(1, 9, 0), 3, learn), entry("f", at(3, 9, 0), 3, review),
			entry("f", at(5, 9, 0), 1, learn), entry("f", at(5, 9, 9), 3, learn), entry("f", at(8, 9, 0), 3, review),
		},
		want:    []Item{item([2]int{1, 0}, [2]int{3, 0}, [2]int{3, 3})},
		reviews: 3, cards: 1,
	}, {
		name: "entries without a rating are dropped; a single review gives nothing",
		log: []deck.LogEntry{
			entry("g", at(1, 9, 0), 3, learn), entry("g", at(2, 9, 0), 0, review), entry("g", at(4, 9, 0), 3, review),
			entry("h", at(1, 9, 0), 3, learn),
		},
		want:    []Item{item([2]int{3, 0}, [2]int{3, 3})},
		reviews: 2, cards: 1,
	}, {
		name: "items of all cards are ordered by the time of their last review",
		log: []deck.LogEntry{
			entry("x", at(1, 9, 0), 3, learn), entry("x", at(4, 9, 0), 3, review),
			entry("y", at(1, 8, 0), 4, learn), entry("y", at(3, 9, 0), 3, review), entry("y", at(9, 9, 0), 2, review),
		},
		want: []Item{
			item([2]int{4, 0}, [2]int{3, 2}),
			item([2]int{3, 0}, [2]int{3, 3}),
			item([2]int{4, 0}, [2]int{3, 2}, [2]int{2, 6}),
		},
		reviews: 5, cards: 2,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := BuildItems(tt.log, days(t))
			if !reflect.DeepEqual(ds.Items, tt.want) && !(len(ds.Items) == 0 && len(tt.want) == 0) {
				t.Errorf("items = %v\nwant    %v", ds.Items, tt.want)
			}
			if ds.Reviews != tt.reviews || ds.Cards != tt.cards {
				t.Errorf("reviews, cards = %d, %d; want %d, %d", ds.Reviews, ds.Cards, tt.reviews, tt.cards)
			}
		})
	}
}

// A log in any order gives the same items as the same log grouped by card
// (and the same histories, in the order the cards first appear).
func TestBuildItemsShuffledLog(t *testing.T) {
	var log []deck.LogEntry
	for c := 0; c < 5; c++ {
		id := fmt.Sprint("card", c)
		log = append(log, entry(id, at(1, 9, c), 3, learn))
		for k := 1; k < 6; k++ {
			log = append(log, entry(id, at(1+k*(c+1), 9, c), 1+k%4, review))
		}
	}
	want := BuildItems(log, days(t))
	shuffled := append([]deck.LogEntry(nil), log...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got := BuildItems(shuffled, days(t))
	byLast := func(hs []History) map[time.Time]Item {
		m := map[time.Time]Item{}
		for _, h := range hs {
			m[h.Last] = h.Reviews
		}
		return m
	}
	if !reflect.DeepEqual(byLast(got.Histories), byLast(want.Histories)) || len(want.Histories) != 5 {
		t.Errorf("shuffled log gives histories %v, want %v", got.Histories, want.Histories)
	}
	got.Histories, want.Histories = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shuffled log gives %v, want %v", got, want)
	}
	if len(want.Items) != 25 || want.Cards != 5 || want.Reviews != 30 {
		t.Errorf("got %d items, %d cards, %d reviews; want 25, 5, 30", len(want.Items), want.Cards, want.Reviews)
	}
}
