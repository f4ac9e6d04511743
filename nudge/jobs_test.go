package nudge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

var defaultQuiet = Quiet{From: 22 * 60, To: 8 * 60}

// TestSkipRules runs the daily and evening jobs against a fake store, a fake
// notifier and a fake clock. The learner answered on 26 and 27 November
// (a two-day streak into the 28th) and has one paper queued, one read and
// one understood.
func TestSkipRules(t *testing.T) {
	history := []time.Time{at(26, 10, 0), at(27, 10, 0)}
	papers := []deck.PaperProgress{
		{Paper: deck.Paper{Key: "a", Title: "A", Stage: deck.Queued}},
		{Paper: deck.Paper{Key: "b", Title: "B", Stage: deck.Read}},
		{Paper: deck.Paper{Key: "c", Title: "C", Stage: deck.Understood}},
	}
	lots := scheduler.Totals{New: 20, Learning: 3, Review: 9}
	tests := []struct {
		name      string
		job       string
		now       time.Time
		quiet     Quiet
		due       scheduler.Totals
		today     []time.Time // answers on the 28th
		wantSkip  string      // "" when the nudge is sent
		wantTitle string
		wantBody  string
	}{
		{name: "daily, cards due", job: JobDaily, now: at(28, 9, 0), quiet: defaultQuiet, due: lots,
			wantTitle: "32 cards due", wantBody: "9 to review, 3 learning, 20 new · keep your 2-day streak going · 2 papers waiting"},
		{name: "daily, nothing due", job: JobDaily, now: at(28, 9, 0), quiet: defaultQuiet,
			wantSkip: "nothing due"},
		{name: "daily, quiet hours late evening", job: JobDaily, now: at(28, 23, 30), quiet: defaultQuiet, due: lots,
			wantSkip: "quiet hours 22:00-08:00"},
		{name: "daily, quiet hours wrap past midnight", job: JobDaily, now: at(28, 7, 59), quiet: defaultQuiet, due: lots,
			wantSkip: "quiet hours 22:00-08:00"},
		{name: "daily, quiet hours end at 08:00", job: JobDaily, now: at(28, 8, 0), quiet: defaultQuiet, due: scheduler.Totals{Review: 1},
			wantTitle: "1 card due", wantBody: "1 to review · keep your 2-day streak going · 2 papers waiting"},
		{name: "daily, quiet hours off", job: JobDaily, now: at(28, 23, 30), due: scheduler.Totals{New: 5},
			wantTitle: "5 cards due", wantBody: "5 new · keep your 2-day streak going · 2 papers waiting"},
		{name: "daily, reviews done, only new left", job: JobDaily, now: at(28, 9, 0), quiet: defaultQuiet,
			due: scheduler.Totals{New: 20}, today: []time.Time{at(28, 8, 30)},
			wantSkip: "today's reviews are done (only new cards are left)"},
		{name: "daily, studied but reviews remain", job: JobDaily, now: at(28, 9, 0), quiet: defaultQuiet,
			due: scheduler.Totals{Review: 2, New: 20}, today: []time.Time{at(28, 8, 30)},
			wantTitle: "22 cards due", wantBody: "2 to review, 20 new · 3-day streak · 2 papers waiting"},
		{name: "daily, new cards only and not studied", job: JobDaily, now: at(28, 9, 0), quiet: defaultQuiet,
			due: scheduler.Totals{New: 20}, wantTitle: "20 cards due", wantBody: "20 new · keep your 2-day streak going · 2 papers waiting"},
		{name: "evening, streak at risk", job: JobEvening, now: at(28, 20, 0), quiet: defaultQuiet,
			due: scheduler.Totals{Review: 5}, wantTitle: "your 2-day streak ends at 04:00", wantBody: "5 cards due: 5 to review · 2 papers waiting"},
		{name: "evening, already studied", job: JobEvening, now: at(28, 20, 0), quiet: defaultQuiet,
			due: scheduler.Totals{Review: 5}, today: []time.Time{at(28, 19, 0)}, wantSkip: "already studied today (1 answer)"},
		{name: "evening, nothing due", job: JobEvening, now: at(28, 20, 0), quiet: defaultQuiet,
			wantSkip: "nothing due"},
		{name: "evening, in quiet hours", job: JobEvening, now: at(28, 22, 0), quiet: defaultQuiet, due: lots,
			wantSkip: "quiet hours 22:00-08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newFakeStore()
			store.answers = append(append([]time.Time(nil), history...), tt.today...)
			store.papers = papers
			n := &fakeNotifier{}
			c := &clock{tt.now}
			j := &Jobs{Store: store, Due: fixedDue(tt.due), Sched: utcSched(t), Now: c.Now, Quiet: tt.quiet, Notifier: n}
			out, err := j.Run(context.Background(), tt.job)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantSkip != "" {
				if out.Sent || out.Skip != tt.wantSkip || len(n.sent) != 0 || len(store.claims) != 0 {
					t.Fatalf("outcome %+v, %d sent, %d claims; want skipped: %q, nothing sent or recorded",
						out, len(n.sent), len(store.claims), tt.wantSkip)
				}
				return
			}
			if !out.Sent || len(n.sent) != 1 {
				t.Fatalf("outcome %+v, %d sent; want one nudge", out, len(n.sent))
			}
			m := n.sent[0]
			if m.Job != tt.job || m.Title != tt.wantTitle || m.Body != tt.wantBody || !m.At.Equal(tt.now) {
				t.Errorf("sent %+v\nwant job %s, title %q, body %q", m, tt.job, tt.wantTitle, tt.wantBody)
			}
			if got := store.claims[[2]string{tt.job, "2026-11-28"}]; got != m.Text() {
				t.Errorf("recorded %q for (%s, 2026-11-28), want %q", got, tt.job, m.Text())
			}
		})
	}
}

// A daemon restarted the same day, with a new Jobs on the same database,
// does not send the day's nudge again; the next learner day it does.
func TestNoDuplicateAfterRestart(t *testing.T) {
	store := newFakeStore()
	n := &fakeNotifier{}
	c := &clock{at(28, 9, 0)}
	newJobs := func() *Jobs {
		return &Jobs{Store: store, Due: fixedDue(scheduler.Totals{Review: 4}), Sched: utcSched(t), Now: c.Now, Notifier: n}
	}
	steps := []struct {
		now      time.Time
		wantSent int // total sent after the step
		wantSkip string
	}{
		{at(28, 9, 0), 1, ""},
		{at(28, 9, 0), 1, "already sent for 2026-11-28"},  // same minute, new daemon
		{at(28, 21, 0), 1, "already sent for 2026-11-28"}, // same day
		{at(29, 3, 30), 1, "already sent for 2026-11-28"}, // before 04:00: still the 28th's learner day
		{at(29, 4, 0), 2, ""},                             // a new learner day
	}
	for i, s := range steps {
		c.now = s.now
		out, err := newJobs().Run(context.Background(), JobDaily)
		if err != nil {
			t.Fatal(err)
		}
		if len(n.sent) != s.wantSent || out.Skip != s.wantSkip {
			t.Errorf("step %d at %v: sent %d, skip %q; want %d, %q", i, s.now, len(n.sent), out.Skip, s.wantSent, s.wantSkip)
		}
	}
	// The daily claim leaves the evening job free on the same day.
	c.now = at(29, 20, 0)
	if out, err := newJobs().Run(context.Background(), JobEvening); err != nil || !out.Sent {
		t.Errorf("evening after daily: %+v, %v; want sent", out, err)
	}
}

// A notifier that fails leaves no record, so a later run may deliver.
func TestNotifierFailureReleasesClaim(t *testing.T) {
	store := newFakeStore()
	n := &fakeNotifier{err: errNotifier}
	c := &clock{at(28, 9, 0)}
	j := &Jobs{Store: store, Due: fixedDue(scheduler.Totals{Review: 4}), Sched: utcSched(t), Now: c.Now, Notifier: n}
	if _, err := j.Run(context.Background(), JobDaily); !errors.Is(err, errNotifier) {
		t.Fatalf("err = %v, want the notifier's error", err)
	}
	if len(store.claims) != 0 {
		t.Fatalf("claims after a failed send: %v", store.claims)
	}
	n.err = nil
	if out, err := j.Run(context.Background(), JobDaily); err != nil || !out.Sent {
		t.Fatalf("retry: %+v, %v; want sent", out, err)
	}
}

// The test nudge ignores quiet hours, the once-a-day rule and an empty
// queue, and does not take the daily nudge's place.
func TestTestNudge(t *testing.T) {
	store := newFakeStore()
	n := &fakeNotifier{}
	c := &clock{at(28, 23, 0)}
	j := &Jobs{Store: store, Due: fixedDue(scheduler.Totals{}), Sched: utcSched(t), Now: c.Now, Quiet: defaultQuiet, Notifier: n}
	for i := 0; i < 2; i++ {
		out, err := j.Run(context.Background(), JobTest)
		if err != nil || !out.Sent {
			t.Fatalf("test nudge %d: %+v, %v", i, out, err)
		}
	}
	if len(n.sent) != 2 || n.sent[0].Title != "nothing due now" || n.sent[0].Job != JobTest {
		t.Fatalf("sent %+v, want two test nudges saying nothing is due", n.sent)
	}
	for k := range store.claims {
		if k[0] != JobTest {
			t.Errorf("test nudge recorded as %v", k)
		}
	}
	j.Due, c.now = fixedDue(scheduler.Totals{Review: 1}), at(29, 9, 0)
	if out, err := j.Run(context.Background(), JobDaily); err != nil || !out.Sent {
		t.Errorf("daily after test nudges: %+v, %v; want sent", out, err)
	}
}

func TestWeeklyJob(t *testing.T) {
	store := newFakeStore()
	n := &fakeNotifier{}
	c := &clock{}
	dir := t.TempDir()
	var built []time.Time
	weekly := func(_ context.Context, now time.Time) (string, string, error) {
		built = append(built, now)
		return "week headline", "# summary at " + now.Format(time.RFC3339) + "\n", nil
	}
	j := &Jobs{Store: store, Due: fixedDue(scheduler.Totals{}), Sched: utcSched(t), Now: c.Now, Quiet: defaultQuiet,
		Notifier: n, Weekly: weekly, SummaryDir: dir}
	steps := []struct {
		now      time.Time
		file     string // the summary written
		wantSent int
		wantSkip string
	}{
		{at(29, 18, 0), "summary-2026-W48.md", 1, ""},                          // Sunday
		{at(29, 19, 0), "summary-2026-W48.md", 1, "already sent for 2026-W48"}, // same week, rewritten
		{at(30, 2, 0), "summary-2026-W48.md", 1, "quiet hours 22:00-08:00"},    // Monday 02:00 is Sunday's learner day
		{at(30, 10, 0), "summary-2026-W49.md", 2, ""},                          // a new ISO week
		{at(23, 12, 0), "summary-2026-W48.md", 2, "already sent for 2026-W48"}, // Monday of week 48
	}
	for i, s := range steps {
		c.now = s.now
		out, err := j.Run(context.Background(), JobWeekly)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, s.file)
		if out.Summary != path || out.Skip != s.wantSkip || len(n.sent) != s.wantSent {
			t.Errorf("step %d: %+v, %d sent; want summary %s, skip %q, %d sent", i, out, len(n.sent), path, s.wantSkip, s.wantSent)
		}
		data, err := os.ReadFile(path)
		if want := "# summary at " + s.now.Format(time.RFC3339) + "\n"; err != nil || string(data) != want {
			t.Errorf("step %d: %s = %q, %v; want %q", i, s.file, data, err, want)
		}
	}
	if m := n.sent[0]; m.Title != "week headline" || m.Body != "summary in "+filepath.Join(dir, "summary-2026-W48.md") {
		t.Errorf("weekly nudge = %+v", m)
	}
	if len(built) != len(steps) {
		t.Errorf("summary built %d times, want %d", len(built), len(steps))
	}
}

func TestStreak(t *testing.T) {
	tests := []struct {
		name        string
		answers     []time.Time
		now         time.Time
		today, want int
	}{
		{"none", nil, at(28, 9, 0), 0, 0},
		{"today only", []time.Time{at(28, 8, 0)}, at(28, 9, 0), 1, 1},
		{"yesterday only, at risk", []time.Time{at(27, 8, 0)}, at(28, 9, 0), 0, 1},
		{"three days through today", []time.Time{at(26, 5, 0), at(27, 23, 0), at(28, 4, 0), at(28, 5, 0)}, at(28, 9, 0), 2, 3},
		// 03:00 on the 27th belongs to the 26th's learner day.
		{"late night counts for the day before", []time.Time{at(27, 3, 0), at(27, 12, 0)}, at(28, 9, 0), 0, 2},
		{"a gap ends the streak", []time.Time{at(24, 12, 0), at(26, 12, 0), at(27, 12, 0)}, at(28, 9, 0), 0, 2},
		{"two days ago is no streak", []time.Time{at(26, 12, 0)}, at(28, 9, 0), 0, 0},
	}
	for _, tt := range tests {
		s := newFakeStore()
		s.answers = tt.answers
		today, streak, err := Streak(context.Background(), s, utcSched(t), tt.now)
		if err != nil {
			t.Fatal(err)
		}
		if today != tt.today || streak != tt.want {
			t.Errorf("%s: today %d, streak %d; want %d, %d", tt.name, today, streak, tt.today, tt.want)
		}
	}
}

func TestQuietContains(t *testing.T) {
	tests := []struct {
		q    Quiet
		h, m int
		want bool
	}{
		{defaultQuiet, 21, 59, false},
		{defaultQuiet, 22, 0, true},
		{defaultQuiet, 0, 0, true},
		{defaultQuiet, 7, 59, true},
		{defaultQuiet, 8, 0, false},
		{defaultQuiet, 12, 0, false},
		{Quiet{From: 13 * 60, To: 14*60 + 30}, 12, 59, false}, // a span inside one day
		{Quiet{From: 13 * 60, To: 14*60 + 30}, 13, 0, true},
		{Quiet{From: 13 * 60, To: 14*60 + 30}, 14, 29, true},
		{Quiet{From: 13 * 60, To: 14*60 + 30}, 14, 30, false},
		{Quiet{}, 3, 0, false}, // off
		{Quiet{From: 600, To: 600}, 10, 0, false},
	}
	for _, tt := range tests {
		if got := tt.q.Contains(at(28, tt.h, tt.m)); got != tt.want {
			t.Errorf("%v contains %02d:%02d = %v, want %v", tt.q, tt.h, tt.m, got, tt.want)
		}
	}
	// The wall clock of the learner's zone decides, not UTC.
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	if !defaultQuiet.Contains(at(28, 21, 30).In(berlin)) { // 22:30 in Berlin
		t.Error("21:30 UTC (22:30 in Berlin) is not quiet in Berlin")
	}
	if got := (Quiet{From: 22 * 60, To: 8*60 + 5}).String(); got != "22:00-08:05" {
		t.Errorf("String = %q", got)
	}
}

func TestMessageText(t *testing.T) {
	tests := []struct {
		m    Message
		want string
	}{
		{Message{Title: "3 cards due", Body: "3 to review"}, "loci: 3 cards due — 3 to review"},
		{Message{Title: "nothing due now"}, "loci: nothing due now"},
		{Message{Title: "a\nb", Body: "c\t\td"}, "loci: a b — c d"},
	}
	for _, tt := range tests {
		if got := tt.m.Text(); got != tt.want {
			t.Errorf("Text(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
	if !strings.Contains(EveningMessage(Facts{Due: scheduler.Totals{New: 1}}, at(28, 20, 0)).Title, "nothing studied today") {
		t.Error("evening title without a streak")
	}
}

// The optimize job re-fits at most once a calendar month (of learner
// days), says what it found, keeps quiet in quiet hours, and gives the
// month back when the fit fails.
func TestOptimizeJob(t *testing.T) {
	store := newFakeStore()
	n := &fakeNotifier{}
	c := &clock{}
	fits := 0
	var fail error
	refit := func(context.Context) (Refit, error) {
		fits++
		return Refit{Saved: fits == 1, Before: 0.4535, After: 0.4434, Reviews: 6276}, fail
	}
	j := &Jobs{Store: store, Due: fixedDue(scheduler.Totals{}), Sched: utcSched(t), Now: c.Now, Quiet: defaultQuiet,
		Notifier: n, Refit: refit}
	steps := []struct {
		now      time.Time
		fail     error
		wantFits int
		wantSent int
		wantSkip string
		wantErr  bool
	}{
		{at(1, 5, 0), nil, 1, 0, "quiet hours 22:00-08:00 (re-fitted: loci: FSRS weights re-fitted and saved — log loss 0.4535 in force, 0.4434 fitted, on 6276 reviews)", false},
		{at(15, 12, 0), nil, 1, 0, "already re-fitted for 2026-11", false},
		{time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC), nil, 1, 0, "already re-fitted for 2026-11", false}, // still 30 November's learner day
		{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), errNotifier, 2, 0, "", true},
		{time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), nil, 3, 1, "", false}, // the failed fit gave December back
	}
	for i, s := range steps {
		c.now, fail = s.now, s.fail
		out, err := j.Run(context.Background(), JobOptimize)
		if (err != nil) != s.wantErr || fits != s.wantFits || len(n.sent) != s.wantSent || out.Skip != s.wantSkip {
			t.Errorf("step %d: %+v, err %v, %d fits, %d sent; want skip %q, err %v, %d fits, %d sent",
				i, out, err, fits, len(n.sent), s.wantSkip, s.wantErr, s.wantFits, s.wantSent)
		}
	}
	if m := n.sent[0]; m.Job != JobOptimize || m.Title != "FSRS weights re-fitted: kept the ones in force" ||
		m.Body != "log loss 0.4535 in force, 0.4434 fitted, on 6276 reviews" {
		t.Errorf("optimize nudge = %+v", m)
	}
	if _, err := (&Jobs{Store: store, Sched: utcSched(t), Now: c.Now}).Run(context.Background(), JobOptimize); err == nil {
		t.Errorf("optimize job without an optimizer: no error")
	}
}
