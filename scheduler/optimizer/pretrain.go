package optimizer

import (
	"errors"
	"math"
	"sort"
)

// errNoFirstRatings is returned when no pre-training item is left.
var errNoFirstRatings = errors.New("no card has a single review a day or more after its first")

// initSMax is the upper bound of an initial stability (fsrs-rs INIT_S_MAX).
const initSMax = 100.0

// recallPoint is the average recall of pre-training items with one first
// rating and one delta_t.
type recallPoint struct{ dt, recall, count float64 }

// pretrain fits the four initial stabilities to the items with exactly one
// long-term review, as fsrs-rs pre_training.rs does: for each first rating,
// a ternary search over [0.001, 100] for the stability whose forgetting curve
// best fits the recall at each delta_t (Laplace-smoothed towards the average
// recall, with an L1 pull towards the default), then smoothAndFill. It also
// returns how many items each first rating has.
func pretrain(pre []Item, avgRecall float64) ([4]float64, [5]int, error) {
	type tally struct{ pass, n int }
	var groups [5]map[uint32]*tally
	var counts [5]int
	for _, it := range pre {
		r, last := it[0].Rating, it.firstLongTerm()
		if groups[r] == nil {
			groups[r] = map[uint32]*tally{}
		}
		t := groups[r][last.DeltaT]
		if t == nil {
			t = &tally{}
			groups[r][last.DeltaT] = t
		}
		t.n++
		if last.Rating > 1 {
			t.pass++
		}
		counts[r]++
	}
	def := DefaultWeights()
	var found [5]float64
	var has [5]bool
	for r := 1; r <= 4; r++ {
		if groups[r] == nil {
			continue
		}
		var pts []recallPoint
		for dt, t := range groups[r] {
			pts = append(pts, recallPoint{float64(dt), float64(t.pass) / float64(t.n), float64(t.n)})
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].dt < pts[j].dt })
		for i := range pts { // Laplace smoothing: (recall·n + average) / (n + 1)
			pts[i].recall = (pts[i].recall*pts[i].count + avgRecall) / (pts[i].count + 1)
		}
		found[r], has[r] = searchStability(pts, def[r-1]), true
	}
	s, err := smoothAndFill(found, has, counts)
	return s, counts, err
}

// pretrainLoss is the count-weighted log loss of stability s0 on the points
// plus |s0 − default|/16, under the forgetting curve of the default decay.
func pretrainLoss(pts []recallPoint, s0, def float64) float64 {
	c := newCurve(DefaultWeights()[20])
	sum := 0.0
	for _, p := range pts {
		y := c.r(p.dt, s0)
		sum -= (p.recall*math.Log(y) + (1-p.recall)*math.Log(1-y)) * p.count
	}
	return sum + math.Abs(s0-def)/16
}

// searchStability is fsrs-rs's ternary search (search_parameters).
func searchStability(pts []recallPoint, def float64) float64 {
	lo, hi := sMin, initSMax
	best := def
	for iter := 0; hi-lo > 0x1p-52 && iter < 1000; iter++ {
		m1 := lo + (hi-lo)/3
		m2 := hi - (hi-lo)/3
		if pretrainLoss(pts, m1, def) < pretrainLoss(pts, m2, def) {
			hi = m2
		} else {
			lo = m1
		}
		best = (hi + lo) / 2
	}
	return best
}

// smoothAndFill follows fsrs-rs pre_training.rs smooth_and_fill: it keeps
// only ratings that have items, makes the stabilities grow with the rating
// (the rating with more items wins a disagreement), fills missing ratings
// from the present ones by the reference's power-law rules, and clamps to
// [0.1, 100] (go-fsrs's floor instead of fsrs-rs's 0.01).
func smoothAndFill(s [5]float64, has [5]bool, counts [5]int) ([4]float64, error) {
	for r := 1; r <= 4; r++ {
		has[r] = has[r] && counts[r] > 0
	}
	for _, p := range [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}} {
		a, b := p[0], p[1]
		if has[a] && has[b] && s[a] > s[b] {
			if counts[a] > counts[b] {
				s[b] = s[a]
			} else {
				s[a] = s[b]
			}
		}
	}
	const w1, w2 = 0.41, 0.54
	pw := math.Pow
	present := 0
	for r := 1; r <= 4; r++ {
		if has[r] {
			present++
		}
	}
	def := DefaultWeights()
	switch present {
	case 0:
		return [4]float64{}, errNoFirstRatings
	case 1:
		for r := 1; r <= 4; r++ {
			if has[r] {
				f := s[r] / def[r-1]
				for k := 1; k <= 4; k++ {
					s[k] = def[k-1] * f
				}
				break
			}
		}
	case 2:
		switch {
		case has[3] && has[4]:
			s[2] = pw(s[3], 1/(1-w2)) * pw(s[4], 1-1/(1-w2))
			s[1] = pw(s[2], 1/w1) * pw(s[3], 1-1/w1)
		case has[2] && has[4]:
			s[3] = pw(s[2], 1-w2) * pw(s[4], w2)
			s[1] = pw(s[2], 1/w1) * pw(s[3], 1-1/w1)
		case has[2] && has[3]:
			s[4] = pw(s[2], 1-1/w2) * pw(s[3], 1/w2)
			s[1] = pw(s[2], 1/w1) * pw(s[3], 1-1/w1)
		case has[1] && has[4]:
			k := w1 / (w1 + w2 - w1*w2)
			l := w2 / (w1 + w2 - w1*w2)
			s[2] = pw(s[1], k) * pw(s[4], 1-k)
			s[3] = pw(s[1], 1-l) * pw(s[4], l)
		case has[1] && has[3]:
			s[2] = pw(s[1], w1) * pw(s[3], 1-w1)
			s[4] = pw(s[2], 1-1/w2) * pw(s[3], 1/w2)
		case has[1] && has[2]:
			s[3] = pw(s[1], 1-1/(1-w1)) * pw(s[2], 1/(1-w1))
			s[4] = pw(s[2], 1-1/w2) * pw(s[3], 1/w2)
		}
	case 3:
		switch {
		case !has[1]:
			s[1] = pw(s[2], 1/w1) * pw(s[3], 1-1/w1)
		case !has[2]:
			s[2] = pw(s[1], w1) * pw(s[3], 1-w1)
		case !has[3]:
			s[3] = pw(s[2], 1-w2) * pw(s[4], w2)
		case !has[4]:
			s[4] = pw(s[2], 1-1/w2) * pw(s[3], 1/w2)
		}
	}
	var out [4]float64
	for r := 1; r <= 4; r++ {
		out[r-1] = clamp(s[r], initMin, initSMax)
	}
	return out, nil
}
