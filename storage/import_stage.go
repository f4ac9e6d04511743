package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"loci/deck"
)

// stageRows is how many streamed cards the stage gathers before they are
// written. Writing them with one statement lets SQLite keep its cursors
// on the cards table and its indexes from one card to the next, as the
// sqlite3 shell does for an INSERT … SELECT: new cards enter the table and
// the queue indexes at their ends without a search from the root each.
// Such a statement keeps a copy of every page it changes that existed
// before it (its statement journal, to undo it if it fails halfway), so a
// flush should not be small; the stage itself is held in memory. On the
// import benchmark (bench/README.md, "import") 1,024 cards a flush saved
// nothing over writing card by card, 4,096 and more about a quarter of the
// CPU time; each doubling beyond held about 0.5 MB more at its peak.
const stageRows = 4096

// stageBytes bounds what the stage gathers by the cards' text as well, and
// stageWaitBytes what waits for a full batch: cards of a megabyte each (an
// Anki note with long fields) are written after a few, so that an import's
// memory never grows with the size of its cards beyond these bounds.
const (
	stageBytes     = 8 << 20
	stageWaitBytes = 256 << 10
)

// stagedCard is a card of a stream ready to be written: its deck and paper
// looked up, its tags joined.
type stagedCard struct {
	deck.Card
	deckID int64
	paper  sql.NullInt64
	tags   string
}

// stageColumns are the columns of the stage: what a stream sets of a card,
// and its line, for errors.
const stageColumns = `uid, deck_id, kind, front, back, ord, tags, source, paper_id, suspended, unlock, line`

// stageBatch is how many cards one statement puts into the stage. The
// stage has no constraint, index or trigger, so such a statement needs no
// journal, and it saves the cost of a statement's run for all but one of
// them.
const stageBatch = 32

// stage is a temporary table that gathers streamed cards between flushes.
// It lives in the connection's temporary storage and goes with the
// transaction when it is rolled back.
type stage struct {
	addOne  *sql.Stmt // one card into the stage
	addMany *sql.Stmt // stageBatch cards
	insert  *sql.Stmt // every staged card that is new into cards
	update  *sql.Stmt // every staged card already stored, where it changed
	n       int       // cards taken since the last flush
	bytes   int       // their text
	waiting []stagedCard
	waitLen int // the text of the waiting cards
	args    []any
	files   []stageFile // the files of the cards, in order
}

// stageFile says that the cards from the from'th on come from file.
type stageFile struct {
	from int
	file string
}

// Statements of the stage. insertStagedSQL gives the staged cards new
// positions after ?2 in the order they came (their rowid in the stage);
// ?1 is the origin, ?3 the time. updateStagedSQL has updateCardSQL's rules
// for a card of a stream (a card the learner edited is left alone) for
// the staged cards whose id is stored, at most ?2; ?1 is the time.
const (
	createStageSQL  = `CREATE TEMP TABLE loci_stream_stage (` + stageColumns + `)`
	insertStagedSQL = `INSERT INTO cards
	(uid, deck_id, kind, front, back, ord, tags, source, paper_id, origin, position, created_at, modified_at, due, suspended, unlock)
	SELECT uid, deck_id, kind, front, back, ord, tags, source, paper_id, ?1, ?2 + rowid, ?3, ?3, ?3, suspended, unlock
	FROM temp.loci_stream_stage WHERE true ORDER BY rowid
	ON CONFLICT(uid) DO NOTHING`
	updateStagedSQL = `UPDATE cards SET deck_id = s.deck_id, kind = s.kind, front = s.front, back = s.back, ord = s.ord,
		tags = s.tags, source = s.source, paper_id = s.paper_id, modified_at = ?1, unlock = s.unlock
	FROM temp.loci_stream_stage s
	WHERE cards.uid = s.uid AND cards.id <= ?2 AND cards.edited = 0 AND (cards.deck_id IS NOT s.deck_id
		OR cards.kind IS NOT s.kind OR cards.front IS NOT s.front OR cards.back IS NOT s.back OR cards.ord IS NOT s.ord
		OR cards.tags IS NOT s.tags OR cards.source IS NOT s.source OR cards.paper_id IS NOT s.paper_id
		OR cards.unlock IS NOT s.unlock)`
)

func newStage(ctx context.Context, tx *sql.Tx) (*stage, error) {
	if _, err := tx.ExecContext(ctx, createStageSQL); err != nil {
		return nil, fmt.Errorf("stage for streamed cards: %w", err)
	}
	s := &stage{}
	var err error
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&s.addOne, stageInsertSQL(1)},
		{&s.addMany, stageInsertSQL(stageBatch)},
		{&s.insert, insertStagedSQL},
		{&s.update, updateStagedSQL},
	} {
		if *p.st, err = tx.PrepareContext(ctx, p.sql); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

// stageInsertSQL puts n cards into the stage. Their rowids count from 1
// after the stage is emptied, in the order they came.
func stageInsertSQL(n int) string {
	row := "(" + strings.Repeat("?, ", strings.Count(stageColumns, ",")) + "?)"
	return `INSERT INTO temp.loci_stream_stage (` + stageColumns + `) VALUES ` + strings.Repeat(row+", ", n-1) + row
}

// add takes r and reports whether the stage is full.
func (s *stage) add(ctx context.Context, r *stagedCard) (bool, error) {
	if n := len(s.files); n == 0 || s.files[n-1].file != r.File {
		s.files = append(s.files, stageFile{s.n, r.File})
	}
	s.waiting = append(s.waiting, *r)
	s.n++
	size := len(r.ID) + len(r.Front) + len(r.Back) + len(r.tags) + len(r.Source)
	s.bytes += size
	s.waitLen += size
	switch {
	case len(s.waiting) == stageBatch:
		if err := s.put(ctx, s.addMany, s.waiting); err != nil {
			return false, err
		}
		clear(s.waiting)
		s.waiting, s.waitLen = s.waiting[:0], 0
	case s.waitLen >= stageWaitBytes:
		if err := s.ready(ctx); err != nil {
			return false, err
		}
	}
	return s.n == stageRows || s.bytes >= stageBytes, nil
}

// put writes cards into the stage with st.
func (s *stage) put(ctx context.Context, st *sql.Stmt, cards []stagedCard) error {
	s.args = s.args[:0]
	for i := range cards {
		r := &cards[i]
		s.args = append(s.args, r.ID, r.deckID, string(r.Kind), r.Front, r.Back, r.Ord, r.tags, r.Source, r.paper,
			r.Suspended, string(r.Unlock), r.Line)
	}
	if _, err := st.ExecContext(ctx, s.args...); err != nil {
		return fmt.Errorf("stage streamed cards: %w", err)
	}
	return nil
}

// ready puts the cards still waiting into the stage.
func (s *stage) ready(ctx context.Context) error {
	for i := range s.waiting {
		if err := s.put(ctx, s.addOne, s.waiting[i:i+1]); err != nil {
			return err
		}
	}
	clear(s.waiting) // the cards' text is not kept alive by the slice's array
	s.waiting, s.waitLen = s.waiting[:0], 0
	return nil
}

// cards reads the staged cards back, in the order they came.
func (s *stage) cards(ctx context.Context, tx *sql.Tx) ([]stagedCard, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+stageColumns+` FROM temp.loci_stream_stage ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]stagedCard, 0, s.n)
	for rows.Next() {
		var r stagedCard
		var kind, unlock string
		if err := rows.Scan(&r.ID, &r.deckID, &kind, &r.Front, &r.Back, &r.Ord, &r.tags, &r.Source, &r.paper,
			&r.Suspended, &unlock, &r.Line); err != nil {
			return nil, err
		}
		r.Kind, r.Unlock, r.File = deck.Kind(kind), deck.Stage(unlock), s.fileOf(len(out))
		out = append(out, r)
	}
	return out, rows.Err()
}

// empty removes every card from the stage.
func (s *stage) empty(ctx context.Context, tx *sql.Tx) error {
	s.n, s.bytes, s.files = 0, 0, s.files[:0]
	_, err := tx.ExecContext(ctx, `DELETE FROM temp.loci_stream_stage`)
	return err
}

// drop removes the stage's table.
func (s *stage) drop(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DROP TABLE temp.loci_stream_stage`)
	return err
}

func (s *stage) close() {
	for _, st := range []*sql.Stmt{s.addOne, s.addMany, s.insert, s.update} {
		if st != nil {
			st.Close()
		}
	}
}

// flush writes the staged cards. New ones are inserted with one
// statement; when some were already stored, the new ones are given the
// positions they would have had one by one (in the order they came, with
// none skipped), and the stored ones are updated with one more. A card
// that breaks a constraint fails the statement, which changes nothing:
// the cards are then written one by one, for an error that names the
// card's file and line.
func (w *streamWriter) flush() error {
	s := w.stage
	if s.n == 0 {
		return nil
	}
	if err := s.ready(w.ctx); err != nil {
		return err
	}
	var last int64 // the largest card id before the flush: new cards come after it
	if err := w.tx.QueryRowContext(w.ctx, "SELECT coalesce(max(id), 0) FROM cards").Scan(&last); err != nil {
		return err
	}
	r, err := s.insert.ExecContext(w.ctx, w.origin, w.pos, w.now)
	if se := (sqlite3.Error{}); errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		return w.flushOneByOne()
	}
	if err != nil {
		return err
	}
	added, _ := r.RowsAffected()
	if stored := int64(s.n) - added; stored > 0 {
		if err := s.repeats(w.ctx, w.tx); err != nil {
			return err
		}
		if added > 0 {
			if _, err := w.tx.ExecContext(w.ctx, "UPDATE cards SET position = ?1 + (id - ?2) WHERE id > ?2", w.pos, last); err != nil {
				return err
			}
		}
		r, err := s.update.ExecContext(w.ctx, w.now, last)
		if err != nil {
			return err
		}
		updated, _ := r.RowsAffected()
		w.res.Updated += int(updated)
		w.waits = w.waits || updated > 0
		w.res.Unchanged += int(stored - updated)
	}
	w.pos += added
	w.res.Added += int(added)
	return s.empty(w.ctx, w.tx)
}

// repeats returns an error naming a card the stage holds twice. A stream
// gives each card once (a parser tells repeated rows apart); one that gave a
// card twice would find it stored by its own first copy, so this is asked
// only of flushes that found stored cards.
func (s *stage) repeats(ctx context.Context, tx *sql.Tx) error {
	var distinct int
	if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT uid) FROM temp.loci_stream_stage`).Scan(&distinct); err != nil {
		return err
	}
	if distinct == s.n {
		return nil
	}
	var id string
	var first, second, firstLine, secondLine int
	err := tx.QueryRowContext(ctx, `SELECT a.uid, a.rowid, a.line, b.rowid, b.line FROM temp.loci_stream_stage a
		JOIN temp.loci_stream_stage b ON b.uid = a.uid AND b.rowid > a.rowid ORDER BY b.rowid LIMIT 1`).Scan(&id, &first, &firstLine, &second, &secondLine)
	if err != nil {
		return err
	}
	return &deck.Error{File: s.fileOf(second - 1), Line: secondLine, Field: "id",
		Err: fmt.Errorf("card %q is also defined at %s:%d", id, s.fileOf(first-1), firstLine)}
}

// fileOf returns the file of the i'th card since the last flush.
func (s *stage) fileOf(i int) string {
	file := ""
	for _, f := range s.files {
		if f.from <= i {
			file = f.file
		}
	}
	return file
}

// flushOneByOne writes the staged cards one by one and returns the first
// error.
func (w *streamWriter) flushOneByOne() error {
	cards, err := w.stage.cards(w.ctx, w.tx)
	if err != nil {
		return err
	}
	for i := range cards {
		if err := w.one(&cards[i]); err != nil {
			return err
		}
	}
	return w.stage.empty(w.ctx, w.tx)
}
