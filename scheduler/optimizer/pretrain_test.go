package optimizer

import (
	"errors"
	"math"
	"testing"
)

// fsrs-rs 6.5 parameter_initialization.rs test_search_parameters: recall
// by delta_t for a first Again, average recall 0.94302857, optimum
// 0.7355089.
func TestSearchStabilityMatchesFSRSRS(t *testing.T) {
	raw := []recallPoint{
		{1, 0.86666667, 435}, {2, 0.90721649, 97}, {3, 0.73015873, 63}, {4, 0.76315789, 38}, {5, 0.67857143, 28},
	}
	const avg = 0.94302857
	for i := range raw {
		raw[i].recall = (raw[i].recall*raw[i].count + avg) / (raw[i].count + 1)
	}
	if got := searchStability(raw, DefaultWeights()[0]); math.Abs(got-0.7355089) > 1e-5 {
		t.Errorf("searchStability = %v, want 0.7355089", got)
	}
}

// fsrs-rs 6.5 parameter_initialization.rs test_loss: the loss at two
// stabilities.
func TestPretrainLossMatchesFSRSRS(t *testing.T) {
	pts := []recallPoint{
		{1, 0.86666667, 435}, {2, 0.90721649, 97}, {3, 0.73015873, 63}, {4, 0.76315789, 38}, {5, 0.67857143, 28},
	}
	for _, tc := range []struct{ s, want float64 }{{0.7840586, 279.9206961069712}, {0.7840590622451964, 279.9206977311556}} {
		if got := pretrainLoss(pts, tc.s, DefaultWeights()[0]); math.Abs(got-tc.want) > 1e-7 { // fsrs-rs takes w0 and w20 as f32
			t.Errorf("pretrainLoss(%v) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestSmoothAndFill(t *testing.T) {
	all := [5]int{0, 1, 1, 1, 1}
	tests := []struct {
		name   string
		s      [5]float64
		has    [5]bool
		counts [5]int
		want   [4]float64
	}{
		// fsrs-rs test_smooth_and_fill, first case: Hard filled in as
		// S1^0.41 · S3^0.59.
		{"Hard missing", [5]float64{0, 0.4, 0, 2.3, 10.9}, [5]bool{false, true, false, true, true}, all,
			[4]float64{0.4, 1.1227008, 2.3, 10.9}},
		// fsrs-rs second case: only Hard, the defaults scaled by 0.35/1.2931
		// (fsrs-rs has 0.05738148 for Again; loci floors it at 0.1).
		{"only Hard", [5]float64{0, 0, 0.35, 0, 0}, [5]bool{false, false, true, false, false}, [5]int{0, 0, 1, 0, 0},
			[4]float64{0.1, 0.35, 0.6242943, 2.2453482}},
		// Again above Hard: the rating with more items (Again, 10 > 5) wins.
		{"out of order", [5]float64{0, 3, 2, 4, 9}, [5]bool{false, true, true, true, true}, [5]int{0, 10, 5, 8, 3},
			[4]float64{3, 3, 4, 9}},
		// A rating with a stability but no items is refilled; the floor is 0.1.
		{"no items for Easy", [5]float64{0, 0.01, 1, 2, 50}, [5]bool{false, true, true, true, true}, [5]int{0, 4, 4, 4, 0},
			[4]float64{0.1, 1, 2, math.Pow(1, 1-1/0.54) * math.Pow(2, 1/0.54)}},
	}
	for _, tt := range tests {
		got, err := smoothAndFill(tt.s, tt.has, tt.counts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-5*math.Max(1, tt.want[i]) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
	if _, err := smoothAndFill([5]float64{}, [5]bool{}, [5]int{}); !errors.Is(err, errNoFirstRatings) {
		t.Errorf("no ratings: err = %v", err)
	}
}

// With every first Good recalled after 5 days (smoothed towards the average
// recall of 0.9), the forgetting curve must put R(5) near that recall.
func TestPretrainFitsRecall(t *testing.T) {
	pre := cat(repeat(90, 3, 5, 3), repeat(10, 3, 5, 1))
	s, counts, err := pretrain(pre, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if counts[3] != 100 {
		t.Errorf("count for Good = %d, want 100", counts[3])
	}
	// R(5, S) = 0.9 exactly when S = 5 days. The L1 pull towards 2.3065
	// (slope 1/16) against the curvature of 100 items' log loss at S = 5
	// (100·(∂R/∂S)²/(R(1−R)), ∂R/∂S ≈ 0.0123 with the default decay, so
	// about 0.23) moves the optimum down by about 0.27.
	if math.Abs(s[2]-4.73) > 0.05 {
		t.Errorf("initial stability for Good = %v, want about 4.73", s[2])
	}
	if !(s[0] <= s[1] && s[1] <= s[2] && s[2] <= s[3]) {
		t.Errorf("stabilities not increasing: %v", s)
	}
}
