package optimizer

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fsrsRSBatch is the batch of fsrs-rs training.rs test_loss_and_grad:
// four items of six reviews, written there column-wise.
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

// batchLossGrad is the summed loss and gradient of items at w.
func batchLossGrad(w *Weights, items []Item) (float64, Weights) {
	var g Weights
	var sc scratch
	loss := 0.0
	for _, it := range items {
		loss += newModel(w).lossGrad(it, 1, &g, &sc)
	}
	return loss, g
}

// The summed loss and its gradient at the default weights, and the weights
// after one Adam step at learning rate 0.04 and clipping, must match the
// figures fsrs-rs 6.5 gives for the same batch (test_loss_and_grad; f32
// there, so a relative tolerance of 1e-3).
func TestLossGradAndAdamMatchFSRSRS(t *testing.T) {
	w := DefaultWeights()
	loss, g := batchLossGrad(&w, fsrsRSBatch())
	if !near(loss, 4.0466027, 1e-5) {
		t.Errorf("loss = %v, want 4.0466027", loss)
	}
	want := Weights{-0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335,
		0.0593964, -2.1474836, 0.57626534, -2.8751316, 0.7154875, -0.028993709, 0.0099172965, -0.2189217,
		-0.0017800558, -0.089381434, 0.299141, 0.068104014, -0.011605468, -0.25398168, 0.27700496}
	for i := range g {
		if math.Abs(g[i]-want[i]) > 1e-3*math.Max(0.01, math.Abs(want[i])) {
			t.Errorf("∂L/∂w%d = %.6f, want %.6f", i, g[i], want[i])
		}
	}
	var opt adamState
	opt.step(&w, &g, 0.04)
	w = Clip(w)
	want1 := Weights{0.252, 1.3331, 2.3464994, 8.2556, 6.3733, 0.87340003, 2.9794, 0.040999997, 1.8322,
		0.20660001, 0.756, 1.5235, 0.021400042, 0.3029, 1.6882998, 0.64140004, 1.8329, 0.5025, 0.13119997,
		0.1058, 0.1142}
	for i := range w {
		if !near(w[i], want1[i], 1e-5) {
			t.Errorf("after one step w%d = %.7f, want %.7f", i, w[i], want1[i])
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
				lo, hi = 0.2, 20
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
		var sc scratch
		for j, it := range items {
			newModel(&w).lossGrad(it, float64(j+1), &g, &sc)
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

// A card's items handled together (one forward and one backward pass) must
// give the loss and gradient of its items handled one by one.
func TestCardGradMatchesItems(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	w := DefaultWeights()
	w[19], w[20] = 0.3, 0.4
	for trial := 0; trial < 20; trial++ {
		full := randomItem(rng)
		for len(full) < 8 {
			full = append(full, randomItem(rng)[1:]...)
		}
		var items []Item
		var weights []float32
		for k := 1; k < len(full); k++ {
			if full[k].DeltaT > 0 && rng.IntN(4) > 0 {
				items = append(items, full[:k+1:k+1])
				weights = append(weights, float32(0.25+rng.Float64()))
			}
		}
		if len(items) == 0 {
			continue
		}
		var one, each Weights
		var sc scratch
		m := newModel(&w)
		cards := groupByCard(items, weights)
		if len(cards) != 1 {
			t.Fatalf("%d groups for one card's items", len(cards))
		}
		lossCard := m.cardLossGrad(&cards[0], &one, &sc)
		lossEach := 0.0
		for i, it := range items {
			lossEach += m.lossGrad(it, float64(weights[i]), &each, &sc)
		}
		if !near(lossCard, lossEach, 1e-12) {
			t.Errorf("trial %d: card loss %v, items %v", trial, lossCard, lossEach)
		}
		for i := range one {
			if !near(one[i], each[i], 1e-9) {
				t.Errorf("trial %d: ∂L/∂w%d card %v, items %v", trial, i, one[i], each[i])
			}
		}
	}
}
