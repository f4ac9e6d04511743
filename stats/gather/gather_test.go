package gather

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"loci/scheduler"
	"loci/stats"
	"loci/storage"
)

// TestSummaryDayBounds: learner days start at the configured hour in the
// configured zone, also across a change of daylight-saving time.
func TestSummaryDayBounds(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	set := scheduler.DefaultSettings()
	set.Location = berlin
	set.DayStartsAt = 4*time.Hour + 30*time.Minute
	sched, err := scheduler.New(set)
	if err != nil {
		t.Fatal(err)
	}
	// Clocks go back from 03:00 to 02:00 on Sunday 25 October 2026: that
	// learner day lasts 25 hours.
	src := New(nil, sched, time.Now)
	b := src.bounds(stats.Date{Year: 2026, Month: time.October, Day: 24}, 3)
	for i, want := range []string{"2026-10-24T04:30:00+02:00", "2026-10-25T04:30:00+01:00", "2026-10-26T04:30:00+01:00", "2026-10-27T04:30:00+01:00"} {
		if got := b[i].Format(time.RFC3339); got != want {
			t.Errorf("boundary %d = %s, want %s", i, got, want)
		}
	}
	if h := b[2].Sub(b[1]).Hours(); h != 24 || b[1].Sub(b[0]).Hours() != 25 {
		t.Errorf("day lengths %v, %v; want 25h then 24h", b[1].Sub(b[0]), b[2].Sub(b[1]))
	}
	// 04:29 on the 26th still belongs to the 25th.
	if d := src.learnerDate(time.Date(2026, 10, 26, 4, 29, 0, 0, berlin)); d != (stats.Date{Year: 2026, Month: time.October, Day: 25}) {
		t.Errorf("learner date of 04:29 on 26 October = %v", d)
	}
}

// TestSummaryCurve: the summary carries the latest saved desired-retention
// run as saved, its time in the learner's zone and the retention in force
// now beside the one in force then; none saved, none carried.
func TestSummaryCurve(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "loci.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	set := scheduler.DefaultSettings()
	set.Location, set.DesiredRetention = tokyo, 0.87
	sched, err := scheduler.New(set)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	src := New(db, sched, func() time.Time { return now })
	sum, err := src.Summary(ctx, stats.Week{})
	if err != nil || sum.RetentionCurve != nil {
		t.Fatalf("with nothing saved: curve %+v, err %v; want none", sum.RetentionCurve, err)
	}
	levels := []storage.RetentionLevel{
		{Retention: 0.8, MinutesPerDay: 4.5, ReviewsPerDay: 20, Remembered: 300, SecondsPerCard: 328.5},
		{Retention: 0.9, MinutesPerDay: 6.25, ReviewsPerDay: 27.5, Remembered: 350, SecondsPerCard: 391.07},
	}
	run := storage.RetentionRun{At: now.Add(-2 * time.Hour), Seed: 11, Days: 365, Cards: 50, InForce: 0.9, Recommended: 0.8, Levels: levels}
	if err := db.SaveRetentionRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	sum, err = src.Summary(ctx, stats.Week{})
	if err != nil {
		t.Fatal(err)
	}
	c := sum.RetentionCurve
	want := &stats.RetentionCurve{Seed: 11, Days: 365, Cards: 50, Recommended: 0.8, InForceThen: 0.9, InForce: 0.87,
		Levels: []stats.CurveLevel{{Retention: 0.8, MinutesPerDay: 4.5, ReviewsPerDay: 20, Remembered: 300, SecondsPerCard: 328.5},
			{Retention: 0.9, MinutesPerDay: 6.25, ReviewsPerDay: 27.5, Remembered: 350, SecondsPerCard: 391.07}}}
	if c == nil {
		t.Fatal("no curve after a run was saved")
	}
	if got := c.SimulatedAt.Format(time.RFC3339); got != "2026-11-27T10:00:00+09:00" {
		t.Errorf("simulated at %s, want 10:00 in Tokyo", got)
	}
	want.SimulatedAt = c.SimulatedAt
	if !reflect.DeepEqual(c, want) {
		t.Errorf("curve\n%+v\nwant\n%+v", c, want)
	}
}
