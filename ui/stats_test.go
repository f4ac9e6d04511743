package ui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
	"loci/scheduler"
	"loci/stats"
)

// noStudy is a study session with nothing in it, for the dashboard the
// stats screen returns to.
type noStudy struct{}

func (noStudy) Due(context.Context, string) (scheduler.Totals, []deck.Counts, error) {
	return scheduler.Totals{}, nil, nil
}
func (noStudy) Next(context.Context, string) (*deck.Card, error)         { return nil, nil }
func (noStudy) Card(context.Context, string) (*deck.Card, error)         { return nil, nil }
func (noStudy) Preview(*deck.Card) ([4]deck.Schedule, error)             { return [4]deck.Schedule{}, nil }
func (noStudy) Undo(context.Context, int64) (deck.Action, error)         { return deck.Action{}, nil }
func (noStudy) Bury(context.Context, *deck.Card) (int64, error)          { return 0, nil }
func (noStudy) Suspend(context.Context, *deck.Card, bool) (int64, error) { return 0, nil }
func (noStudy) Outlook(context.Context, string) (scheduler.Outlook, error) {
	return scheduler.Outlook{}, nil
}
func (noStudy) Answer(context.Context, *deck.Card, deck.Rating, time.Duration) (deck.Review, error) {
	return deck.Review{}, nil
}

// weeks is a StatsSource over hand-made weeks; it records what was asked.
type weeks struct {
	mu    sync.Mutex
	asked []stats.Week
}

var thisWeek = stats.Week{Year: 2026, Num: 48}

func (s *weeks) Summary(_ context.Context, w stats.Week) (stats.Summary, error) {
	s.mu.Lock()
	s.asked = append(s.asked, w)
	s.mu.Unlock()
	if w.IsZero() {
		w = thisWeek
	}
	if w == (stats.Week{Year: 2026, Num: 49}) {
		return stats.Summary{}, errors.New("summary of 2026-W49: disk on fire")
	}
	in := stats.Input{Week: w, Today: stats.Date{Year: 2026, Month: 11, Day: 27}}
	in.Heatmap = make([]int, stats.HeatmapWeeks*7)
	for i := range in.Heatmap {
		if i%4 != 3 { // every fourth day off
			in.Heatmap[i] = 1 + i%9
		}
	}
	if w == thisWeek {
		// Monday 40, Tuesday 25, Thursday 3, Friday (today) 12.
		in.Days[7] = stats.Tally{Reviews: 40, Millis: 600000, NewLearned: 8, YoungReviewed: 20, YoungPassed: 17, MatureReviewed: 8, MaturePassed: 8}
		in.Days[8] = stats.Tally{Reviews: 25, Millis: 420000, YoungReviewed: 12, YoungPassed: 9, MatureReviewed: 6, MaturePassed: 5}
		in.Days[10] = stats.Tally{Reviews: 3, Millis: 45000}
		in.Days[11] = stats.Tally{Reviews: 12, Millis: 240000}
		in.Days[0] = stats.Tally{Reviews: 30, Millis: 720000, YoungReviewed: 10, YoungPassed: 8}
		in.ActiveFrom = stats.Date{Year: 2026, Month: 11, Day: 23}
		in.Active = []bool{true, true, false, true, true}
		in.Forecast = [7]int{31, 18, 9, 0, 22, 4, 15}
	} else {
		in.Days[7] = stats.Tally{Reviews: 30, Millis: 720000, YoungReviewed: 10, YoungPassed: 8}
	}
	return stats.Build(in), nil
}

type statsHarness struct {
	t   *testing.T
	app *App
	sim tcell.SimulationScreen
	src *weeks
	ran chan error
}

func startStats(t *testing.T, w, h int) *statsHarness {
	t.Helper()
	clock := func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }
	a := New(context.Background(), noStudy{}, nil, clock)
	src := &weeks{}
	v := newStatsView(a, src)
	sh := &statsHarness{t: t, app: a, sim: tcell.NewSimulationScreen("UTF-8"), src: src, ran: make(chan error, 1)}
	a.SetScreen(sh.sim)
	sh.sim.SetSize(w, h)
	go func() { sh.ran <- a.Run("", false) }()
	t.Cleanup(func() {
		a.Stop()
		<-sh.ran
	})
	a.tv.QueueUpdateDraw(v.open)
	return sh
}

// screen returns the simulated screen's text, read on the UI goroutine.
func (h *statsHarness) screen() string {
	out := make(chan string, 1)
	h.app.tv.QueueUpdate(func() {
		out <- ScreenText(h.sim)
	})
	select {
	case s := <-out:
		return s
	case <-time.After(5 * time.Second):
		h.t.Fatal("the UI did not answer within 5s")
		return ""
	}
}

func (h *statsHarness) waitFor(re string) string {
	h.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(5 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		if s = h.screen(); rx.MatchString(s) {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatalf("screen never matched %q; it shows:\n%s", re, s)
	return ""
}

func TestStatsScreenAt80x24(t *testing.T) {
	h := startStats(t, 80, 24)
	s := h.waitFor(`week 2026-W48`)
	for _, re := range []string{
		`Stats\s+·\s+week 2026-W48\s+·\s+Mon 23 Nov – Sun 29 Nov 2026`,
		`Aug\s+Sep\s+Oct\s+Nov`, // months over the weeks where they begin
		`Mon 23 █{24}\s+40`,     // Monday is the busiest day: a full bar
		`Tue 24 █{15}\s+25`,     // 25/40 of 24 cells = 15
		`Wed 25\s+0`,
		`Sat 28\s*│`, // still to come: no bar, no count
		`80 reviews · 21\.8 min · 8 new`,
		`Reviews\s+80\s+▲ \+50`,
		// Young 17+9 = 26 of 20+12 = 32, mature 8+5 = 13 of 14: 39 of 46 =
		// 84.8% against last week's 8 of 10.
		`Retention\s+84\.8%\s+▲ \+4\.8 pts`,
		`young 81\.2% · mature 92\.9%`,
		`Streak\s+2 days\s+▲ \+2`,
		`Today\s+█{24}\s+31`,
		`Thu  3 █{11}▋\s+15`, // 15/31 of 24 cells = 11.6: 11 cells and a 5/8 block
		`\[ week before\s+\] week after\s+t this week\s+\? help\s+q back`,
	} {
		if !regexp.MustCompile(re).MatchString(s) {
			t.Errorf("screen lacks %q:\n%s", re, s)
		}
	}
	// The heatmap: 112 days of which Saturday 28 and Sunday 29 are to come;
	// of the 110 others every fourth (i%4 == 3) is a day off: 27 dots, 83
	// squares.
	lines := strings.Split(s, "\n")
	var studied, off int
	for _, l := range lines[3:10] { // the seven weekday rows, inside the left box
		cells := string([]rune(l)[1:39])
		studied += strings.Count(cells, "■")
		off += strings.Count(cells, "·")
	}
	if studied != 83 || off != 27 {
		t.Errorf("heatmap shows %d studied days and %d days off, want 83 and 27", studied, off)
	}
}

func TestStatsScreenKeys(t *testing.T) {
	h := startStats(t, 80, 24)
	h.waitFor(`week 2026-W48`)
	h.sim.InjectKey(tcell.KeyRune, '[', tcell.ModNone)
	h.waitFor(`week 2026-W47`)
	h.waitFor(`Reviews\s+30\s+▲ \+30`)
	h.sim.InjectKey(tcell.KeyRight, 0, tcell.ModNone)
	h.waitFor(`week 2026-W48`)
	h.sim.InjectKey(tcell.KeyRune, ']', tcell.ModNone) // week 49 fails: the screen keeps week 48
	h.waitFor(`disk on fire`)
	h.waitFor(`week 2026-W48`)
	h.sim.InjectKey(tcell.KeyRune, 't', tcell.ModNone)
	h.waitFor(`week 2026-W48`)
	h.sim.InjectKey(tcell.KeyRune, '?', tcell.ModNone)
	h.waitFor(`\[\s+week before`)
	h.sim.InjectKey(tcell.KeyRune, 'x', tcell.ModNone)
	h.sim.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	h.waitFor(`All decks`)
	h.src.mu.Lock()
	defer h.src.mu.Unlock()
	want := []stats.Week{{}, {Year: 2026, Num: 47}, {Year: 2026, Num: 48}, {Year: 2026, Num: 49}, {}}
	if len(h.src.asked) != len(want) {
		t.Fatalf("asked for weeks %v, want %v", h.src.asked, want)
	}
	for i := range want {
		if h.src.asked[i] != want[i] {
			t.Errorf("request %d was for %v, want %v", i, h.src.asked[i], want[i])
		}
	}
}
