package gather

import (
	"testing"
	"time"

	"loci/scheduler"
	"loci/stats"
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
