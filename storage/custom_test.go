package storage

import (
	"context"
	"testing"
	"time"

	"loci/deck"
)

func TestCramKeepsScheduleAndRetention(t *testing.T) {
	ctx := context.Background()
	d, _ := searchFixture(t)
	c, _ := d.Card(ctx, "fund1") // a review card
	bounds := []time.Time{t0.Add(-time.Hour), t0.Add(time.Hour)}
	before, err := d.DayTallies(ctx, bounds)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := d.Cram(ctx, c.Key, t0, deck.Again, 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := d.Card(ctx, "fund1")
	if after.Schedule != c.Schedule || rev.Before != c.Schedule || rev.After != c.Schedule {
		t.Fatalf("cram changed the schedule: %+v → %+v", c.Schedule, after.Schedule)
	}
	tal, _ := d.DayTallies(ctx, bounds)
	if got, want := tal[0].Reviews, before[0].Reviews+1; got != want {
		t.Errorf("answers counted = %d, want %d (cram is time studied)", got, want)
	}
	if got, want := tal[0].Millis, before[0].Millis+3000; got != want {
		t.Errorf("time counted = %d ms, want %d", got, want)
	}
	if tal[0].YoungReviewed != before[0].YoungReviewed || tal[0].MatureReviewed != before[0].MatureReviewed {
		t.Errorf("cram counted in true retention: %+v → %+v", before[0], tal[0])
	}
	if _, err := d.Cram(ctx, 99999, t0, deck.Good, 0); err == nil {
		t.Error("cram of a missing card went through")
	}
	// Undo takes the cram answer back like any other.
	act, err := d.Undo(ctx, rev.UndoID, nil)
	if err != nil || act.Kind != deck.ActAnswer || act.Review == nil || act.Review.ID != rev.ID {
		t.Fatalf("undo of the cram answer = %+v, %v", act, err)
	}
	if revs, _ := d.Reviews(ctx, c.Key); len(revs) != 1 { // the fixture's Good answer stays
		t.Errorf("after undo the card has %d log rows, want 1", len(revs))
	}
	if back, _ := d.Card(ctx, "fund1"); back.Schedule != c.Schedule {
		t.Errorf("undo moved the schedule: %+v → %+v", c.Schedule, back.Schedule)
	}
}

func TestExtraNewIsForOneDay(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	day := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		day       time.Time
		add, want int
	}{
		{day, 0, 0},
		{day, 10, 10},
		{day, 5, 15},
		{day.AddDate(0, 0, 1), 0, 0}, // tomorrow starts again
		{day.AddDate(0, 0, 1), 3, 3},
		{day, 0, 0}, // reading another day changes nothing
		{day.AddDate(0, 0, 1), 0, 3},
	} {
		got, err := d.AddExtraNew(ctx, tc.day, tc.add)
		if err != nil || got != tc.want {
			t.Fatalf("AddExtraNew(%s, %d) = %d, %v; want %d", tc.day, tc.add, got, err, tc.want)
		}
		if n, err := d.ExtraNew(ctx, tc.day); err != nil || n != tc.want {
			t.Fatalf("ExtraNew(%s) = %d, %v; want %d", tc.day, n, err, tc.want)
		}
	}
	if _, err := d.AddExtraNew(ctx, day, -1); err == nil {
		t.Error("a negative extra was accepted")
	}
}
