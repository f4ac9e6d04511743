package optimizer

import "math"

// Weights are the 21 FSRS-6 parameters, in go-fsrs v4's (and fsrs-rs's)
// order: w0–w3 initial stability per first rating, w4–w7 difficulty,
// w8–w10 stability after a success, w11–w14 after a lapse, w15–w16 the Hard
// penalty and Easy bonus, w17–w19 same-day reviews, w20 the decay of the
// forgetting curve.
type Weights = [21]float64

// NumWeights is the number of FSRS-6 weights.
const NumWeights = len(Weights{})

// FSRS-6 constants (fsrs-rs simulation.rs S_MIN/S_MAX, go-fsrs v4
// arithmetic.go).
const (
	sMin    = 0.001   // stability floor
	sMax    = 36500.0 // stability ceiling
	initMin = 0.1     // go-fsrs floors a first stability at 0.1
	// FSRS5Decay is the fixed decay of FSRS-5: FSRS-5 weights are FSRS-6
	// weights with w19 = 0 and w20 = FSRS5Decay.
	FSRS5Decay = 0.5
)

// DefaultWeights returns FSRS-6's default weights: fsrs-rs's
// DEFAULT_PARAMETERS, which go-fsrs v4's DefaultWeights repeats (a test
// checks it).
func DefaultWeights() Weights {
	return Weights{0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
		1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542}
}

// FromFSRS5 converts 19 FSRS-5 weights to FSRS-6 ones with the same
// forgetting curve: w19 = 0 (no same-day stability decay) and w20 = 0.5
// (go-fsrs v4 ConvertV5Weights). Through the model in this package the
// two predict the same, except that a same-day Hard, Good or Easy never
// lowers stability in FSRS-6.
func FromFSRS5(w5 [19]float64) Weights {
	var w Weights
	copy(w[:], w5[:])
	w[20] = FSRS5Decay
	return w
}

// Bounds are the lower and upper bound of each weight while fitting, as
// fsrs-rs parameter_clipper.rs sets them with short-term training on and
// one relearning step (go-fsrs v4 clipParameters with the same settings),
// except that the initial stabilities start at 0.1, where go-fsrs floors
// them when it schedules (fsrs-rs: 0.001). Fitted weights are inside
// scheduler.WeightBounds, which also lets w19 be FSRS-5's 0.
var Bounds = [NumWeights][2]float64{
	{initMin, 100}, {initMin, 100}, {initMin, 100}, {initMin, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
	{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2}, {0.01, 0.8},
	{0.1, 0.8},
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

// curve is the forgetting curve of one decay: R(t, S) = (1 + f·t/S)^(−decay)
// with f = 0.9^(−1/decay) − 1, so that R = 0.9 when t = S.
type curve struct {
	decay  float64
	factor float64
	dfdd   float64 // ∂f/∂decay
}

func newCurve(decay float64) curve {
	e := math.Pow(0.9, -1/decay)
	return curve{decay: decay, factor: e - 1, dfdd: e * math.Log(0.9) / (decay * decay)}
}

// r is the retrievability t days after a review that left stability s.
func (c curve) r(t, s float64) float64 {
	if c.decay == FSRS5Decay {
		return 1 / math.Sqrt(1+c.factor*t/s)
	}
	return math.Exp(-c.decay * math.Log1p(c.factor*t/s))
}

// grad returns R(t, s) with ∂R/∂s and ∂R/∂decay.
func (c curve) grad(t, s float64) (r, drds, drdd float64) {
	x := c.factor * t / s
	lb := math.Log1p(x) // ln b, b = 1 + f·t/s
	if c.decay == FSRS5Decay {
		r = 1 / math.Sqrt(1+x)
	} else {
		r = math.Exp(-c.decay * lb)
	}
	b := 1 + x
	drds = r * c.decay * x / (s * b)
	drdd = -r * (lb + c.decay/b*t/s*c.dfdd)
	return r, drds, drdd
}

// Retrievability is the probability of recall t days after a review that
// left stability s, under the forgetting curve of decay w20:
// (1 + factor·t/s)^(−w20), factor = 0.9^(−1/w20) − 1.
func Retrievability(t, s, decay float64) float64 { return newCurve(decay).r(t, s) }

// Interval is the number of days after which recall falls to retention for
// stability s under decay (go-fsrs stabilityToInterval, before rounding).
func Interval(s, retention, decay float64) float64 {
	c := newCurve(decay)
	return s / c.factor * (math.Pow(retention, -1/decay) - 1)
}

// model is FSRS-6 with one set of weights, with the terms that depend on
// the weights alone worked out once.
type model struct {
	w        Weights
	curve    curve
	a        float64    // e^w8
	lapseCap float64    // e^(−w17·w18): stability after a lapse is at most S·lapseCap
	short    [5]float64 // e^(w17·(r−3+w18)), the same-day factor for rating r before S^−w19
	initS    [5]float64 // max(w[r−1], 0.1)
	initDRaw [5]float64 // w4 − e^(w5·(r−1)) + 1
	expInit  [5]float64 // e^(w5·(r−1))
}

func newModel(w *Weights) *model {
	m := &model{w: *w, curve: newCurve(w[20]), a: math.Exp(w[8]), lapseCap: math.Exp(-w[17] * w[18])}
	for r := 1; r <= 4; r++ {
		m.short[r] = math.Exp(w[17] * (float64(r) - 3 + w[18]))
		m.initS[r] = clamp(max(w[r-1], initMin), sMin, sMax)
		m.expInit[r] = math.Exp(w[5] * float64(r-1))
		m.initDRaw[r] = w[4] - m.expInit[r] + 1
	}
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
	return m.curve.r(float64(it[len(it)-1].DeltaT), mem.s)
}

// Predict returns the probability of recall FSRS with weights w gives the
// last review of the item.
func Predict(w Weights, it Item) float64 { return newModel(&w).predict(it) }
