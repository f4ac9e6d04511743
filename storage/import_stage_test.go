package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"loci/deck"
)

// stagedCards returns n cards of a stream, ids prefix0…, on lines 1…n.
func stagedCards(prefix string, n int) []deck.Card {
	cards := make([]deck.Card, n)
	for i := range cards {
		id := fmt.Sprintf("%s%d", prefix, i)
		cards[i] = deck.Card{ID: id, Deck: "Streamed", Kind: deck.Basic, Front: "Front of " + id, Back: "back of " + id,
			Tags: []string{"t"}, File: "s.tsv", Line: i + 1}
	}
	return cards
}

// positions returns the position of every card by id.
func positions(t *testing.T, d *DB) map[string]int64 {
	t.Helper()
	rows, err := d.db.Query("SELECT uid, position FROM cards")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var p int64
		if err := rows.Scan(&id, &p); err != nil {
			t.Fatal(err)
		}
		out[id] = p
	}
	return out
}

// A stream longer than the stage is written in several flushes; a later
// stream that mixes stored cards (changed, unchanged, edited by the
// learner) with new ones counts each as card-by-card writing did, updates
// only what changed, and gives the new cards the next positions in the
// order they came, none skipped.
func TestImportStreamStaged(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	n := stageRows + 5
	first := stagedCards("a", n)
	res, err := d.Import(ctx, &deck.Set{}, t0, ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(first...)}})
	if err != nil || res.Added != n {
		t.Fatalf("first import = %+v, %v; want %d added", res, err, n)
	}
	pos := positions(t, d)
	for i := 1; i < n; i++ {
		if pos[first[i].ID] != pos[first[i-1].ID]+1 {
			t.Fatalf("card %d at position %d after %d: want the next", i, pos[first[i].ID], pos[first[i-1].ID])
		}
	}
	if _, err := d.db.Exec("UPDATE cards SET front = 'my own words', edited = 1 WHERE uid = 'a3'"); err != nil {
		t.Fatal(err)
	}

	// Every third stored card changes its back (a3 among them, which the
	// learner edited); a new card follows every fourth stored one.
	var second, fresh []deck.Card
	wantUpdated, wantUnchanged := 0, 0
	for i, c := range first {
		if i%3 == 0 {
			c.Back += ", edited"
			if c.ID != "a3" {
				wantUpdated++
			} else {
				wantUnchanged++
			}
		} else {
			wantUnchanged++
		}
		second = append(second, c)
		if i%4 == 0 {
			nc := stagedCards(fmt.Sprintf("new%d-", i), 1)[0]
			second = append(second, nc)
			fresh = append(fresh, nc)
		}
	}
	later := t0.Add(24 * 60 * 60 * 1e9)
	res, err = d.Import(ctx, &deck.Set{}, later, ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(second...)}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(fresh) || res.Updated != wantUpdated || res.Unchanged != wantUnchanged {
		t.Errorf("second import = %d added, %d updated, %d unchanged; want %d, %d, %d",
			res.Added, res.Updated, res.Unchanged, len(fresh), wantUpdated, wantUnchanged)
	}
	pos = positions(t, d)
	last := pos[first[n-1].ID]
	for i, c := range fresh {
		if pos[c.ID] != last+int64(i)+1 {
			t.Fatalf("new card %s at position %d: want %d", c.ID, pos[c.ID], last+int64(i)+1)
		}
	}
	for _, c := range []struct {
		id, front, back string
		modified        bool
	}{
		{"a0", "Front of a0", "back of a0, edited", true},
		{"a1", "Front of a1", "back of a1", false},
		{"a3", "my own words", "back of a3", false},
		{"a6", "Front of a6", "back of a6, edited", true},
	} {
		var front, back string
		var modified int64
		if err := d.db.QueryRow("SELECT front, back, modified_at FROM cards WHERE uid = ?", c.id).Scan(&front, &back, &modified); err != nil {
			t.Fatal(err)
		}
		if front != c.front || back != c.back || (modified == ms(later)) != c.modified {
			t.Errorf("card %s = %q / %q, modified at %d; want %q / %q, modified %v", c.id, front, back, modified, c.front, c.back, c.modified)
		}
	}
}

// A streamed card with an unlock stage waits for its paper; the same card
// streamed again without one no longer waits.
func TestImportStreamWaiting(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	if _, err := d.Sync(ctx, mustSet(t, keyIdeas), "t", false, t0); err != nil {
		t.Fatal(err)
	}
	card := deck.Card{ID: "s", Deck: "K", Kind: deck.Basic, Front: "streamed?", Back: "s", Paper: "p1", File: "s.tsv", Line: 1}
	for _, step := range []struct {
		unlock  deck.Stage
		waiting int
	}{{deck.Read, 1}, {"", 0}, {deck.Understood, 1}} {
		card.Unlock = step.unlock
		if _, err := d.Import(ctx, &deck.Set{}, t0, ImportOptions{Origin: "import", Streams: []CardStream{cardsStream(card)}}); err != nil {
			t.Fatal(err)
		}
		var waiting int
		if err := d.db.QueryRow("SELECT waiting FROM cards WHERE uid = 's'").Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting != step.waiting {
			t.Errorf("unlock %q: waiting %d, want %d", step.unlock, waiting, step.waiting)
		}
	}
}

// Large cards do not wait for a full batch or a full stage: a card of
// more than stageWaitBytes goes into the stage at once, and the stage
// reports itself full once its cards' text reaches stageBytes, however few
// they are, so an import of long Anki notes holds only a few at a time.
func TestStageBoundsText(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	s, err := newStage(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	front := strings.Repeat("x", stageWaitBytes)
	for i := 1; ; i++ {
		r := &stagedCard{Card: deck.Card{ID: fmt.Sprint("big", i), Kind: deck.Basic, Front: front, Back: "b"}, deckID: 1}
		full, err := s.add(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.waiting) != 0 {
			t.Fatalf("card %d of %d bytes waits for a batch", i, len(front))
		}
		want := i*stageWaitBytes >= stageBytes
		if full != want {
			t.Fatalf("after %d cards of %d bytes: full = %v, want %v", i, len(front), full, want)
		}
		if full {
			break
		}
	}
	var staged int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM temp.loci_stream_stage").Scan(&staged); err != nil {
		t.Fatal(err)
	}
	if staged != stageBytes/stageWaitBytes {
		t.Errorf("%d cards in the stage, want %d", staged, stageBytes/stageWaitBytes)
	}
}
