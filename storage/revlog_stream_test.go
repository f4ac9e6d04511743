package storage

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"loci/deck"
)

// EachCardLog hands over the same entries as ReviewLog, one card at a time,
// and stops at fn's first error.
func TestEachCardLog(t *testing.T) {
	d, want := seedLog(t)
	var got []deck.LogEntry
	var cards []string
	err := d.EachCardLog(context.Background(), func(h []deck.LogEntry) error {
		for _, e := range h {
			if e.CardID != h[0].CardID {
				t.Errorf("card %s's history holds an entry of %s", h[0].CardID, e.CardID)
			}
		}
		cards = append(cards, h[0].CardID)
		got = append(got, slices.Clone(h)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(cards, []string{"a", "b"}) {
		t.Errorf("EachCardLog gave cards %v,\n%v\nwant\n%v", cards, got, want)
	}
	stop := errors.New("stop")
	calls := 0
	err = d.EachCardLog(context.Background(), func([]deck.LogEntry) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("after an error: err %v, %d calls; want stop after 1", err, calls)
	}
}
