package storage

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rebuild testdata fixtures")

// buildV1Fixture writes a database as the first schema version of loci made
// it: migration 1 only, with a deck, a paper, cards and two answers.
func buildV1Fixture(t *testing.T, path string) {
	os.Remove(path)
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		migrations[0],
		`INSERT INTO decks(id, name) VALUES (1, 'Old::Deck')`,
		`INSERT INTO papers(id, key, title, stage, created_at) VALUES (1, 'old-paper', 'An old paper', 'read', 1764000000000)`,
		`INSERT INTO paper_stages(paper_id, stage, at) VALUES (1, 'queued', 1764000000000), (1, 'read', 1764100000000)`,
		`INSERT INTO cards(id, uid, deck_id, kind, front, back, ord, tags, source, paper_id, origin, position, created_at, modified_at,
			state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, last_review)
			VALUES (1, 'old-basic', 1, 'basic', 'Old question?', 'Old answer.', 0, 'a b', 'src', 1, 'import', 1, 1764000000000, 1764000000000,
			2, 1764604800000, 4.5, 5.25, 0, 4, 2, 0, 1764259200000),
			(2, 'old-cloze/c1', 1, 'cloze', 'The {{c1::old}} text', '', 1, '', '', NULL, 'import', 2, 1764000000000, 1764000000000,
			0, 1764000000000, 0, 0, 0, 0, 0, 0, 0)`,
		`INSERT INTO reviews(card_id, at, rating, duration_ms, state_before, due_before, stability_before, difficulty_before,
			elapsed_before, scheduled_before, reps_before, lapses_before, last_review_before,
			state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses)
			VALUES (1, 1764258600000, 3, 4000, 0, 1764000000000, 0, 0, 0, 0, 0, 0, 0,
				1, 1764259200000, 3.17, 5.3, 0, 0, 1, 0),
			(1, 1764259200000, 3, 6000, 1, 1764259200000, 3.17, 5.3, 0, 0, 1, 0, 1764258600000,
				2, 1764604800000, 4.5, 5.25, 0, 4, 2, 0)`,
		`INSERT INTO meta(key, value) VALUES ('builtin_version', 'old')`,
		`PRAGMA user_version = 1`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("fixture: %v\n%s", err, s)
		}
	}
	if _, err := db.Exec("VACUUM"); err != nil {
		t.Fatal(err)
	}
}

// A database made by the first schema version opens with this binary with
// every row intact, after a backup.
func TestOpenSchemaV1Fixture(t *testing.T) {
	fixture := filepath.Join("testdata", "schema-v1.db")
	if *update {
		buildV1Fixture(t, fixture)
	}
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatalf("%v (run go test ./storage -run V1Fixture -update to build it)", err)
	}
	path := filepath.Join(t.TempDir(), "loci.db")
	os.WriteFile(path, data, 0o600)
	ctx := context.Background()
	d := mustOpen(t, path)
	var v int
	d.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion)
	}
	if baks, _ := filepath.Glob(filepath.Join(d.BackupDir(), "loci.db.before-v*.db")); len(baks) != 1 {
		t.Errorf("backups before migrating = %v, want one", baks)
	}
	c, err := d.Card(ctx, "old-basic")
	if err != nil || c == nil {
		t.Fatalf("old card: %v", err)
	}
	if c.Deck != "Old::Deck" || c.Paper != "old-paper" || c.Schedule.Stability != 4.5 || c.Schedule.Reps != 2 ||
		c.Schedule.ScheduledDays != 4 || c.Schedule.LastReview.UnixMilli() != 1764259200000 {
		t.Errorf("old card = %+v", c)
	}
	revs, _ := d.Reviews(ctx, c.Key)
	if len(revs) != 2 || revs[1].Duration.Milliseconds() != 6000 || revs[1].After.Stability != 4.5 {
		t.Errorf("old reviews = %+v", revs)
	}
	papers, _ := d.Papers(ctx)
	if len(papers) != 1 || papers[0].Stage != "read" || papers[0].StageAt.UnixMilli() != 1764100000000 {
		t.Errorf("old papers = %+v", papers)
	}
	if p, err := d.Check(ctx); err != nil || len(p) > 0 {
		t.Errorf("Check = %v, %v", p, err)
	}
	if n, _ := d.LogSize(ctx); n != 2 {
		t.Errorf("log size %d", n)
	}
	// Answers given before the undo journal existed can still be undone.
	act, err := d.Undo(ctx, 0, nil)
	if err != nil || act.Kind != "answer" || act.Review.At.UnixMilli() != 1764259200000 {
		t.Fatalf("undo after migrating = %+v, %v", act, err)
	}
	if c, _ := d.Card(ctx, "old-basic"); c.Schedule.Reps != 1 || c.Schedule.State != 1 {
		t.Errorf("card after undo = %+v, want its state after the first answer", c.Schedule)
	}
}
