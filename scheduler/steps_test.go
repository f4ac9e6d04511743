package scheduler

import (
	"testing"
	"time"

	"loci/deck"
)

// Learning and relearning steps as in Anki: Again goes back to the first
// step, Hard waits between the first two (1.5 times a single step), Good
// moves on a step and graduates after the last, Easy graduates at once. No
// steps: FSRS's interval from the first answer.
func TestSteps(t *testing.T) {
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	m := time.Minute
	type want struct {
		state deck.State
		wait  time.Duration // 0: a review interval of a day or more
		steps int
	}
	review := want{deck.StateReview, 0, 0}
	tests := []struct {
		name          string
		learn, relern []time.Duration
		answers       []deck.Rating // before the four ratings are previewed
		want          [4]want
	}{
		{"new card, 1m 10m", []time.Duration{m, 10 * m}, nil, nil,
			[4]want{{deck.StateLearning, m, 2}, {deck.StateLearning, 6 * m, 2}, {deck.StateLearning, 10 * m, 1}, review}},
		{"second step, 1m 10m", []time.Duration{m, 10 * m}, nil, []deck.Rating{deck.Good},
			[4]want{{deck.StateLearning, m, 2}, {deck.StateLearning, 6 * m, 1}, review, review}},
		{"after Hard, 1m 10m", []time.Duration{m, 10 * m}, nil, []deck.Rating{deck.Hard},
			[4]want{{deck.StateLearning, m, 2}, {deck.StateLearning, 6 * m, 2}, {deck.StateLearning, 10 * m, 1}, review}},
		{"third step of three", []time.Duration{m, 10 * m, time.Hour}, nil, []deck.Rating{deck.Good, deck.Good},
			[4]want{{deck.StateLearning, m, 3}, {deck.StateLearning, 6 * m, 1}, review, review}},
		{"new card, no steps", nil, nil, nil, [4]want{review, review, review, review}},
		{"lapse, 10m", nil, []time.Duration{10 * m}, []deck.Rating{deck.Good},
			[4]want{{deck.StateRelearning, 10 * m, 1}, review, review, review}},
		{"relearning step, 10m", nil, []time.Duration{10 * m}, []deck.Rating{deck.Good, deck.Again},
			[4]want{{deck.StateRelearning, 10 * m, 1}, {deck.StateRelearning, 15 * m, 1}, review, review}},
		{"lapse, no steps", nil, nil, []deck.Rating{deck.Good}, [4]want{review, review, review, review}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustNew(t, func(set *Settings) { set.LearningSteps, set.RelearningSteps = tt.learn, tt.relern })
			var c deck.Schedule
			at := now
			for _, r := range tt.answers {
				c = answer(t, s, "c", c, r, at)
				if c.State == deck.StateReview {
					at = c.Due // a lapse comes on the day the review is due
				} else {
					at = at.Add(time.Minute)
				}
			}
			for i, got := range preview(t, s, "c", c, at) {
				w := tt.want[i]
				wait := got.Due.Sub(at)
				if got.State != w.state || got.Steps != w.steps || (w.wait > 0 && wait != w.wait) ||
					(w.wait == 0 && (got.ScheduledDays < 1 || wait != time.Duration(got.ScheduledDays)*24*time.Hour)) {
					t.Errorf("%v: %v due in %v, %d days, %d steps left; want %v in %v, %d steps",
						deck.Ratings[i], got.State, wait, got.ScheduledDays, got.Steps, w.state, w.wait, w.steps)
				}
			}
			if len(tt.answers) > 0 && tt.answers[len(tt.answers)-1] == deck.Good && c.State == deck.StateReview {
				if a := preview(t, s, "c", c, at)[0]; a.Lapses != c.Lapses+1 {
					t.Errorf("Again on a review card: %d lapses, want %d", a.Lapses, c.Lapses+1)
				}
			}
		})
	}
}

// A card learning before loci had steps (or imported) has none stored: it
// is on its last step, so Good graduates it as go-fsrs v3 did, instead of
// v4's reading of zero steps left, where even Again graduates.
func TestLearningCardWithoutSteps(t *testing.T) {
	s := mustNew(t, nil)
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateLearning, Stability: 3, Difficulty: 5, Reps: 1,
		Due: now, LastReview: now.Add(-10 * time.Minute)}
	p := preview(t, s, "c", c, now)
	if p[0].State != deck.StateLearning || p[0].Due.Sub(now) != time.Minute || p[0].Steps != 2 {
		t.Errorf("Again = %+v, want the first step", p[0])
	}
	if p[2].State != deck.StateReview {
		t.Errorf("Good = %+v, want review", p[2])
	}
}

// A relearning card with little stability left, answered again the same
// day: Good and Easy both graduate, and Easy waits a day longer.
func TestEasyWaitsLongerThanGood(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.DesiredRetention = 0.85 })
	now := time.Date(2026, 9, 30, 21, 35, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateRelearning, Stability: 0.39, Difficulty: 5.5, Reps: 7, Lapses: 1, Steps: 1,
		Due: now.Add(-time.Hour), LastReview: now.Add(-2 * time.Hour)}
	p := preview(t, s, "c", c, now)
	g, e := p[deck.Good-1], p[deck.Easy-1]
	if g.State != deck.StateReview || e.State != deck.StateReview || e.ScheduledDays != g.ScheduledDays+1 ||
		!e.Due.Equal(now.Add(time.Duration(e.ScheduledDays)*24*time.Hour)) {
		t.Errorf("Good %d days, Easy %d days (%v); want both review, Easy one day after Good", g.ScheduledDays, e.ScheduledDays, e.State)
	}
}

func TestParseSteps(t *testing.T) {
	m := time.Minute
	tests := []struct {
		in   string
		want []time.Duration
		text string // FormatSteps of the result
		err  bool
	}{
		{"1m 10m", []time.Duration{m, 10 * m}, "1m 10m", false},
		{"", []time.Duration{}, "", false},
		{"30s, 5 1h 1d", []time.Duration{30 * time.Second, 5 * m, time.Hour, 24 * time.Hour}, "30s 5m 1h 1d", false},
		{"1.5m 90s", []time.Duration{90 * time.Second, 90 * time.Second}, "90s 90s", false},
		{"10x", nil, "", true},
		{"0m", nil, "", true},
		{"400d", nil, "", true},
		{"-1m", nil, "", true},
		{"NaNm", nil, "", true},
	}
	for _, tt := range tests {
		got, err := ParseSteps(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseSteps(%q) error %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("ParseSteps(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseSteps(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
		if s := FormatSteps(got); s != tt.text {
			t.Errorf("FormatSteps(%v) = %q, want %q", got, s, tt.text)
		}
	}
}
