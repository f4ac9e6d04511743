package optimizer

import (
	"math"
	"sort"
)

// averageRecall is the share of items whose last review was not Again
// (fsrs-rs training.rs, calculate_average_recall).
func averageRecall(items []Item) float64 {
	if len(items) == 0 {
		return 0
	}
	n := 0
	for _, it := range items {
		if it.recalled() {
			n++
		}
	}
	return float64(n) / float64(len(items))
}

// prepareTrainingData follows fsrs-rs 6.5 dataset.rs
// prepare_training_data: it returns the items with exactly one long-term
// review that survive the outlier filter (they pre-train the initial
// stabilities) and every item that survives it, in time order (the order
// the recency weights follow).
func prepareTrainingData(items []Item) (pre, train []Item) {
	pre, removed := filterOutlier(singles(items))
	train = make([]Item, 0, len(items))
	for _, it := range items {
		if survives(it, removed) {
			train = append(train, it)
		}
	}
	return pre, train
}

// singles returns the items with exactly one long-term review.
func singles(items []Item) []Item {
	var out []Item
	for _, it := range items {
		if it.longTermCount() == 1 {
			out = append(out, it)
		}
	}
	return out
}

// survives reports whether an item's first rating and first long-term
// delta_t are not a pair filterOutlier removed.
func survives(it Item, removed [5]map[uint32]bool) bool {
	return !removed[it[0].Rating][it.firstLongTerm().DeltaT]
}

// filterOutlier follows fsrs-rs dataset.rs filter_outlier. Items with one
// long-term review are grouped by first rating and by the delta_t of that
// review. Within each first rating, the smallest groups (ties: the shorter
// delta_t first) are removed until at least max(20, total/20) items are
// gone; of the groups left, those with fewer than 6 items or a delta_t over
// 100 days (365 for a first Easy) are removed too. It returns the items of
// the kept groups, in that order, and the removed (first rating, delta_t)
// pairs: any item whose first rating and first long-term delta_t fall in
// one is dropped from training.
func filterOutlier(single []Item) ([]Item, [5]map[uint32]bool) {
	type group struct {
		dt    uint32
		items []Item
	}
	var byRating [5]map[uint32]*group
	for _, it := range single {
		r, dt := it[0].Rating, it[len(it)-1].DeltaT
		if byRating[r] == nil {
			byRating[r] = map[uint32]*group{}
		}
		gr := byRating[r][dt]
		if gr == nil {
			gr = &group{dt: dt}
			byRating[r][dt] = gr
		}
		gr.items = append(gr.items, it)
	}
	var removed [5]map[uint32]bool
	var kept []Item
	for r := 1; r <= 4; r++ {
		if byRating[r] == nil {
			continue
		}
		removed[r] = map[uint32]bool{}
		groups := make([]*group, 0, len(byRating[r]))
		total := 0
		for _, gr := range byRating[r] {
			groups = append(groups, gr)
			total += len(gr.items)
		}
		sort.Slice(groups, func(i, j int) bool {
			a, b := groups[i], groups[j]
			return len(a.items) < len(b.items) || (len(a.items) == len(b.items) && a.dt < b.dt)
		})
		maxDT := uint32(100)
		if r == 4 {
			maxDT = 365
		}
		gone := 0
		for _, gr := range groups {
			switch {
			case gone+len(gr.items) < max(20, total/20):
				gone += len(gr.items)
				removed[r][gr.dt] = true
			case len(gr.items) >= 6 && gr.dt <= maxDT:
				kept = append(kept, gr.items...)
			default:
				removed[r][gr.dt] = true
			}
		}
	}
	return kept, removed
}

// recencyWeight is the weight of the i-th of n items in time order:
// 0.25 + 0.75·(i/(n−1))³ (fsrs-rs dataset.rs recency_weighted_fsrs_items).
func recencyWeight(i, n int) float64 {
	if n < 2 {
		return 1
	}
	return 0.25 + 0.75*math.Pow(float64(i)/float64(n-1), 3)
}

// OutlierFiltered returns the items fsrs-rs's filter_outlier keeps, in the
// order Anki and fsrs-rs's npm binding hand them to fsrs-rs's evaluate and
// evaluate_with_time_series_splits: the kept items with one long-term
// review first (grouped by first rating and delta_t), then the other kept
// items in time order. loci measures on all items in time order; this is
// for comparing with figures measured that way.
func OutlierFiltered(items []Item) []Item {
	pre, removed := filterOutlier(singles(items))
	out := append(make([]Item, 0, len(items)), pre...)
	for _, it := range items {
		if it.longTermCount() != 1 && survives(it, removed) {
			out = append(out, it)
		}
	}
	return out
}
