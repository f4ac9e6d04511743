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

// Training settings of fsrs-rs 6.5 training.rs (TrainingConfig::default,
// HostAdam).
const (
	epochs       = 5
	batchSize    = 512
	learningRate = 0.04
	maxSeqLen    = 256 // longer items are left out of training
	gamma        = 1.0 // strength of the L2 pull towards the start
	adamBeta1    = 0.9
	adamBeta2    = 0.999
	adamEps      = 1e-8
	shuffleSeed  = 2023 // fsrs-rs's seed; loci's shuffle is its own PCG
	gradChunks   = 4    // a batch's gradient is summed in this many parts
)

// paramsStddev scales the L2 pull of each weight (fsrs-rs PARAMS_STDDEV).
var paramsStddev = Weights{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
	1.03, 0.31, 0.32, 0.14, 0.27,
}

// Model chooses what Fit fits.
type Model int

const (
	// FSRS6 fits all 21 weights.
	FSRS6 Model = iota
	// FSRS5 keeps w19 = 0 and w20 = 0.5 (FSRS-5's forgetting curve and
	// same-day formula) and fits the other 19, for comparison.
	FSRS5
)

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
	Stage   string // "full"; "initial stabilities only" or "default" with too few items for Adam
}

// Fit fits the FSRS-6 weights to the items (from BuildItems, in time
// order), as fsrs-rs 6.5 training.rs compute_parameters does with
// short-term training on and one relearning step: outlier filter,
// pre-training of the initial stabilities, then Adam from the pre-trained
// point. It refuses fewer than MinItems items. progress, if not nil, is
// called after every batch. ctx cancels between batches.
func Fit(ctx context.Context, items []Item, progress func(Progress)) (Result, error) {
	return FitModel(ctx, items, FSRS6, progress)
}

// FitModel is Fit for the given model.
func FitModel(ctx context.Context, items []Item, model Model, progress func(Progress)) (Result, error) {
	if len(items) < MinItems {
		return Result{}, fmt.Errorf("%w: %d reviews a day or more after the one before, need %d", ErrTooFewReviews, len(items), MinItems)
	}
	return fit(ctx, items, model, runtime.GOMAXPROCS(0), progress)
}

// fit is compute_parameters without loci's minimum: fewer than 8 items
// after the outlier filter give the default weights, fewer than 64 (or
// none with more than one long-term review) the pre-trained initial
// stabilities.
//
// The gradient of a batch is summed on up to workers goroutines.
func fit(ctx context.Context, items []Item, model Model, workers int, progress func(Progress)) (Result, error) {
	start := DefaultWeights()
	if model == FSRS5 {
		start[19], start[20] = 0, FSRS5Decay
	}
	pre, removed := filterOutlier(singles(items))
	var n, recalled int // items left for training, and how many of them were recalled
	for _, it := range items {
		if survives(it, removed) {
			n++
			if it.recalled() {
				recalled++
			}
		}
	}
	if n < 8 {
		return Result{Weights: start, Stage: "default"}, nil
	}
	initS, counts, err := pretrain(pre, float64(recalled)/float64(n))
	if err != nil {
		return Result{}, fmt.Errorf("pre-train initial stabilities: %w", err)
	}
	copy(start[:4], initS[:])
	res := Result{Weights: start, Stage: "initial stabilities only"}
	if n == len(pre) || n < 64 {
		return res, nil
	}
	// The training set is every surviving item, in time order, with its
	// recency weight; items longer than maxSeqLen are then left out. They
	// go straight into card groups, without a copy of the set.
	var g cardGrouper
	i := 0
	for _, it := range items {
		if !survives(it, removed) {
			continue
		}
		if len(it) <= maxSeqLen {
			g.add(it, int32(g.items), float32(recencyWeight(i, n)))
		}
		i++
	}
	res.Trained = g.items
	w, err := adam(ctx, g.cards, g.items, start, model, workers, progress)
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
	res.Weights, res.Stage = clipModel(w, model), "full"
	return res, nil
}

// clipModel is Clip, with FSRS-5's fixed w19 and w20 for that model.
func clipModel(w Weights, model Model) Weights {
	w = Clip(w)
	if model == FSRS5 {
		w[19], w[20] = 0, FSRS5Decay
	}
	return w
}

// batch is a run of cards whose items Adam takes one step on.
type batch struct {
	cards []cardItems
	items int
}

// batches sorts the cards (stably) by the length of their longest item and
// cuts them into batches of about batchSize items, as fsrs-rs training.rs
// build_windowed_batches does.
func batches(cards []cardItems) []batch {
	slices.SortStableFunc(cards, func(a, b cardItems) int {
		return int(a.targets[len(a.targets)-1].k) - int(b.targets[len(b.targets)-1].k)
	})
	var out []batch
	cur := batch{}
	for i, c := range cards {
		if cur.items > 0 && cur.items+len(c.targets) > batchSize {
			out = append(out, cur)
			cur = batch{}
		}
		if cur.items == 0 {
			cur.cards = cards[i:i:len(cards)]
		}
		cur.cards = cur.cards[:len(cur.cards)+1]
		cur.items += len(c.targets)
	}
	if cur.items > 0 {
		out = append(out, cur)
	}
	return out
}

// adam runs the training loop of fsrs-rs training.rs train() on the cards'
// total items: the batch
// order shuffled each epoch, one Adam step per batch on the summed weighted
// BCE plus the L2 pull scaled by batch size / total, the weights clipped
// after each step. Like fsrs-rs since 6.6 (#424, "skip validation during
// parameter training") it returns the last epoch's weights rather than
// scoring every epoch on the whole set to keep the best (6.5 did that: a
// forward pass over all items per epoch, a third of the work, for a log
// loss within 0.0001 on loci's test logs).
func adam(ctx context.Context, cards []cardItems, total int, start Weights, model Model, workers int,
	progress func(Progress)) (Weights, error) {
	bs := batches(cards)
	iterations := float64((total/batchSize + 1) * epochs) // cosine annealing period
	rng := rand.New(rand.NewPCG(shuffleSeed, shuffleSeed))
	w := start
	var opt adamState
	k := 0
	pool := &gradPool{workers: workers}
	for epoch := 1; epoch <= epochs; epoch++ {
		order := rng.Perm(len(bs))
		for step, bi := range order {
			if err := ctx.Err(); err != nil {
				return Weights{}, err
			}
			b := &bs[bi]
			_, g := pool.lossGrad(&w, b.cards)
			scale := 2 * gamma * float64(b.items) / float64(total)
			for i := range g {
				g[i] += scale * (w[i] - start[i]) / (paramsStddev[i] * paramsStddev[i])
			}
			if model == FSRS5 {
				g[19], g[20] = 0, 0
			}
			opt.step(&w, &g, learningRate*(1+math.Cos(math.Pi*float64(k)/iterations))/2)
			w = clipModel(w, model)
			k++
			if progress != nil {
				progress(Progress{Epoch: epoch, Epochs: epochs, Step: step + 1, Steps: len(bs),
					Done: (epoch-1)*len(bs) + step + 1, Total: epochs * len(bs)})
			}
		}
	}
	return w, nil
}

// adamState is Adam with bias correction (fsrs-rs HostAdam).
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
}

// gradPool sums loss and gradient over a batch's cards in gradChunks
// fixed parts, on up to workers goroutines; the fixed split keeps the
// result the same on any machine.
type gradPool struct {
	workers int
	scratch [gradChunks]scratch
}

func (p *gradPool) lossGrad(w *Weights, cards []cardItems) (float64, Weights) {
	var losses [gradChunks]float64
	var grads [gradChunks]Weights
	m := newModel(w)
	each(len(cards), p.workers, func(c, lo, hi int) {
		for i := range cards[lo:hi] {
			losses[c] += m.cardLossGrad(&cards[lo+i], &grads[c], &p.scratch[c])
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

// each calls fn for gradChunks contiguous parts of [0, n), on up to
// workers goroutines when there is enough work.
func each(n, workers int, fn func(c, lo, hi int)) {
	workers = min(workers, gradChunks)
	if n < 16 || workers <= 1 {
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
