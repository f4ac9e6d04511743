package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/stats"
	"loci/storage"
)

// summaryJSON is what `loci summary --format json` promises scripts.
type summaryJSON struct {
	headlineJSON
	Days []struct {
		Date    string
		Reviews int
		Minutes float64
	}
	Forecast []struct {
		Date string
		Due  int
	}
	Decks []struct {
		Name       string
		Reviews    int
		Minutes    float64
		NewLearned int `json:"new_learned"`
		Retention  *float64
	}
	PapersMoved []struct{ Key, From, To, Date string } `json:"papers_moved"`
	Hardest     []struct {
		ID            string
		Lapses, Again int
		Leech         bool
	}
	Previous headlineJSON
}

type headlineJSON struct {
	Week            string
	Reviews         int
	Minutes         float64
	NewLearned      int `json:"new_learned"`
	Retention       *float64
	RetentionYoung  *float64 `json:"retention_young"`
	RetentionMature *float64 `json:"retention_mature"`
	Streak          int
}

func ratioIs(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }

// answer is one scripted `loci answer`, with what it adds to the summary
// worked out by hand: class is "new", "young+", "young-", "mature+",
// "mature-" (a review card passed or failed at an interval under or from
// 21 days) or "" (an answer to a learning or relearning card).
type answer struct {
	at, card, rating string
	secs             int
	class            string
}

// fsrs5Weights are go-fsrs v3.3.1's FSRS-5 default weights, the ones the
// hand-worked figures of the end-to-end tests use.
const fsrs5Weights = "0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,1.01925," +
	"1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621"

// TestSummaryWeek scripts a week of study (ISO week 2026-W48, Monday 23 to
// Sunday 29 November, with the default 04:00 day boundary, in UTC) and the
// weeks before it, through Main in this process (the real binary under
// LOCI_TEST_EXEC=1), then checks `loci summary --format json` against
// figures worked out by hand. Fuzz is off, so intervals are FSRS-5's with
// go-fsrs v3's default weights w (set as 19 numbers, which loci reads as
// FSRS-6 weights with FSRS-5's curve).
func TestSummaryWeek(t *testing.T) {
	if storage.MatureDays != stats.MatureDays {
		t.Fatalf("storage.MatureDays = %d, stats.MatureDays = %d", storage.MatureDays, stats.MatureDays)
	}
	dir := t.TempDir()
	r := &runner{t: t, bin: binary(t), inProcess: true, env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	r.configure([2]string{"fuzz", "false"}, [2]string{"weights", fsrs5Weights})

	// Eleven basic cards of the built-in deck, A to K, in the order they
	// were added (so that ties between them keep this order).
	set, err := deck.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	id, deckOf := map[string]string{}, map[string]string{}
	letters := "ABCDEFGHIJK"
	for _, c := range set.Cards {
		if c.Kind == deck.Basic && len(id) < len(letters) {
			l := string(letters[len(id)])
			id[l], deckOf[l] = c.ID, c.Deck
		}
	}

	// Before the week: E and F are answered Easy when new: stability
	// w3 = 15.69 days, an interval of 16 days, due 11 November.
	for _, l := range "EF" {
		out := r.run("2026-10-26T10:00:00Z", "answer", id[string(l)], "easy", "--duration", "6s")
		if !strings.Contains(out, "due 2026-11-11T10:00:00Z (in 16d)") {
			t.Fatalf("E/F easy when new: %q, want due in 16 days", out)
		}
	}
	// On 11 November, Easy again after exactly 16 days (recall probability
	// 0.898): S' = S·(1 + e^w8·(11−D)·S^−w9·(e^(w10·(1−R))−1)·w16) ≈ 15.7 ×
	// 9.6 ≈ 150 days. What matters is that it is at least 21 days: the
	// answers to E and F in week 48 are then to mature cards.
	for _, l := range "EF" {
		var a struct{ Due string }
		if err := json.Unmarshal([]byte(r.run("2026-11-11T10:00:00Z", "answer", id[string(l)], "easy", "--duration", "6s", "--json")), &a); err != nil {
			t.Fatal(err)
		}
		due, err := time.Parse(time.RFC3339, a.Due)
		if err != nil || due.Sub(time.Date(2026, 11, 11, 10, 0, 0, 0, time.UTC)) < 21*24*time.Hour {
			t.Fatalf("E/F second easy: due %s, want 21 days or more ahead", a.Due)
		}
	}
	// Week 47, Thursday 19 November: A to D learned with Good, Good (the
	// second from learning): w2·e^(w17·w18) ≈ 4.47 days, due 23 November.
	for _, l := range "ABCD" {
		r.run("2026-11-19T10:00:00Z", "answer", id[string(l)], "good", "--duration", "6s")
		if out := r.run("2026-11-19T10:00:00Z", "answer", id[string(l)], "good", "--duration", "6s"); !strings.Contains(out, "due 2026-11-23T10:00:00Z") {
			t.Fatalf("%c learned: %q, want due 23 November", l, out)
		}
	}
	r.run("2026-11-20T10:00:00Z", "papers", "advance", "grokking") // a move in week 47, not 48

	week := []answer{
		// Monday: A to D are due; the interval before was 4 days (young).
		{"2026-11-23T10:00:00Z", "A", "again", 6, "young-"},
		{"2026-11-23T10:00:00Z", "B", "good", 6, "young+"},
		{"2026-11-23T10:00:00Z", "C", "good", 6, "young+"},
		{"2026-11-23T10:00:00Z", "D", "hard", 6, "young+"},
		// Wednesday: E and F answered early, at their long interval (mature).
		{"2026-11-25T10:00:00Z", "E", "good", 12, "mature+"},
		{"2026-11-25T10:00:00Z", "F", "again", 12, "mature-"},
		{"2026-11-25T10:00:00Z", "G", "good", 12, "new"},
		{"2026-11-25T10:00:00Z", "G", "good", 12, ""},
		{"2026-11-25T10:00:00Z", "H", "easy", 12, "new"},
		// 03:30 on Thursday still belongs to Wednesday's learner day.
		{"2026-11-26T03:30:00Z", "I", "good", 6, "new"},
		{"2026-11-27T10:00:00Z", "K", "good", 6, "new"},
		{"2026-11-28T10:00:00Z", "J", "again", 12, "new"},
		{"2026-11-28T10:00:00Z", "J", "again", 12, ""},
	}
	dues := map[string]string{}
	for _, a := range week {
		var out struct{ Due string }
		if err := json.Unmarshal([]byte(r.run(a.at, "answer", id[a.card], a.rating, "--duration", time.Duration(a.secs*int(time.Second)).String(), "--json")), &out); err != nil {
			t.Fatal(err)
		}
		dues[a.card] = out.Due
	}
	r.run("2026-11-24T10:00:00Z", "papers", "advance", "gpt2-from-scratch")
	r.run("2026-11-26T12:00:00Z", "papers", "advance", "gpt2-from-scratch")

	// The forecast needs to know where B, C and D went. D (Hard at R ≈ 0.91,
	// S ≈ 4.47, D ≈ 5.28): S·(1 + e^w8·(11−D)·S^−w9·(e^(w10·(1−R))−1)·w15) ≈
	// 4.47 × 1.51 ≈ 6.7, so 7 days: due Monday 30 November. B and C (Good):
	// the same without w15, ≈ 4.47 × 3.18 ≈ 14.2, so 14 days: 7 December,
	// after the seven days the forecast covers.
	if dues["D"] != "2026-11-30T10:00:00Z" || dues["B"] != "2026-12-07T10:00:00Z" || dues["C"] != dues["B"] {
		t.Fatalf("due dates B, C, D = %s, %s, %s; want 7 Dec, 7 Dec, 30 Nov", dues["B"], dues["C"], dues["D"])
	}

	var s summaryJSON
	out := r.run("2026-11-29T12:00:00Z", "summary", "--format", "json")
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// 4 answers on Monday, 6 on Wednesday (with Thursday 03:30), 1 on
	// Friday, 2 on Saturday: 13, in 24 + 66 + 6 + 24 = 120 s = 2 minutes.
	// New: G, H, I, K and J = 5.
	if s.Week != "2026-W48" || s.Reviews != 13 || s.Minutes != 2 || s.NewLearned != 5 {
		t.Errorf("week, reviews, minutes, new = %s, %d, %v, %d; want 2026-W48, 13, 2, 5", s.Week, s.Reviews, s.Minutes, s.NewLearned)
	}
	// Young: B, C, D passed, A failed: 3/4. Mature: E passed, F failed: 1/2.
	// In all 4/6. Answers to new and learning cards do not count.
	if !ratioIs(s.RetentionYoung, 0.75) || !ratioIs(s.RetentionMature, 0.5) || !ratioIs(s.Retention, 4.0/6) {
		t.Errorf("retention young, mature, all = %v, %v, %v; want 0.75, 0.5, 0.667",
			stats.Percent(s.RetentionYoung), stats.Percent(s.RetentionMature), stats.Percent(s.Retention))
	}
	// Sunday has no answer yet; Saturday and Friday have, Thursday's
	// learner day has none (03:30 was Wednesday's): a streak of 2.
	if s.Streak != 2 {
		t.Errorf("streak = %d, want 2", s.Streak)
	}
	wantDays := []int{4, 0, 6, 0, 1, 2, 0}
	wantMinutes := []float64{0.4, 0, 1.1, 0, 0.1, 0.4, 0}
	for i, d := range s.Days {
		if d.Date != time.Date(2026, 11, 23+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02") || d.Reviews != wantDays[i] || d.Minutes != wantMinutes[i] {
			t.Errorf("day %d = %+v, want %d reviews in %v minutes", i, d, wantDays[i], wantMinutes[i])
		}
	}
	// Due today (Sunday, with overdue): A and F relearning since their
	// lapses, G (due Sunday 10:00), I, J and K in learning: 6. Monday: D.
	wantDue := []int{6, 1, 0, 0, 0, 0, 0}
	if len(s.Forecast) != 7 || s.Forecast[0].Date != "2026-11-29" || s.Forecast[6].Date != "2026-12-05" {
		t.Fatalf("forecast = %+v", s.Forecast)
	}
	for i, f := range s.Forecast {
		if f.Due != wantDue[i] {
			t.Errorf("forecast day %d (%s) = %d due, want %d", i, f.Date, f.Due, wantDue[i])
		}
	}
	// Last week: A to D learned, 8 answers of 6 s = 0.8 minutes, 4 new, no
	// review card answered; its Sunday and Saturday were empty: streak 0.
	p := s.Previous
	if p.Week != "2026-W47" || p.Reviews != 8 || p.Minutes != 0.8 || p.NewLearned != 4 || p.Retention != nil || p.Streak != 0 {
		t.Errorf("previous = %+v", p)
	}
	if len(s.PapersMoved) != 1 || s.PapersMoved[0].Key != "gpt2-from-scratch" || s.PapersMoved[0].From != "queued" ||
		s.PapersMoved[0].To != "understood" || s.PapersMoved[0].Date != "2026-11-26" {
		t.Errorf("papers moved = %+v; want gpt2-from-scratch queued → understood on 26 November", s.PapersMoved)
	}
	// A and F lapsed once and were failed once; J (new) never lapsed but was
	// failed twice. B to E, G, H, I, K were never failed.
	var hard []string
	for _, h := range s.Hardest {
		hard = append(hard, h.ID)
		if h.Leech {
			t.Errorf("card %s flagged a leech with %d lapses", h.ID, h.Lapses)
		}
	}
	if want := []string{id["A"], id["F"], id["J"]}; !reflect.DeepEqual(hard, want) || s.Hardest[0].Lapses != 1 || s.Hardest[2].Again != 2 {
		t.Errorf("hardest = %+v, want A, F, J (%v)", s.Hardest, want)
	}
	checkDecks(t, s, week, deckOf)

	// The week before, asked for by name: its own previous week (46) holds
	// E and F passed at 16 days (young): 2/2.
	var w47 summaryJSON
	if err := json.Unmarshal([]byte(r.run("2026-11-29T12:00:00Z", "summary", "--week", "2026-W47", "--format", "json")), &w47); err != nil {
		t.Fatal(err)
	}
	if w47.Reviews != 8 || w47.Streak != 0 || w47.Previous.Week != "2026-W46" || w47.Previous.Reviews != 2 ||
		!ratioIs(w47.Previous.RetentionYoung, 1) || w47.Previous.RetentionMature != nil {
		t.Errorf("week 47 = %+v, previous %+v", w47.headlineJSON, w47.Previous)
	}

	// The text rendering, piped: no colour codes, and the headline row.
	text := r.run("2026-11-29T12:00:00Z", "summary")
	if strings.Contains(text, "\x1b[") || !strings.Contains(text, "Reviews                         13           8  ▲ +5") {
		t.Errorf("text summary:\n%s", text)
	}
}

// checkDecks sums the scripted answers per deck and compares the rows.
func checkDecks(t *testing.T, s summaryJSON, week []answer, deckOf map[string]string) {
	t.Helper()
	type row struct {
		reviews, secs, newLearned, passed, reviewed int
	}
	want := map[string]*row{}
	for _, a := range week {
		w := want[deckOf[a.card]]
		if w == nil {
			w = &row{}
			want[deckOf[a.card]] = w
		}
		w.reviews++
		w.secs += a.secs
		switch a.class {
		case "new":
			w.newLearned++
		case "young+", "mature+":
			w.passed++
			w.reviewed++
		case "young-", "mature-":
			w.reviewed++
		}
	}
	if len(s.Decks) != len(want) {
		t.Fatalf("%d deck rows, want %d: %+v", len(s.Decks), len(want), s.Decks)
	}
	for _, d := range s.Decks {
		w := want[d.Name]
		if w == nil {
			t.Errorf("deck row %q: no card of the script is in it", d.Name)
			continue
		}
		minutes := math.Round(float64(w.secs)/0.6) / 100
		if d.Reviews != w.reviews || d.Minutes != minutes || d.NewLearned != w.newLearned {
			t.Errorf("deck %s = %+v, want %d reviews, %v minutes, %d new", d.Name, d, w.reviews, minutes, w.newLearned)
		}
		if (w.reviewed == 0) != (d.Retention == nil) || (w.reviewed > 0 && !ratioIs(d.Retention, float64(w.passed)/float64(w.reviewed))) {
			t.Errorf("deck %s retention = %v, want %d/%d", d.Name, stats.Percent(d.Retention), w.passed, w.reviewed)
		}
	}
}

// TestColorOK: no colour unless the output is a terminal.
func TestColorOK(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	t.Setenv("NO_COLOR", "")
	if colorOK(w) {
		t.Error("colour on a pipe")
	}
	if colorOK(&strings.Builder{}) {
		t.Error("colour on a buffer")
	}
}
