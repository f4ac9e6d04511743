package anki

import "time"

// LegacySchedule is what Anki knew about a card's schedule outside the part
// of its review log that FSRS can replay. Read puts one in Stats.Legacy for
// a card when Anki itself would not rebuild the card's FSRS state by
// replaying its history from new:
//
//   - From "revlog": the history is incomplete (it holds no run of learning
//     steps, for example because older rows were deleted or the card was
//     rescheduled by hand). Anki (fsrs_item_for_memory_state in
//     rslib/src/scheduler/fsrs/memory_state.rs) turns the first replayable
//     review into a starting state with FSRS's memory_state_from_sm2(Factor /
//     1000, Ivl, desired retention) and replays the rest from there. That
//     review's ExtID is in Stats.NotReplayed, and LastReview is its time.
//   - From "card": the card has been studied (type not new, interval > 0)
//     but nothing in its history can be replayed. Anki (Card::set_memory_state)
//     takes the starting state from the card's own ease and interval the
//     same way; LastReview is estimated as the due date minus the interval.
//
// memory_state_from_sm2 (fsrs-rs src/inference.rs) sets, with decay -w[20]
// (0.5 for FSRS-5), stability = Ivl × (0.9^(1/decay) − 1) / (r^(1/decay) − 1)
// and difficulty = 11 − (Factor/1000 − 1) / (e^w[8] × stability^(−w[9]) ×
// (e^((1−r)×w[10]) − 1)), clamped to 1–10. A Factor of at most 1100 was
// written by Anki's own FSRS: then difficulty = (Factor/1000 − 0.1) × 9 + 1.
// A card in neither case and not in Legacy is replayed from new over its
// rated history entries that are not in Stats.NotReplayed; a card with no
// such entries stays new.
type LegacySchedule struct {
	From       string    // "revlog" or "card", see above
	Ivl        int       // interval in days, at least 1
	Factor     int       // ease in permille (2500 = 250%); 2500 when Anki had none
	LastReview time.Time // zero when it cannot be told
	// The card's own row in Anki's cards table.
	Type   int       // 0 new, 1 learning, 2 review, 3 relearning
	Queue  int       // -3/-2 buried, -1 suspended, 0 new, 1 learning, 2 review, 3 day-learning, 4 preview
	Due    int64     // as stored: a position, a day number or a Unix time in seconds
	DueAt  time.Time // Due as a time, zero for new cards
	Reps   int
	Lapses int
}

// revRow is one row of Anki's revlog table.
type revRow struct {
	id                              int64 // milliseconds since the Unix epoch
	ease, ivl, lastIvl, factor, typ int
	took                            int // milliseconds
}

// Revlog types (RevlogReviewKind in rslib/src/revlog/mod.rs).
const (
	revLearn       = 0
	revReview      = 1
	revRelearn     = 2
	revFiltered    = 3
	revManual      = 4
	revRescheduled = 5
)

// cramming: reviewed in a filtered deck that does not reschedule.
func (e revRow) cramming() bool { return e.typ == revFiltered && e.factor == 0 }

// rated: the row carries an answer (manual rows never do in loci's history).
func (e revRow) rated() bool { return e.ease > 0 && e.typ != revManual && e.typ != revRescheduled }

// reset: the card was forgotten (reset to new) by hand.
func (e revRow) reset() bool { return e.typ == revManual && e.factor == 0 }

// replay is Anki's reading of one card's review log for FSRS.
type replay struct {
	usable   bool   // false: nothing can be replayed
	start    int    // rows before start are cut off
	complete bool   // the replay starts at a run of learning steps
	why      string // why rows before start (or all rows, if !usable) are cut
}

// Reasons given in Stats.NotReplayed.
const (
	whyCramming  = "cramming in a filtered deck that does not reschedule"
	whyReset     = "before the card was last reset to new"
	whyRelearnt  = "before the card's last run of learning steps"
	whyNoStart   = "before the first review of a day or more that FSRS can start from"
	whyNoHistory = "no learning step and no review of a day or more to start from"
	whySeed      = "turned into the card's starting state (see Stats.Legacy)"
)

// fsrsReplay applies the rule of reviews_for_fsrs
// (rslib/src/scheduler/fsrs/params.rs) for computing a card's memory state,
// with no "ignore reviews before" date. Walking back from the newest row and
// passing over cramming rows: the start is the first of the last run of
// rated learning rows; a reset ends the walk (rows before it do not count);
// if no learning row comes after the last reset, the start is the first
// rated review with an interval of a day or more, and the history is
// incomplete; if nothing rated comes after the last reset, nothing counts.
// Of the rows from the start on, those with a rating and not cramming are
// replayed.
func fsrsReplay(rows []revRow) replay {
	firstLearn, firstGrade := -1, -1
	resetSeen := false
	for i := len(rows) - 1; i >= 0; i-- {
		e := rows[i]
		if e.cramming() {
			continue
		}
		graded := e.ease > 0
		if graded && (e.ivl >= 1 || e.ivl <= -86400) {
			firstGrade = i
		}
		if graded && e.typ == revLearn {
			firstLearn = i
		} else if e.reset() {
			resetSeen = true
			if firstLearn < 0 && firstGrade < 0 {
				return replay{why: whyReset}
			}
			break
		} else if firstLearn >= 0 {
			break
		}
	}
	out := replay{usable: true, start: firstLearn, complete: firstLearn >= 0}
	switch {
	case firstLearn >= 0 && resetSeen:
		out.why = whyReset
	case firstLearn >= 0:
		out.why = whyRelearnt
	case firstGrade >= 0:
		out.start, out.why = firstGrade, whyNoStart
		if resetSeen {
			out.why = whyReset
		}
	default:
		return replay{why: whyNoHistory}
	}
	return out
}

// dueAt turns a card's due into a time: Unix seconds for intraday learning,
// else a day number counted from the collection's creation (col.crt).
func dueAt(crt int64, typ int, due int64) time.Time {
	switch {
	case typ == 0:
		return time.Time{}
	case due >= 1_000_000_000:
		return time.Unix(due, 0).UTC()
	case due < -1_000_000 || crt < 0 || crt > 1<<40:
		return time.Time{}
	}
	return time.Unix(crt+due*86400, 0).UTC()
}
