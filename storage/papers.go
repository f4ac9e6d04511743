package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"loci/deck"
)

// Papers lists every paper checkpoint in the order they were added, with its
// number of cards, how many of them wait for the paper to reach a later
// stage, when it reached its current stage, and its collections and tags.
func (d *DB) Papers(ctx context.Context) ([]deck.PaperProgress, error) {
	return d.PapersWhere(ctx, PaperFilter{})
}

// PapersWhere lists the paper checkpoints that f selects, as Papers does.
func (d *DB) PapersWhere(ctx context.Context, f PaperFilter) ([]deck.PaperProgress, error) {
	where, args := f.where()
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.key, p.title, p.authors, p.year, p.venue, p.url, p.arxiv, p.doi,
		p.difficulty, p.kind, p.note, p.stage,
		(SELECT count(*) FROM cards c WHERE c.paper_id = p.id),
		(SELECT count(*) FROM cards c WHERE c.paper_id = p.id AND c.state = 0 AND c.waiting = 1),
		coalesce((SELECT max(at) FROM paper_stages s WHERE s.paper_id = p.id), p.created_at)
		FROM papers p WHERE `+where+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list papers: %w", err)
	}
	defer rows.Close()
	var out []deck.PaperProgress
	var ids []int64
	for rows.Next() {
		var p deck.PaperProgress
		var id, at int64
		if err := rows.Scan(&id, &p.Key, &p.Title, &p.Authors, &p.Year, &p.Venue, &p.URL, &p.ArXiv, &p.DOI,
			&p.Difficulty, &p.Kind, &p.Note, &p.Stage, &p.Cards, &p.Waiting, &at); err != nil {
			return nil, err
		}
		p.StageAt = fromMS(at)
		out = append(out, p)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list papers: %w", err)
	}
	if err := d.fillPaperGroups(ctx, out, ids); err != nil {
		return nil, fmt.Errorf("list papers: %w", err)
	}
	return out, nil
}

// ErrNoPaper is returned for a paper key that is not in the database.
var ErrNoPaper = errors.New("no such paper")

// ErrNoCard is returned when a card asked for by id or key is not in the
// database (Card itself returns nil, nil, so that a lookup can ask whether a
// card exists).
var ErrNoCard = errors.New("no such card")

// SetPaperStage moves a paper to a stage and records the move with its time,
// in one transaction. Setting the stage it already has records nothing.
// Cards of the paper that unlock at a stage now reached join the new queue;
// moving the paper back holds its unstudied ones back again.
func (d *DB) SetPaperStage(ctx context.Context, key string, stage deck.Stage, at time.Time) error {
	if !stage.Valid() {
		return fmt.Errorf("stage %q: want one of queued, read, understood, replicated", stage)
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		var have deck.Stage
		err := tx.QueryRowContext(ctx, "SELECT id, stage FROM papers WHERE key = ?", key).Scan(&id, &have)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %q", ErrNoPaper, key)
		}
		if err != nil || have == stage {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE papers SET stage = ? WHERE id = ?", stage, id); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, "INSERT INTO paper_stages(paper_id, stage, at) VALUES (?, ?, ?)", id, stage, ms(at)); err != nil {
			return err
		}
		return refreshWaiting(ctx, tx, id)
	})
}
