package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"loci/deck"
)

// syncPapers adds or updates a set's papers inside a sync: their fields,
// their stage as a floor (advancePaper), and their collections and tags
// (groupWriter.apply). It returns each paper's storage key by paper key and
// counts what it changed into res; a paper whose stage, collections or tags
// changed counts as updated.
func syncPapers(ctx context.Context, tx *sql.Tx, papers []deck.Paper, now time.Time, res *SyncResult) (map[string]int64, error) {
	ids := make(map[string]int64, len(papers))
	if len(papers) == 0 {
		return ids, nil
	}
	groups, err := newGroupWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, p := range papers {
		id, added, updated, err := upsertPaper(ctx, tx, p, now)
		if err == nil && !added {
			var moved bool
			moved, err = advancePaper(ctx, tx, id, p.Stage, now)
			updated = updated || moved
			if moved {
				res.PapersAdvanced++
			}
		}
		if err == nil {
			var regrouped bool
			regrouped, err = groups.apply(ctx, id, added, p)
			updated = updated || regrouped
		}
		if err != nil {
			groups.close()
			return nil, fmt.Errorf("%s:%d: paper %q: %w", p.File, p.Line, p.Key, err)
		}
		ids[p.Key] = id
		if added {
			res.PapersAdded++
		} else if updated {
			res.PapersUpdated++
		}
	}
	return ids, groups.finish(ctx)
}

// arrivalStage is the stage a new paper starts at: the one its source
// gives, or queued when it gives none.
func arrivalStage(s deck.Stage) (deck.Stage, error) {
	if s == "" {
		return deck.Queued, nil
	}
	if !s.Valid() {
		return "", fmt.Errorf("stage %q: want one of queued, read, understood, replicated", s)
	}
	return s, nil
}

// advancePaper applies the stage a source reports for a paper already in
// the database, as a floor: the paper moves forward to it, recorded with
// its time as SetPaperStage records a move, only when the stage is above
// both the paper's stage and every stage a source reported for it before.
// So a re-import never moves a paper back (understood stays understood),
// and a paper the learner moved back stays there until its source reports
// a stage it never reported before. An empty stage changes nothing. The
// caller brings the paper's waiting cards up to date (syncTx does, for
// every paper, at its end). It reports whether the paper moved.
func advancePaper(ctx context.Context, tx *sql.Tx, id int64, stage deck.Stage, at time.Time) (bool, error) {
	if stage == "" {
		return false, nil
	}
	if !stage.Valid() {
		return false, fmt.Errorf("stage %q: want one of queued, read, understood, replicated", stage)
	}
	var have, reported deck.Stage
	if err := tx.QueryRowContext(ctx, "SELECT stage, source_stage FROM papers WHERE id = ?", id).Scan(&have, &reported); err != nil {
		return false, err
	}
	if stage.Rank() <= reported.Rank() {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE papers SET source_stage = ? WHERE id = ?", stage, id); err != nil {
		return false, err
	}
	if stage.Rank() <= have.Rank() {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE papers SET stage = ? WHERE id = ?", stage, id); err != nil {
		return false, err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO paper_stages(paper_id, stage, at) VALUES (?, ?, ?)", id, stage, ms(at))
	return err == nil, err
}
