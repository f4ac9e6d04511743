// Package optimizer fits the 21 FSRS-6 weights that go-fsrs v4 schedules
// with to a learner's own review log, measures how well a set of weights
// predicts that log (in-sample and on the future, by time-series splits),
// and simulates a learner's collection to choose a desired retention. It
// belongs to the scheduler room: pure Go maths over plain values, with no
// I/O, no SQL, no clock and no terminal. The caller reads the review log
// (storage.DB.EachCardLog streams it card by card), hands each card to a
// Builder (and a HabitCounter) with a function that counts learner days
// (scheduler.Scheduler.DaysBetween), and decides what to do with the
// result.
//
// # What it does
//
//   - Builder (BuildItems for a whole log) turns a review log into training
//     items as Anki does for fsrs-rs: one item per review that comes at
//     least one learner day after the card's previous review, holding the
//     card's whole history up to it, same-day reviews included. Only a
//     card's last run of learning steps and what follows count; a card
//     whose learning start is missing from the log, or whose history since
//     its last manual reset has no learning step, is left out. It keeps 8
//     bytes a review and 24 an item, not the log.
//   - Fit follows fsrs-rs 6.5's compute_parameters with short-term training
//     and one relearning step: the outlier filter (filter_outlier), the
//     pre-training of the four initial stabilities (ternary search per first
//     rating on the default decay's curve, Laplace-smoothed recall, then
//     smoothing across ratings), then Adam on the recency-weighted binary
//     cross-entropy (learning rate 0.04, cosine annealing, 5 epochs, batches
//     of about 512 items, an L2 pull towards the starting weights scaled by
//     fsrs-rs's PARAMS_STDDEV, recency weights 0.25 + 0.75·(i/(n−1))³, items
//     longer than 256 reviews left out), clipping into Bounds after every
//     step, keeping the best epoch, and smoothing the trained initial
//     stabilities again. FitModel(FSRS5) keeps w19 = 0 and w20 = 0.5 for
//     comparison.
//   - Evaluate computes log loss and RMSE (bins) as fsrs-rs's evaluate and
//     the srs-benchmark do, with recency weights; EvaluateSplits fits on
//     the past and scores the future (5 folds, as
//     evaluate_with_time_series_splits); FitWithSplits runs the full fit and
//     the fold fits side by side.
//   - OutlierFiltered gives the items in the order Anki and fsrs-rs's npm
//     binding pass them to evaluate (pre-training items first, outliers
//     dropped), for comparing with figures measured that way.
//   - SimulateRetention simulates a collection for a year at desired
//     retentions 0.70–0.97 with the learner's own answer times and ratings
//     (Habits, from HabitCounter) and new cards at the daily limit;
//     Recommend picks the level with the least time per remembered card,
//     the target of Anki's desired-retention helper (fsrs-rs CMRR).
//   - Simulate is a simulated learner who recalls with the probability FSRS
//     predicts, for tests and benchmarks; ExampleLearner are hand-chosen
//     FSRS-6 weights with a decay of 0.75.
//
// Gradients are written out by hand: each step records its partial
// derivatives (step.go) and a reverse pass through a card's history sums
// them (grad.go), one forward and one backward pass per card for all of its
// items; tests check them against finite differences and against fsrs-rs's
// own figures. Fit is deterministic: the same items give the same weights
// on any machine.
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
// The fold fits of EvaluateSplits follow fsrs-rs instead: under 8 items
// left after the filter give the default weights, under 64 the pre-trained
// initial stabilities only.
//
// # The model
//
// FSRS-6 as go-fsrs v4 computes it (arithmetic.go, parameters.go), which is
// fsrs-rs 6.5's model.rs: forgetting curve R = (1 + f·t/S)^(−w20) with
// f = 0.9^(−1/w20) − 1, so that R = 0.9 at t = S; initial stability
// max(w[r−1], 0.1) (go-fsrs's floor; fsrs-rs has none); initial difficulty
// w4 − e^(w5·(r−1)) + 1 clamped to [1, 10]; linear damping and mean
// reversion towards the unclamped initial difficulty of Easy; stability
// after a success S·(1 + e^w8·(11−D)·S^−w9·(e^((1−R)·w10)−1)·hard·easy);
// after a lapse min(w11·D^−w12·((S+1)^w13−1)·e^((1−R)·w14), S/e^(w17·w18));
// on the same learner day S·e^(w17·(r−3+w18))·S^−w19, never below S for
// Hard, Good or Easy. Stability is kept in [0.001, 36500]. FSRS-5 is the
// same with w19 = 0 and w20 = 0.5.
//
// # References
//
// Followed, at open-spaced-repetition/fsrs-rs 6.5.0 (commit 999b8b0, the
// crate @open-spaced-repetition/binding@0.5.0 is built from): src/model.rs,
// src/analytic.rs (the hand-written gradients, clamp semantics),
// src/training.rs (compute_parameters, HostAdam, the L2 pull, best epoch,
// windowed batches), src/dataset.rs (prepare_training_data, filter_outlier,
// recency weights, r_matrix_index), src/parameter_initialization.rs
// (pre-training, smooth_and_fill), src/parameter_clipper.rs (bounds),
// src/inference.rs (evaluate, TimeSeriesSplit,
// evaluate_with_time_series_splits), src/simulation.rs (the simulator's
// defaults and the CMRR target). The revlog → item conversion follows
// ankitects/anki rslib/src/scheduler/fsrs/params.rs. The RMSE (bins)
// binning is open-spaced-repetition/srs-benchmark's rmse_matrix.
package optimizer
