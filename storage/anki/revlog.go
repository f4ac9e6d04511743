package anki

import (
	"fmt"
	"strconv"
	"time"

	"loci/deck"
)

const revlogQuery = `SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id`

// cardHistory is one returned card's review history as Anki's FSRS replay
// rule reads it.
type cardHistory struct {
	id      string
	entries []deck.LogEntry // oldest first
	why     []string        // by entry: why Anki's FSRS would not replay it, "" if it would
	legacy  *LegacySchedule // nil when replaying the history from new rebuilds the card's state
}

// readHistory hands fn the review log of every returned card, oldest
// first, in the order of Anki's card ids, with Anki's FSRS replay rule for
// it; then, in card order, the cards without a review log whose schedule
// Anki knew (see LegacySchedule). fn may keep nothing of its argument but
// the entries.
func (r *reader) readHistory(fn func(*cardHistory) error) error {
	ctx := r.ctx
	if err := ctx.Err(); err != nil {
		return err
	}
	rows, err := r.db.QueryContext(ctx, revlogQuery)
	if err != nil {
		return r.colError("revlog", err)
	}
	defer rows.Close()
	var (
		group   []revRow
		current *cardInfo
		orphans int
	)
	for rows.Next() {
		var e revRow
		var cid int64
		if err := rows.Scan(&e.id, &cid, &e.ease, &e.ivl, &e.lastIvl, &e.factor, &e.took, &e.typ); err != nil {
			return r.colError("revlog", fmt.Errorf("review-log row: %w", err))
		}
		i, ok := r.byCID[cid]
		if !ok {
			orphans++
			continue
		}
		ci := &r.cards[i]
		if e.ease < 0 || e.ease > 4 || e.typ < revLearn || e.typ > revRescheduled {
			r.warn("review-log rows whose ease or type is not Anki's: left out", false, "row %d (ease %d, type %d)", e.id, e.ease, e.typ)
			continue
		}
		// The v1 scheduler had three buttons for learning cards; Anki's
		// upgrade (rslib/src/storage/revlog/v2_upgrade.sql) moves Good and
		// Easy up by one.
		if r.col.schedV1 && (e.typ == revLearn || e.typ == revRelearn) && (e.ease == 2 || e.ease == 3) {
			e.ease++
		}
		if ci != current {
			if err := r.addHistory(current, group, fn); err != nil {
				return err
			}
			current, group = ci, group[:0]
		}
		group = append(group, e)
	}
	if err := rows.Err(); err != nil {
		return r.colError("revlog", err)
	}
	if err := r.addHistory(current, group, fn); err != nil {
		return err
	}
	for i := range r.cards {
		if ci := &r.cards[i]; !ci.hasLog {
			if l := r.legacyFromCard(ci); l != nil {
				if err := fn(&cardHistory{id: ci.id, legacy: l}); err != nil {
					return err
				}
			}
		}
	}
	if orphans > 0 {
		r.warn("review-log rows of cards that were not imported: left out", false, "%s", deck.Plural(orphans, "row", "rows"))
	}
	return nil
}

// addHistory hands fn one card's review log, oldest first.
func (r *reader) addHistory(ci *cardInfo, rows []revRow, fn func(*cardHistory) error) error {
	if ci == nil || len(rows) == 0 {
		return nil
	}
	ci.hasLog = true
	h := &cardHistory{id: ci.id, entries: make([]deck.LogEntry, len(rows)), why: make([]string, len(rows))}
	for i, e := range rows {
		h.entries[i] = logEntry(ci.id, e)
	}
	r.stats.Reviews += len(rows)
	p := fsrsReplay(rows)
	for i, e := range rows {
		switch {
		case !e.rated():
		case e.cramming():
			h.why[i] = whyCramming
		case !p.usable || i < p.start:
			h.why[i] = p.why
		}
	}
	switch {
	case !p.usable:
		h.legacy = r.legacyFromCard(ci)
	case !p.complete:
		seed := rows[p.start]
		h.why[p.start] = whySeed
		l := r.legacy(ci, "revlog", seed.ivl, seed.factor)
		l.LastReview = time.UnixMilli(seed.id).UTC()
		h.legacy = &l
	}
	return fn(h)
}

// legacyFromCard returns the card's own schedule for a studied card that
// has no replayable history, nil for a card never studied.
func (r *reader) legacyFromCard(ci *cardInfo) *LegacySchedule {
	if ci.typ == 0 || ci.ivl <= 0 {
		return nil
	}
	l := r.legacy(ci, "card", ci.ivl, ci.factor)
	if !l.DueAt.IsZero() {
		l.LastReview = l.DueAt.AddDate(0, 0, -l.Ivl)
	}
	return &l
}

func (r *reader) legacy(ci *cardInfo, from string, ivl, factor int) LegacySchedule {
	if factor <= 0 {
		factor = 2500
	}
	return LegacySchedule{From: from, Ivl: max(ivl, 1), Factor: factor,
		Type: ci.typ, Queue: ci.queue, Due: ci.due, DueAt: dueAt(r.col.crt, ci.typ, ci.due),
		Reps: ci.reps, Lapses: ci.lapses}
}

// logEntry converts a revlog row: Rating is the ease (0 for manual rows),
// Kind follows the row type (a type-4 or type-5 row, or ease 0, is manual),
// Duration is the answer time (Anki caps it at 60 s by default).
func logEntry(cardID string, e revRow) deck.LogEntry {
	l := deck.LogEntry{
		CardID:   cardID,
		At:       time.UnixMilli(e.id).UTC(),
		Rating:   deck.Rating(e.ease),
		Duration: time.Duration(max(e.took, 0)) * time.Millisecond,
		ExtID:    extID(e),
	}
	switch {
	case !e.rated():
		l.Kind, l.Rating = deck.EntryManual, 0
	case e.typ == revLearn:
		l.Kind = deck.EntryLearn
	case e.typ == revReview:
		l.Kind = deck.EntryReview
	case e.typ == revRelearn:
		l.Kind = deck.EntryRelearn
	default:
		l.Kind = deck.EntryFiltered
	}
	return l
}

func extID(e revRow) string { return "anki:" + strconv.FormatInt(e.id, 10) }
