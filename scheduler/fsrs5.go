package scheduler

import (
	"math"

	"loci/deck"
)

// fsrs5Weights reports weights converted from FSRS-5: w19 = 0 and w20 = 0.5.
// An FSRS-6 fit never gives them (it keeps w19 >= 0.01 when it fits
// same-day reviews, as loci does).
func fsrs5Weights(w Weights) bool { return w[19] == 0 && w[20] == 0.5 }

// fsrs5Difficulty is the difficulty after rating r of a card with
// difficulty d as go-fsrs v3.3.1 computed it, which FSRS-5 weights saved by
// loci were fitted against: its mean reversion pulls towards Easy's initial
// difficulty D0(4) = w4 − e^(3·w5) + 1 clamped to [1, 10]. go-fsrs v4 and
// fsrs-rs use D0(4) unclamped, which moves difficulty by w7·(1 − D0(4))
// when D0(4) < 1 (common in fits: the FSRS-6 defaults have D0(4) ≈ −4.8).
// Keeping the clamp for FSRS-5 weights keeps every card's schedule as it
// was until the learner re-optimizes.
func fsrs5Difficulty(w Weights, d float64, r deck.Rating) float64 {
	d0 := min(max(w[4]-math.Exp(3*w[5])+1, 1), 10)
	next := d + (10-d)*(-w[6]*float64(r-3))/9
	return min(max(w[7]*d0+(1-w[7])*next, 1), 10)
}
