package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/storage"
)

// TestPapersByCollectionE2E stores papers as a reference-manager import
// does (collections, tags, stages, cards from highlights) through storage,
// then lists and searches them with loci, through Main in this process (the
// real binary under LOCI_TEST_EXEC=1): the path a Zotero import takes once
// it has read the library.
func TestPapersByCollectionE2E(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	d, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	set := &deck.Set{
		Papers: []deck.Paper{
			{Key: "olah2020", Title: "Zoom In", Stage: deck.Read, GroupsKnown: true,
				Collections: []string{"Alignment/Interpretability"}, Tags: []string{"circuits", "to read"}},
			{Key: "bricken2023", Title: "Towards Monosemanticity", Stage: deck.Queued, GroupsKnown: true,
				Collections: []string{"Alignment/Interpretability/SAEs"}},
			{Key: "christiano2017", Title: "Deep RL from human preferences", Stage: deck.Queued, GroupsKnown: true,
				Collections: []string{"Alignment/RLHF"}, Tags: []string{"Circuits"}},
		},
		Cards: []deck.Card{
			{ID: "hl-1", Deck: "Papers::Alignment::Interpretability", Kind: deck.Basic, Front: "What is a circuit?", Back: "A subgraph.", Paper: "olah2020"},
			{ID: "hl-2", Deck: "Papers::Alignment::Interpretability::SAEs", Kind: deck.Basic, Front: "What is a feature?", Back: "A direction.", Paper: "bricken2023"},
			{ID: "hl-3", Deck: "Papers::Alignment::RLHF", Kind: deck.Basic, Front: "What is learned?", Back: "A reward model.", Paper: "christiano2017"},
		},
	}
	if _, err := d.Import(context.Background(), set, now, storage.ImportOptions{Origin: "zotero.sqlite"}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	r := &runner{t: t, bin: binary(t), inProcess: true, env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_DB=" + db,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	at := "2026-11-28T10:00:00Z"

	var papers []paperJSON
	if err := json.Unmarshal([]byte(r.run(at, "papers", "--collection", "interpretability", "--json")), &papers); err != nil {
		t.Fatal(err)
	}
	if len(papers) != 2 || papers[0].Key != "olah2020" || papers[1].Key != "bricken2023" {
		t.Fatalf("papers --collection interpretability = %+v, want olah2020 and bricken2023 (a sub-collection)", papers)
	}
	if p := papers[0]; p.Stage != deck.Read || !reflect.DeepEqual(p.Collections, []string{"Alignment/Interpretability"}) ||
		!reflect.DeepEqual(p.Tags, []string{"circuits", "to read"}) || len(p.CardList) != 1 {
		t.Errorf("olah2020 = %+v", p)
	}
	if p := papers[1]; p.Tags == nil || len(p.Tags) != 0 {
		t.Errorf("bricken2023 tags = %#v, want [] (not null)", p.Tags)
	}

	out := r.run(at, "papers", "--tag", "CIRCUITS")
	want := "STAGE       DIFFICULTY CARDS WAIT  KEY — TITLE\n" +
		"read                       1    0  olah2020 — Zoom In\n" +
		"                                   Interpretability · #circuits #to read\n" +
		"queued                     1    0  christiano2017 — Deep RL from human preferences\n" +
		"                                   RLHF · #Circuits\n"
	if out != want {
		t.Errorf("papers --tag CIRCUITS =\n%s\nwant\n%s", out, want)
	}

	out = r.run(at, "search", "collection:Alignment/Interpretability", "-collection:SAEs")
	if !strings.Contains(out, "hl-1") || strings.Contains(out, "hl-2") || strings.Contains(out, "hl-3") {
		t.Errorf("search collection:Alignment/Interpretability -collection:SAEs =\n%s\nwant hl-1 alone", out)
	}
	out = r.run(at, "search", "collection:Align*", "stage:queued")
	if strings.Contains(out, "hl-1") || !strings.Contains(out, "hl-2") || !strings.Contains(out, "hl-3") {
		t.Errorf("search collection:Align* stage:queued =\n%s\nwant hl-2 and hl-3", out)
	}

	// A collection that matches nothing names the ones there are.
	msg, code := r.runFail(at, "papers", "--collection", "Interp")
	if code != 1 {
		t.Fatalf("papers --collection Interp: exit %d; want 1", code)
	}
	for _, s := range []string{`no collection matches "Interp"`, `"Alignment/Interpretability"`, `"Alignment/Interpretability/SAEs"`, `"Alignment/RLHF"`} {
		if !strings.Contains(msg, s) {
			t.Errorf("papers --collection Interp said\n%s\nwant %s", msg, s)
		}
	}
}
