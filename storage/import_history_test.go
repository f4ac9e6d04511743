package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// historyStream hands over the set's history card by card, in the order
// the cards first appear in it, then the cards that have a schedule but no
// history: as a reader that streams would.
func historyStream(set *deck.Set) HistoryStream {
	return func(emit func(CardHistory) error) error {
		seeds := map[string]deck.Schedule{}
		for _, c := range set.Cards {
			seeds[c.ID] = c.Schedule
		}
		byCard, order := historyByCard(set.History)
		for _, id := range order {
			if err := emit(CardHistory{CardID: id, Entries: byCard[id], Seed: seeds[id]}); err != nil {
				return err
			}
		}
		for _, c := range set.Cards {
			if _, ok := byCard[c.ID]; !ok && c.Schedule.State != deck.StateNew {
				if err := emit(CardHistory{CardID: c.ID, Seed: c.Schedule}); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// dumpTables lists every row of every table, in rowid order.
func dumpTables(t *testing.T, d *DB) string {
	t.Helper()
	rows, err := d.db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := d.db.Query("SELECT * FROM " + table + " ORDER BY rowid")
		if err != nil {
			rows, err = d.db.Query("SELECT * FROM " + table) // WITHOUT ROWID: its key orders it
		}
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

// A card stream with a history stream stores what the same cards and
// history given as a set store, table by table, on a first import and on a
// second one.
func TestHistoryStreamStoresAsSet(t *testing.T) {
	settings := scheduler.DefaultSettings()
	settings.Location, settings.Fuzz = time.UTC, false
	sched, _ := scheduler.New(settings)
	day := 24 * time.Hour
	seed := deck.Schedule{State: deck.StateReview, Due: t0.Add(3 * day), Stability: 12, Difficulty: 5,
		ScheduledDays: 10, Reps: 4, LastReview: t0.Add(-7 * day)}
	card := func(id string, s deck.Schedule) deck.Card {
		return deck.Card{ID: id, Deck: "Anki::Deck", Kind: deck.Basic, Front: id + "?", Back: id, File: "p.apkg", Schedule: s}
	}
	entry := func(id string, at time.Duration, r deck.Rating, ext string) deck.LogEntry {
		return deck.LogEntry{CardID: id, At: t0.Add(-at), Rating: r, Kind: deck.EntryReview, ExtID: ext}
	}
	tests := []struct {
		name string
		set  deck.Set
	}{
		{"history in another order than the cards", deck.Set{
			Cards: []deck.Card{card("a", deck.Schedule{}), card("b", deck.Schedule{}), card("c", deck.Schedule{})},
			History: []deck.LogEntry{
				entry("c", 9*day, deck.Good, "x:1"), entry("c", 2*day, deck.Hard, "x:2"),
				entry("a", 8*day, deck.Good, "x:3"), entry("b", 7*day, deck.Again, "x:4"), entry("a", day, deck.Easy, "x:5"),
			}}},
		{"a schedule without history", deck.Set{Cards: []deck.Card{card("a", seed), card("b", deck.Schedule{})}}},
		{"a seed the replay of history-only entries leaves in place", deck.Set{
			Cards: []deck.Card{card("a", seed), card("b", seed)},
			History: func() []deck.LogEntry {
				h := []deck.LogEntry{entry("a", 20*day, deck.Good, "x:1"), entry("b", 10*day, deck.Good, "x:2")}
				h[0].HistoryOnly = true
				return h
			}()}},
		{"a manual entry and one without a source id", deck.Set{
			Cards: []deck.Card{card("a", deck.Schedule{})},
			History: []deck.LogEntry{entry("a", 5*day, deck.Good, ""),
				{CardID: "a", At: t0.Add(-3 * day), Kind: deck.EntryManual, ExtID: "x:9"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			whole, streamed := mustOpen(t, ""), mustOpen(t, "")
			for round := 1; round <= 2; round++ {
				set := tt.set
				wantRes, err := whole.Import(ctx, &set, t0, ImportOptions{Origin: "import", Replay: sched.ReplayLog})
				if err != nil {
					t.Fatal(err)
				}
				opt := ImportOptions{Origin: "import", Replay: sched.ReplayLog,
					Streams: []CardStream{cardsStream(set.Cards...)}, Histories: []HistoryStream{historyStream(&set)}}
				res, err := streamed.Import(ctx, &deck.Set{}, t0, opt)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(res) != fmt.Sprint(wantRes) {
					t.Errorf("import %d streamed = %+v, want %+v", round, res, wantRes)
				}
				if got, want := dumpTables(t, streamed), dumpTables(t, whole); got != want {
					t.Errorf("import %d streamed stores\n%s\nwant\n%s", round, got, want)
				}
			}
		})
	}
}

// A history stream's error, or one of the writer, rolls the whole import
// back; history without a replayer is refused.
func TestHistoryStreamErrors(t *testing.T) {
	settings := scheduler.DefaultSettings()
	sched, _ := scheduler.New(settings)
	a := deck.Card{ID: "a", Deck: "D", Kind: deck.Basic, Front: "a?", Back: "a"}
	one := CardHistory{CardID: "a", Entries: []deck.LogEntry{{CardID: "a", At: t0.Add(-time.Hour), Rating: deck.Good, ExtID: "x:1"}}}
	tests := []struct {
		name    string
		replay  Replayer
		history HistoryStream
		want    string
	}{
		{"reader error", sched.ReplayLog, func(emit func(CardHistory) error) error {
			if err := emit(one); err != nil {
				return err
			}
			return fmt.Errorf("package.apkg: revlog: broken")
		}, "broken"},
		{"no replayer", nil, func(emit func(CardHistory) error) error { return emit(one) }, "no replayer"},
		{"replay error", func(string, deck.Schedule, []deck.LogEntry) ([]deck.Review, deck.Schedule, error) {
			return nil, deck.Schedule{}, fmt.Errorf("cannot replay")
		}, func(emit func(CardHistory) error) error { return emit(one) }, "cannot replay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			d := mustOpen(t, "")
			before := dumpTables(t, d)
			_, err := d.Import(ctx, &deck.Set{}, t0, ImportOptions{Origin: "import", Replay: tt.replay,
				Streams: []CardStream{cardsStream(a)}, Histories: []HistoryStream{tt.history}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("import error = %v, want %q", err, tt.want)
			}
			if after := dumpTables(t, d); after != before {
				t.Errorf("a failed import changed the database:\n%s", after)
			}
		})
	}
}
