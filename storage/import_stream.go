package storage

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"
	"strings"
	"time"

	"loci/deck"
)

// CardStream hands cards to emit one by one, as a reader reads them from a
// file; an error from emit must stop it and be returned. Import writes a
// stream's cards inside its one transaction, so a large file is never held
// whole, and an error anywhere still leaves the database as it was. A
// stream gives each card id once (textimport tells repeated rows apart):
// the writer refuses a second copy among the cards it writes together
// (stageRows), and a card given by two streams.
type CardStream func(emit func(deck.Card) error) error

// insertCardSQL adds a card as new; a card whose id the database already
// holds is left to updateCardSQL.
const insertCardSQL = `INSERT INTO cards
	(uid, deck_id, kind, front, back, ord, tags, source, paper_id, origin, position, created_at, modified_at, due, suspended, unlock)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// updateCardSQL gives an existing card new content only where something
// changed; its schedule, origin and the learner's suspension are left
// alone, but a card that had left its source (suspended = 2) and is back is
// unsuspended when ?10 is true. A card the learner edited in loci
// (edited = 1) keeps the learner's text.
const updateCardSQL = `UPDATE cards SET
		deck_id = ?1, kind = ?2, front = ?3, back = ?4, ord = ?5, tags = ?6, source = ?7, paper_id = ?8,
		modified_at = ?9, suspended = CASE WHEN suspended = 2 AND ?10 THEN 0 ELSE suspended END, unlock = ?12
	WHERE uid = ?11 AND edited = 0 AND (deck_id IS NOT ?1 OR kind IS NOT ?2 OR front IS NOT ?3 OR back IS NOT ?4
		OR ord IS NOT ?5 OR tags IS NOT ?6 OR source IS NOT ?7 OR paper_id IS NOT ?8
		OR (?10 AND suspended = 2) OR unlock IS NOT ?12)`

// streamWriter writes streamed cards. They are gathered in a stage table
// and written a few thousand at a time with one statement each (see
// stage); a card the stage cannot write (one that breaks a constraint) is
// written again on its own, with an INSERT that does nothing for an id
// already stored and an UPDATE only where something changed, so that the
// error names its file and line.
type streamWriter struct {
	ctx      context.Context
	tx       *sql.Tx
	origin   string
	now      int64
	ins, upd *sql.Stmt
	stage    *stage
	waits    bool // a card written may wait for its paper: one with an unlock stage, or one updated
	decks    map[string]int64
	papers   map[string]int64
	pos      int64
	res      *SyncResult
	progress func(done int)
	done     int

	// Ids written by this import, when more than one source feeds it, so
	// that two files defining one card are refused as deck.Combine refuses
	// them (a hash and a place a card: a stream is never held whole).
	seed  maphash.Seed
	seen  map[uint64]place // hash of id → where it was first given
	files []string         // the files places name
	check bool
}

// place is a line of one of streamWriter.files.
type place struct{ file, line int32 }

func newStreamWriter(ctx context.Context, tx *sql.Tx, origin string, now time.Time, res *SyncResult, check bool, progress func(int)) (*streamWriter, error) {
	w := &streamWriter{ctx: rowContext(ctx), tx: tx, origin: origin, now: ms(now), res: res, progress: progress,
		decks: map[string]int64{}, papers: map[string]int64{}, check: check}
	if check {
		w.seed, w.seen = maphash.MakeSeed(), map[uint64]place{}
	}
	if err := tx.QueryRowContext(w.ctx, "SELECT coalesce(max(position), 0) FROM cards").Scan(&w.pos); err != nil {
		return nil, err
	}
	var err error
	if w.ins, err = tx.PrepareContext(w.ctx, insertCardSQL+" ON CONFLICT(uid) DO NOTHING"); err != nil {
		return nil, err
	}
	if w.upd, err = tx.PrepareContext(w.ctx, updateCardSQL); err != nil {
		return nil, err
	}
	if w.stage, err = newStage(w.ctx, tx); err != nil {
		return nil, err
	}
	return w, nil
}

// remember records that c gave its id, or refuses a second source of it.
func (w *streamWriter) remember(c *deck.Card) error {
	if !w.check {
		return nil
	}
	h := maphash.String(w.seed, c.ID)
	if p, ok := w.seen[h]; ok {
		return &deck.Error{File: c.File, Line: c.Line, Field: "id", Err: fmt.Errorf("card %q is also defined at %s:%d", c.ID, w.files[p.file], p.line)}
	}
	if n := len(w.files); n == 0 || w.files[n-1] != c.File {
		w.files = append(w.files, c.File)
	}
	w.seen[h] = place{int32(len(w.files) - 1), int32(c.Line)}
	return nil
}

// card takes one card of a stream; it is written with the next flush of
// the stage.
func (w *streamWriter) card(c deck.Card) error {
	if err := w.remember(&c); err != nil {
		return err
	}
	if w.progress != nil && w.done%1000 == 0 {
		w.progress(w.done)
	}
	w.done++
	deckID, err := deckID(w.ctx, w.tx, w.decks, c.Deck)
	if err != nil {
		return err
	}
	paper, err := cardPaper(w.ctx, w.tx, w.papers, &c)
	if err != nil {
		return err
	}
	r := stagedCard{Card: c, deckID: deckID, paper: paper, tags: strings.Join(c.Tags, " ")}
	w.waits = w.waits || c.Unlock != ""
	if full, err := w.stage.add(w.ctx, &r); err != nil || !full {
		return err
	}
	return w.flush()
}

// one writes one card on its own: added, updated or left as it was.
func (w *streamWriter) one(r *stagedCard) error {
	c := &r.Card
	res, err := w.ins.ExecContext(w.ctx, c.ID, r.deckID, string(c.Kind), c.Front, c.Back, c.Ord, r.tags, c.Source, r.paper,
		w.origin, w.pos+1, w.now, w.now, w.now, c.Suspended, string(c.Unlock))
	if err != nil {
		return fmt.Errorf("%s:%d: card %q: %w", c.File, c.Line, c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		w.pos++
		w.res.Added++
		return nil
	}
	res, err = w.upd.ExecContext(w.ctx, r.deckID, string(c.Kind), c.Front, c.Back, c.Ord, r.tags, c.Source, r.paper,
		w.now, false, c.ID, string(c.Unlock))
	if err != nil {
		return fmt.Errorf("%s:%d: card %q: %w", c.File, c.Line, c.ID, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		w.res.Updated++
		w.waits = true
	} else {
		w.res.Unchanged++
	}
	return nil
}

// finish writes the cards still staged, closes the statements and, when
// a card written may wait for its paper, marks the cards that do (which
// reads every card with an unlock stage or marked waiting: 35 ms over
// 100,000 cards, left out of an import of cards without unlock stages).
// The queue indexes are kept up to date as cards are written: new cards
// enter them at their end (new, due now, in order of position), which
// measured as fast as dropping and building them again, without the
// sort's memory.
func (w *streamWriter) finish() error {
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.stage.drop(w.ctx, w.tx); err != nil {
		return err
	}
	w.close()
	if !w.waits {
		return nil
	}
	return refreshWaiting(w.ctx, w.tx, 0)
}

func (w *streamWriter) close() {
	for _, st := range []*sql.Stmt{w.ins, w.upd} {
		if st != nil {
			st.Close()
		}
	}
	if w.stage != nil {
		w.stage.close()
	}
}

// importStreams writes the cards of every stream of opt after the set's.
func importStreams(ctx context.Context, tx *sql.Tx, set *deck.Set, now time.Time, opt ImportOptions, res *SyncResult) error {
	if len(opt.Streams) == 0 {
		return nil
	}
	check := len(set.Cards) > 0 || len(opt.Streams) > 1
	w, err := newStreamWriter(ctx, tx, opt.Origin, now, res, check, opt.progress(len(set.Cards)))
	if err != nil {
		return err
	}
	defer w.close()
	if check {
		for i := range set.Cards {
			if err := w.remember(&set.Cards[i]); err != nil {
				return err
			}
		}
	}
	for _, s := range opt.Streams {
		if err := s(w.card); err != nil {
			return err
		}
	}
	return w.finish()
}
