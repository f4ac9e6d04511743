package storage

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"loci/deck"
)

const keyIdeas = "---\ndeck: K\npaper:\n  key: p1\n  title: P one\n---\n" +
	"Q: plain?\nA: 1\nid: plain\n\n" +
	"Q: idea read?\nA: 2\nunlock: read\nid: idea-read\n\n" +
	"Q: idea understood?\nA: 3\nunlock: understood\nid: idea-understood\n"

// servedNew returns the ids of every new card the queue serves today, in
// order, burying each so that the next one comes up.
func servedNew(t *testing.T, d *DB, now time.Time) []string {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for {
		c, err := d.NextNew(ctx, "", now)
		if err != nil {
			t.Fatal(err)
		}
		if c == nil {
			return ids
		}
		ids = append(ids, c.ID)
		if _, err := d.Bury(ctx, c.Key, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestKeyIdeaCardsWaitForTheirPaper(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	if _, err := d.Sync(ctx, mustSet(t, keyIdeas), "t", false, t0); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		stage        deck.Stage
		served       []string
		new, waiting int
	}{
		{deck.Queued, []string{"plain"}, 1, 2},
		{deck.Read, []string{"plain", "idea-read"}, 2, 1},
		{deck.Understood, []string{"plain", "idea-read", "idea-understood"}, 3, 0},
		{deck.Replicated, []string{"plain", "idea-read", "idea-understood"}, 3, 0},
		{deck.Queued, []string{"plain"}, 1, 2}, // moved back: unstudied cards wait again
	}
	for i, st := range steps {
		now := t0.Add(time.Duration(i+1) * 24 * time.Hour)
		if err := d.SetPaperStage(ctx, "p1", st.stage, now); err != nil {
			t.Fatal(err)
		}
		if got := servedNew(t, d, now); !reflect.DeepEqual(got, st.served) {
			t.Errorf("step %d (%s): served %v, want %v", i, st.stage, got, st.served)
		}
		later := now.Add(time.Hour) // past the burials
		counts, err := d.Counts(ctx, "", later, later, later)
		if err != nil || len(counts) != 1 {
			t.Fatalf("counts = %+v, %v", counts, err)
		}
		if counts[0].New != st.new || counts[0].Waiting != st.waiting || counts[0].Cards != 3 {
			t.Errorf("step %d (%s): counts %+v, want new %d waiting %d", i, st.stage, counts[0], st.new, st.waiting)
		}
		papers, _ := d.Papers(ctx)
		if papers[0].Cards != 3 || papers[0].Waiting != st.waiting {
			t.Errorf("step %d (%s): paper %+v, want 3 cards, %d waiting", i, st.stage, papers[0], st.waiting)
		}
	}

	cards, err := d.PaperCards(ctx, "p1")
	if err != nil || len(cards) != 3 {
		t.Fatalf("paper cards = %+v, %v", cards, err)
	}
	all, err := d.PapersCards(ctx)
	if err != nil || len(all) != 1 || !reflect.DeepEqual(all["p1"], cards) {
		t.Fatalf("papers' cards = %+v, %v; want p1's %d cards", all, err, len(cards))
	}
	for _, c := range cards {
		if want := c.ID != "plain"; c.Waiting != want || (c.Unlock != "") != want {
			t.Errorf("card %s: waiting %v unlock %q", c.ID, c.Waiting, c.Unlock)
		}
	}

	// A card that drops its unlock line in a new version of the file joins
	// the queue at once; one that gains it waits.
	edited := strings.Replace(strings.Replace(keyIdeas, "unlock: read\n", "", 1),
		"A: 1\nid: plain", "A: 1\nunlock: read\nid: plain", 1)
	if _, err := d.Sync(ctx, mustSet(t, edited), "t", false, t0.Add(10*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := servedNew(t, d, t0.Add(10*24*time.Hour)); !reflect.DeepEqual(got, []string{"idea-read"}) {
		t.Errorf("after edit served %v, want [idea-read]", got)
	}
}

// A card the learner has already studied is never held back, even when its
// paper moves back down the ladder.
func TestStudiedCardsDoNotWait(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	d.Sync(ctx, mustSet(t, keyIdeas), "t", false, t0)
	d.SetPaperStage(ctx, "p1", deck.Read, t0)
	c, _ := d.Card(ctx, "idea-read")
	after := deck.Schedule{State: deck.StateReview, Due: t0.Add(72 * time.Hour), Stability: 3, Reps: 1, LastReview: t0}
	if _, err := d.Answer(ctx, c.Key, t0.Add(time.Minute), deck.Good, time.Second, time.Time{},
		func(deck.Card) (deck.Schedule, error) { return after, nil }); err != nil {
		t.Fatal(err)
	}
	d.SetPaperStage(ctx, "p1", deck.Queued, t0.Add(time.Hour))
	c, _ = d.Card(ctx, "idea-read")
	if c.Waiting {
		t.Errorf("studied card waits: %+v", c)
	}
	papers, _ := d.Papers(ctx)
	if papers[0].Waiting != 1 {
		t.Errorf("paper waiting = %d, want 1 (only idea-understood)", papers[0].Waiting)
	}
}
