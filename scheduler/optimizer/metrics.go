package optimizer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
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
// computed over all scored items together, each weighing 1. The folds are
// fitted side by side. progress, if not nil, is called as training goes
// with the epochs done of all.
func EvaluateSplits(ctx context.Context, items []Item, model Model, progress func(done, total int)) (Metrics, error) {
	_, m, err := fitJobs(ctx, items, model, false, progress)
	return m, err
}

// ErrSplits wraps the error of a time-series fold that could not be
// fitted (for example, no card in the oldest part of the log has a single
// review after its learning day, which pre-training needs).
var ErrSplits = errors.New("time-series splits")

// FitWithSplits is Fit and EvaluateSplits at once: the full fit and the
// folds' fits run side by side, each on one goroutine, which keeps all
// cores busy with less waiting than one fit at a time on all of them. When
// only a fold fails, the full fit is returned with an error wrapping
// ErrSplits.
func FitWithSplits(ctx context.Context, items []Item, model Model, progress func(done, total int)) (Result, Metrics, error) {
	if len(items) < MinItems {
		return Result{}, Metrics{}, fmt.Errorf("%w: %d reviews a day or more after the one before, need %d",
			ErrTooFewReviews, len(items), MinItems)
	}
	return fitJobs(ctx, items, model, true, progress)
}

// fitJobs fits the folds (and the whole set, when full) on a pool of
// GOMAXPROCS goroutines, and scores the folds. The whole set goes first,
// then the folds from the smallest: on two cores the full fit runs beside
// folds 1–3 and then fold 4 beside fold 5, which takes about as long as
// biggest-first and never holds the two biggest fits in memory at once.
func fitJobs(ctx context.Context, items []Item, model Model, full bool, progress func(done, total int)) (Result, Metrics, error) {
	seg := len(items) / (Splits + 1)
	if seg == 0 {
		return Result{}, Metrics{}, fmt.Errorf("%w: %d items cannot be cut into %d time-series segments",
			ErrTooFewReviews, len(items), Splits+1)
	}
	// Job k < Splits fits fold k on the first (k+1)·seg items; job Splits,
	// when full, fits all of them.
	n := Splits
	if full {
		n++
	}
	results := make([]Result, n)
	errs := make([]error, n)
	var mu sync.Mutex
	done, total := 0, n*epochs
	jobs := make(chan int, n)
	if full {
		jobs <- Splits
	}
	for k := 0; k < Splits; k++ {
		jobs <- k
	}
	close(jobs)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				train := items
				if k < Splits {
					train = items[:(k+1)*seg]
				}
				last := 0
				results[k], errs[k] = fit(ctx, train, model, 1, func(p Progress) {
					if progress == nil || p.Epoch == last || p.Step != p.Steps {
						return
					}
					last = p.Epoch
					mu.Lock()
					done++
					progress(min(done, total), total)
					mu.Unlock()
				})
			}
		}()
	}
	wg.Wait()
	var whole Result
	if full {
		if errs[Splits] != nil {
			return Result{}, Metrics{}, errs[Splits]
		}
		whole = results[Splits]
	}
	var s scores
	for k := 0; k < Splits; k++ {
		if errs[k] != nil {
			return whole, Metrics{}, fmt.Errorf("%w: fold %d: %w", ErrSplits, k+1, errs[k])
		}
		hi := (k + 2) * seg
		if k == Splits-1 {
			hi = len(items)
		}
		test := items[(k+1)*seg : hi]
		s.add(test, newModel(&results[k].Weights).predictAll(test), false)
	}
	if progress != nil {
		progress(total, total)
	}
	return whole, s.metrics(), nil
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
