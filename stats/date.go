package stats

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is the calendar date of a learner day, without a time or a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// noon is the date at 12:00 UTC, where whole-day arithmetic is exact.
func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.noon().AddDate(0, 0, n)) }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d.noon().Sub(e.noon()).Hours() / 24) }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool { return d.Sub(e) < 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as 2006-01-02.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Format formats d with a time.Format layout.
func (d Date) Format(layout string) string { return d.noon().Format(layout) }

// MarshalText writes d as 2006-01-02, so JSON carries dates as strings.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a 2006-01-02 date.
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", b)
	}
	*d = DateOf(t)
	return nil
}

// Week is an ISO 8601 week: Monday to Sunday, numbered 1 to 52 or 53 within
// its ISO year. The zero Week stands for "the current week" where a week is
// asked for.
type Week struct {
	Year int
	Num  int
}

// WeekOf returns the ISO week that holds d.
func WeekOf(d Date) Week {
	y, n := d.noon().ISOWeek()
	return Week{y, n}
}

// IsZero reports whether w is the zero Week.
func (w Week) IsZero() bool { return w == Week{} }

// Monday returns the first day of w. Week 1 is the week that holds the
// year's first Thursday, so it holds 4 January.
func (w Week) Monday() Date {
	jan4 := Date{w.Year, time.January, 4}
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDays(-back + 7*(w.Num-1))
}

// Days returns the seven dates of w, Monday first.
func (w Week) Days() [7]Date {
	var out [7]Date
	m := w.Monday()
	for i := range out {
		out[i] = m.AddDays(i)
	}
	return out
}

// Sunday returns the last day of w.
func (w Week) Sunday() Date { return w.Monday().AddDays(6) }

// Prev returns the week before w.
func (w Week) Prev() Week { return WeekOf(w.Monday().AddDays(-7)) }

// Next returns the week after w.
func (w Week) Next() Week { return WeekOf(w.Monday().AddDays(7)) }

// String formats w as 2026-W48.
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// MarshalText writes w as 2026-W48.
func (w Week) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText reads a week written as ParseWeek accepts it.
func (w *Week) UnmarshalText(b []byte) error {
	v, err := ParseWeek(string(b))
	if err == nil {
		*w = v
	}
	return err
}

// ParseWeek reads an ISO week written as 2026-W48 (or 2026-w48, 2026W48).
// Week 53 is accepted only in the years that have one.
func ParseWeek(s string) (Week, error) {
	bad := fmt.Errorf("week %q: want an ISO week such as 2026-W48", s)
	up := strings.ToUpper(strings.TrimSpace(s))
	year, num, ok := strings.Cut(strings.Replace(up, "-W", "W", 1), "W")
	if !ok || len(year) != 4 || len(num) < 1 || len(num) > 2 || !digits(year+num) {
		return Week{}, bad
	}
	y, err1 := strconv.Atoi(year)
	n, err2 := strconv.Atoi(num)
	if err1 != nil || err2 != nil || y < 1 || n < 1 {
		return Week{}, bad
	}
	w := Week{y, n}
	if n > 53 || WeekOf(w.Monday()) != w {
		return Week{}, fmt.Errorf("week %q: %d has no week %d (its last is %s)", s, y, n, lastWeek(y))
	}
	return w, nil
}

// lastWeek is the last ISO week of year y: the week that holds 28 December.
func lastWeek(y int) Week { return WeekOf(Date{y, time.December, 28}) }

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
