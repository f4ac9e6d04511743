package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; migration i brings user_version to i+1.
// Never edit one that has shipped: add a new one.
var migrations = []string{
	// 1: cards, decks, papers, the review log.
	`
CREATE TABLE decks (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);
CREATE TABLE papers (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL UNIQUE,
	title      TEXT NOT NULL,
	authors    TEXT NOT NULL DEFAULT '',
	year       INTEGER NOT NULL DEFAULT 0,
	venue      TEXT NOT NULL DEFAULT '',
	url        TEXT NOT NULL DEFAULT '',
	arxiv      TEXT NOT NULL DEFAULT '',
	doi        TEXT NOT NULL DEFAULT '',
	difficulty TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	stage      TEXT NOT NULL DEFAULT 'queued' CHECK (stage IN ('queued', 'read', 'understood', 'replicated')),
	created_at INTEGER NOT NULL
);
CREATE TABLE paper_stages (
	id       INTEGER PRIMARY KEY,
	paper_id INTEGER NOT NULL REFERENCES papers(id),
	stage    TEXT NOT NULL,
	at       INTEGER NOT NULL
);
CREATE INDEX paper_stages_at ON paper_stages(at);
CREATE TABLE cards (
	id             INTEGER PRIMARY KEY,
	uid            TEXT NOT NULL UNIQUE,
	deck_id        INTEGER NOT NULL REFERENCES decks(id),
	kind           TEXT NOT NULL CHECK (kind IN ('basic', 'cloze')),
	front          TEXT NOT NULL,
	back           TEXT NOT NULL,
	ord            INTEGER NOT NULL DEFAULT 0,
	tags           TEXT NOT NULL DEFAULT '',
	source         TEXT NOT NULL DEFAULT '',
	paper_id       INTEGER REFERENCES papers(id),
	origin         TEXT NOT NULL DEFAULT '',
	position       INTEGER NOT NULL,
	created_at     INTEGER NOT NULL,
	modified_at    INTEGER NOT NULL,
	state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
	due            INTEGER NOT NULL,
	stability      REAL NOT NULL DEFAULT 0,
	difficulty     REAL NOT NULL DEFAULT 0,
	elapsed_days   INTEGER NOT NULL DEFAULT 0,
	scheduled_days INTEGER NOT NULL DEFAULT 0,
	reps           INTEGER NOT NULL DEFAULT 0,
	lapses         INTEGER NOT NULL DEFAULT 0,
	last_review    INTEGER NOT NULL DEFAULT 0,
	suspended      INTEGER NOT NULL DEFAULT 0, -- 1 by the learner, 2 removed from its source file
	buried_until   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cards_queue ON cards(state, due);
CREATE INDEX cards_deck_queue ON cards(deck_id, state, due);
CREATE INDEX cards_new ON cards(state, position) WHERE state = 0;
CREATE TABLE reviews (
	id                 INTEGER PRIMARY KEY,
	card_id            INTEGER NOT NULL REFERENCES cards(id),
	at                 INTEGER NOT NULL,
	rating             INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4), -- 0: an imported manual reschedule
	duration_ms        INTEGER NOT NULL DEFAULT 0,
	state_before       INTEGER NOT NULL,
	due_before         INTEGER NOT NULL,
	stability_before   REAL NOT NULL,
	difficulty_before  REAL NOT NULL,
	elapsed_before     INTEGER NOT NULL,
	scheduled_before   INTEGER NOT NULL,
	reps_before        INTEGER NOT NULL,
	lapses_before      INTEGER NOT NULL,
	last_review_before INTEGER NOT NULL,
	state              INTEGER NOT NULL,
	due                INTEGER NOT NULL,
	stability          REAL NOT NULL,
	difficulty         REAL NOT NULL,
	elapsed_days       INTEGER NOT NULL,
	scheduled_days     INTEGER NOT NULL,
	reps               INTEGER NOT NULL,
	lapses             INTEGER NOT NULL
);
CREATE INDEX reviews_card ON reviews(card_id, at);
CREATE INDEX reviews_at ON reviews(at);
CREATE TRIGGER reviews_append_only BEFORE UPDATE ON reviews
BEGIN
	SELECT RAISE(ABORT, 'the review log is append-only');
END;
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`,
	// 2: imported history and nudges.
	`
-- An imported review keeps the id it had in its source (for example
-- "anki:1711684180217"), so that importing the same file again adds nothing.
-- Manual reschedules from Anki are kept as history with kind 'manual'.
ALTER TABLE reviews ADD COLUMN ext_id TEXT;
ALTER TABLE reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'review';
CREATE UNIQUE INDEX reviews_ext_id ON reviews(ext_id) WHERE ext_id IS NOT NULL;
-- One row per nudge sent: a job sends at most once per period (a learner
-- day, or an ISO week for the weekly job), even across restarts.
-- Due counts read this index alone, never the cards' text.
DROP INDEX cards_deck_queue;
CREATE INDEX cards_deck_queue ON cards(deck_id, state, due, suspended, buried_until);
CREATE INDEX cards_paper ON cards(paper_id) WHERE paper_id IS NOT NULL;
CREATE TABLE nudges (
	id      INTEGER PRIMARY KEY,
	job     TEXT NOT NULL,
	period  TEXT NOT NULL,
	sent_at INTEGER NOT NULL,
	message TEXT NOT NULL,
	UNIQUE (job, period)
);
`,
	// 3: cards that wait for their paper checkpoint.
	`
-- unlock is the stage a card's paper must reach before the card, while new,
-- enters the new queue ('' for none); waiting is 1 while it has not. Sync
-- and paper stage changes keep waiting up to date, so the queue and the due
-- counts read it from the index like the other queue columns.
ALTER TABLE cards ADD COLUMN unlock TEXT NOT NULL DEFAULT '' CHECK (unlock IN ('', 'read', 'understood', 'replicated'));
ALTER TABLE cards ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting IN (0, 1));
DROP INDEX cards_deck_queue;
CREATE INDEX cards_deck_queue ON cards(deck_id, state, due, suspended, buried_until, waiting);
`,
	// 4: learning steps (go-fsrs v4).
	`
-- The (re)learning steps a card still has to pass, before and after each
-- answer, so that undo puts it back on the same step. Cards learning
-- before this column existed read 0, which the scheduler takes as the
-- last step: Good graduates them, as it did then.
ALTER TABLE cards ADD COLUMN steps INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN steps_before INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN steps INTEGER NOT NULL DEFAULT 0;
`,
	// 5: the undo journal.
	`
-- What the learner did, newest last, so that undo takes back the latest
-- action of any kind: an answer (its row in the review log), a bury or a
-- (un)suspension (the card's flags before it). Only the newest rows are kept.
CREATE TABLE actions (
	id               INTEGER PRIMARY KEY,
	kind             TEXT NOT NULL CHECK (kind IN ('answer', 'bury', 'suspend', 'unsuspend')),
	card_id          INTEGER NOT NULL REFERENCES cards(id),
	review_id        INTEGER,
	suspended_before INTEGER NOT NULL DEFAULT 0,
	buried_before    INTEGER NOT NULL DEFAULT 0
);
-- Answers given before this journal existed stay undoable, newest last.
INSERT INTO actions (kind, card_id, review_id)
	SELECT 'answer', card_id, id FROM (SELECT card_id, id FROM reviews
		WHERE kind = 'review' AND ext_id IS NULL ORDER BY id DESC LIMIT 100) ORDER BY id;
`,
	// 6: leeches, the learner's own edits, the decks folder.
	`
-- One row each time an answer made a card a leech, with what marking it
-- changed, so that undoing the answer puts back exactly that, and the weekly
-- summary lists the week's new leeches.
CREATE TABLE leeches (
	id        INTEGER PRIMARY KEY,
	card_id   INTEGER NOT NULL REFERENCES cards(id),
	review_id INTEGER NOT NULL UNIQUE,
	at        INTEGER NOT NULL,
	lapses    INTEGER NOT NULL,
	tagged    INTEGER NOT NULL, -- 1 when this mark added the tag
	suspended INTEGER NOT NULL  -- 1 when this mark suspended the card
);
CREATE INDEX leeches_at ON leeches(at);
-- 1 for a card whose text the learner edited in loci (loci edit): a later
-- update of its source (the built-in deck, a re-import) leaves the text alone
-- until the learner drops the edit (loci edit --revert).
ALTER TABLE cards ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
-- The files of the decks folder as last synced, so that an unchanged file
-- is not read again: size and modification time (ns), then a hash of the
-- content when those differ.
-- Its cards' origins are "decks:PATH": a partial index finds a file's cards
-- (see suspendMissingCards) without touching other imports.
CREATE INDEX cards_folder ON cards(origin) WHERE origin GLOB 'decks:*';
CREATE TABLE folder_files (
	path      TEXT PRIMARY KEY,
	size      INTEGER NOT NULL,
	mtime     INTEGER NOT NULL,
	hash      TEXT NOT NULL,
	synced_at INTEGER NOT NULL
);
`,
	// 7: saved runs of loci optimize --retention.
	`
-- Each run of loci optimize --retention: when (ms), its random seed (the
-- uint64's bits), the days simulated, the desired retention in force and
-- the one recommended; the weekly summary draws the latest run's curve
-- without simulating again.
CREATE TABLE retention_runs (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL,
	seed        INTEGER NOT NULL,
	days        INTEGER NOT NULL,
	cards       INTEGER NOT NULL,
	in_force    REAL NOT NULL,
	recommended REAL NOT NULL
);
-- One row per desired retention simulated in a run.
CREATE TABLE retention_levels (
	run_id           INTEGER NOT NULL REFERENCES retention_runs(id) ON DELETE CASCADE,
	retention        REAL NOT NULL,
	minutes_per_day  REAL NOT NULL,
	reviews_per_day  REAL NOT NULL,
	remembered       REAL NOT NULL,
	seconds_per_card REAL NOT NULL,
	PRIMARY KEY (run_id, retention)
);
`,
	// 8: answers counted from an index alone.
	`
-- The summary's heatmap counts a year of answers per day. An answer is a
-- review row with rating > 0 (manual entries have rating 0, whatever their
-- kind), so (at, rating) counts a time range without reading any row; it
-- serves every query reviews_at served.
CREATE INDEX reviews_at_rating ON reviews(at, rating);
DROP INDEX reviews_at;
`,
	// 9: papers' collections and tags; the stage a source reported.
	`
-- A paper's collections (a reference manager's folders, each a path with
-- "/" between levels, such as "Alignment/Interpretability") and its tags
-- there, each name stored once. folded is the name in lower case (Go's
-- strings.ToLower), so that matching ignores case beyond ASCII. Names that
-- no paper holds any more are deleted by the import that dropped them.
CREATE TABLE collections (
	id     INTEGER PRIMARY KEY,
	path   TEXT NOT NULL UNIQUE,
	folded TEXT NOT NULL
);
CREATE TABLE paper_collections (
	paper_id      INTEGER NOT NULL REFERENCES papers(id),
	collection_id INTEGER NOT NULL REFERENCES collections(id),
	PRIMARY KEY (paper_id, collection_id)
) WITHOUT ROWID;
CREATE INDEX paper_collections_collection ON paper_collections(collection_id, paper_id);
CREATE TABLE paper_tag_names (
	id     INTEGER PRIMARY KEY,
	name   TEXT NOT NULL UNIQUE,
	folded TEXT NOT NULL
);
CREATE TABLE paper_tags (
	paper_id INTEGER NOT NULL REFERENCES papers(id),
	tag_id   INTEGER NOT NULL REFERENCES paper_tag_names(id),
	PRIMARY KEY (paper_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX paper_tags_tag ON paper_tags(tag_id, paper_id);
-- The highest stage an importer has reported for the paper ('' for none).
-- An import moves a paper forward to the stage its source reports only
-- when no source reported that stage before, so that a stage the learner
-- moved back in loci stays where the learner put it.
ALTER TABLE papers ADD COLUMN source_stage TEXT NOT NULL DEFAULT ''
	CHECK (source_stage IN ('', 'queued', 'read', 'understood', 'replicated'));
`,
	// 10: answers tallied per quarter hour, kept by triggers (see quarters.go).
	quartersSchema + `INSERT INTO review_quarters ` + quartersFromLog + `;
`,
}

// SchemaVersion is the user_version this binary brings a database to.
var SchemaVersion = len(migrations)

// migrate applies the missing migrations in one IMMEDIATE transaction, after
// taking a backup of a database that already holds data. A database newer
// than this binary is refused untouched.
func (d *DB) migrate(ctx context.Context) error {
	var have int
	if err := d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if have > SchemaVersion {
		return fmt.Errorf("database schema %d is newer than this loci understands (%d): upgrade loci", have, SchemaVersion)
	}
	if have == SchemaVersion {
		return nil
	}
	if have > 0 {
		if _, err := d.Backup(ctx, fmt.Sprintf("before-v%d", SchemaVersion)); err != nil {
			return fmt.Errorf("backup before migration: %w", err)
		}
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		// Read again inside the lock: another process may have migrated.
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
			return err
		}
		for v := have; v < SchemaVersion; v++ {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion))
		return err
	})
}
