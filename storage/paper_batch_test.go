package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"loci/deck"
)

// A sync of many papers reads the stored keys at once and writes arrivals
// and collection and tag links in batches; it must store exactly what the
// paper-by-paper way stores: the same papers, stage records in the same
// order, the same links and counts, also when a key comes twice
// in one set and when a batch fills up mid-sync.
func TestImportPapersBatched(t *testing.T) {
	ctx := context.Background()
	before := []deck.Paper{{Key: "old", Title: "Old", Stage: deck.Queued, Collections: []string{"Keep"}, GroupsKnown: true}}
	set := []deck.Paper{
		{Key: "a", Title: "A", Stage: deck.Read, Collections: []string{"X/Y", "Z"}, Tags: []string{"t1", "t2"}, GroupsKnown: true},
		{Key: "b", Title: "B", Collections: []string{"Z"}, GroupsKnown: true},
		{Key: "old", Title: "Old", Stage: deck.Read, Collections: []string{"New"}, Tags: []string{"t1"}, GroupsKnown: true},
		{Key: "a", Title: "A2", Stage: deck.Understood, Collections: []string{"W"}, GroupsKnown: true}, // the same key again
		{Key: "c", Title: "C", Stage: deck.Read, Tags: []string{"t3"}, GroupsKnown: true},
		{Key: "d", Title: "D", Collections: []string{"X/Y"}, Tags: []string{"t1", "t2", "t3"}, GroupsKnown: true},
	}
	type stored struct {
		res    SyncResult
		stages string // key:stage per record, in the order written
		papers string // key title stage [collections] [tags]
	}
	run := func(t *testing.T, preload, batch int) stored {
		defer func(p, a, l int) { preloadPapers, arrivalBatch, linkBatch = p, a, l }(preloadPapers, arrivalBatch, linkBatch)
		preloadPapers, arrivalBatch, linkBatch = preload, batch, batch
		d := mustOpen(t, "")
		if _, err := d.Import(ctx, &deck.Set{Papers: before}, t0, ImportOptions{Origin: "z"}); err != nil {
			t.Fatal(err)
		}
		res, err := d.Import(ctx, &deck.Set{Papers: set}, t0, ImportOptions{Origin: "z"})
		if err != nil {
			t.Fatal(err)
		}
		var out stored
		out.res = res.SyncResult
		rows, err := d.db.QueryContext(ctx, "SELECT p.key, s.stage FROM paper_stages s JOIN papers p ON p.id = s.paper_id ORDER BY s.id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var recs []string
		for rows.Next() {
			var k, s string
			if err := rows.Scan(&k, &s); err != nil {
				t.Fatal(err)
			}
			recs = append(recs, k+":"+s)
		}
		out.stages = strings.Join(recs, " ")
		ps, err := d.Papers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, p := range ps {
			lines = append(lines, fmt.Sprintf("%s %s %s %q %q", p.Key, p.Title, p.Stage, p.Collections, p.Tags))
		}
		out.papers = strings.Join(lines, "\n")
		return out
	}
	want := stored{
		res:    SyncResult{PapersAdded: 4, PapersUpdated: 2, PapersAdvanced: 2},
		stages: "old:queued a:read b:queued old:read a:understood c:read d:queued",
		papers: strings.Join([]string{
			`old Old read ["New"] ["t1"]`,
			`a A2 understood ["W"] []`,
			`b B queued ["Z"] []`,
			`c C read [] ["t3"]`,
			`d D queued ["X/Y"] ["t1" "t2" "t3"]`,
		}, "\n"),
	}
	for _, tt := range []struct {
		name           string
		preload, batch int
	}{
		{"paper by paper", 1 << 30, 2000},
		{"preloaded, large batches", 1, 2000},
		{"preloaded, batches of two", 1, 2},
		{"preloaded, batches of one", 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.preload, tt.batch)
			if got.res != want.res {
				t.Errorf("result %+v, want %+v", got.res, want.res)
			}
			if got.papers != want.papers {
				t.Errorf("papers:\n%s\nwant:\n%s", got.papers, want.papers)
			}
			if got.stages != want.stages {
				t.Errorf("stage records %q, want %q", got.stages, want.stages)
			}
		})
	}
}
