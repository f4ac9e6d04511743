package scheduler

import (
	"math"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST test must not depend on the machine's zoneinfo

	"loci/deck"
)

func mustNew(t *testing.T, mod func(*Settings)) *Scheduler {
	t.Helper()
	set := DefaultSettings()
	set.Location = time.UTC
	set.Fuzz = false
	if mod != nil {
		mod(&set)
	}
	s, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fsrs5Defaults are go-fsrs v3.3.1's FSRS-5 default weights, converted:
// the hand-worked figures below use them.
func fsrs5Defaults(t *testing.T) Weights {
	t.Helper()
	w, err := ParseWeights([]float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
		0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func answer(t *testing.T, s *Scheduler, id string, c deck.Schedule, r deck.Rating, now time.Time) deck.Schedule {
	t.Helper()
	got, err := s.Answer(id, c, r, now)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func preview(t *testing.T, s *Scheduler, id string, c deck.Schedule, now time.Time) [4]deck.Schedule {
	t.Helper()
	got, err := s.Preview(id, c, now)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestGoodGrowsAgainLapses(t *testing.T) {
	s := mustNew(t, nil)
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	var c deck.Schedule
	c = answer(t, s, "c", c, deck.Good, now) // new → learning, the second step: 10 minutes
	if c.State != deck.StateLearning || c.Due.Sub(now) != 10*time.Minute || c.Steps != 1 {
		t.Fatalf("first Good = %+v, want learning due in 10m", c)
	}
	now = c.Due
	prev := 0
	for i := 0; i < 6; i++ {
		c = answer(t, s, "c", c, deck.Good, now)
		if c.State != deck.StateReview || c.ScheduledDays <= prev {
			t.Fatalf("Good #%d: state %v interval %d, want review with interval > %d", i+2, c.State, c.ScheduledDays, prev)
		}
		prev = c.ScheduledDays
		now = c.Due
	}
	lapses := c.Lapses
	again := answer(t, s, "c", c, deck.Again, now)
	if again.State != deck.StateRelearning || again.Lapses != lapses+1 || again.Stability >= c.Stability {
		t.Errorf("Again = %+v, want relearning, lapses %d, stability below %v", again, lapses+1, c.Stability)
	}
	if again.Due.Sub(now) != 10*time.Minute || again.Steps != 1 {
		t.Errorf("Again due in %v with %d steps left, want the relearning step 10m", again.Due.Sub(now), again.Steps)
	}
}

func TestDayBoundary(t *testing.T) {
	s := mustNew(t, nil)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		t          time.Time
		start, end time.Time
	}{
		{at(28, 3, 59), at(27, 4, 0), at(28, 4, 0)},
		{at(28, 4, 0), at(28, 4, 0), at(29, 4, 0)},
		{at(28, 23, 0), at(28, 4, 0), at(29, 4, 0)},
	}
	for _, tt := range tests {
		if got := s.DayStart(tt.t); !got.Equal(tt.start) {
			t.Errorf("DayStart(%v) = %v, want %v", tt.t, got, tt.start)
		}
		if got := s.DayEnd(tt.t); !got.Equal(tt.end) {
			t.Errorf("DayEnd(%v) = %v, want %v", tt.t, got, tt.end)
		}
	}
	if n := s.DaysBetween(at(28, 23, 0), at(29, 3, 0)); n != 0 {
		t.Errorf("23:00 to 03:00 next morning = %d learner days, want 0", n)
	}
	if n := s.DaysBetween(at(28, 23, 0), at(29, 9, 0)); n != 1 {
		t.Errorf("23:00 to 09:00 next morning = %d learner days, want 1", n)
	}
	// A day boundary at midnight makes 03:00 the next day.
	m := mustNew(t, func(set *Settings) { set.DayStartsAt = 0 })
	if n := m.DaysBetween(at(28, 23, 0), at(29, 3, 0)); n != 1 {
		t.Errorf("with midnight boundary = %d, want 1", n)
	}
}

func TestDayBoundaryAcrossDST(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	s := mustNew(t, func(set *Settings) { set.Location = loc })
	// 2026-10-25 is the autumn change in Berlin; the day is 25 hours long.
	a := time.Date(2026, 10, 24, 12, 0, 0, 0, loc)
	b := time.Date(2026, 10, 25, 12, 0, 0, 0, loc)
	if n := s.DaysBetween(a, b); n != 1 {
		t.Errorf("across DST = %d, want 1", n)
	}
	if got := s.DayEnd(a); !got.Equal(time.Date(2026, 10, 25, 4, 0, 0, 0, loc)) {
		t.Errorf("DayEnd = %v", got)
	}
	// 2026-03-29 is the spring change: 04:00 CEST is still the boundary.
	spring := time.Date(2026, 3, 29, 4, 30, 0, 0, loc)
	if got := s.DayStart(spring); !got.Equal(time.Date(2026, 3, 29, 4, 0, 0, 0, loc)) {
		t.Errorf("DayStart(spring 04:30) = %v", got)
	}
}

// A day start inside a daylight-saving gap or a repeated hour still gives
// each moment exactly one learner day: DayStart(t) <= t < DayEnd(t) for
// every minute around both changes, and the day that starts in a gap starts
// when the clock jumps. (With 02:30 in New York the spring day used to start
// at 01:30 EST, before times still counted on the day before, so the new
// cards of that half hour counted against two days' limits.)
func TestDayBoundaryInDSTGap(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		startsAt  time.Duration
		from      time.Time
		wantStart time.Time // the start of the learner day of 2026-03-08
	}{
		{2*time.Hour + 30*time.Minute, time.Date(2026, 3, 6, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{2 * time.Hour, time.Date(2026, 3, 6, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
		{4 * time.Hour, time.Date(2026, 3, 6, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 8, 0, 0, 0, time.UTC)},
		{time.Hour + 30*time.Minute, time.Date(2026, 10, 30, 0, 0, 0, 0, ny), time.Time{}},
	}
	for _, tt := range tests {
		s := mustNew(t, func(set *Settings) { set.Location = ny; set.DayStartsAt = tt.startsAt })
		if !tt.wantStart.IsZero() {
			if got := s.DayStart(time.Date(2026, 3, 8, 12, 0, 0, 0, ny)); !got.Equal(tt.wantStart) {
				t.Errorf("starts at %v: day of 2026-03-08 starts %v, want %v", tt.startsAt, got.UTC(), tt.wantStart)
			}
		}
		for m := 0; m < 5*24*60; m++ {
			at := tt.from.Add(time.Duration(m) * time.Minute)
			start, end := s.DayStart(at), s.DayEnd(at)
			if at.Before(start) || !at.Before(end) || !s.DayStart(end).Equal(end) {
				t.Fatalf("starts at %v: %v (%v) lies in [%v, %v), whose end starts %v",
					tt.startsAt, at.In(ny), at.UTC(), start.UTC(), end.UTC(), s.DayStart(end).UTC())
			}
		}
	}
}

// go-fsrs counts 24-hour blocks; loci counts learner days. A review card
// answered at 09:00 after a review at 23:00 the evening before has one
// elapsed day in loci, zero in raw go-fsrs.
func TestElapsedDaysAreLearnerDays(t *testing.T) {
	s := mustNew(t, nil)
	last := time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateReview, Stability: 5, Difficulty: 5, ScheduledDays: 1,
		Reps: 3, Due: last.Add(24 * time.Hour), LastReview: last}
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	got := answer(t, s, "c", c, deck.Good, now)
	if got.ElapsedDays != 1 {
		t.Errorf("elapsed = %d, want 1", got.ElapsedDays)
	}
	if got.Stability <= c.Stability {
		t.Errorf("stability %v did not grow after a day (same-day formula used?)", got.Stability)
	}
	if !got.LastReview.Equal(now) {
		t.Errorf("last review = %v, want %v", got.LastReview, now)
	}
}

// A learning card answered on a later day uses the long-term formula (go-fsrs
// v3 used the same-day one, and loci worked around it; v4 does it itself)
// and goes on with its steps, as in Anki; Again puts it back on the first
// step without counting a lapse.
func TestLearningCardOnLaterDay(t *testing.T) {
	s := mustNew(t, nil)
	day1 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	c := answer(t, s, "c", deck.Schedule{}, deck.Again, day1)
	later := day1.Add(3 * 24 * time.Hour)
	sameDay := preview(t, s, "c", c, day1.Add(time.Hour))
	next := preview(t, s, "c", c, later)
	if g := next[deck.Good-1]; g.ElapsedDays != 3 || g.State != deck.StateLearning || g.Due.Sub(later) != 10*time.Minute {
		t.Errorf("Good after 3 days = %+v, want the 10m step", g)
	}
	if next[deck.Good-1].Stability == sameDay[deck.Good-1].Stability {
		t.Errorf("stability after 3 days equals the same-day figure %v", sameDay[deck.Good-1].Stability)
	}
	if e := next[deck.Easy-1]; e.State != deck.StateReview || e.ScheduledDays < 1 {
		t.Errorf("Easy after 3 days = %+v, want review", e)
	}
	if a := next[deck.Again-1]; a.State != deck.StateLearning || a.Lapses != 0 || a.Steps != 2 {
		t.Errorf("Again after 3 days = %+v, want learning from the first step with no lapse", a)
	}
}

func TestPreviewMatchesAnswerWithFuzz(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Fuzz = true })
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateReview, Stability: 20, Difficulty: 5, ScheduledDays: 20, Reps: 5,
		Due: now, LastReview: now.Add(-20 * 24 * time.Hour)}
	p := preview(t, s, "card-a", c, now)
	for i, r := range deck.Ratings {
		if got := answer(t, s, "card-a", c, r, now); got != p[i] {
			t.Errorf("%v: answer %+v differs from preview %+v", r, got, p[i])
		}
	}
	if !(p[1].ScheduledDays <= p[2].ScheduledDays && p[2].ScheduledDays < p[3].ScheduledDays) {
		t.Errorf("fuzzed intervals out of order: hard %d good %d easy %d", p[1].ScheduledDays, p[2].ScheduledDays, p[3].ScheduledDays)
	}
	plain := preview(t, mustNew(t, nil), "card-a", c, now)
	lo, hi := fuzzRange(float64(plain[2].ScheduledDays), 20, 36500)
	if g := p[2].ScheduledDays; g < lo || g > hi {
		t.Errorf("fuzzed good %d outside [%d, %d] around %d", g, lo, hi, plain[2].ScheduledDays)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Settings)
	}{
		{"retention", func(s *Settings) { s.DesiredRetention = 1.2 }},
		{"new_per_day", func(s *Settings) { s.NewPerDay = -1 }},
		{"day_starts_at", func(s *Settings) { s.DayStartsAt = 25 * time.Hour }},
		{"w[4]", func(s *Settings) { s.Weights[4] = 11 }},
		{"w[0]", func(s *Settings) { s.Weights[0] = 0.05 }},
		{"w[19]", func(s *Settings) { s.Weights[19] = 0.81 }},
		{"w[20]", func(s *Settings) { s.Weights[20] = 0 }},
		{"learning_steps", func(s *Settings) { s.LearningSteps = []time.Duration{time.Minute, 0} }},
		{"relearning_steps", func(s *Settings) { s.RelearningSteps = []time.Duration{400 * 24 * time.Hour} }},
	}
	for _, tt := range tests {
		set := DefaultSettings()
		tt.mod(&set)
		if _, err := New(set); err == nil || !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s: New gave %v, want an error naming it", tt.name, err)
		}
	}
	if _, err := New(DefaultSettings()); err != nil {
		t.Errorf("defaults rejected: %v", err)
	}
}

func TestInterval(t *testing.T) {
	for d, want := range map[time.Duration]string{
		20 * time.Second: "<1m", 59*time.Second + 900*time.Millisecond: "1m", 10 * time.Minute: "10m", 3 * time.Hour: "3h",
		4 * 24 * time.Hour: "4d", 45 * 24 * time.Hour: "1.5mo", 60 * 24 * time.Hour: "2mo", 730 * 24 * time.Hour: "2y",
	} {
		if got := Interval(d); got != want {
			t.Errorf("Interval(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestReplayLogSeedAndHistoryOnly(t *testing.T) {
	s := mustNew(t, nil)
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	seed := deck.Schedule{State: deck.StateReview, Stability: 10, Difficulty: 6, ScheduledDays: 10, Reps: 5,
		LastReview: t0.Add(24 * time.Hour), Due: t0.Add(11 * 24 * time.Hour)}
	h := []deck.LogEntry{
		{At: t0, Rating: deck.Good, HistoryOnly: true},               // before the cut: kept, not replayed
		{At: t0.Add(24 * time.Hour), Rating: deck.Good, Seed: &seed}, // the seed review
		{At: t0.Add(30 * 24 * time.Hour), Kind: deck.EntryManual},    // a manual row changes nothing
		{At: t0.Add(31 * 24 * time.Hour), Rating: deck.Good},         // replayed from the seed
	}
	rows, final, err := s.ReplayLog("c", deck.Schedule{}, h)
	if err != nil || len(rows) != 4 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if rows[0].After != (deck.Schedule{}) || rows[1].After != seed || rows[2].After != seed {
		t.Errorf("rows = %+v", rows[:3])
	}
	want := answer(t, s, "c", seed, deck.Good, t0.Add(31*24*time.Hour))
	if final != want || final.ElapsedDays != 30 {
		t.Errorf("final = %+v, want %+v", final, want)
	}
}

// Worked by hand for ease 250%, interval 10 days, 90% retention and the
// default weights: stability = 10·(0.9⁻²−1)/(0.9⁻²−1) = 10; difficulty =
// 11 − 1.5 / (e^1.54575 · 10^−0.1192 · (e^(0.1·1.01925) − 1))
// = 11 − 1.5 / (4.6916 · 0.7600 · 0.10730) = 11 − 3.921 = 7.079.
func TestFromSM2(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Weights = fsrs5Defaults(t) })
	last := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	got := s.FromSM2(2500, 10, last, time.Time{}, 6, 1)
	if math.Abs(got.Stability-10) > 1e-9 || math.Abs(got.Difficulty-7.079) > 0.005 {
		t.Errorf("FromSM2(2500, 10) = S %v, D %v; want 10, 7.079", got.Stability, got.Difficulty)
	}
	if got.State != deck.StateReview || !got.Due.Equal(last.Add(240*time.Hour)) || got.Reps != 6 || got.Lapses != 1 {
		t.Errorf("FromSM2 schedule = %+v", got)
	}
	// Anki's FSRS stores difficulty in the factor: 1000 → (1.0 − 0.1)·9 + 1 = 9.1.
	if d := s.FromSM2(1000, 10, last, time.Time{}, 1, 0).Difficulty; math.Abs(d-9.1) > 1e-9 {
		t.Errorf("FSRS-written factor: difficulty %v, want 9.1", d)
	}
}
