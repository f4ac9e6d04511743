package optimizer

import (
	"context"
	"errors"
	"math"
	"testing"
)

// Bins worked by hand from srs-benchmark's rmse_matrix.
func TestBinOf(t *testing.T) {
	tests := []struct {
		it   Item
		want [3]int
	}{
		// delta_t 12: ⌊log₃.₆₂ 12⌋ = 1 → 2.48·3.62 = 8.9776 → 898 hundredths;
		// two long-term reviews + 1 = 3: ⌊log₁.₈₉ 3⌋ = 1 → 3.7611 → 4;
		// one lapse (the Again 5 days on): ⌊log₁.₇₃ 1⌋ = 0 → 1.65 → 2.
		{item([2]int{3, 0}, [2]int{1, 5}, [2]int{3, 0}, [2]int{3, 12}), [3]int{898, 4, 2}},
		// delta_t 1 → 2.48 → 248; 1 + 1 = 2 → 1.89·1.99 → 4; the first
		// review's Again is not a lapse.
		{item([2]int{1, 0}, [2]int{3, 1}), [3]int{248, 4, 0}},
		// delta_t 100: ⌊log₃.₆₂ 100⌋ = 3 → 2.48·3.62³ = 117.65 → 11765;
		// 4 long-term reviews + 1 = 5: ⌊log₁.₈₉ 5⌋ = 2 → 1.99·1.89² = 7.108 → 7;
		// 3 lapses: ⌊log₁.₇₃ 3⌋ = 2 → 1.65·1.73² = 4.938 → 5.
		{item([2]int{3, 0}, [2]int{1, 2}, [2]int{1, 3}, [2]int{3, 0}, [2]int{1, 4}, [2]int{3, 100}), [3]int{11765, 7, 5}},
	}
	for _, tt := range tests {
		if got := binOf(tt.it); got != tt.want {
			t.Errorf("binOf(%v) = %v, want %v", tt.it, got, tt.want)
		}
	}
}

// With w2 = 3 and FSRS-5's decay, a first Good predicts R(3 days) =
// (1 + 19/81)^−0.5 = 0.9 exactly, and R(30 days) = (1 + 190/81)^−0.5.
func TestEvaluate(t *testing.T) {
	w := DefaultWeights()
	w[2], w[20] = 3, FSRS5Decay
	items := []Item{
		item([2]int{3, 0}, [2]int{3, 3}),  // recalled, weight 0.25
		item([2]int{3, 0}, [2]int{1, 3}),  // forgotten, weight 0.25 + 0.75/8
		item([2]int{3, 0}, [2]int{3, 30}), // recalled, weight 1
	}
	p30 := 1 / math.Sqrt(1+190.0/81)
	w0, w1, w2 := 0.25, 0.25+0.75/8, 1.0
	wantLoss := (w0*-math.Log(0.9) + w1*-math.Log(0.1) + w2*-math.Log(p30)) / (w0 + w1 + w2)
	// Bins: the two 3-day items share one (mean prediction 0.9, mean recall
	// 0.5, weight w0+w1); the 30-day item is alone (prediction p30, recall 1).
	wantRMSE := math.Sqrt(((0.9-0.5)*(0.9-0.5)*(w0+w1) + (p30-1)*(p30-1)*w2) / (w0 + w1 + w2))
	m := Evaluate(w, items)
	if math.Abs(m.LogLoss-wantLoss) > 1e-12 || math.Abs(m.RMSEBins-wantRMSE) > 1e-12 {
		t.Errorf("Evaluate = %+v, want log loss %v, RMSE %v", m, wantLoss, wantRMSE)
	}
}

// EvaluateSplits fits on the past and scores the future: with items cut
// into 6 segments, every item after the first segment is scored once, with
// weight 1. Too few items to cut is an error.
func TestEvaluateSplits(t *testing.T) {
	log := Simulate(SimConfig{Weights: ExampleLearner, Scheduler: DefaultWeights(), Cards: 300, Reviews: 6000, Seed: 8,
		Start: at(1, 0, 0)})
	items := BuildItems(log, days(t)).Items
	last, calls := 0, 0
	got, err := EvaluateSplits(context.Background(), items, FSRS6, func(done, total int) {
		if done < last || total != Splits*epochs {
			t.Errorf("progress %d of %d after %d", done, total, last)
		}
		last, calls = done, calls+1
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != Splits*epochs || calls < 2 {
		t.Errorf("progress ended at %d after %d calls", last, calls)
	}
	// The same figure by hand: fit on each past, score the next segment.
	seg := len(items) / 6
	var s scores
	for i := 0; i < 5; i++ {
		hi := (i + 2) * seg
		if i == 4 {
			hi = len(items)
		}
		res, err := fit(context.Background(), items[:(i+1)*seg], FSRS6, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		test := items[(i+1)*seg : hi]
		s.add(test, newModel(&res.Weights).predictAll(test), false)
	}
	if want := s.metrics(); got != want {
		t.Errorf("EvaluateSplits = %+v, want %+v", got, want)
	}
	res, both, err := FitWithSplits(context.Background(), items, FSRS6, nil)
	alone, err2 := Fit(context.Background(), items, nil)
	if err != nil || err2 != nil || both != got || res != alone {
		t.Errorf("FitWithSplits = %v, %v, %v; want Fit's %v and %v", res.Weights, both, err, alone.Weights, got)
	}
	if in := Evaluate(DefaultWeights(), items[seg:]); got.LogLoss >= in.LogLoss {
		t.Errorf("splits log loss %.4f no better than the default weights' %.4f on the same items", got.LogLoss, in.LogLoss)
	}
	if _, err := EvaluateSplits(context.Background(), items[:5], FSRS6, nil); !errors.Is(err, ErrTooFewReviews) {
		t.Errorf("5 items: err = %v", err)
	}
}

// When a fold cannot be fitted (no card in the oldest part has a single
// review after its learning day to pre-train on) but the whole log can,
// FitWithSplits returns the fit and an error wrapping ErrSplits.
func TestFitWithSplitsFoldFails(t *testing.T) {
	var items []Item
	for i := 0; i < 100; i++ {
		items = append(items, item([2]int{3, 0}, [2]int{3, 2}, [2]int{1 + 2*(i%2), 5}))
	}
	for i := 0; i < 400; i++ {
		items = append(items, item([2]int{1 + i%4, 0}, [2]int{1 + 2*(i%3/2), 1 + i%5}))
	}
	res, _, err := FitWithSplits(context.Background(), items, FSRS6, nil)
	if !errors.Is(err, ErrSplits) || !errors.Is(err, errNoFirstRatings) || res.Stage == "" {
		t.Errorf("FitWithSplits = stage %q, %v; want the fit and a fold's pre-training error", res.Stage, err)
	}
	if alone, err := Fit(context.Background(), items, nil); err != nil || alone != res {
		t.Errorf("the fit alone: %v, %v; with the failed splits %v", alone.Weights, err, res.Weights)
	}
}
