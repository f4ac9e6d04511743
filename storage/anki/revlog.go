package anki

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"loci/deck"
)

const revlogQuery = `SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id`

// readHistory turns the review log of every returned card into history,
// oldest first within each card, and records Anki's FSRS replay rule for it
// in Stats.Legacy and Stats.NotReplayed.
func (r *reader) readHistory(ctx context.Context) error {
	r.stats.Legacy = map[string]LegacySchedule{}
	r.stats.NotReplayed = map[string]string{}
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
		ci := r.cards[cid]
		if ci == nil {
			orphans++
			continue
		}
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
			r.addHistory(current, group)
			current, group = ci, group[:0]
		}
		group = append(group, e)
	}
	if err := rows.Err(); err != nil {
		return r.colError("revlog", err)
	}
	r.addHistory(current, group)
	for _, ci := range r.cards {
		if !ci.hasLog {
			r.legacyFromCard(ci)
		}
	}
	if orphans > 0 {
		r.warn("review-log rows of cards that were not imported: left out", false, "%s", deck.Plural(orphans, "row", "rows"))
	}
	return nil
}

// addHistory adds one card's review log, oldest first.
func (r *reader) addHistory(ci *cardInfo, rows []revRow) {
	if ci == nil || len(rows) == 0 {
		return
	}
	ci.hasLog = true
	for _, e := range rows {
		r.set.History = append(r.set.History, logEntry(ci.id, e))
	}
	p := fsrsReplay(rows)
	for i, e := range rows {
		switch {
		case !e.rated():
		case e.cramming():
			r.stats.NotReplayed[extID(e)] = whyCramming
		case !p.usable || i < p.start:
			r.stats.NotReplayed[extID(e)] = p.why
		}
	}
	if !p.usable {
		r.legacyFromCard(ci)
		return
	}
	if !p.complete {
		seed := rows[p.start]
		r.stats.NotReplayed[extID(seed)] = whySeed
		l := r.legacy(ci, "revlog", seed.ivl, seed.factor)
		l.LastReview = time.UnixMilli(seed.id).UTC()
		r.stats.Legacy[ci.id] = l
	}
}

// legacyFromCard records the card's own schedule for a studied card that
// has no replayable history.
func (r *reader) legacyFromCard(ci *cardInfo) {
	if ci.typ == 0 || ci.ivl <= 0 {
		return
	}
	l := r.legacy(ci, "card", ci.ivl, ci.factor)
	if !l.DueAt.IsZero() {
		l.LastReview = l.DueAt.AddDate(0, 0, -l.Ivl)
	}
	r.stats.Legacy[ci.id] = l
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
