// Package optimizer fits the 19 FSRS-5 weights that go-fsrs v3.3.1 uses to
// a learner's own review log, and measures how well a set of weights
// predicts that log. It belongs to the scheduler room: pure Go maths over
// plain values, with no I/O, no SQL, no clock and no terminal. The caller
// reads the review log (storage.DB.ReviewLog), hands it over with a function
// that counts learner days between two times (scheduler.Scheduler.DaysBetween),
// and decides what to do with the result.
//
// # What it does
//
//   - BuildItems turns a review log into training items as Anki does for
//     fsrs-rs: one item per review that comes at least one learner day after
//     the card's previous review, holding the card's whole history up to it,
//     same-day reviews included. Only a card's last run of learning steps and
//     what follows count; a card whose learning start is missing from the
//     log, or whose history since its last manual reset has no learning step,
//     is left out.
//   - Fit pre-trains the four initial stabilities (ternary search per first
//     rating, Laplace-smoothed recall, then smoothing across ratings), then
//     fits all 19 weights with Adam (learning rate 0.04, cosine annealing, 5
//     epochs, batches of 512 items of similar length, L2 pull towards the
//     starting weights, recency weights 0.25 + 0.75·(i/(n−1))³), clamping the
//     weights into Bounds after every step and keeping the best epoch.
//   - Evaluate computes log loss and RMSE (bins) exactly as fsrs-rs's
//     evaluate and the srs-benchmark do, with recency weights.
//   - Simulate is a simulated learner who recalls with the probability FSRS
//     predicts, for tests and benchmarks.
//
// Gradients are written out by hand: each step records its partial
// derivatives (step.go) and a reverse pass through the item's history sums
// them (grad.go); tests check them against finite differences and against
// fsrs-rs's autodiff figures. Evaluate and the loss of each epoch run a
// card's history forward once for all of its items. Fit is deterministic.
//
// A log without review kinds (a bare CSV review log) must mark each card's
// learning steps (its reviews on the first learner day) as deck.EntryLearn,
// or every card counts as one whose start is missing.
//
// # Minimum
//
// Fit needs at least MinItems (400) training items. That is the 400-review
// minimum Anki 24.04 asked for, counted after filtering (ankitects/anki#2999
// asked for exactly that): first reviews and same-day repeats are not items.
//
// # The model
//
// The model is go-fsrs v3.3.1's FSRS-5 (parameters.go, scheduler_basic.go):
// power forgetting curve with decay −0.5 and factor 19/81, initial stability
// max(w[r−1], 0.1), initial difficulty w4 − e^(w5·(r−1)) + 1 clamped to
// [1, 10], linear damping and mean reversion towards the (clamped) initial
// difficulty of Easy, the recall and forget stability formulas with the
// post-lapse cap S/e^(w17·w18), and the same-day formula S·e^(w17·(r−3+w18))
// for a review on the same learner day as the one before. Stability is kept
// in [0.01, 36500] as fsrs-rs does.
//
// # References
//
// Followed, at open-spaced-repetition/fsrs-rs commit 5578373c (the commit
// fsrs-rs-nodejs@0.9.0 is built from, FSRS-5): src/model.rs (the model),
// src/training.rs (compute_parameters, Adam, penalty, best epoch),
// src/dataset.rs (prepare_training_data, filter_outlier, recency weights,
// r_matrix_index), src/pre_training.rs (pretrain, smooth_and_fill),
// src/parameter_clipper.rs (bounds), src/cosine_annealing.rs,
// src/batch_shuffle.rs, src/inference.rs (evaluate). The revlog → item
// conversion follows ankitects/anki rslib/src/scheduler/fsrs/params.rs
// (reviews_for_fsrs, fsrs_items_for_training). The RMSE (bins) binning is
// open-spaced-repetition/srs-benchmark's rmse_matrix.
package optimizer
