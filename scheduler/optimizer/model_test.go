package optimizer

import (
	"math"
	"testing"
	"time"

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

// The expected memory states are fsrs-rs's own (model.rs, test forward, at
// commit 5578373c): two reviews, the second a day or two after the first.
func TestForwardMatchesFSRSRS(t *testing.T) {
	w := DefaultWeights()
	ratings := []uint8{1, 2, 3, 4, 1, 2}
	dts := []uint32{1, 1, 1, 1, 2, 2}
	wantS := []float64{0.2619, 1.7074, 5.8691, 25.0124, 0.2859, 2.1482}
	wantD := []float64{8.0827, 7.0405, 5.2729, 2.1301, 8.0827, 7.0405}
	for i, r := range ratings {
		md := newModel(&w)
		m := md.next(md.initial(r), dts[i], r, nil)
		if !near(m.s, wantS[i], 1e-4) || !near(m.d, wantD[i], 1e-4) {
			t.Errorf("rating %d twice, %d day apart: S=%.4f D=%.4f, want %.4f %.4f", r, dts[i], m.s, m.d, wantS[i], wantD[i])
		}
	}
}

// go-fsrs v4 with converted FSRS-5 weights (w19 = 0, w20 = 0.5) is what
// loci schedules FSRS-5 weights with: a card's stability and difficulty
// after a sequence of answers must equal the model's where both apply the
// same formula (learning steps on the same day, reviews on later days).
// The FSRS is built directly because NewFSRS would clip w19 to 0.01.
func TestStepMatchesGoFSRS(t *testing.T) {
	w := Weights{0.5, 1.4, 3.5, 12, 6.5, 0.6, 1.8, 0.01, 1.4, 0.15, 0.9, 2.1, 0.09, 0.3, 2.0,
		0.3, 2.5, 0.4, 0.7}
	p := fsrs.DefaultParam()
	var err error
	if p.W, err = fsrs.ConvertV5Weights(w); err != nil {
		t.Fatal(err)
	}
	f := &fsrs.FSRS{Parameters: p}
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	seq := []struct {
		r    uint8
		days int
	}{{2, 0}, {3, 0}, {3, 4}, {1, 9}, {3, 0}, {2, 3}, {4, 7}, {1, 30}, {1, 0}, {3, 0}}
	var c fsrs.Card
	var m memory
	md := newModel(&w)
	for i, x := range seq {
		at = at.Add(time.Duration(x.days)*24*time.Hour + 10*time.Minute)
		rec, err := f.Repeat(c, at)
		if err != nil {
			t.Fatal(err)
		}
		c = rec[fsrs.Rating(x.r)].Card
		if i == 0 {
			m = md.initial(x.r)
		} else {
			m = md.next(m, uint32(x.days), x.r, nil)
		}
		if !near(m.s, c.Stability, 1e-9) || !near(m.d, c.Difficulty, 1e-9) {
			t.Fatalf("answer %d (%d after %d days): model S=%v D=%v, go-fsrs S=%v D=%v",
				i+1, x.r, x.days, m.s, m.d, c.Stability, c.Difficulty)
		}
	}
}

// toFSRS6 converts FSRS-5 weights as the scheduler reads 19 numbers.
func toFSRS6(w Weights) scheduler.Weights {
	v, _ := fsrs.ConvertV5Weights(w)
	return scheduler.Weights(v)
}

func TestRetrievability(t *testing.T) {
	// fsrs-rs model.rs test power_forgetting_curve.
	for _, tc := range []struct{ t, s, want float64 }{
		{0, 1, 1}, {1, 2, 0.946059}, {2, 3, 0.9299294}, {3, 4, 0.9221679}, {4, 4, 0.9}, {5, 2, 0.79394597},
	} {
		if got := Retrievability(tc.t, tc.s); !near(got, tc.want, 1e-6) {
			t.Errorf("R(%v, %v) = %v, want %v", tc.t, tc.s, got, tc.want)
		}
	}
}

// Bounds must agree with scheduler.ValidateWeights: the bounds themselves
// are accepted, a step beyond either is refused.
func TestBoundsAgreeWithScheduler(t *testing.T) {
	for i := range Bounds {
		for j, v := range Bounds[i] {
			w := DefaultWeights()
			w[i] = v
			if err := scheduler.ValidateWeights(toFSRS6(w)); err != nil {
				t.Errorf("w[%d] = %v (bound) refused: %v", i, v, err)
			}
			w[i] = v + []float64{-1e-6, 1e-6}[j]
			if err := scheduler.ValidateWeights(toFSRS6(w)); err == nil {
				t.Errorf("w[%d] = %v (beyond bound) accepted", i, w[i])
			}
		}
	}
	if c := Clip(Weights{-5, 0, 200}); c[0] != 0.1 || c[1] != 0.1 || c[2] != 100 || c[4] != 1 || c[16] != 1 {
		t.Errorf("Clip = %v", c)
	}
}
