package optimizer

import (
	"math"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"loci/scheduler"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// item builds an item from (rating, delta_t) pairs.
func item(pairs ...[2]int) Item {
	it := make(Item, len(pairs))
	for i, p := range pairs {
		it[i] = Review{Rating: uint8(p[0]), DeltaT: uint32(p[1])}
	}
	return it
}

// fsrs-rs 6.5 model.rs tests (test_next_difficulty, test_next_stability,
// test_power_forgetting_curve) at the default weights.
func TestModelMatchesFSRSRS(t *testing.T) {
	w := DefaultWeights()
	md := newModel(&w)
	for r, want := range []float64{8.341763, 6.6659956, 4.990228, 3.3144615} {
		if got := md.nextD(5, uint8(r+1), nil); !near(got, want, 1e-5) {
			t.Errorf("D after rating %d from 5 = %v, want %v", r+1, got, want)
		}
	}
	for r, want := range []float64{1.596818, 5.0, 5.0, 8.12961} {
		if got := md.nextS(memory{5, 5}, 0, uint8(r+1), nil); !near(got, want, 1e-5) {
			t.Errorf("same-day S after rating %d from 5 = %v, want %v", r+1, got, want)
		}
	}
	for _, tc := range []struct{ t, s, want float64 }{
		{0, 1, 1}, {1, 2, 0.9403443}, {2, 3, 0.9253786}, {3, 4, 0.9185229}, {4, 4, 0.9}, {5, 2, 0.8261359},
	} {
		if got := Retrievability(tc.t, tc.s, w[20]); !near(got, tc.want, 1e-6) {
			t.Errorf("R(%v, %v) = %v, want %v", tc.t, tc.s, got, tc.want)
		}
	}
	// FSRS-5's curve (fsrs-rs 0.9 test_power_forgetting_curve).
	for _, tc := range []struct{ t, s, want float64 }{{1, 2, 0.946059}, {5, 2, 0.79394597}} {
		if got := Retrievability(tc.t, tc.s, FSRS5Decay); !near(got, tc.want, 1e-6) {
			t.Errorf("FSRS-5 R(%v, %v) = %v, want %v", tc.t, tc.s, got, tc.want)
		}
	}
	if got := Interval(7, 0.9, 0.3); !near(got, 7, 1e-12) {
		t.Errorf("interval at 90%% = %v, want the stability 7", got)
	}
}

// go-fsrs v4 is the model loci schedules with: a card's stability and
// difficulty after a sequence of answers must equal the model's, for
// weights away from the defaults (same-day reviews, lapses, both decays).
func TestStepMatchesGoFSRS(t *testing.T) {
	for _, w := range []Weights{
		{0.5, 1.4, 3.5, 12, 6.5, 0.6, 1.8, 0.01, 1.4, 0.15, 0.9, 2.1, 0.09, 0.3, 2.0, 0.3, 2.5, 0.4, 0.7, 0.2, 0.35},
		DefaultWeights(),
		FromFSRS5([19]float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
			0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}),
	} {
		p := fsrs.DefaultParam()
		p.W = fsrs.Weights(w)
		seq := []struct {
			r    uint8
			days uint64
		}{{2, 0}, {3, 0}, {3, 4}, {1, 9}, {3, 0}, {2, 3}, {4, 7}, {1, 30}, {1, 0}, {3, 0}, {4, 0}}
		var c *fsrs.MemoryState
		var m memory
		md := newModel(&w)
		for i, x := range seq {
			next := p.NextState(c, 0.9, x.days, fsrs.Rating(x.r)).Memory
			c = &next
			if i == 0 {
				m = md.initial(x.r)
			} else {
				m = md.next(m, uint32(x.days), x.r, nil)
			}
			if !near(m.s, c.Stability, 1e-9) || !near(m.d, c.Difficulty, 1e-9) {
				t.Fatalf("w20 %v, answer %d (%d after %d days): model S=%v D=%v, go-fsrs S=%v D=%v",
					w[20], i+1, x.r, x.days, m.s, m.d, c.Stability, c.Difficulty)
			}
		}
	}
	if DefaultWeights() != Weights(fsrs.DefaultWeights()) {
		t.Errorf("DefaultWeights = %v, go-fsrs v4 has %v", DefaultWeights(), fsrs.DefaultWeights())
	}
}

// Bounds are fsrs-rs's (and go-fsrs v4's clipParameters'), with go-fsrs's
// 0.1 floor for the initial stabilities; Clip moves a weight to the
// nearest bound.
func TestClip(t *testing.T) {
	c := Clip(Weights{-5, 0, 200, 1, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 9, 9, 0, 0.05})
	want := Weights{0.1, 0.1, 100, 1, 1, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 1, 2, 2, 0.01, 0.1}
	if c != want {
		t.Errorf("Clip = %v, want %v", c, want)
	}
	if d := DefaultWeights(); Clip(d) != d {
		t.Errorf("the default weights are outside Bounds")
	}
}

// Every weight inside Bounds is one the scheduler accepts, so fitted
// weights can always be saved; the scheduler's bounds are wider only where
// converted FSRS-5 weights need it (w19 = 0).
func TestBoundsInsideScheduler(t *testing.T) {
	for i, b := range Bounds {
		s := scheduler.WeightBounds[i]
		if b[0] < s[0] || b[1] > s[1] {
			t.Errorf("w%d: optimizer bounds %v outside the scheduler's %v", i, b, s)
		}
		for _, v := range b {
			w := DefaultWeights()
			w[i] = v
			if err := scheduler.ValidateWeights(w); err != nil {
				t.Errorf("w%d = %v (an optimizer bound) refused: %v", i, v, err)
			}
		}
	}
	d := DefaultWeights()
	if err := scheduler.ValidateWeights(FromFSRS5([19]float64(d[:19]))); err != nil {
		t.Errorf("FSRS-5 weights refused: %v", err)
	}
}
