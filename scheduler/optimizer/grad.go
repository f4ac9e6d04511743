package optimizer

import "math"

// The gradient of the loss is written out by hand in reverse mode: the
// forward pass through an item's history records each step's partial
// derivatives (step.go), then the backward pass carries the adjoints ∂L/∂S
// and ∂L/∂D from the prediction back to the first review, adding each
// step's share to ∂L/∂w. A clamped stability or difficulty, the branch of a
// min not taken, and a first stability floored at 0.1 get zero gradient, as
// in fsrs-rs's autodiff.

// bce is the binary cross-entropy of predicting p for outcome y, and its
// derivative with respect to p.
func bce(p float64, y bool) (loss, dp float64) {
	const eps = 1e-12
	p = clamp(p, eps, 1-eps)
	if y {
		return -math.Log(p), -1 / p
	}
	return -math.Log(1 - p), 1 / (1 - p)
}

// lossGrad returns weight·BCE of the item's prediction and adds its
// gradient to g. js is scratch space, returned grown as needed.
func (m *model) lossGrad(it Item, weight float64, g *Weights, js []jac) (float64, []jac) {
	n := len(it) - 1 // reviews in the history
	js = js[:0]
	mem := m.initial(it[0].Rating)
	for _, r := range it[1:n] {
		js = append(js, jac{})
		mem = m.next(mem, r.DeltaT, r.Rating, &js[len(js)-1])
	}
	t := float64(it[n].DeltaT)
	loss, dp := bce(Retrievability(t, mem.s), it.recalled())
	aS, aD := weight*dp*dRdS(t, mem.s), 0.0
	for k := len(js) - 1; k >= 0; k-- {
		j := &js[k]
		for i := 0; i < j.sn; i++ {
			g[j.si[i]] += aS * j.sw[i]
		}
		for i, v := range j.dw {
			g[4+i] += aD * v
		}
		aS, aD = aS*j.sS, aS*j.sD+aD*j.dD
	}
	r := it[0].Rating
	if m.w[r-1] >= initMin {
		g[r-1] += aS
	}
	if d := m.initDRaw[r]; d >= 1 && d <= 10 {
		g[4] += aD
		g[5] -= aD * float64(r-1) * m.expInit[r]
	}
	return weight * loss, js
}

// predictAll returns the prediction for every item. Items that share the
// start of their history (BuildItems cuts a card's items from one array)
// are run forward once, so a card's n items cost n steps, not n²/2.
func (m *model) predictAll(items []Item) []float64 {
	out := make([]float64, len(items))
	longest := map[*Review]int{} // first review → index of the longest item
	for i, it := range items {
		if k, ok := longest[&it[0]]; !ok || len(it) > len(items[k]) {
			longest[&it[0]] = i
		}
	}
	var after []float64 // stability after each review of the longest item
	done := map[*Review][]float64{}
	for i, it := range items {
		base := &it[0]
		ss, ok := done[base]
		if !ok {
			lg := items[longest[base]]
			after = make([]float64, len(lg))
			mem := m.initial(lg[0].Rating)
			after[0] = mem.s
			for k := 1; k < len(lg); k++ {
				mem = m.next(mem, lg[k].DeltaT, lg[k].Rating, nil)
				after[k] = mem.s
			}
			ss, done[base] = after, after
		}
		out[i] = Retrievability(float64(it[len(it)-1].DeltaT), ss[len(it)-2])
	}
	return out
}
