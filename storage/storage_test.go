package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"loci/deck"
)

var t0 = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func mustOpen(tb testing.TB, path string) *DB {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "loci.db")
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

func mustSet(tb testing.TB, text string) *deck.Set {
	tb.Helper()
	f, err := deck.Parse("t.md", strings.NewReader(text))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := deck.Merge([]*deck.File{f})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

const twoCards = "---\ndeck: D::E\npaper:\n  key: p1\n  title: P one\n---\nQ: one?\nA: 1\nid: one\n\nC: {{c1::two}} and {{c2::three}}\nid: two\n"

func TestMigrateEmptyAndCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loci.db")
	d := mustOpen(t, path)
	var v int
	if err := d.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version = %d, %v; want %d", v, err, SchemaVersion)
	}
	if _, err := d.Sync(context.Background(), mustSet(t, twoCards), "t", false, t0); err != nil {
		t.Fatal(err)
	}
	d.Close()
	// Reopening a current database changes nothing and takes no backup.
	d2 := mustOpen(t, path)
	var n int
	d2.db.QueryRow("SELECT count(*) FROM cards").Scan(&n)
	if n != 3 {
		t.Errorf("cards after reopen = %d, want 3", n)
	}
	if baks, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*")); len(baks) != 0 {
		t.Errorf("backups of a current database: %v", baks)
	}
	var mode string
	d2.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	d2.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
}

func TestFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loci.db")
	mustOpen(t, path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("hello, this is not a database at all"), 0o600)
	if _, err := Open(context.Background(), notDB); err == nil || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Errorf("text file: err = %v", err)
	}
	if b, _ := os.ReadFile(notDB); string(b) != "hello, this is not a database at all" {
		t.Errorf("text file was modified")
	}
	if _, err := Open(context.Background(), filepath.Join(dir, "missing", "loci.db")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing dir: err = %v", err)
	}
	newer := filepath.Join(dir, "newer.db")
	d := mustOpen(t, newer)
	d.db.Exec("PRAGMA user_version = 99")
	d.Close()
	if _, err := Open(context.Background(), newer); err == nil || !strings.Contains(err.Error(), "newer than this loci") {
		t.Errorf("newer schema: err = %v", err)
	}
}

func TestMigrateOlderTakesBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loci.db")
	d := mustOpen(t, path)
	d.Sync(context.Background(), mustSet(t, twoCards), "t", false, t0)
	d.Close()
	// A binary one migration ahead of the file.
	saved := migrations
	migrations = append(append([]string(nil), migrations...), "CREATE TABLE extra (x INTEGER)")
	SchemaVersion = len(migrations)
	defer func() { migrations, SchemaVersion = saved, len(saved) }()
	d2 := mustOpen(t, path)
	var v int
	d2.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != len(saved)+1 {
		t.Errorf("user_version = %d, want %d", v, len(saved)+1)
	}
	baks, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "loci.db.before-v*.db"))
	if len(baks) != 1 {
		t.Fatalf("backups = %v, want one", baks)
	}
	st, _ := os.Stat(baks[0])
	if st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v", st.Mode().Perm())
	}
	old, err := Open(context.Background(), baks[0]) // the backup holds the old data at the old version
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	var n int
	old.db.QueryRow("SELECT count(*) FROM cards").Scan(&n)
	if n != 3 {
		t.Errorf("backup holds %d cards, want 3", n)
	}
}

func TestSyncIdempotentAndKeepsHistory(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	res, err := d.Sync(ctx, mustSet(t, twoCards), "builtin", true, t0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.PapersAdded != 1 {
		t.Fatalf("first sync = %+v, want 3 cards and 1 paper added", res)
	}
	res, _ = d.Sync(ctx, mustSet(t, twoCards), "builtin", true, t0.Add(time.Hour))
	if res.Added != 0 || res.Updated != 0 || res.Unchanged != 3 || res.PapersUpdated != 0 {
		t.Fatalf("second sync = %+v, want all unchanged", res)
	}
	c, _ := d.Card(ctx, "one")
	rev, err := d.Answer(ctx, c.Key, t0, deck.Good, time.Second, time.Time{}, func(cur deck.Card) (deck.Schedule, error) {
		s := cur.Schedule
		s.State, s.Reps, s.Due, s.LastReview = deck.StateLearning, 1, t0.Add(10*time.Minute), t0
		return s, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Edit the answer, drop card two: history stays, two is suspended.
	edited := "---\ndeck: D::E\npaper:\n  key: p1\n  title: P one\n---\nQ: one?\nA: one, edited\nid: one\n"
	res, err = d.Sync(ctx, mustSet(t, edited), "builtin", true, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 1 || res.Suspended != 2 {
		t.Errorf("edit sync = %+v, want 1 updated, 2 suspended", res)
	}
	c, _ = d.Card(ctx, "one")
	if c.Back != "one, edited" || c.Schedule.State != deck.StateLearning || c.Schedule.Reps != 1 {
		t.Errorf("edited card = %+v", c)
	}
	revs, _ := d.Reviews(ctx, c.Key)
	if len(revs) != 1 || revs[0].ID != rev.ID {
		t.Errorf("history after edit = %+v", revs)
	}
	gone, _ := d.Card(ctx, "two/c1")
	if gone == nil || !gone.Suspended {
		t.Errorf("removed card = %+v, want suspended", gone)
	}
	// Bringing it back lifts the suspension.
	d.Sync(ctx, mustSet(t, twoCards), "builtin", true, t0.Add(3*time.Hour))
	back, _ := d.Card(ctx, "two/c1")
	if back.Suspended {
		t.Errorf("returned card still suspended")
	}
}

func TestAnswerAndUndo(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	c, _ := d.Card(ctx, "one")
	before := c.Schedule
	after := deck.Schedule{State: deck.StateReview, Due: t0.Add(72 * time.Hour), Stability: 3.2, Difficulty: 5.1,
		ScheduledDays: 3, Reps: 1, LastReview: t0}
	rev, err := d.Answer(ctx, c.Key, t0, deck.Easy, 1500*time.Millisecond, time.Time{}, func(deck.Card) (deck.Schedule, error) { return after, nil })
	if err != nil {
		t.Fatal(err)
	}
	got, _ := d.Card(ctx, "one")
	if got.Schedule != after {
		t.Errorf("after answer = %+v, want %+v", got.Schedule, after)
	}
	if _, err := d.db.Exec("UPDATE reviews SET rating = 1"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("update of review log: err = %v", err)
	}
	if _, err := d.Undo(ctx, rev.UndoID+1, nil); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo of another id: err = %v", err)
	}
	undone, err := d.Undo(ctx, rev.UndoID, nil)
	if err != nil || undone.Kind != deck.ActAnswer || undone.Review.Rating != deck.Easy || undone.Review.Duration != 1500*time.Millisecond {
		t.Fatalf("undo = %+v, %v", undone, err)
	}
	got, _ = d.Card(ctx, "one")
	if got.Schedule != before {
		t.Errorf("after undo = %+v, want %+v", got.Schedule, before)
	}
	if revs, _ := d.Reviews(ctx, c.Key); len(revs) != 0 {
		t.Errorf("review log after undo has %d rows", len(revs))
	}
	if _, err := d.Undo(ctx, 0, nil); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo of empty log: err = %v", err)
	}
}

// Undo takes back the newest action whatever its kind, in order, as Anki's
// reviewer does: a suspension, then a bury, then an answer.
func TestUndoAnyActionInOrder(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	one, _ := d.Card(ctx, "one")
	two, _ := d.Card(ctx, "two/c1")
	three, _ := d.Card(ctx, "two/c2")
	after := deck.Schedule{State: deck.StateReview, Due: t0.Add(72 * time.Hour), Stability: 3, Reps: 1, LastReview: t0}
	rev, err := d.Answer(ctx, one.Key, t0, deck.Good, time.Second, time.Time{}, func(deck.Card) (deck.Schedule, error) { return after, nil })
	if err != nil {
		t.Fatal(err)
	}
	end := t0.Add(19 * time.Hour)
	buryID, err := d.Bury(ctx, two.Key, end)
	if err != nil {
		t.Fatal(err)
	}
	suspendID, err := d.Suspend(ctx, three.Key, true)
	if err != nil {
		t.Fatal(err)
	}
	if !(rev.UndoID < buryID && buryID < suspendID) {
		t.Fatalf("journal ids %d, %d, %d are not in order", rev.UndoID, buryID, suspendID)
	}
	for _, want := range []struct {
		id    int64
		kind  deck.ActionKind
		card  string
		check func(c *deck.Card) bool
	}{
		{suspendID, deck.ActSuspend, "two/c2", func(c *deck.Card) bool { return !c.Suspended }},
		{buryID, deck.ActBury, "two/c1", func(c *deck.Card) bool { return c.BuriedUntil.IsZero() }},
		{rev.UndoID, deck.ActAnswer, "one", func(c *deck.Card) bool { return c.Schedule == one.Schedule }},
	} {
		act, err := d.Undo(ctx, 0, nil)
		if err != nil || act.ID != want.id || act.Kind != want.kind || act.CardID != want.card {
			t.Fatalf("undo = %+v, %v; want %s of %s (id %d)", act, err, want.kind, want.card, want.id)
		}
		if c, _ := d.Card(ctx, want.card); !want.check(c) {
			t.Errorf("after undoing the %s, card %s = %+v", want.kind, want.card, c)
		}
	}
	if _, err := d.Undo(ctx, 0, nil); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("fourth undo: err = %v, want nothing to undo", err)
	}
	// Unsuspending is an action too, and undoing it suspends again; a card
	// retired from its source (suspended = 2) keeps that mark.
	d.db.Exec("UPDATE cards SET suspended = 2 WHERE id = ?", one.Key)
	if _, err := d.Suspend(ctx, one.Key, false); err != nil {
		t.Fatal(err)
	}
	if act, err := d.Undo(ctx, 0, nil); err != nil || act.Kind != deck.ActUnsuspend {
		t.Fatalf("undo unsuspend = %+v, %v", act, err)
	}
	var susp int
	d.db.QueryRow("SELECT suspended FROM cards WHERE id = ?", one.Key).Scan(&susp)
	if susp != 2 {
		t.Errorf("suspended = %d after undoing the unsuspend, want 2 as before", susp)
	}
}

// An answer whose card has newer history (an import since) is not undone,
// and nothing changes.
func TestUndoRefusesWhenCardHasNewerHistory(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	one, _ := d.Card(ctx, "one")
	same := func(c deck.Card) (deck.Schedule, error) { return c.Schedule, nil }
	rev, _ := d.Answer(ctx, one.Key, t0, deck.Good, 0, time.Time{}, same)
	d.Answer(ctx, one.Key, t0, deck.Good, 0, time.Time{}, same) // newer history, as an import would add
	d.db.Exec("DELETE FROM actions")
	d.db.Exec("INSERT INTO actions (kind, card_id, review_id) VALUES ('answer', ?, ?)", one.Key, rev.ID)
	if _, err := d.Undo(ctx, 0, nil); err == nil || !strings.Contains(err.Error(), "newer history") {
		t.Fatalf("undo = %v, want a refusal", err)
	}
	if revs, _ := d.Reviews(ctx, one.Key); len(revs) != 2 {
		t.Errorf("review log has %d rows, want both kept", len(revs))
	}
}

func TestCountsAndNext(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	d.Sync(ctx, mustSet(t, "---\ndeck: Other\n---\nQ: x?\nA: y\n"), "t2", false, t0)
	end := t0.Add(19 * time.Hour)
	counts, err := d.Counts(ctx, "", t0, t0, end)
	if err != nil || len(counts) != 2 || counts[0].Deck != "D::E" || counts[0].New != 3 || counts[1].New != 1 {
		t.Fatalf("counts = %+v, %v", counts, err)
	}
	sub, _ := d.Counts(ctx, "D", t0, t0, end)
	if len(sub) != 1 || sub[0].Deck != "D::E" {
		t.Errorf("counts of D = %+v, want only D::E", sub)
	}
	if none, _ := d.Counts(ctx, "D::E::F", t0, t0, end); len(none) != 0 {
		t.Errorf("counts of a missing deck = %+v", none)
	}
	first, _ := d.NextNew(ctx, "", t0)
	if first == nil || first.ID != "one" || first.Paper != "p1" {
		t.Fatalf("first new = %+v", first)
	}
	d.Bury(ctx, first.Key, end)
	if c, _ := d.NextNew(ctx, "", t0); c == nil || c.ID != "two/c1" {
		t.Errorf("after bury next = %+v, want two/c1", c)
	}
	if c, _ := d.NextNew(ctx, "", end); c == nil || c.ID != "one" {
		t.Errorf("next day next = %+v, want one", c)
	}
	d.Suspend(ctx, first.Key, true)
	counts, _ = d.Counts(ctx, "D::E", end, end, end.Add(24*time.Hour))
	if counts[0].New != 2 || counts[0].Cards != 3 {
		t.Errorf("with one suspended = %+v", counts[0])
	}
}

func TestSyncBuiltinOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "loci.db")
	a, b := mustOpen(t, path), mustOpen(t, path)
	var calls atomic.Int32
	set := func() (*deck.Set, error) { calls.Add(1); return mustSet(t, twoCards), nil }
	// Two processes starting at once: both may parse, only one merges.
	done := make(chan bool, 2)
	for _, d := range []*DB{a, b} {
		go func(d *DB) {
			synced, _, err := d.SyncBuiltin(ctx, "v1", set, t0)
			if err != nil {
				t.Error(err)
			}
			done <- synced
		}(d)
	}
	merged := 0
	for i := 0; i < 2; i++ {
		if <-done {
			merged++
		}
	}
	if merged != 1 {
		t.Errorf("%d of 2 concurrent first runs merged the deck, want 1", merged)
	}
	calls.Store(0)
	if synced, _, _ := a.SyncBuiltin(ctx, "v1", set, t0); synced || calls.Load() != 0 {
		t.Errorf("same version again: synced=%v, parsed %d times; want neither", synced, calls.Load())
	}
	var n int
	a.db.QueryRow("SELECT count(*) FROM cards").Scan(&n)
	if n != 3 {
		t.Errorf("%d cards after seeding twice, want 3", n)
	}
	if synced, _, _ := a.SyncBuiltin(ctx, "v2", set, t0); !synced {
		t.Errorf("a new version was not merged")
	}
}

func TestPaperStages(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	papers, err := d.Papers(ctx)
	if err != nil || len(papers) != 1 {
		t.Fatalf("papers = %+v, %v", papers, err)
	}
	p := papers[0]
	if p.Key != "p1" || p.Stage != deck.Queued || p.Cards != 3 || !p.StageAt.Equal(t0) {
		t.Errorf("paper = %+v, want p1 queued with 3 cards since %v", p, t0)
	}
	t1 := t0.Add(48 * time.Hour)
	if err := d.SetPaperStage(ctx, "p1", deck.Read, t1); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPaperStage(ctx, "p1", deck.Read, t1.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	papers, _ = d.Papers(ctx)
	if papers[0].Stage != deck.Read || !papers[0].StageAt.Equal(t1) {
		t.Errorf("after advance = %+v, want read since %v", papers[0], t1)
	}
	var moves int
	d.db.QueryRow("SELECT count(*) FROM paper_stages").Scan(&moves)
	if moves != 2 {
		t.Errorf("%d stage rows, want 2 (queued, read; the repeat records nothing)", moves)
	}
	if err := d.SetPaperStage(ctx, "nope", deck.Read, t1); !errors.Is(err, ErrNoPaper) {
		t.Errorf("unknown paper: err = %v", err)
	}
	if err := d.SetPaperStage(ctx, "p1", "skimmed", t1); err == nil {
		t.Errorf("bad stage accepted")
	}
	// A re-sync of the file does not reset the learner's stage.
	d.Sync(ctx, mustSet(t, strings.Replace(twoCards, "P one", "P one, renamed", 1)), "t", false, t1)
	papers, _ = d.Papers(ctx)
	if papers[0].Stage != deck.Read || papers[0].Title != "P one, renamed" {
		t.Errorf("after re-sync = %+v", papers[0])
	}
}

func TestAnswerBuriesClozeSiblings(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	c1, _ := d.Card(ctx, "two/c1")
	end := t0.Add(19 * time.Hour)
	_, err := d.Answer(ctx, c1.Key, t0, deck.Good, 0, end, func(cur deck.Card) (deck.Schedule, error) {
		s := cur.Schedule
		s.State = deck.StateLearning
		return s, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := d.Card(ctx, "two/c2")
	if !c2.BuriedUntil.Equal(end) {
		t.Errorf("sibling buried until %v, want %v", c2.BuriedUntil, end)
	}
	if one, _ := d.Card(ctx, "one"); !one.BuriedUntil.IsZero() {
		t.Errorf("an unrelated card was buried")
	}
	if c1, _ = d.Card(ctx, "two/c1"); !c1.BuriedUntil.IsZero() {
		t.Errorf("the answered card itself was buried")
	}
	// Undoing the answer brings the sibling back.
	if _, err := d.Undo(ctx, 0, func(time.Time) time.Time { return end }); err != nil {
		t.Fatal(err)
	}
	if c2, _ = d.Card(ctx, "two/c2"); !c2.BuriedUntil.IsZero() {
		t.Errorf("after undo the sibling is still buried until %v", c2.BuriedUntil)
	}
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, twoCards), "t", false, t0)
	c, _ := d.Card(ctx, "one")
	after := deck.Schedule{State: deck.StateLearning, Due: t0.Add(time.Minute), Stability: 1, Difficulty: 5, Reps: 1, LastReview: t0}
	d.Answer(ctx, c.Key, t0, deck.Again, 0, time.Time{}, func(deck.Card) (deck.Schedule, error) { return after, nil })
	if p, err := d.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("Check of a good database = %v, %v", p, err)
	}
	d.db.Exec("UPDATE cards SET stability = 9 WHERE uid = 'one'")
	if p, _ := d.Check(ctx); len(p) != 1 || !strings.Contains(p[0], "one") {
		t.Errorf("Check after tampering = %v, want the card named", p)
	}
	// An answer logged an hour before the previous one on card two (the
	// scheduler refuses such an answer; an old database may hold one).
	c2, _ := d.Card(ctx, "two/c1")
	for _, at := range []time.Time{t0, t0.Add(-time.Hour)} {
		at2 := after
		at2.LastReview = at
		d.Answer(ctx, c2.Key, at, deck.Again, 0, time.Time{}, func(deck.Card) (deck.Schedule, error) { return at2, nil })
	}
	p, _ := d.Check(ctx)
	if len(p) != 2 || p[1] != "answers out of time order (a clock went backwards): two/c1" {
		t.Errorf("Check with answers out of order = %q, want the card named", p)
	}
}

// The indexes a bulk import rebuilds are the ones the migrations made.
func TestQueueIndexesMatchSchema(t *testing.T) {
	checkQueueIndexes(t, mustOpen(t, ""))
}

// checkQueueIndexes checks that d has the queue indexes as queueIndexes
// (and so the migrations) make them.
func checkQueueIndexes(t *testing.T, d *DB) {
	t.Helper()
	for _, ix := range queueIndexes {
		name := strings.Fields(ix)[2]
		var sqlText string
		if err := d.db.QueryRow("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", name).Scan(&sqlText); err != nil {
			t.Fatalf("index %s: %v", name, err)
		}
		if sqlText != ix {
			t.Errorf("index %s is %q in the schema, %q in queueIndexes", name, sqlText, ix)
		}
	}
}

func TestBulkSyncKeepsIndexes(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	set := &deck.Set{}
	for i := 0; i < bulkCards+5; i++ {
		set.Cards = append(set.Cards, deck.Card{ID: fmt.Sprintf("bulk-%d", i), Deck: "Bulk", Kind: deck.Basic, Front: fmt.Sprint("q", i), Back: "a"})
	}
	res, err := d.Sync(ctx, set, "t", false, t0)
	if err != nil || res.Added != bulkCards+5 {
		t.Fatalf("bulk sync = %+v, %v", res, err)
	}
	var n int
	d.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('cards_queue', 'cards_deck_queue', 'cards_new')").Scan(&n)
	if n != 3 {
		t.Errorf("%d of the 3 queue indexes exist after a bulk import", n)
	}
	if c, _ := d.NextNew(ctx, "Bulk", t0); c == nil || c.ID != "bulk-0" {
		t.Errorf("first new card after a bulk import = %+v", c)
	}
}
