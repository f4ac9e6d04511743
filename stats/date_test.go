package stats

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin below, whatever the machine has installed
)

func TestParseWeek(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   Week
		monday Date
	}{
		// 1 January 2026 is a Thursday, so week 1 starts on Monday 29
		// December 2025 and week 48 starts 47·7 = 329 days later: 23 November.
		{"2026-W48", Week{2026, 48}, Date{2026, time.November, 23}},
		{"2026-W01", Week{2026, 1}, Date{2025, time.December, 29}},
		{"2026w1", Week{2026, 1}, Date{2025, time.December, 29}},
		// A year that starts on a Thursday has 53 weeks; 2026 does.
		{"2026-W53", Week{2026, 53}, Date{2026, time.December, 28}},
		// 2020 starts on a Wednesday and is a leap year: 53 weeks too.
		{" 2020-W53 ", Week{2020, 53}, Date{2020, time.December, 28}},
		{"2027-W01", Week{2027, 1}, Date{2027, time.January, 4}},
	} {
		got, err := ParseWeek(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseWeek(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			continue
		}
		if m := got.Monday(); m != tc.monday || m.Weekday() != time.Monday {
			t.Errorf("%v.Monday() = %v (%v), want %v", got, m, m.Weekday(), tc.monday)
		}
		if back := WeekOf(tc.monday.AddDays(6)); back != tc.want {
			t.Errorf("WeekOf(Sunday of %v) = %v", tc.want, back)
		}
	}
}

func TestParseWeekRejects(t *testing.T) {
	for _, in := range []string{"", "2026", "2026-48", "2026-W", "2026-W0", "2026-W54", "2026-W-1", "2026-W+1",
		"26-W48", "2026-W480", "2025-W53", "week 48"} {
		if w, err := ParseWeek(in); err == nil {
			t.Errorf("ParseWeek(%q) = %v, want an error", in, w)
		}
	}
	if _, err := ParseWeek("2025-W53"); err == nil || err.Error() != `week "2025-W53": 2025 has no week 53 (its last is 2025-W52)` {
		t.Errorf("ParseWeek(2025-W53) error = %v", err)
	}
}

func TestWeekNavigation(t *testing.T) {
	w := Week{2026, 1}
	if p := w.Prev(); p != (Week{2025, 52}) {
		t.Errorf("Prev of 2026-W01 = %v, want 2025-W52", p)
	}
	if n := (Week{2026, 53}).Next(); n != (Week{2027, 1}) {
		t.Errorf("Next of 2026-W53 = %v, want 2027-W01", n)
	}
	days := (Week{2026, 48}).Days()
	if days[0] != (Date{2026, 11, 23}) || days[6] != (Date{2026, 11, 29}) {
		t.Errorf("Days of 2026-W48 = %v", days)
	}
	if (Week{2026, 48}).String() != "2026-W48" || (Week{2026, 1}).String() != "2026-W01" {
		t.Error("Week.String does not pad the number to two digits")
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2026, time.March, 1}
	if got := d.AddDays(-1); got != (Date{2026, time.February, 28}) {
		t.Errorf("1 March 2026 - 1 day = %v", got)
	}
	if n := (Date{2026, time.December, 31}).Sub(Date{2026, time.January, 1}); n != 364 {
		t.Errorf("days from 1 Jan to 31 Dec 2026 = %d, want 364", n)
	}
	// A day of 23 hours (daylight saving starts) is still one day.
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	a := DateOf(time.Date(2026, time.March, 29, 0, 30, 0, 0, loc))
	if a.AddDays(1) != (Date{2026, time.March, 30}) || a.AddDays(1).Sub(a) != 1 {
		t.Errorf("day after %v = %v", a, a.AddDays(1))
	}
	var back Date
	if err := back.UnmarshalText([]byte("2026-11-23")); err != nil || back != (Date{2026, 11, 23}) {
		t.Errorf("UnmarshalText = %v, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("23/11/2026")); err == nil {
		t.Error("UnmarshalText accepted 23/11/2026")
	}
}
