package anki

import (
	"testing"
	"time"
)

// Cases worked through by hand from reviews_for_fsrs in ankitects/anki
// rslib/src/scheduler/fsrs/params.rs (not training, no ignore date).
func TestFSRSReplay(t *testing.T) {
	learn := func(ease, ivl int) revRow { return revRow{ease: ease, ivl: ivl, factor: 2500, typ: revLearn} }
	review := func(ease, ivl int) revRow { return revRow{ease: ease, ivl: ivl, factor: 2500, typ: revReview} }
	relearn := func(ease, ivl int) revRow { return revRow{ease: ease, ivl: ivl, factor: 2500, typ: revRelearn} }
	reset := revRow{typ: revManual, factor: 0}
	setDue := revRow{typ: revManual, ivl: 7, factor: 2500}
	cram := revRow{ease: 3, typ: revFiltered, factor: 0}
	for _, tc := range []struct {
		name string
		rows []revRow
		want replay
	}{
		{"empty", nil, replay{why: whyNoHistory}},
		{"learn then review", []revRow{learn(3, -600), learn(3, 1), review(3, 3)},
			replay{usable: true, start: 0, complete: true, why: whyRelearnt}},
		{"second run of learning steps wins", []revRow{learn(3, 1), review(3, 3), learn(1, -60), learn(3, 1), review(3, 4)},
			replay{usable: true, start: 2, complete: true, why: whyRelearnt}},
		{"relearning steps are not learning steps", []revRow{learn(3, 1), review(1, -600), relearn(3, 1)},
			replay{usable: true, start: 0, complete: true, why: whyRelearnt}},
		{"set-due-date row is not a reset", []revRow{learn(3, 1), setDue, review(3, 7)},
			replay{usable: true, start: 0, complete: true, why: whyRelearnt}},
		{"reset, then learning", []revRow{review(3, 10), reset, learn(3, -600), learn(3, 1)},
			replay{usable: true, start: 2, complete: true, why: whyReset}},
		{"reset, then reviews only", []revRow{learn(3, 1), reset, cram, review(2, 1), review(3, 4)},
			replay{usable: true, start: 3, complete: false, why: whyReset}},
		{"reset is the last row", []revRow{learn(3, 1), review(3, 3), reset},
			replay{why: whyReset}},
		{"no learning, first interday review is the start", []revRow{review(3, -600), review(3, 2), review(3, 5)},
			replay{usable: true, start: 1, complete: false, why: whyNoStart}},
		{"only intraday reviews", []revRow{review(3, -600), review(1, -60)},
			replay{why: whyNoHistory}},
		{"intraday learning is still a start", []revRow{learn(1, -60), learn(3, -600)},
			replay{usable: true, start: 0, complete: true, why: whyRelearnt}},
		{"cramming rows are passed over", []revRow{learn(3, 1), cram, cram},
			replay{usable: true, start: 0, complete: true, why: whyRelearnt}},
		{"a day in seconds counts as interday", []revRow{review(3, -86400)},
			replay{usable: true, start: 0, complete: false, why: whyNoStart}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fsrsReplay(tc.rows); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestDueAt(t *testing.T) {
	const crt = 1600000000
	for _, tc := range []struct {
		name string
		typ  int
		due  int64
		want time.Time
	}{
		{"new card has no due time", 0, 5, time.Time{}},
		{"review day number", 2, 10, time.Unix(crt+10*86400, 0).UTC()},
		{"learning timestamp", 1, 1650000000, time.Unix(1650000000, 0).UTC()},
		{"relearning day number", 3, 0, time.Unix(crt, 0).UTC()},
		{"absurd day number", 2, -5_000_000, time.Time{}},
	} {
		if got := dueAt(crt, tc.typ, tc.due); !got.Equal(tc.want) {
			t.Errorf("%s: dueAt = %v, want %v", tc.name, got, tc.want)
		}
	}
}
