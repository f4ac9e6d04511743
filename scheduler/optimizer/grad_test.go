package optimizer

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fsrsRSBatch is the batch of fsrs-rs training.rs test_loss_and_grad (at
// commit 5578373c): four items of six reviews, written there column-wise.
func fsrsRSBatch() []Item {
	ts := [][]int{{0, 0, 0, 0, 1, 3}, {0, 0, 0, 1, 3, 6}, {0, 0, 0, 1, 3, 6}, {0, 0, 1, 3, 5, 12}}
	rs := [][]int{{1, 3, 1, 4, 3, 2}, {2, 4, 4, 3, 1, 3}, {3, 2, 4, 3, 3, 3}, {4, 4, 3, 3, 3, 4}}
	dts := []int{4, 11, 12, 23}
	labels := []int{1, 1, 1, 0}
	var out []Item
	for i := range ts {
		var it Item
		for k := range ts[i] {
			it = append(it, Review{uint8(rs[i][k]), uint32(ts[i][k])})
		}
		last := uint8(3)
		if labels[i] == 0 {
			last = 1
		}
		out = append(out, append(it, Review{last, uint32(dts[i])}))
	}
	return out
}

// The summed loss and its gradient at the default weights must match the
// figures fsrs-rs's autodiff gives for the same batch (f32 there, so a
// relative tolerance of 1e-3).
func TestLossAndGradMatchFSRSRS(t *testing.T) {
	w := DefaultWeights()
	var g Weights
	loss := 0.0
	for _, it := range fsrsRSBatch() {
		l, _ := newModel(&w).lossGrad(it, 1, &g, nil)
		loss += l
	}
	if !near(loss, 4.4467363, 1e-5) {
		t.Errorf("loss = %v, want 4.4467363", loss)
	}
	want := Weights{-0.05832, -0.00682, -0.00255, 0.010539, -0.05128, 1.364291, 0.083658, -0.95023,
		0.534472, -2.89288, 0.514163, -0.01306, 0.041905, -0.11830, -0.00092, -0.14452,
		0.202374, 0.214104, 0.032307}
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-3*math.Max(0.01, math.Abs(want[i])) {
			t.Errorf("∂L/∂w%d = %.6f, want %.6f", i, g[i], want[i])
		}
	}
}

// Two Adam steps at learning rate 0.04 on that batch, without the L2 pull,
// must give fsrs-rs's weights (test_loss_and_grad), and the loss between
// them fsrs-rs's 4.176347.
func TestAdamStepsMatchFSRSRS(t *testing.T) {
	batch := fsrsRSBatch()
	lossGrad := func(w *Weights) (float64, Weights) {
		var g Weights
		loss := 0.0
		for _, it := range batch {
			l, _ := newModel(w).lossGrad(it, 1, &g, nil)
			loss += l
		}
		return loss, g
	}
	w := DefaultWeights()
	var opt adamState
	_, g := lossGrad(&w)
	opt.step(&w, &g, 0.04)
	want1 := Weights{0.44255, 1.22385, 3.2129998, 15.65105, 7.2349, 0.4945, 1.4204, 0.0446, 1.5057501,
		0.1592, 0.97925, 1.9794999, 0.07000001, 0.33605, 2.3097994, 0.2715, 2.9498, 0.47655, 0.62210006}
	loss, g := lossGrad(&w)
	if !near(loss, 4.176347, 1e-5) {
		t.Errorf("loss after one step = %v, want 4.176347", loss)
	}
	opt.step(&w, &g, 0.04)
	want2 := Weights{0.48150504, 1.2636971, 3.2530522, 15.611003, 7.2749534, 0.45482785, 1.3808222,
		0.083782874, 1.4658877, 0.19898315, 0.9393105, 2.0193, 0.030164223, 0.37562984, 2.3498251,
		0.3112984, 2.909878, 0.43652722, 0.5825156}
	for i := range w {
		if !near(w[i], want2[i], 1e-5) {
			t.Errorf("after two steps w%d = %.7f, want %.7f (after one: want %.7f)", i, w[i], want2[i], want1[i])
		}
	}
}

// randomItem draws a history of 2–12 reviews with same-day repeats.
func randomItem(rng *rand.Rand) Item {
	n := 2 + rng.IntN(11)
	it := Item{{Rating: uint8(1 + rng.IntN(4))}}
	for k := 1; k < n; k++ {
		dt := uint32(0)
		if rng.IntN(3) > 0 || k == n-1 {
			dt = uint32(1 + rng.IntN(60))
		}
		it = append(it, Review{uint8(1 + rng.IntN(4)), dt})
	}
	return it
}

// The hand-written gradient must match central finite differences of the
// loss, for random items at random weights inside the bounds.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 40; trial++ {
		var w Weights
		for i := range w {
			lo, hi := Bounds[i][0], Bounds[i][1]
			if i < 4 {
				hi = 20
			}
			w[i] = lo + (0.05+0.9*rng.Float64())*(hi-lo)
		}
		items := []Item{randomItem(rng), randomItem(rng), randomItem(rng)}
		loss := func(w Weights) float64 {
			sum := 0.0
			for j, it := range items {
				l, _ := bce(Predict(w, it), it.recalled())
				sum += float64(j+1) * l
			}
			return sum
		}
		var g Weights
		for j, it := range items {
			newModel(&w).lossGrad(it, float64(j+1), &g, nil)
		}
		for i := range w {
			h := 1e-6 * math.Max(1, math.Abs(w[i]))
			up, down := w, w
			up[i] += h
			down[i] -= h
			fd := (loss(up) - loss(down)) / (2 * h)
			if math.Abs(fd-g[i]) > 1e-5*math.Max(1, math.Abs(fd)) {
				t.Errorf("trial %d: ∂L/∂w%d = %.8g, finite difference %.8g (w=%v, items=%v)", trial, i, g[i], fd, w, items)
			}
		}
	}
}

func TestBCE(t *testing.T) {
	if l, d := bce(0.8, true); !near(l, -math.Log(0.8), 1e-12) || !near(d, -1.25, 1e-12) {
		t.Errorf("bce(0.8, recalled) = %v, %v", l, d)
	}
	if l, d := bce(0.8, false); !near(l, -math.Log(0.2), 1e-12) || !near(d, 5, 1e-12) {
		t.Errorf("bce(0.8, forgotten) = %v, %v", l, d)
	}
}

// predictAll shares the forward pass among a card's items; it must give
// what predicting each item alone gives.
func TestPredictAllMatchesPredict(t *testing.T) {
	log := Simulate(SimConfig{Weights: DefaultWeights(), Cards: 60, Reviews: 1500, Seed: 5, Start: at(1, 0, 0)})
	items := BuildItems(log, days(t)).Items
	w := DefaultWeights()
	w[9] = 0.3
	got := newModel(&w).predictAll(items)
	for i, it := range items {
		if want := Predict(w, it); got[i] != want {
			t.Fatalf("item %d %v: predictAll %v, Predict %v", i, it, got[i], want)
		}
	}
	if len(items) < 500 {
		t.Errorf("only %d items", len(items))
	}
}
