package anki

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"loci/deck"
)

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

// wantCards are the sample fixture's cards, worked out by hand from its
// notes, templates and card rows.
func wantCards(path string) []deck.Card {
	return []deck.Card{
		{ID: "anki-Ab1/c/0", Deck: "Lang::Spanish", Kind: deck.Basic, Front: "perro",
			Back: "dog\n(animal) [image: dog.png]", Tags: []string{"spanish", "vocab"}, File: path},
		{ID: "anki-Ab1/c/1", Deck: "Lang::Spanish", Kind: deck.Basic, Ord: 1, Front: "dog\n(animal) [image: dog.png]",
			Back: "perro", Tags: []string{"spanish", "vocab"}, File: path, Suspended: true},
		{ID: "anki-Xy2/c1", Deck: "Default", Kind: deck.Cloze, Ord: 1,
			Front: "La {{c1::capital}} de España es {{c2::Madrid}}.", Back: "See [sound: madrid.mp3]", File: path},
		{ID: "anki-Xy2/c2", Deck: "Default", Kind: deck.Cloze, Ord: 2,
			Front: "La {{c1::capital}} de España es {{c2::Madrid}}.", Back: "See [sound: madrid.mp3]", File: path},
	}
}

var wantHistory = []deck.LogEntry{
	{CardID: "anki-Ab1/c/0", At: ms(1650000000000), Rating: 3, Duration: 8 * time.Second, Kind: deck.EntryLearn, ExtID: "anki:1650000000000"},
	{CardID: "anki-Ab1/c/0", At: ms(1650000600000), Rating: 3, Duration: 5 * time.Second, Kind: deck.EntryLearn, ExtID: "anki:1650000600000"},
	{CardID: "anki-Ab1/c/0", At: ms(1650086400000), Rating: 1, Duration: 12 * time.Second, Kind: deck.EntryReview, ExtID: "anki:1650086400000"},
	{CardID: "anki-Ab1/c/0", At: ms(1650087000000), Rating: 3, Duration: 4 * time.Second, Kind: deck.EntryRelearn, ExtID: "anki:1650087000000"},
	{CardID: "anki-Ab1/c/0", At: ms(1650200000000), Rating: 0, Duration: 0, Kind: deck.EntryManual, ExtID: "anki:1650200000000"},
	{CardID: "anki-Ab1/c/0", At: ms(1650300000000), Rating: 4, Duration: 70 * time.Second, Kind: deck.EntryFiltered, ExtID: "anki:1650300000000"},
	{CardID: "anki-Xy2/c2", At: ms(1640000000000), Rating: 3, Duration: 3 * time.Second, Kind: deck.EntryLearn, ExtID: "anki:1640000000000"},
	{CardID: "anki-Xy2/c2", At: ms(1640100000000), Rating: 3, Duration: 2500 * time.Millisecond, Kind: deck.EntryReview, ExtID: "anki:1640100000000"},
	{CardID: "anki-Xy2/c2", At: ms(1640200000000), Rating: 0, Duration: 0, Kind: deck.EntryManual, ExtID: "anki:1640200000000"},
	{CardID: "anki-Xy2/c2", At: ms(1640300000000), Rating: 3, Duration: 1500 * time.Millisecond, Kind: deck.EntryFiltered, ExtID: "anki:1640300000000"},
	{CardID: "anki-Xy2/c2", At: ms(1640400000000), Rating: 3, Duration: 2 * time.Second, Kind: deck.EntryReview, ExtID: "anki:1640400000000"},
}

// Card c2 (the reversed card) has an interval but no review log: Anki seeds
// FSRS from its ease and interval. Card c4's log was cut by a reset and has
// no learning step after it: the first review after the reset is the seed.
// Its due is odue (200) because it sits in a filtered deck.
var wantLegacy = map[string]LegacySchedule{
	"anki-Ab1/c/1": {From: "card", Ivl: 30, Factor: 2300,
		LastReview: time.Unix(crt+(120-30)*86400, 0).UTC(),
		Type:       2, Queue: -1, Due: 120, DueAt: time.Unix(crt+120*86400, 0).UTC(), Reps: 5, Lapses: 1},
	"anki-Xy2/c2": {From: "revlog", Ivl: 4, Factor: 2500, LastReview: ms(1640400000000),
		Type: 2, Queue: 2, Due: 200, DueAt: time.Unix(crt+200*86400, 0).UTC(), Reps: 4},
}

var wantNotReplayed = map[string]string{
	"anki:1640000000000": whyReset,
	"anki:1640100000000": whyReset,
	"anki:1640300000000": whyCramming,
	"anki:1640400000000": whySeed,
}

func TestReadLayouts(t *testing.T) {
	for _, l := range []layout{layoutLatest, layoutLatestNoStub, layoutLatestNoMeta, layoutLegacy2Meta, layoutLegacy2, layoutLegacy1} {
		t.Run(string(l), func(t *testing.T) {
			path := buildPackage(t, sampleFixture(), l)
			stage, folder := newStage(t)
			set, st, err := Read(context.Background(), path, Options{Media: stage})
			if err != nil {
				t.Fatal(err)
			}
			wantVersion, wantEntry := map[layout]int{layoutLatest: 3, layoutLatestNoStub: 3, layoutLatestNoMeta: 3, layoutLegacy2Meta: 2, layoutLegacy2: 2, layoutLegacy1: 1}[l],
				map[layout]string{layoutLatest: "collection.anki21b", layoutLatestNoStub: "collection.anki21b", layoutLatestNoMeta: "collection.anki21b",
					layoutLegacy2Meta: "collection.anki21", layoutLegacy2: "collection.anki21", layoutLegacy1: "collection.anki2"}[l]
			if st.Version != wantVersion || st.Collection != wantEntry {
				t.Errorf("version %d from %q, want %d from %q", st.Version, st.Collection, wantVersion, wantEntry)
			}
			if got, want := [4]int{st.Notes, st.Cards, st.Reviews, st.Media}, [4]int{2, 4, 11, 2}; got != want {
				t.Errorf("notes, cards, reviews, media = %v, want %v", got, want)
			}
			wantWarnings := []deck.Warning{{File: path, Group: "review-log rows of cards that were not imported: left out", Detail: "1 row"}}
			if !reflect.DeepEqual(set.Warnings, wantWarnings) {
				t.Errorf("warnings = %+v, want %+v", set.Warnings, wantWarnings)
			}
			for i, want := range wantCards(path) {
				if i >= len(set.Cards) {
					t.Fatalf("only %d cards", len(set.Cards))
				}
				if got := set.Cards[i]; !reflect.DeepEqual(got, want) {
					t.Errorf("card %d:\n got %#v\nwant %#v", i, got, want)
				}
			}
			if len(set.Cards) != 4 {
				t.Errorf("%d cards, want 4", len(set.Cards))
			}
			if !reflect.DeepEqual(set.History, wantHistory) {
				t.Errorf("history:\n got %+v\nwant %+v", set.History, wantHistory)
			}
			if !reflect.DeepEqual(st.Legacy, wantLegacy) {
				t.Errorf("legacy:\n got %+v\nwant %+v", st.Legacy, wantLegacy)
			}
			if !reflect.DeepEqual(st.NotReplayed, wantNotReplayed) {
				t.Errorf("not replayed:\n got %v\nwant %v", st.NotReplayed, wantNotReplayed)
			}
			for i, m := range set.Media {
				set.Media[i].Path = filepath.Base(m.Path) // staged under a temporary folder
			}
			wantMedia := []deck.Media{{Name: "dog.png", Path: "dog.png", Size: int64(len(dogPNG))},
				{Name: "madrid.mp3", Path: "madrid.mp3", Size: int64(len(madridMP3))}}
			if !reflect.DeepEqual(set.Media, wantMedia) {
				t.Errorf("media = %+v, want %+v", set.Media, wantMedia)
			}
			if err := stage.Commit(); err != nil {
				t.Fatal(err)
			}
			wantFiles(t, folder, map[string]string{"dog.png": dogPNG, "madrid.mp3": madridMP3})
			if len(set.Papers) != 0 {
				t.Errorf("papers = %v, want none", set.Papers)
			}
		})
	}
}

func TestReadTwiceIsTheSame(t *testing.T) {
	path := buildPackage(t, sampleFixture(), layoutLatest)
	set1, st1, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	set2, st2, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(set1, set2) || !reflect.DeepEqual(st1, st2) {
		t.Error("two reads of one package differ")
	}
}

func TestDeckOption(t *testing.T) {
	path := buildPackage(t, sampleFixture(), layoutLegacy2Meta)
	set, _, err := Read(context.Background(), path, Options{Deck: " Imports :: Anki "})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range set.Cards {
		if c.Deck != "Imports::Anki" {
			t.Errorf("card %s in deck %q, want Imports::Anki", c.ID, c.Deck)
		}
	}
}

// The v1 scheduler had three buttons while learning: Anki's upgrade moves
// Good (2) and Easy (3) of learn and relearn rows up by one, and leaves
// review rows alone.
func TestV1SchedulerEases(t *testing.T) {
	for _, l := range []layout{layoutLegacy2, layoutLatest} {
		t.Run(string(l), func(t *testing.T) {
			fx := sampleFixture()
			fx.schedVer = 0
			fx.revlog = []fxRev{
				{id: 1, cid: c1, ease: 2, typ: 0, ivl: -60},
				{id: 2, cid: c1, ease: 3, typ: 0, ivl: 4},
				{id: 3, cid: c1, ease: 1, typ: 1, ivl: -60},
				{id: 4, cid: c1, ease: 2, typ: 2, ivl: 1},
				{id: 5, cid: c1, ease: 2, typ: 1, ivl: 3},
			}
			set, _, err := Read(context.Background(), buildPackage(t, fx, l), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []deck.Rating
			for _, h := range set.History {
				got = append(got, h.Rating)
			}
			if want := []deck.Rating{3, 4, 1, 3, 2}; !reflect.DeepEqual(got, want) {
				t.Errorf("ratings = %v, want %v", got, want)
			}
		})
	}
}

// Cards that cannot be shown are left out with a reason; the rest are read.
func TestSkippedCards(t *testing.T) {
	fx := sampleFixture()
	fx.revlog = nil
	fx.notes = append(fx.notes,
		fxNote{id: 3, guid: "empty", mid: basicID, flds: "\x1fonly a back"},
		fxNote{id: 4, guid: "gone", mid: 99, flds: "a\x1fb"},
		fxNote{id: 5, guid: "Ab1/c", mid: basicID, flds: "same guid\x1fx"},
	)
	fx.cards = append(fx.cards,
		fxCard{id: 10, nid: n2, did: defaultDeck, ord: 2}, // c3: not in the text
		fxCard{id: 11, nid: 3, did: defaultDeck, ord: 0},  // empty question
		fxCard{id: 12, nid: 4, did: defaultDeck, ord: 0},  // notetype missing
		fxCard{id: 13, nid: 5, did: defaultDeck, ord: 0},  // duplicate id
		fxCard{id: 14, nid: n1, did: defaultDeck, ord: 5}, // no template 6
		fxCard{id: 15, nid: 777, did: defaultDeck, ord: 0},
	)
	path := buildPackage(t, fx, layoutLatest)
	set, st, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Notes are read in id order, so note 5 claims the shared guid first;
	// every card left out counts as skipped.
	want := []string{
		path + ": 1 cards without a note (run Tools > Check Database in Anki): skipped: card 15",
		path + ": 1 cards whose question side is empty: skipped: note 3 card 1 (Card 1)",
		path + ": 1 cards whose notetype is missing: skipped: note 4 card 1 (notetype 99)",
		path + ": 1 cards another note makes too (two notes share a guid; run Tools > Check Database in Anki): skipped: note 1600000000001 card anki-Ab1/c/0 (also note 5)",
		path + ": 1 cards their notetype has no template for: skipped: note 1600000000001 card 6 (Basic (and reversed card))",
		path + ": 1 cloze cards whose number is in no field the template shows with {{cloze:...}} (Anki shows them empty): skipped: note 1600000000002 card 3",
	}
	if got := deck.Report(set.Warnings); !reflect.DeepEqual(got, want) {
		t.Errorf("report:\n got %q\nwant %q", got, want)
	}
	if got, _ := deck.SkippedCount(set.Warnings); got != 6 {
		t.Errorf("%d skipped, want 6", got)
	}
	if len(set.Cards) != 4 || st.Notes != 5 {
		t.Errorf("%d cards from %d notes, want 4 from 5", len(set.Cards), st.Notes)
	}
}
