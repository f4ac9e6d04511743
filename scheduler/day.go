package scheduler

import "time"

// DayStart returns the start of the learner day that holds t: the most
// recent DayStartsAt (04:00 by default) at or before t, in local time.
func (s *Scheduler) DayStart(t time.Time) time.Time {
	y, m, d := s.learnerDate(t)
	return s.at(y, m, d)
}

// DayEnd returns the start of the learner day after the one that holds t.
func (s *Scheduler) DayEnd(t time.Time) time.Time {
	y, m, d := s.learnerDate(t)
	return s.at(y, m, d+1)
}

// at is the moment the learner day of a date begins: the wall-clock time
// DayStartsAt on that date, so that a daylight-saving change at night does
// not move the boundary off 04:00. When the clock skips that time (a
// spring-forward gap, such as 02:30 in New York on 2026-03-08), the day
// begins when the clock jumps; when it passes it twice (fall back), at the
// first. time.Date alone would put a gap's start an hour early, before
// times that learnerDate still gives to the day before.
func (s *Scheduler) at(y int, m time.Month, d int) time.Time {
	off := s.set.DayStartsAt
	h, min := int(off/time.Hour), int(off%time.Hour/time.Minute)
	t := time.Date(y, m, d, h, min, 0, 0, s.loc)
	if wall := t.Hour()*60 + t.Minute(); wall != h*60+min {
		start, end := t.ZoneBounds()
		if wall < h*60+min && !end.IsZero() {
			return end // t fell before the gap: the day starts as it ends
		}
		if wall > h*60+min && !start.IsZero() {
			return start
		}
	}
	return t
}

// learnerDate is the calendar date of the learner day that holds t: t's
// local date, or the day before when t comes before that date's start. It
// is defined through at, so DayStart(t) <= t < DayEnd(t) holds on every
// day, daylight-saving days included.
func (s *Scheduler) learnerDate(t time.Time) (int, time.Month, int) {
	y, m, d := t.In(s.loc).Date()
	if t.Before(s.at(y, m, d)) {
		d-- // time.Date normalises day 0 to the last day of the month before
	}
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Date()
}

// DaysBetween counts learner-day boundaries crossed from a to b (b after a).
func (s *Scheduler) DaysBetween(a, b time.Time) int {
	ay, am, ad := s.learnerDate(a)
	by, bm, bd := s.learnerDate(b)
	// Dates at UTC noon differ by whole days whatever the local DST rules.
	da := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
