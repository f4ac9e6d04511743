package cli

import (
	"fmt"

	"loci/scheduler/optimizer"
)

// The scheduler's settings hold FSRS-5 weights (19 numbers, go-fsrs v3)
// or FSRS-6 weights (21, go-fsrs v4), depending on the go-fsrs loci is
// built with. schedulerModel adapts the optimizer, which fits both, to the
// scheduler: the model to fit, the weights in force as FSRS-6 weights, and
// the numbers to store for fitted weights.
func schedulerModel(inForce any) (optimizer.Model, optimizer.Weights, func(optimizer.Weights) []float64) {
	switch w := inForce.(type) {
	case [19]float64:
		return optimizer.FSRS5, optimizer.FromFSRS5(w), func(f optimizer.Weights) []float64 { return f[:19] }
	case [21]float64:
		return optimizer.FSRS6, w, func(f optimizer.Weights) []float64 { return f[:] }
	}
	panic(fmt.Sprintf("scheduler weights of type %T", inForce))
}
