package storage

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"loci/deck"
	"loci/deck/search"
)

// paperOf returns the stored paper with key, collections and tags included.
func paperOf(t *testing.T, d *DB, key string) deck.PaperProgress {
	t.Helper()
	ps, err := d.Papers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Key == key {
			return p
		}
	}
	t.Fatalf("no paper %q", key)
	return deck.PaperProgress{}
}

// An import replaces a paper's collections and tags with the ones it
// carries; an empty list leaves them alone unless the source knows them
// all (GroupsKnown), as a reference manager's library does.
func TestImportPaperGroups(t *testing.T) {
	ctx := context.Background()
	stored := deck.Paper{Key: "p", Title: "P", Collections: []string{"A/B", "C"}, Tags: []string{"x", "to read"}}
	tests := []struct {
		name       string
		in         deck.Paper
		cols, tags []string
		updated    int
		namesLeft  []string // every collection name left in the table
		tagsLeft   []string
		wantErr    string
	}{
		{"same again: nothing changes", stored, []string{"A/B", "C"}, []string{"to read", "x"}, 0,
			[]string{"A/B", "C"}, []string{"to read", "x"}, ""},
		{"same in another order", deck.Paper{Key: "p", Title: "P", Collections: []string{"C", "A/B"}, Tags: []string{"to read", "x"}},
			[]string{"A/B", "C"}, []string{"to read", "x"}, 0, []string{"A/B", "C"}, []string{"to read", "x"}, ""},
		{"a source without groups leaves them", deck.Paper{Key: "p", Title: "P"},
			[]string{"A/B", "C"}, []string{"to read", "x"}, 0, []string{"A/B", "C"}, []string{"to read", "x"}, ""},
		{"collections replaced, tags left", deck.Paper{Key: "p", Title: "P", Collections: []string{"D"}},
			[]string{"D"}, []string{"to read", "x"}, 1, []string{"D"}, []string{"to read", "x"}, ""},
		{"tags replaced, collections left", deck.Paper{Key: "p", Title: "P", Tags: []string{"done"}},
			[]string{"A/B", "C"}, []string{"done"}, 1, []string{"A/B", "C"}, []string{"done"}, ""},
		{"a library with none empties both", deck.Paper{Key: "p", Title: "P", GroupsKnown: true},
			nil, nil, 1, nil, nil, ""},
		{"a library replaces both", deck.Paper{Key: "p", Title: "P", GroupsKnown: true, Collections: []string{" A / B "}},
			[]string{"A/B"}, nil, 1, []string{"A/B"}, nil, ""},
		{"a bad name changes nothing", deck.Paper{Key: "p", Title: "Q", Collections: []string{"A", strings.Repeat("x", deck.MaxPaperGroupName+1)}},
			[]string{"A/B", "C"}, []string{"to read", "x"}, 0, []string{"A/B", "C"}, []string{"to read", "x"},
			`zotero.sqlite: paper "p": collections: collection "xxxxx`},
	}
	defer func(n int) { preloadPapers = n }(preloadPapers)
	for _, preload := range []int{1, 1 << 30} { // every paper's names read at once, or each paper's
		preloadPapers = preload
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/preload %v", tt.name, preload == 1), func(t *testing.T) {
				d := mustOpen(t, "")
				first := stored
				first.GroupsKnown = true
				if _, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{first}}, t0, ImportOptions{Origin: "z"}); err != nil {
					t.Fatal(err)
				}
				in := tt.in
				in.File = "zotero.sqlite"
				res, err := d.Import(ctx, &deck.Set{Papers: []deck.Paper{in}}, t0, ImportOptions{Origin: "z"})
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("err = %v, want %q", err, tt.wantErr)
					}
				} else if err != nil {
					t.Fatal(err)
				} else if res.PapersUpdated != tt.updated {
					t.Errorf("papers updated = %d, want %d", res.PapersUpdated, tt.updated)
				}
				p := paperOf(t, d, "p")
				if !reflect.DeepEqual(p.Collections, tt.cols) || !reflect.DeepEqual(p.Tags, tt.tags) {
					t.Errorf("stored collections %q, tags %q; want %q, %q", p.Collections, p.Tags, tt.cols, tt.tags)
				}
				cols, err := d.Collections(ctx)
				if err != nil {
					t.Fatal(err)
				}
				tags, err := d.PaperTags(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(cols, tt.namesLeft) || !reflect.DeepEqual(tags, tt.tagsLeft) {
					t.Errorf("names left: collections %q, tags %q; want %q, %q", cols, tags, tt.namesLeft, tt.tagsLeft)
				}
			})
		}
	}
}

// paperKeys lists the keys of the papers f selects, space-separated.
func paperKeys(t *testing.T, d *DB, f PaperFilter) string {
	t.Helper()
	ps, err := d.PapersWhere(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range ps {
		keys = append(keys, p.Key)
	}
	return strings.Join(keys, " ")
}

var groupsPapers = []deck.Paper{
	{Key: "olah", Title: "Zoom in", Collections: []string{"Alignment/Interpretability"}, Tags: []string{"Circuits", "to read"}},
	{Key: "sae", Title: "Sparse autoencoders", Collections: []string{"Alignment/Interpretability/SAEs"}, Tags: []string{"circuits"}},
	{Key: "rlhf", Title: "RLHF", Collections: []string{"Alignment/RLHF", "Ökonomie"}},
	{Key: "loose", Title: "In no collection"},
}

// groupsFixture holds three papers in nested collections, with cards.
func groupsFixture(t *testing.T) *DB {
	t.Helper()
	d := mustOpen(t, "")
	set := &deck.Set{
		Papers: groupsPapers,
		Cards: []deck.Card{
			{ID: "c-olah", Deck: "Papers", Kind: deck.Basic, Front: "olah?", Back: "a", Paper: "olah"},
			{ID: "c-sae", Deck: "Papers", Kind: deck.Basic, Front: "sae?", Back: "a", Paper: "sae"},
			{ID: "c-rlhf", Deck: "Papers", Kind: deck.Basic, Front: "rlhf?", Back: "a", Paper: "rlhf"},
			{ID: "c-loose", Deck: "Papers", Kind: deck.Basic, Front: "loose?", Back: "a", Paper: "loose"},
			{ID: "c-none", Deck: "Papers", Kind: deck.Basic, Front: "none?", Back: "a"},
		},
	}
	if _, err := d.Import(context.Background(), set, t0, ImportOptions{Origin: "z"}); err != nil {
		t.Fatal(err)
	}
	return d
}

// A collection matches by its full path or its last level, ignoring case
// (beyond ASCII too), with its sub-collections; "*" is a wildcard. The
// same rule serves loci papers --collection and the search term.
func TestCollectionMatch(t *testing.T) {
	ctx := context.Background()
	d := groupsFixture(t)
	opt := SearchOptions{Now: t0, DayStart: t0.Add(-5 * 3600e9)}
	for _, tt := range []struct {
		pattern search.Pattern
		want    string // paper keys in the order added
	}{
		{"Alignment", "olah sae rlhf"},
		{"alignment/interpretability", "olah sae"},
		{"Interpretability", "olah sae"},
		{"INTERP*", "olah sae"},
		{"SAEs", "sae"},
		{"Interpretability/SAEs", "sae"},
		{"ökonomie", "rlhf"},
		{"Interp", ""},
		{"pretability", ""},
		{"Alignment/SAEs", ""},
		{"*", "olah sae rlhf"},
		{"RL_F", ""}, // "_" is no wildcard
	} {
		t.Run(string(tt.pattern), func(t *testing.T) {
			if got := paperKeys(t, d, PaperFilter{Collection: tt.pattern}); got != tt.want {
				t.Errorf("papers = %q, want %q", got, tt.want)
			}
			// The rule an importer applies before storing agrees.
			var byGo []string
			for _, p := range groupsPapers {
				if slices.ContainsFunc(p.Collections, tt.pattern.MatchesCollection) {
					byGo = append(byGo, p.Key)
				}
			}
			if got := strings.Join(byGo, " "); got != tt.want {
				t.Errorf("Pattern.MatchesCollection picks %q, want %q", got, tt.want)
			}
			q, err := search.Parse(`collection:"` + string(tt.pattern) + `"`)
			if err != nil {
				t.Fatal(err)
			}
			cards, err := d.Search(ctx, q, opt)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range cards {
				ids = append(ids, strings.TrimPrefix(c.ID, "c-"))
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("search cards = %q, want %q", got, tt.want)
			}
		})
	}
	// Negated, it keeps cards without a paper or without a collection.
	q, _ := search.Parse("-collection:Alignment")
	cards, err := d.Search(ctx, q, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != 2 || cards[0].ID != "c-loose" || cards[1].ID != "c-none" {
		t.Errorf("-collection:Alignment = %v, want c-loose c-none", cards)
	}
}

func TestPapersWhereTag(t *testing.T) {
	ctx := context.Background()
	d := groupsFixture(t)
	for _, tt := range []struct {
		f    PaperFilter
		want string
	}{
		{PaperFilter{Tag: "circuits"}, "olah sae"},
		{PaperFilter{Tag: "TO READ"}, "olah"},
		{PaperFilter{Tag: "to*"}, "olah"},
		{PaperFilter{Tag: "to"}, ""},
		{PaperFilter{Tag: "circuits", Collection: "SAEs"}, "sae"},
		{PaperFilter{}, "olah sae rlhf loose"},
	} {
		if got := paperKeys(t, d, tt.f); got != tt.want {
			t.Errorf("%+v: papers = %q, want %q", tt.f, got, tt.want)
		}
	}
	p := paperOf(t, d, "olah")
	if !reflect.DeepEqual(p.Tags, []string{"Circuits", "to read"}) || !reflect.DeepEqual(p.Collections, []string{"Alignment/Interpretability"}) {
		t.Errorf("olah: collections %q, tags %q", p.Collections, p.Tags)
	}
	cols, err := d.Collections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Alignment/Interpretability", "Alignment/Interpretability/SAEs", "Alignment/RLHF", "Ökonomie"}
	if !reflect.DeepEqual(cols, want) {
		t.Errorf("collections = %q, want %q", cols, want)
	}
}
