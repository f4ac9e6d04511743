package optimizer

import (
	"math"
	"testing"
)

// Bins worked by hand from srs-benchmark's rmse_matrix.
func TestBinOf(t *testing.T) {
	tests := []struct {
		it   Item
		want [3]int
	}{
		// delta_t 12: ⌊log₃.₆₂ 12⌋ = 1 → 2.48·3.62 = 8.9776 → 898 hundredths;
		// two long-term reviews + 1 = 3: ⌊log₁.₈₉ 3⌋ = 1 → 3.7611 → 4;
		// one lapse (the Again 5 days on): ⌊log₁.₇₃ 1⌋ = 0 → 1.65 → 2.
		{item([2]int{3, 0}, [2]int{1, 5}, [2]int{3, 0}, [2]int{3, 12}), [3]int{898, 4, 2}},
		// delta_t 1 → 2.48 → 248; 1 + 1 = 2 → 1.89·1.99 → 4; the first
		// review's Again is not a lapse.
		{item([2]int{1, 0}, [2]int{3, 1}), [3]int{248, 4, 0}},
		// delta_t 100: ⌊log₃.₆₂ 100⌋ = 3 → 2.48·3.62³ = 117.65 → 11765;
		// 4 long-term reviews + 1 = 5: ⌊log₁.₈₉ 5⌋ = 2 → 1.99·1.89² = 7.108 → 7;
		// 3 lapses: ⌊log₁.₇₃ 3⌋ = 2 → 1.65·1.73² = 4.938 → 5.
		{item([2]int{3, 0}, [2]int{1, 2}, [2]int{1, 3}, [2]int{3, 0}, [2]int{1, 4}, [2]int{3, 100}), [3]int{11765, 7, 5}},
	}
	for _, tt := range tests {
		if got := binOf(tt.it); got != tt.want {
			t.Errorf("binOf(%v) = %v, want %v", tt.it, got, tt.want)
		}
	}
}

// With w2 = 3 and FSRS-5's decay, a first Good predicts R(3 days) =
// (1 + 19/81)^−0.5 = 0.9 exactly, and R(30 days) = (1 + 190/81)^−0.5.
func TestEvaluate(t *testing.T) {
	w := DefaultWeights()
	w[2], w[20] = 3, FSRS5Decay
	items := []Item{
		item([2]int{3, 0}, [2]int{3, 3}),  // recalled, weight 0.25
		item([2]int{3, 0}, [2]int{1, 3}),  // forgotten, weight 0.25 + 0.75/8
		item([2]int{3, 0}, [2]int{3, 30}), // recalled, weight 1
	}
	p30 := 1 / math.Sqrt(1+190.0/81)
	w0, w1, w2 := 0.25, 0.25+0.75/8, 1.0
	wantLoss := (w0*-math.Log(0.9) + w1*-math.Log(0.1) + w2*-math.Log(p30)) / (w0 + w1 + w2)
	// Bins: the two 3-day items share one (mean prediction 0.9, mean recall
	// 0.5, weight w0+w1); the 30-day item is alone (prediction p30, recall 1).
	wantRMSE := math.Sqrt(((0.9-0.5)*(0.9-0.5)*(w0+w1) + (p30-1)*(p30-1)*w2) / (w0 + w1 + w2))
	m := Evaluate(w, items)
	if math.Abs(m.LogLoss-wantLoss) > 1e-12 || math.Abs(m.RMSEBins-wantRMSE) > 1e-12 {
		t.Errorf("Evaluate = %+v, want log loss %v, RMSE %v", m, wantLoss, wantRMSE)
	}
}
