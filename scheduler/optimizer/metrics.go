package optimizer

import "math"

// Metrics say how well a set of weights predicts a review log.
type Metrics struct {
	LogLoss  float64 // recency-weighted binary cross-entropy per item
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
	if len(items) == 0 {
		return Metrics{}
	}
	type bin struct{ pred, actual, count, weight float64 }
	bins := map[[3]int]*bin{}
	var lossSum, weightSum float64
	pred := newModel(&w).predictAll(items)
	for i, it := range items {
		p := pred[i]
		y := it.recalled()
		wt := recencyWeight(i, len(items))
		l, _ := bce(p, y)
		lossSum += wt * l
		weightSum += wt
		k := binOf(it)
		b := bins[k]
		if b == nil {
			b = &bin{}
			bins[k] = b
		}
		b.pred += p
		if y {
			b.actual++
		}
		b.count++
		b.weight += wt
	}
	var sq, wsum float64
	for _, b := range bins {
		d := b.pred/b.count - b.actual/b.count
		sq += d * d * b.weight
		wsum += b.weight
	}
	return Metrics{LogLoss: lossSum / weightSum, RMSEBins: math.Sqrt(sq / wsum)}
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
