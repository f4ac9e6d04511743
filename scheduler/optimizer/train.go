package optimizer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// MinItems is the fewest training items Fit accepts (see the package doc).
const MinItems = 400

// ErrTooFewReviews is returned by Fit for fewer than MinItems items.
var ErrTooFewReviews = errors.New("too few reviews to fit FSRS weights")

// Training settings of fsrs-rs training.rs (TrainingConfig, AdamConfig).
const (
	epochs       = 5
	batchSize    = 512
	learningRate = 0.04
	maxSeqLen    = 64  // longer items are left out of training
	gamma        = 1.0 // strength of the L2 pull towards the start
	adamBeta1    = 0.9 // burn's AdamConfig defaults,
	adamBeta2    = 0.999
	adamEps      = 1e-8 // with fsrs-rs's epsilon
	shuffleSeed  = 2023 // fsrs-rs's seed; loci's shuffle is its own PCG
	gradChunks   = 4    // a batch's gradient is summed in this many parts
)

// paramsStddev scales the L2 pull of each weight (fsrs-rs PARAMS_STDDEV).
var paramsStddev = Weights{
	6.61, 9.52, 17.69, 27.74, 0.55, 0.28, 0.67, 0.12, 0.4, 0.18, 0.34, 0.27, 0.08, 0.14, 0.57,
	0.25, 1.03, 0.27, 0.39,
}

// Progress reports where training is: Step of Steps batches in Epoch of
// Epochs (both 1-based), Done of Total batches overall.
type Progress struct {
	Epoch, Epochs int
	Step, Steps   int
	Done, Total   int
}

// Result is what Fit found.
type Result struct {
	Weights Weights
	Trained int    // items Adam trained on
	Stage   string // "full", or "initial stabilities only" with too few items for Adam
}

// Fit fits the FSRS-5 weights to the items (from BuildItems, in time
// order), as fsrs-rs training.rs compute_parameters does with short-term
// training on: pre-training of the initial stabilities, outlier filter, then
// Adam from the pre-trained point. progress, if not nil, is called after
// every batch. ctx cancels between batches.
func Fit(ctx context.Context, items []Item, progress func(Progress)) (Result, error) {
	if len(items) < MinItems {
		return Result{}, fmt.Errorf("%w: %d reviews a day or more after the one before, need %d", ErrTooFewReviews, len(items), MinItems)
	}
	avg := averageRecall(items)
	pre, train := prepareTrainingData(items)
	initS, counts, err := pretrain(pre, avg)
	if err != nil {
		return Result{}, fmt.Errorf("pre-train initial stabilities: %w", err)
	}
	start := DefaultWeights()
	copy(start[:4], initS[:])
	res := Result{Weights: start, Stage: "initial stabilities only"}
	if len(train) == len(pre) || len(train) < 64 {
		return res, nil
	}
	var set []weighted
	for i, it := range train {
		if len(it) <= maxSeqLen {
			set = append(set, weighted{it, recencyWeight(i, len(train))})
		}
	}
	w, err := adam(ctx, set, start, progress)
	if err != nil {
		return Result{}, err
	}
	// fsrs-rs smooths the trained initial stabilities as it did the
	// pre-trained ones.
	var s [5]float64
	var has [5]bool
	for r := 1; r <= 4; r++ {
		s[r], has[r] = w[r-1], true
	}
	if initS, err = smoothAndFill(s, has, counts); err != nil {
		return Result{}, err
	}
	copy(w[:4], initS[:])
	res.Weights, res.Trained, res.Stage = Clip(w), len(set), "full"
	return res, nil
}

type weighted struct {
	item   Item
	weight float64
}

// adam runs the training loop of fsrs-rs training.rs train(): items sorted
// by length (stably) and cut into batches, the batch order shuffled each
// epoch, one Adam step per batch on the summed weighted BCE plus the L2 pull
// scaled by batch size / total, the weights clipped after each step, and
// the epoch with the lowest loss over the whole set kept.
func adam(ctx context.Context, set []weighted, start Weights, progress func(Progress)) (Weights, error) {
	slices.SortStableFunc(set, func(a, b weighted) int { return len(a.item) - len(b.item) })
	var batches [][]weighted
	for i := 0; i < len(set); i += batchSize {
		batches = append(batches, set[i:min(i+batchSize, len(set))])
	}
	total := len(set)
	items := make([]Item, len(set))
	for i, x := range set {
		items[i] = x.item
	}
	iterations := float64((total/batchSize + 1) * epochs) // cosine annealing period
	rng := rand.New(rand.NewPCG(shuffleSeed, shuffleSeed))
	w, best := start, start
	bestLoss := math.Inf(1)
	var opt adamState
	k := 0
	pool := newGradPool()
	for epoch := 1; epoch <= epochs; epoch++ {
		order := rng.Perm(len(batches))
		for step, bi := range order {
			if err := ctx.Err(); err != nil {
				return Weights{}, err
			}
			b := batches[bi]
			_, g := pool.lossGrad(&w, b)
			scale := 2 * gamma * float64(len(b)) / float64(total)
			for i := range g {
				g[i] += scale * (w[i] - start[i]) / (paramsStddev[i] * paramsStddev[i])
			}
			opt.step(&w, &g, learningRate*(1+math.Cos(math.Pi*float64(k)/iterations))/2)
			k++
			if progress != nil {
				progress(Progress{Epoch: epoch, Epochs: epochs, Step: step + 1, Steps: len(batches),
					Done: (epoch-1)*len(batches) + step + 1, Total: epochs * len(batches)})
			}
		}
		loss := pool.loss(&w, set, items) + gamma*penalty(&w, &start)
		if loss /= float64(total); loss < bestLoss {
			bestLoss, best = loss, w
		}
	}
	return best, nil
}

// adamState is Adam with bias correction (burn's AdaptiveMomentum), the
// weights clipped into Bounds after each step.
type adamState struct {
	m1, m2 Weights
	t      int
}

func (a *adamState) step(w, g *Weights, lr float64) {
	a.t++
	c1 := 1 - math.Pow(adamBeta1, float64(a.t))
	c2 := 1 - math.Pow(adamBeta2, float64(a.t))
	for i := range w {
		a.m1[i] = adamBeta1*a.m1[i] + (1-adamBeta1)*g[i]
		a.m2[i] = adamBeta2*a.m2[i] + (1-adamBeta2)*g[i]*g[i]
		w[i] -= lr * (a.m1[i] / c1) / (math.Sqrt(a.m2[i]/c2) + adamEps)
	}
	*w = Clip(*w)
}

// penalty is Σ ((w − start)/stddev)².
func penalty(w, start *Weights) float64 {
	p := 0.0
	for i := range w {
		d := (w[i] - start[i]) / paramsStddev[i]
		p += d * d
	}
	return p
}

// gradPool sums loss and gradient over a batch in gradChunks fixed parts,
// on up to GOMAXPROCS goroutines; the fixed split keeps the result the same
// on any machine.
type gradPool struct {
	bufs [gradChunks][]jac
}

func newGradPool() *gradPool { return &gradPool{} }

func (p *gradPool) lossGrad(w *Weights, b []weighted) (float64, Weights) {
	var losses [gradChunks]float64
	var grads [gradChunks]Weights
	m := newModel(w)
	p.each(len(b), func(c, lo, hi int) {
		for _, x := range b[lo:hi] {
			var l float64
			l, p.bufs[c] = m.lossGrad(x.item, x.weight, &grads[c], p.bufs[c])
			losses[c] += l
		}
	})
	var loss float64
	var g Weights
	for c := range grads {
		loss += losses[c]
		for i := range g {
			g[i] += grads[c][i]
		}
	}
	return loss, g
}

// loss is the summed weighted BCE over the set (whose items are items).
func (p *gradPool) loss(w *Weights, set []weighted, items []Item) float64 {
	pred := newModel(w).predictAll(items)
	sum := 0.0
	for i, x := range set {
		l, _ := bce(pred[i], x.item.recalled())
		sum += x.weight * l
	}
	return sum
}

// each calls fn for gradChunks contiguous parts of [0, n).
func (p *gradPool) each(n int, fn func(c, lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), gradChunks)
	if n < 64 || workers == 1 {
		for c := 0; c < gradChunks; c++ {
			fn(c, c*n/gradChunks, (c+1)*n/gradChunks)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, gradChunks)
	for c := 0; c < gradChunks; c++ {
		next <- c
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				fn(c, c*n/gradChunks, (c+1)*n/gradChunks)
			}
		}()
	}
	wg.Wait()
}
