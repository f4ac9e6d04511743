package scheduler

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"loci/deck"
)

func TestParseWeights(t *testing.T) {
	v5 := []float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
		0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
	w, err := ParseWeights(v5)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range v5 {
		if w[i] != v {
			t.Errorf("converted w[%d] = %v, want %v", i, w[i], v)
		}
	}
	if w[19] != 0 || w[20] != 0.5 {
		t.Errorf("converted w19, w20 = %v, %v; want 0, 0.5 (FSRS-5's curve)", w[19], w[20])
	}
	def := DefaultSettings().Weights
	if got, err := ParseWeights(def[:]); err != nil || got != def {
		t.Errorf("21 weights: %v, %v", got, err)
	}
	bad := func(i int, v float64) []float64 {
		x := append([]float64(nil), def[:]...)
		x[i] = v
		return x
	}
	for _, tt := range []struct {
		in   []float64
		want string
	}{
		{v5[:18], "got 18"},
		{append(def[:], 1), "got 22"},
		{nil, "got 0"},
		{bad(20, 0.05), "w[20]"},
		{bad(19, -0.1), "w[19]"},
		{bad(3, math.NaN()), "w[3]"},
		{append(append([]float64(nil), v5[:18]...), math.Inf(1)), "W[18]"},
	} {
		if _, err := ParseWeights(tt.in); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseWeights(%v) = %v, want an error with %q", tt.in, err, tt.want)
		}
	}
}

// With converted FSRS-5 weights the forgetting curve is FSRS-5's,
// (1 + 19/81·t/S)^−0.5, which is 0.9 at t = S.
func TestConvertedWeightsKeepFSRS5Curve(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Weights = fsrs5Defaults(t) })
	for _, x := range []struct{ t, s float64 }{{1, 1}, {10, 3}, {100, 20}, {3, 300}} {
		want := math.Pow(1+19.0/81*x.t/x.s, -0.5)
		if got := s.f.ForgettingCurve(x.t, x.s); math.Abs(got-want) > 1e-12 {
			t.Errorf("R(%v, %v) = %v, want %v", x.t, x.s, got, want)
		}
	}
}

// go-fsrs v4's NewFSRS clips w19 up to 0.01 when short-term scheduling is
// on, which would make converted FSRS-5 weights shrink same-day stability
// by S^−0.01. That is why New builds its fsrs.FSRS directly. If this test
// fails, go-fsrs stopped clipping and NewFSRS may be used again.
func TestNewFSRSClipsW19(t *testing.T) {
	p := fsrs.DefaultParam()
	p.W = fsrs.Weights(fsrs5Defaults(t))
	if got := fsrs.NewFSRS(p).W[19]; got != 0.01 {
		t.Errorf("NewFSRS keeps w19 = %v", got)
	}
	if got := mustNew(t, func(set *Settings) { set.Weights = fsrs5Defaults(t) }).f.W[19]; got != 0 {
		t.Errorf("scheduler w19 = %v, want 0", got)
	}
}

// FSRS-6 (fsrs-rs and go-fsrs v4) never lets a same-day Hard, Good or Easy
// lower stability; FSRS-5 did for Hard when w18 < 1. With converted
// FSRS-5 weights this is the one place where intervals may differ from
// go-fsrs v3: a same-day Hard keeps the stability instead of cutting it by
// e^(w17·(w18−1)).
func TestSameDayHardKeepsStability(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Weights = fsrs5Defaults(t) })
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateReview, Stability: 4, Difficulty: 5, ScheduledDays: 4, Reps: 2,
		Due: now.Add(4 * 24 * time.Hour), LastReview: now.Add(-time.Hour)}
	p := preview(t, s, "c", c, now)
	if p[1].Stability != 4 {
		t.Errorf("same-day Hard: stability %v, want 4 (FSRS-5 gave %v)", p[1].Stability, 4*math.Exp(0.51655*(0.6621-1)))
	}
	if want := 4 * math.Exp(0.51655*0.6621); math.Abs(p[2].Stability-want) > 1e-12 {
		t.Errorf("same-day Good: stability %v, want %v", p[2].Stability, want)
	}
}

// One scheduler serves the review screen and the daemon at once: previews
// from many goroutines agree with a serial run (run with -race; go-fsrs v3
// wrote its fuzz seed into shared parameters).
func TestConcurrentPreview(t *testing.T) {
	s := mustNew(t, func(set *Settings) { set.Fuzz = true })
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	cards := make([]deck.Schedule, 64)
	want := make([][4]deck.Schedule, len(cards))
	for i := range cards {
		cards[i] = deck.Schedule{State: deck.StateReview, Stability: float64(5 + i), Difficulty: 5,
			ScheduledDays: 5 + i, Reps: 3, Due: now, LastReview: now.Add(-time.Duration(5+i) * 24 * time.Hour)}
		want[i] = preview(t, s, "c", cards[i], now)
	}
	var wg sync.WaitGroup
	errs := make(chan int, 8*len(cards))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cards {
				if got, err := s.Preview("c", c, now); err != nil || got != want[i] {
					errs <- i
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for i := range errs {
		t.Errorf("concurrent preview of card %d differs from the serial one", i)
	}
}

// go-fsrs v4 refuses a stored memory it cannot use, with a typed error;
// Answer passes it on and changes nothing.
func TestBadCardIsAnError(t *testing.T) {
	s := mustNew(t, nil)
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	c := deck.Schedule{State: deck.StateReview, Stability: 0, Difficulty: 5, Reps: 3, LastReview: now.Add(-48 * time.Hour)}
	_, err := s.Answer("bad", c, deck.Good, now)
	if err == nil || !strings.Contains(err.Error(), "card bad") {
		t.Errorf("Answer on stability 0 = %v, want an error naming the card", err)
	}
	if fe := (*fsrs.Error)(nil); !errors.As(err, &fe) || fe.Code != fsrs.ErrCodeInvalidInput {
		t.Errorf("Answer on stability 0 = %#v, want go-fsrs's invalid-input error", err)
	}
	if _, err := s.Answer("c", deck.Schedule{}, 5, now); err == nil {
		t.Errorf("rating 5 accepted")
	}
}
