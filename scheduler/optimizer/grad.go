package optimizer

import "math"

// The gradient of the loss is written out by hand in reverse mode: the
// forward pass through a card's history records each step's partial
// derivatives (step.go), then the backward pass carries the adjoints ∂L/∂S
// and ∂L/∂D from the last prediction back to the first review, adding each
// prediction's ∂L/∂S on the way and each step's share to ∂L/∂w. A clamped
// stability or difficulty, the branch of a min or max not taken, and a
// first stability floored at 0.1 get zero gradient, as in fsrs-rs.
//
// All the items of one card share the start of their history (BuildItems
// cuts them from one array), so a card's items are handled together: one
// forward and one backward pass over its longest history give the loss and
// gradient of all of them, n steps for n items rather than n²/2. fsrs-rs
// does the same with card ids (training.rs windowed batches).

// bce is the binary cross-entropy of predicting p for outcome y, and its
// derivative with respect to p.
func bce(p float64, y bool) (loss, dp float64) {
	const eps = 1e-7 // fsrs-rs analytic.rs MIN_PROB
	if p < eps || p > 1-eps {
		p = clamp(p, eps, 1-eps)
		if y {
			return -math.Log(p), 0
		}
		return -math.Log(1 - p), 0
	}
	if y {
		return -math.Log(p), -1 / p
	}
	return -math.Log(1 - p), 1 / (1 - p)
}

// target is one item of a card: the index of its last review in the card's
// longest history, where it is in the item list, and its recency weight.
type target struct {
	k, idx int32
	weight float32
}

// cardItems are the items of one card: its longest history and the items
// that end inside it, by increasing k.
type cardItems struct {
	reviews Item
	targets []target
}

// cardGrouper gathers items by card (BuildItems cuts a card's items from
// one array, so they share their first review), cards in the order they
// first appear.
type cardGrouper struct {
	at    map[*Review]int32
	cards []cardItems
	items int
}

func (g *cardGrouper) add(it Item, idx int32, weight float32) {
	if g.at == nil {
		g.at = map[*Review]int32{}
	}
	c, ok := g.at[&it[0]]
	if !ok {
		c = int32(len(g.cards))
		g.at[&it[0]] = c
		g.cards = append(g.cards, cardItems{})
	}
	ci := &g.cards[c]
	if len(it) > len(ci.reviews) {
		ci.reviews = it
	}
	ts := append(ci.targets, target{k: int32(len(it) - 1), idx: idx, weight: weight})
	for b := len(ts) - 1; b > 0 && ts[b].k < ts[b-1].k; b-- { // nearly always in order already
		ts[b], ts[b-1] = ts[b-1], ts[b]
	}
	ci.targets = ts
	g.items++
}

// groupByCard gathers items (with their weights; nil means 1) by card.
func groupByCard(items []Item, weights []float32) []cardItems {
	var g cardGrouper
	for i, it := range items {
		w := float32(1)
		if weights != nil {
			w = weights[i]
		}
		g.add(it, int32(i), w)
	}
	return g.cards
}

// forward returns the stability before each review of c.reviews after the
// first: ss[k−1] is the stability the prediction of review k uses.
func (m *model) forward(reviews Item, last int, ss []float64) []float64 {
	ss = ss[:0]
	mem := m.initial(reviews[0].Rating)
	ss = append(ss, mem.s)
	for k := 1; k < last; k++ {
		mem = m.next(mem, reviews[k].DeltaT, reviews[k].Rating, nil)
		ss = append(ss, mem.s)
	}
	return ss
}

// scratch is reusable space for cardLossGrad.
type scratch struct {
	js []jac
	ss []float64
}

// cardLossGrad returns Σ weight·BCE over the card's items and adds their
// gradient to g.
func (m *model) cardLossGrad(c *cardItems, g *Weights, sc *scratch) float64 {
	last := int(c.targets[len(c.targets)-1].k) // the last review predicted
	// Forward: js[k−1] is the step of review k (1 ≤ k < last), ss[k] the
	// stability after review k.
	js, ss := sc.js[:0], sc.ss[:0]
	mem := m.initial(c.reviews[0].Rating)
	ss = append(ss, mem.s)
	for k := 1; k < last; k++ {
		js = append(js, jac{})
		mem = m.next(mem, c.reviews[k].DeltaT, c.reviews[k].Rating, &js[len(js)-1])
		ss = append(ss, mem.s)
	}
	sc.js, sc.ss = js, ss
	loss := 0.0
	aS, aD := 0.0, 0.0 // ∂L/∂S and ∂L/∂D of the state after review k−1
	ti := len(c.targets) - 1
	for k := last; k >= 1; k-- {
		for ; ti >= 0 && int(c.targets[ti].k) == k; ti-- { // predictions of review k
			tg := c.targets[ti]
			p, drds, drdd := m.curve.grad(float64(c.reviews[k].DeltaT), ss[k-1])
			l, dp := bce(p, c.reviews[k].Rating > 1)
			wt := float64(tg.weight)
			loss += wt * l
			aS += wt * dp * drds
			g[20] += wt * dp * drdd
		}
		if k == 1 {
			break
		}
		j := &js[k-2] // the step of review k−1
		for i := 0; i < j.sn; i++ {
			g[j.si[i]] += aS * j.sw[i]
		}
		for i, v := range j.dw {
			g[4+i] += aD * v
		}
		aS, aD = aS*j.sS, aS*j.sD+aD*j.dD
	}
	r := c.reviews[0].Rating
	if m.w[r-1] >= initMin {
		g[r-1] += aS
	}
	if d := m.initDRaw[r]; d >= 1 && d <= 10 {
		g[4] += aD
		g[5] -= aD * float64(r-1) * m.expInit[r]
	}
	return loss
}

// lossGrad returns weight·BCE of one item's prediction and adds its
// gradient to g.
func (m *model) lossGrad(it Item, weight float64, g *Weights, sc *scratch) float64 {
	c := cardItems{reviews: it, targets: []target{{k: int32(len(it) - 1), weight: float32(weight)}}}
	return m.cardLossGrad(&c, g, sc)
}

// predictCards returns the prediction for every item of the groups, at the
// items' indexes, in out.
func (m *model) predictCards(cards []cardItems, out []float64) {
	var ss []float64
	for i := range cards {
		c := &cards[i]
		ss = m.forward(c.reviews, int(c.targets[len(c.targets)-1].k), ss)
		for _, tg := range c.targets {
			out[tg.idx] = m.curve.r(float64(c.reviews[tg.k].DeltaT), ss[tg.k-1])
		}
	}
}

// predictAll returns the prediction for every item.
func (m *model) predictAll(items []Item) []float64 {
	out := make([]float64, len(items))
	m.predictCards(groupByCard(items, nil), out)
	return out
}
