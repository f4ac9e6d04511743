// Package scheduler decides what to study and when. go-fsrs v3.3.1 does the
// FSRS-5 maths; this package adds what a study tool needs around it: the
// learner's day (it starts at 04:00 local time by default, as in Anki), daily
// limits for new cards and reviews, the order of the queue (learning, then
// reviews, then new cards), next-interval previews for the four ratings,
// interval fuzz, bury, suspend and undo; and custom study (Custom, Session:
// more new cards today, review ahead, a session over a search, cram).
//
// The maths (Scheduler) is free of I/O and is tested with plain values. The
// Study service drives a Store, a small interface defined here and satisfied
// by storage.DB; this package never imports storage, SQL or the UI.
//
// # Days and go-fsrs
//
// go-fsrs counts elapsed days as whole 24-hour blocks since the last review.
// loci counts learner days instead: a card reviewed at 23:00 and again at
// 09:00 the next morning has one elapsed day, as the learner would say. The
// scheduler hands go-fsrs a last-review time shifted so that its 24-hour
// count equals the learner-day count. go-fsrs also applies its same-day
// (short-term) formula to a learning card even when days have passed; loci
// treats a learning or relearning card answered on a later learner day as a
// review (the long-term formula, as the FSRS optimizer assumes), keeping the
// card in (re)learning if the answer is Again.
package scheduler
