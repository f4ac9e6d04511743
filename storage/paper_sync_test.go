package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

// The stage an importer gives a paper is a floor: a new paper arrives at
// it, a re-import moves a paper forward to it (recorded as a move, its
// waiting cards let in), but never back, and not again to a stage it
// reported before if the learner moved the paper back since.
func TestImportStageFloor(t *testing.T) {
	ctx := context.Background()
	t1, t2 := t0.Add(24*time.Hour), t0.Add(48*time.Hour)
	type step struct {
		learner deck.Stage // when set, the learner moves the paper here (at t1) before the import
		source  deck.Stage // the stage the import gives (at t2)
	}
	tests := []struct {
		name    string
		first   deck.Stage // the stage the first import gives, at t0
		then    []step
		want    deck.Stage
		moves   string // StageMoves from t0 on: "from>to" each
		waiting int    // cards of the paper still waiting (one unlocks at read, one at understood)
		wantErr string
	}{
		{name: "arrives queued", first: "", want: deck.Queued, moves: "", waiting: 2},
		{name: "arrives at read: no move", first: deck.Read, want: deck.Read, moves: "", waiting: 1},
		{name: "re-import moves forward and unlocks", first: deck.Queued, then: []step{{source: deck.Read}},
			want: deck.Read, moves: "queued>read", waiting: 1},
		{name: "re-import skips a stage", first: deck.Queued, then: []step{{source: deck.Understood}},
			want: deck.Understood, moves: "queued>understood", waiting: 0},
		{name: "empty stage changes nothing", first: deck.Read, then: []step{{source: ""}},
			want: deck.Read, moves: "", waiting: 1},
		{name: "queued from a source never moves back", first: deck.Read, then: []step{{source: deck.Queued}},
			want: deck.Read, moves: "", waiting: 1},
		{name: "the learner's understood stays", first: deck.Queued,
			then: []step{{learner: deck.Understood, source: deck.Read}},
			want: deck.Understood, moves: "queued>understood", waiting: 0},
		{name: "a stage the learner moved back stays back", first: deck.Read,
			then: []step{{learner: deck.Queued, source: deck.Read}, {source: deck.Read}},
			want: deck.Queued, moves: "read>queued", waiting: 2},
		{name: "a higher stage reported later still moves", first: deck.Read,
			then: []step{{learner: deck.Queued, source: deck.Understood}},
			want: deck.Understood, moves: "read>queued queued>understood", waiting: 0},
		{name: "an unknown stage is refused", first: deck.Queued, then: []step{{source: "skimmed"}},
			want: deck.Queued, moves: "", waiting: 2, wantErr: `paper "p": stage "skimmed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustOpen(t, "")
			set := func(s deck.Stage) *deck.Set {
				return &deck.Set{
					Papers: []deck.Paper{{Key: "p", Title: "P", Stage: s, File: "lib", Line: 1}},
					Cards: []deck.Card{
						{ID: "r", Deck: "D", Kind: deck.Basic, Front: "r?", Back: "r", Paper: "p", Unlock: deck.Read},
						{ID: "u", Deck: "D", Kind: deck.Basic, Front: "u?", Back: "u", Paper: "p", Unlock: deck.Understood},
					},
				}
			}
			if _, err := d.Import(ctx, set(tt.first), t0, ImportOptions{Origin: "lib"}); err != nil {
				t.Fatal(err)
			}
			var err error
			for _, s := range tt.then {
				if s.learner != "" {
					if err := d.SetPaperStage(ctx, "p", s.learner, t1); err != nil {
						t.Fatal(err)
					}
				}
				if _, err = d.Import(ctx, set(s.source), t2, ImportOptions{Origin: "lib"}); err != nil {
					break
				}
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			p := paperOf(t, d, "p")
			if p.Stage != tt.want || p.Waiting != tt.waiting {
				t.Errorf("stage %s with %d waiting, want %s with %d", p.Stage, p.Waiting, tt.want, tt.waiting)
			}
			ms, err := d.StageMoves(ctx, t0, t2.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, string(m.From)+">"+string(m.To))
			}
			if strings.Join(got, " ") != tt.moves {
				t.Errorf("moves %q, want %q", got, tt.moves)
			}
		})
	}
}

// A re-import that moves a paper counts it as updated and advanced.
func TestImportStageCounts(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	p := deck.Paper{Key: "p", Title: "P", Stage: deck.Queued}
	if _, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{p}}, t0, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p.Stage = deck.Read
	res, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{p}}, t0, ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.PapersUpdated != 1 || res.PapersAdvanced != 1 {
		t.Errorf("dry run: updated %d, advanced %d; want 1, 1", res.PapersUpdated, res.PapersAdvanced)
	}
	if got := paperOf(t, d, "p").Stage; got != deck.Queued {
		t.Errorf("a dry run moved the paper to %s", got)
	}
}

// An import on a connection that already holds a temporary table (a
// decks-folder sync made one), where SQLite refuses to move temporary
// storage to memory inside the transaction, still imports.
func TestImportAfterTempTable(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.db.SetMaxOpenConns(1) // one connection for both
	if _, err := d.Sync(ctx, mustSet(t, twoCards), "t", true, t0); err != nil {
		t.Fatal(err)
	}
	var temps int
	if err := d.db.QueryRow("SELECT count(*) FROM temp.sqlite_master").Scan(&temps); err != nil || temps == 0 {
		t.Fatalf("temporary tables: %d, %v; the sync should have made one", temps, err)
	}
	set := &deck.Set{Papers: []deck.Paper{{Key: "z", Title: "Z", Collections: []string{"A"}}}}
	if _, err := d.Import(ctx, set, t0, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := paperOf(t, d, "z").Collections; len(got) != 1 || got[0] != "A" {
		t.Errorf("collections %q", got)
	}
}
