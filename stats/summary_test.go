package stats

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"loci/deck"
)

func near(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-12 }

func TestBuildHeadline(t *testing.T) {
	s := Build(fixture())
	// This week: 40 + 25 + 0 + 3 + 12 = 80 reviews; 12.5 + 7 + 0.75 + 4.1 =
	// 24.35 minutes; 8 + 5 + 2 = 15 new cards.
	if s.Reviews != 80 || s.Minutes != 24.35 || s.NewLearned != 15 {
		t.Errorf("reviews, minutes, new = %d, %v, %d; want 80, 24.35, 15", s.Reviews, s.Minutes, s.NewLearned)
	}
	// Young: 17+9+3+4 = 33 passed of 20+12+3+5 = 40; mature: 8+5+3 = 16 of
	// 8+6+5 = 19; total 49 of 59.
	if !near(s.RetentionYoung, 33.0/40) || !near(s.RetentionMature, 16.0/19) || !near(s.Retention, 49.0/59) {
		t.Errorf("retention = %v / %v / %v; want 33/40, 16/19, 49/59", Percent(s.RetentionYoung), Percent(s.RetentionMature), Percent(s.Retention))
	}
	if want := (TrueRetention{33, 7, 16, 3}); s.TrueRetention != want {
		t.Errorf("true retention counts = %+v, want %+v", s.TrueRetention, want)
	}
	// Friday is today: Friday and Thursday were studied, Wednesday not.
	if s.Streak != 2 {
		t.Errorf("streak = %d, want 2", s.Streak)
	}
	p := s.Previous
	// Last week: 20 + 10 reviews, 9 + 3 minutes, 10 + 2 new, 8 of 10 young;
	// its streak runs to Sunday 22 back to Sunday 15 (Saturday 14 missed): 8.
	if p.Week != (Week{2026, 47}) || p.Reviews != 30 || p.Minutes != 12 || p.NewLearned != 12 ||
		!near(p.Retention, 0.8) || !near(p.RetentionYoung, 0.8) || p.RetentionMature != nil || p.Streak != 8 {
		t.Errorf("previous = %+v", p)
	}
	if s.From != (Date{2026, 11, 23}) || s.To != (Date{2026, 11, 29}) || s.AsOf != (Date{2026, 11, 27}) {
		t.Errorf("from, to, as of = %v, %v, %v", s.From, s.To, s.AsOf)
	}
}

func TestBuildLists(t *testing.T) {
	s := Build(fixture())
	wantDays := []int{40, 25, 0, 3, 12, 0, 0}
	for i, d := range s.Days {
		if d.Date != (Date{2026, 11, 23 + i}) || d.Reviews != wantDays[i] {
			t.Errorf("day %d = %+v, want %d reviews on 2026-11-%d", i, d, wantDays[i], 23+i)
		}
	}
	if len(s.Days) != 7 || s.Days[0].Minutes != 12.5 {
		t.Errorf("days = %+v", s.Days)
	}
	if len(s.Forecast) != 7 || s.Forecast[0] != (Due{Date{2026, 11, 27}, 31}) || s.Forecast[6] != (Due{Date{2026, 12, 3}, 15}) {
		t.Errorf("forecast = %+v; want 31 due on 27 November ... 15 on 3 December", s.Forecast)
	}
	// 16 weeks ending on Sunday 29 November start 15 weeks before Monday
	// 23 November: on Monday 10 August.
	if len(s.Heatmap) != 112 || s.Heatmap[0].Date != (Date{2026, 8, 10}) || s.Heatmap[111].Date != (Date{2026, 11, 29}) ||
		s.Heatmap[105].Reviews != 40 || s.Heatmap[1].Reviews != 7 {
		t.Errorf("heatmap starts %+v, ends %+v", s.Heatmap[0], s.Heatmap[len(s.Heatmap)-1])
	}
	var names []string
	for _, d := range s.Decks {
		names = append(names, d.Name)
	}
	if want := []string{"Alignment guide::RLHF & reward models", "Alignment guide::Interpretability",
		"Alignment guide::A deck whose name goes on and on, well past what fits in a row", "日本語のデッキ"}; !reflect.DeepEqual(names, want) {
		t.Errorf("decks in order %q, want most reviews first: %q", names, want)
	}
	if !near(s.Decks[0].Retention, 22.0/28) || s.Decks[0].Minutes != 15 || s.Decks[3].Retention != nil {
		t.Errorf("deck rows = %+v", s.Decks)
	}
	// gpt2-from-scratch moved twice (queued → read → understood): one row
	// from queued to understood, dated by its last move, after deep-rl-prefs.
	want := []PaperMove{
		{Key: "deep-rl-prefs", Title: "Deep RL from human preferences", From: deck.Queued, To: deck.Read, Date: Date{2026, 11, 24}},
		{Key: "gpt2-from-scratch", Title: "Train a small GPT-2 from scratch", From: deck.Queued, To: deck.Understood, Date: Date{2026, 11, 26}},
	}
	for i := range s.PapersMoved {
		s.PapersMoved[i].At = s.PapersMoved[i].At.UTC()
	}
	for i := range want {
		want[i].At = s.PapersMoved[i].At
	}
	if !reflect.DeepEqual(s.PapersMoved, want) || s.PapersMoved[1].At.Day() != 26 {
		t.Errorf("papers moved = %+v\nwant %+v", s.PapersMoved, want)
	}
}

func TestHardest(t *testing.T) {
	s := Build(fixture())
	// Most lapses first, then most Again this week; never-failed c2 is left
	// out and c4 (no lapse, two Again) is sixth, past the five shown.
	var got []string
	for _, c := range s.Hardest {
		got = append(got, c.ID)
		if c.Leech != (c.ID == "c3" || c.ID == "c6") {
			t.Errorf("card %s with %d lapses: leech = %v", c.ID, c.Lapses, c.Leech)
		}
	}
	if want := []string{"c3", "c6", "c5", "c1", "c7"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hardest = %v, want %v", got, want)
	}
}

// TestHardestLeechThreshold: the learner's leech_threshold decides which
// of the hardest cards are flagged; 0 falls back to Anki's 8.
func TestHardestLeechThreshold(t *testing.T) {
	for _, tc := range []struct {
		threshold, at int
		want          []string
	}{
		{0, 8, []string{"c3", "c6"}},
		{9, 9, []string{"c3"}},
		{2, 2, []string{"c3", "c6", "c5", "c1"}},
	} {
		in := fixture()
		in.LeechThreshold = tc.threshold
		s := Build(in)
		var got []string
		for _, c := range s.Hardest {
			if c.Leech {
				got = append(got, c.ID)
			}
		}
		if !reflect.DeepEqual(got, tc.want) || s.LeechAt != tc.at {
			t.Errorf("threshold %d: leeches %v (leech_at %d), want %v", tc.threshold, got, s.LeechAt, tc.want)
		}
	}
}

func TestStreak(t *testing.T) {
	T, F := true, false
	for _, tc := range []struct {
		active []bool
		want   int
	}{
		{nil, 0},
		{[]bool{F}, 0},
		{[]bool{T}, 1},
		{[]bool{T, T, T}, 3},
		{[]bool{T, T, F}, 2},    // nothing yet today: the streak ends yesterday
		{[]bool{T, F, F}, 0},    // nothing yesterday or today: broken
		{[]bool{T, F, T, T}, 2}, // a gap ends it
		{[]bool{F, T, T, F}, 2},
	} {
		if got := Streak(tc.active); got != tc.want {
			t.Errorf("Streak(%v) = %d, want %d", tc.active, got, tc.want)
		}
	}
}

func TestAsOfAndEmptyWeek(t *testing.T) {
	// A future week counts its streak to today; a past one to its Sunday.
	if got := AsOf(Week{2026, 50}, Date{2026, 11, 27}); got != (Date{2026, 11, 27}) {
		t.Errorf("AsOf future week = %v", got)
	}
	if got := AsOf(Week{2026, 40}, Date{2026, 11, 27}); got != (Date{2026, 10, 4}) {
		t.Errorf("AsOf past week = %v, want Sunday 4 October", got)
	}
	s := Build(Input{Week: Week{2026, 48}, Today: Date{2026, 11, 27}})
	if s.Reviews != 0 || s.Retention != nil || s.Streak != 0 || len(s.Days) != 7 || len(s.Forecast) != 7 {
		t.Errorf("empty week = %+v", s.Headline)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	// Empty lists are [] and missing retention is null, never absent.
	for _, want := range []string{`"week":"2026-W48"`, `"retention":null`, `"retention_young":null`, `"retention_mature":null`,
		`"decks":[]`, `"papers_moved":[]`, `"hardest":[]`, `"previous":{"week":"2026-W47"`, `"days":[{"date":"2026-11-23","reviews":0`,
		`"retention_curve":null`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestMinutesAndBars(t *testing.T) {
	for _, tc := range []struct {
		ms   int64
		want float64
	}{{0, 0}, {6000, 0.1}, {138000, 2.3}, {1461000, 24.35}, {1000, 0.02}, {299, 0}} {
		if got := Minutes(tc.ms); got != tc.want {
			t.Errorf("Minutes(%d) = %v, want %v", tc.ms, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v, top, width int
		want          string
	}{
		{0, 10, 8, ""},
		{10, 10, 4, "████"},
		{5, 10, 4, "██"},
		{1, 16, 2, "▏"},    // 1/16 of 2 cells is one eighth
		{3, 8, 2, "▊"},     // 3/8 of 16 eighths = 6 eighths
		{1, 1000, 10, "▏"}, // never invisible
		{20, 10, 3, "███"}, // capped
	} {
		if got := Bar(tc.v, tc.top, tc.width); got != tc.want {
			t.Errorf("Bar(%d, %d, %d) = %q, want %q", tc.v, tc.top, tc.width, got, tc.want)
		}
	}
	// Levels are quarters of the busiest day, rounded up: 1–2.5 → 1,
	// 2.6–5 → 2, 5.1–7.5 → 3, above → 4 for a busiest day of 10.
	for n, want := range map[int]int{0: 0, 1: 1, 2: 1, 3: 2, 5: 2, 6: 3, 7: 3, 8: 4, 10: 4, 12: 4} {
		if got := HeatLevel(n, 10); got != want {
			t.Errorf("HeatLevel(%d, 10) = %d, want %d", n, got, want)
		}
	}
}

// The saved desired-retention curve goes into the JSON as it was given.
func TestCurveJSON(t *testing.T) {
	b, err := json.Marshal(Build(fixture()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"retention_curve":{"simulated_at":"2026-11-26T21:05:00Z","seed":7,"days":365,"cards":640,"recommended":0.83,"in_force_when_simulated":0.88,"in_force":0.9,"levels":[{"retention":0.7,"minutes_per_day":9,"reviews_per_day":36,"remembered":608.4,`,
		`{"retention":0.97,"minutes_per_day":12.645,"reviews_per_day":50.58,"remembered":900,"seconds_per_remembered_card":307.69`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}
