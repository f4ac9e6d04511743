package optimizer

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Metrics say how well a set of weights predicts a review log.
type Metrics struct {
	LogLoss  float64 // (recency-)weighted binary cross-entropy per item
	RMSEBins float64 // RMSE between mean predicted and actual recall over bins
}

// Evaluate measures weights w on items (from BuildItems, in time order) as
// fsrs-rs inference.rs evaluate does: every item gets the recency weight
// 0.25 + 0.75·(i/(n−1))³; the log loss is Σ weight·BCE / Σ weight; for
// RMSE (bins) the items are grouped by binned delta_t, binned review count
// and binned lapse count (srs-benchmark's rmse_matrix, fsrs-rs's
// r_matrix_index), and RMSE (bins) = sqrt(Σ_bins weight·(mean predicted −
// mean actual)² / Σ weight), with a bin's weight the sum of its items'.
func Evaluate(w Weights, items []Item) Metrics {
	var s scores
	s.add(items, newModel(&w).predictAll(items), true)
	return s.metrics()
}

// Splits is the number of time-series folds EvaluateSplits scores, as the
// srs-benchmark and fsrs-rs evaluate_with_time_series_splits use.
const Splits = 5

// EvaluateSplits measures how well fitting predicts the future, as fsrs-rs
// evaluate_with_time_series_splits does: the items (in time order) are cut
// into Splits+1 equal segments (the last takes the remainder); for fold i
// the model of the given kind is fitted (as Fit, without its minimum) to
// segments 0…i and scored on segment i+1, and log loss and RMSE (bins) are
// computed over all scored items together, each weighing 1. progress, if
// not nil, is called after each fold with how many are done.
func EvaluateSplits(ctx context.Context, items []Item, model Model, progress func(done, total int)) (Metrics, error) {
	seg := len(items) / (Splits + 1)
	if seg == 0 {
		return Metrics{}, fmt.Errorf("%w: %d items cannot be cut into %d time-series segments", ErrTooFewReviews, len(items), Splits+1)
	}
	var s scores
	for i := 0; i < Splits; i++ {
		lo, hi := (i+1)*seg, (i+2)*seg
		if i == Splits-1 {
			hi = len(items)
		}
		res, err := fit(ctx, items[:lo], model, nil)
		if err != nil {
			return Metrics{}, fmt.Errorf("time-series fold %d: %w", i+1, err)
		}
		test := items[lo:hi]
		s.add(test, newModel(&res.Weights).predictAll(test), false)
		if progress != nil {
			progress(i+1, Splits)
		}
	}
	return s.metrics(), nil
}

// scores accumulates predictions for log loss and RMSE (bins).
type scores struct {
	bins              map[[3]int]*bin
	lossSum, weighted float64
}

type bin struct{ pred, actual, count, weight float64 }

// add scores the predictions of items, with recency weights or all 1.
func (s *scores) add(items []Item, pred []float64, recency bool) {
	if s.bins == nil {
		s.bins = map[[3]int]*bin{}
	}
	for i, it := range items {
		p := pred[i]
		y := it.recalled()
		wt := 1.0
		if recency {
			wt = recencyWeight(i, len(items))
		}
		l, _ := bce(p, y)
		s.lossSum += wt * l
		s.weighted += wt
		k := binOf(it)
		b := s.bins[k]
		if b == nil {
			b = &bin{}
			s.bins[k] = b
		}
		b.pred += p
		if y {
			b.actual++
		}
		b.count++
		b.weight += wt
	}
}

func (s *scores) metrics() Metrics {
	if s.weighted == 0 {
		return Metrics{}
	}
	keys := make([][3]int, 0, len(s.bins))
	for k := range s.bins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [3]int) int { return slices.Compare(a[:], b[:]) })
	var sq, wsum float64
	for _, k := range keys { // in a fixed order, so that the sum is the same every time
		b := s.bins[k]
		d := b.pred/b.count - b.actual/b.count
		sq += d * d * b.weight
		wsum += b.weight
	}
	return Metrics{LogLoss: s.lossSum / s.weighted, RMSEBins: math.Sqrt(sq / wsum)}
}

// binOf is the RMSE bin of an item: delta_t binned as
// round(2.48·3.62^⌊log₃.₆₂ t⌋, 2) (kept as hundredths), the number of
// reviews a day or more apart plus one binned as round(1.99·1.89^⌊log₁.₈₉ n⌋),
// and the lapses before it (Again a day or more after the review before)
// binned as round(1.65·1.73^⌊log₁.₇₃ l⌋), or 0 with no lapse.
func binOf(it Item) [3]int {
	t := float64(it[len(it)-1].DeltaT)
	dtBin := math.Round(2.48 * math.Pow(3.62, math.Floor(math.Log(t)/math.Log(3.62))) * 100)
	n := float64(it.longTermCount() + 1)
	lenBin := math.Round(1.99 * math.Pow(1.89, math.Floor(math.Log(n)/math.Log(1.89))))
	lapses := 0
	for _, r := range it[:len(it)-1] {
		if r.Rating == 1 && r.DeltaT > 0 {
			lapses++
		}
	}
	lapseBin := 0.0
	if lapses > 0 {
		lapseBin = math.Round(1.65 * math.Pow(1.73, math.Floor(math.Log(float64(lapses))/math.Log(1.73))))
	}
	return [3]int{int(dtBin), int(lenBin), int(lapseBin)}
}
