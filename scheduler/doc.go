// Package scheduler decides what to study and when. go-fsrs v4 does the
// FSRS-6 maths; this package adds what a study tool needs around it: the
// learner's day (it starts at 04:00 local time by default, as in Anki), daily
// limits for new cards and reviews, the order of the queue (learning, then
// reviews, then new cards), learning and relearning steps, next-interval
// previews for the four ratings, interval fuzz, bury, suspend and undo; and
// custom study (Custom, Session: more new cards today, review ahead, a
// session over a search, cram).
//
// The maths (Scheduler) is free of I/O and is tested with plain values. The
// Study service drives a Store, a small interface defined here and satisfied
// by storage.DB; this package never imports storage, SQL or the UI.
//
// # FSRS-6 in one page
//
// A card's memory is two numbers: stability S, the days after which the
// probability of recall R has fallen to 90%, and difficulty D, from 1 to 10.
// The 21 weights w0…w20 (Settings.Weights) shape how answers move them;
// ratings G are Again 1, Hard 2, Good 3, Easy 4.
//
// The forgetting curve, t days after the last review, is
//
//	R(t, S) = (1 + f·t/S)^(−w20),   f = 0.9^(−1/w20) − 1,
//
// so R(S, S) = 0.9 whatever w20 is. w20 is the decay: FSRS-5 fixed it at
// 0.5 (f = 19/81); FSRS-6 fits it (0.1 to 0.8) because learners forget
// along curves of different shape: a smaller w20 forgets faster before S
// and slower after it (a flatter tail). The interval that aims at the
// desired retention r is the t where R = r:
//
//	I = S/f · (r^(−1/w20) − 1), rounded, at least 1 day, at most maximum_interval.
//
// A new card starts at S = w[G−1] (floored at 0.1) and D0(G) = w4 −
// e^(w5·(G−1)) + 1. Each later answer moves D by −w6·(G−3), damped by
// (10 − D)/9, then pulls it towards D0(4) by w7 (mean reversion). On a
// later day, stability grows after a recall as
//
//	S' = S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1−R)) − 1) · w15 (Hard) · w16 (Easy))
//
// and after a lapse falls to min(w11 · D^(−w12) · ((S+1)^w13 − 1) ·
// e^(w14·(1−R)), S / e^(w17·w18)). An answer on the same day as the last
// one (learning steps, mostly) uses the short-term rule
//
//	S' = S · e^(w17·(G − 3 + w18)) · S^(−w19),
//
// where Hard, Good and Easy never lower S. w19 is new in FSRS-6: it makes
// same-day reviews help a memory that is already stable less than a fresh
// one; FSRS-5 had no such term (w19 = 0). On the open srs-benchmark FSRS-6
// lowers log loss from 0.3273 (FSRS-5) to 0.3214.
//
// # FSRS-5 weights
//
// loci scheduled with FSRS-5 (go-fsrs v3.3.1, 19 weights) before. Weights
// saved then, 19 numbers in config.toml, are read with go-fsrs's
// ConvertV5Weights: w0…w18 as they were, w19 = 0 and w20 = 0.5, which is
// FSRS-5's curve and same-day rule exactly. TestFSRS5DatabaseKeepsIntervals
// checks it on a database made by that release: every interval of a day or
// more, stability and difficulty it previewed come out the same. What
// changes, by design: waits inside the day follow learning_steps and
// relearning_steps; a same-day Hard no longer lowers stability; a card
// answered again on the day of its last review uses the same-day rule (v3
// used the later-day one with R = 1); and a learning card answered on a
// later day goes on with its steps. go-fsrs v3 also clamped D0(4) to [1, 10]
// in mean reversion, which v4 and fsrs-rs do not; the FSRS-5 weights were
// fitted with the clamp, so the scheduler keeps it for them (fsrs5.go) until
// the learner re-optimizes.
//
// # go-fsrs v4 as used here
//
// New builds fsrs.FSRS itself instead of calling fsrs.NewFSRS, which clips
// w19 up to 0.01 when short-term scheduling is on and so would bend
// converted FSRS-5 weights; loci checks weights against WeightBounds itself.
// go-fsrs's own fuzz is off: loci's is a hash of the card and its
// repetitions, so a preview shows exactly what the answer gives. go-fsrs v4
// copies its parameters for every card it schedules (v3 wrote a fuzz seed
// into shared ones), so one Scheduler serves goroutines at once
// (TestConcurrentPreview, run with -race). Undo puts back the schedule
// stored with the answer in the log rather than calling fsrs.Rollback, which
// cannot restore the due time.
//
// # Days and go-fsrs
//
// go-fsrs counts elapsed days as UTC calendar days since the last review.
// loci counts learner days instead: a card reviewed at 23:00 and again at
// 09:00 the next morning has one elapsed day, as the learner would say. The
// scheduler hands go-fsrs a last-review time exactly that many days of 24
// hours before now, so that go-fsrs's count equals the learner-day count.
//
// # Steps
//
// Learning and relearning steps work as in Anki: Again goes back to the
// first step, Hard waits between the first two (1.5 times a single step),
// Good moves on a step and graduates after the last, Easy graduates at once.
// The steps a card has left are stored with it (deck.Schedule.Steps). A card
// learning before steps were stored reads 0 and is taken to be on its last
// step, so Good graduates it as it did then. With no steps, FSRS gives the
// first interval from the first answer.
package scheduler
