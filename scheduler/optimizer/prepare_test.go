package optimizer

import (
	"math"
	"testing"
)

// repeat returns n copies of a two-review item: first rating r, then a
// review dt days later rated last.
func repeat(n, r, dt, last int) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = item([2]int{r, 0}, [2]int{last, dt})
	}
	return out
}

func cat(parts ...[]Item) []Item {
	var out []Item
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Worked by hand from fsrs-rs's filter_outlier: for first rating Good the
// groups by delta_t are 1 (30 items), 2 (10), 3 (5) and 200 (8); at least
// max(20, 53/20) = 20 items go, smallest groups first: 3 (5) and 200 (8 →
// 13 gone), then 2 (13+10 ≥ 20) is kept as it has 6+ items and delta_t ≤
// 100, and so is 1. For Again the only group (25 items at 1 day) is kept.
// For Easy the only group is at 400 days, beyond 365: removed.
func TestFilterOutlier(t *testing.T) {
	pre := cat(repeat(30, 3, 1, 3), repeat(10, 3, 2, 3), repeat(5, 3, 3, 1), repeat(8, 3, 200, 3),
		repeat(25, 1, 1, 3), repeat(30, 4, 400, 3))
	rest := []Item{
		item([2]int{3, 0}, [2]int{3, 3}, [2]int{3, 9}),   // Good, first long-term 3 days: removed group
		item([2]int{3, 0}, [2]int{3, 1}, [2]int{3, 9}),   // Good, 1 day: kept
		item([2]int{4, 0}, [2]int{3, 400}, [2]int{3, 9}), // Easy, 400 days: removed
		item([2]int{2, 0}, [2]int{3, 7}, [2]int{3, 9}),   // Hard: no pre-training group at all
	}
	kept, removed := filterOutlier(pre)
	want := cat(repeat(10, 3, 2, 3), repeat(30, 3, 1, 3), repeat(25, 1, 1, 3))
	if len(kept) != len(want) {
		t.Fatalf("kept %d pre-training items, want %d", len(kept), len(want))
	}
	// Ratings are visited in order (Again, then Good); within one, groups
	// go smallest first.
	want = cat(repeat(25, 1, 1, 3), repeat(10, 3, 2, 3), repeat(30, 3, 1, 3))
	for i := range want {
		if kept[i][0] != want[i][0] || kept[i][1] != want[i][1] {
			t.Fatalf("kept[%d] = %v, want %v", i, kept[i], want[i])
		}
	}
	if !removed[3][3] || !removed[3][200] || removed[3][1] || !removed[4][400] || removed[1][1] {
		t.Errorf("removed pairs = %v", removed)
	}
	// Training keeps every surviving item in the order given (time order):
	// the 40 kept Good ones, the 25 Again ones, and two of the others.
	preOut, train := prepareTrainingData(cat(pre, rest))
	if len(preOut) != 65 || len(train) != 67 {
		t.Fatalf("prepareTrainingData: %d pre-training, %d training items; want 65 and 67", len(preOut), len(train))
	}
	if train[0][1].DeltaT != 1 || train[40][0].Rating != 1 || train[65][1].DeltaT != 1 || train[66][0].Rating != 2 {
		t.Errorf("training items out of order: %v … %v", train[:2], train[64:])
	}
}

func TestRecencyWeight(t *testing.T) {
	for _, tc := range []struct {
		i, n int
		want float64
	}{{0, 5, 0.25}, {4, 5, 1}, {2, 5, 0.25 + 0.75/8}, {1, 4, 0.25 + 0.75/27}} {
		if got := recencyWeight(tc.i, tc.n); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("recencyWeight(%d, %d) = %v, want %v", tc.i, tc.n, got, tc.want)
		}
	}
}

func TestAverageRecall(t *testing.T) {
	items := cat(repeat(3, 3, 1, 3), repeat(1, 3, 1, 1))
	if got := averageRecall(items); got != 0.75 {
		t.Errorf("averageRecall = %v, want 0.75", got)
	}
}
