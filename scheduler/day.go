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

// at is the wall-clock time DayStartsAt on a date, so that a daylight-saving
// change at night does not move the boundary off 04:00.
func (s *Scheduler) at(y int, m time.Month, d int) time.Time {
	off := s.set.DayStartsAt
	return time.Date(y, m, d, int(off/time.Hour), int(off%time.Hour/time.Minute), 0, 0, s.loc)
}

// learnerDate is the calendar date of the learner day that holds t.
func (s *Scheduler) learnerDate(t time.Time) (int, time.Month, int) {
	lt := t.In(s.loc)
	y, m, d := lt.Date()
	clock := time.Duration(lt.Hour())*time.Hour + time.Duration(lt.Minute())*time.Minute +
		time.Duration(lt.Second())*time.Second + time.Duration(lt.Nanosecond())
	if clock < s.set.DayStartsAt {
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
