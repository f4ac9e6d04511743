package optimizer

import "math"

// Weights are the 19 FSRS-5 parameters, in go-fsrs's order.
type Weights = [19]float64

// FSRS-5 constants (go-fsrs parameters.go; fsrs-rs inference.rs).
const (
	decay   = -0.5
	factor  = 19.0 / 81.0 // 0.9^(1/decay) − 1: R = 0.9 when t = S
	sMin    = 0.01        // fsrs-rs S_MIN: stability floor during training
	sMax    = 36500.0     // fsrs-rs S_MAX
	initMin = 0.1         // go-fsrs floors initial stability at 0.1
)

// DefaultWeights returns go-fsrs v3.3.1's default weights, which are also
// fsrs-rs's FSRS-5 DEFAULT_PARAMETERS.
func DefaultWeights() Weights {
	return Weights{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
		0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
}

// Bounds are the lower and upper bound of each weight while fitting:
// fsrs-rs's parameter_clipper.rs, except that the four initial stabilities
// start at 0.1 rather than 0.01 because go-fsrs floors them there. They
// agree with scheduler.ValidateWeights (a test checks it).
var Bounds = [19][2]float64{
	{initMin, 100}, {initMin, 100}, {initMin, 100}, {initMin, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2},
}

// Clip returns w with every weight moved into Bounds.
func Clip(w Weights) Weights {
	for i := range w {
		w[i] = clamp(w[i], Bounds[i][0], Bounds[i][1])
	}
	return w
}

// memory is a card's memory state: stability in days and difficulty 1–10.
type memory struct{ s, d float64 }

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// Retrievability is the probability of recall t days after a review that
// left stability s: (1 + factor·t/s)^decay.
func Retrievability(t, s float64) float64 { return 1 / math.Sqrt(1+factor*t/s) }

// dRdS is ∂R/∂s at (t, s).
func dRdS(t, s float64) float64 {
	b := 1 + factor*t/s
	return 0.5 * factor * t / (s * s) / (b * math.Sqrt(b))
}

// model is FSRS-5 with one set of weights, with the terms that depend on
// the weights alone worked out once.
type model struct {
	w        Weights
	a        float64    // e^w8
	lapseCap float64    // e^(−w17·w18): stability after a lapse is at most S·lapseCap
	short    [5]float64 // e^(w17·(r−3+w18)), the same-day factor for rating r
	initS    [5]float64 // max(w[r−1], 0.1)
	initDRaw [5]float64 // w4 − e^(w5·(r−1)) + 1
	expInit  [5]float64 // e^(w5·(r−1))
	i4       float64    // initial difficulty of Easy, clamped to [1, 10] as go-fsrs does
}

func newModel(w *Weights) *model {
	m := &model{w: *w, a: math.Exp(w[8]), lapseCap: math.Exp(-w[17] * w[18])}
	for r := 1; r <= 4; r++ {
		m.short[r] = math.Exp(w[17] * (float64(r) - 3 + w[18]))
		m.initS[r] = clamp(max(w[r-1], initMin), sMin, sMax)
		m.expInit[r] = math.Exp(w[5] * float64(r-1))
		m.initDRaw[r] = w[4] - m.expInit[r] + 1
	}
	m.i4 = clamp(m.initDRaw[4], 1, 10)
	return m
}

// initial is the memory after a card's first rating r (go-fsrs
// initStability, initDifficulty).
func (m *model) initial(r uint8) memory {
	return memory{m.initS[r], clamp(m.initDRaw[r], 1, 10)}
}

// next is the memory after rating r, dt learner days after the review that
// left mem; j, if not nil, receives the step's partial derivatives.
func (m *model) next(mem memory, dt uint32, r uint8, j *jac) memory {
	return memory{m.nextS(mem, dt, r, j), m.nextD(mem.d, r, j)}
}

// predict is the probability of recall at the item's last review.
func (m *model) predict(it Item) float64 {
	mem := m.initial(it[0].Rating)
	for _, r := range it[1 : len(it)-1] {
		mem = m.next(mem, r.DeltaT, r.Rating, nil)
	}
	return Retrievability(float64(it[len(it)-1].DeltaT), mem.s)
}

// Predict returns the probability of recall FSRS with weights w gives the
// last review of the item.
func Predict(w Weights, it Item) float64 { return newModel(&w).predict(it) }
