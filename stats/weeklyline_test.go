package stats

import "testing"

func TestWeeklyLine(t *testing.T) {
	w, err := ParseWeek("2026-W48")
	if err != nil {
		t.Fatal(err)
	}
	r := 0.912
	tests := []struct {
		s    Summary
		want string
	}{
		{Summary{Headline: Headline{Week: w}}, "week 2026-W48: 0 reviews"},
		{Summary{Headline: Headline{Week: w, Reviews: 1, Minutes: 0.5, Streak: 1}, Previous: Headline{Reviews: 1}},
			"week 2026-W48: 1 review, 0.5 minutes, 1-day streak"},
		{Summary{Headline: Headline{Week: w, Reviews: 143, Minutes: 52.3, Retention: &r, Streak: 12},
			Previous: Headline{Reviews: 120}},
			"week 2026-W48: 143 reviews (+23 on last week), 52.3 minutes, 91.2% true retention, 12-day streak"},
		{Summary{Headline: Headline{Week: w, Reviews: 10}, Previous: Headline{Reviews: 30}},
			"week 2026-W48: 10 reviews (-20 on last week)"},
	}
	for _, tt := range tests {
		if got := WeeklyLine(tt.s); got != tt.want {
			t.Errorf("headline = %q, want %q", got, tt.want)
		}
	}
}
