package storage

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"loci/deck"
	"loci/deck/search"
)

// searchFixture holds five cards in three decks with schedules, tags, a
// paper and answers chosen so that every search term separates them.
func searchFixture(t *testing.T) (*DB, SearchOptions) {
	t.Helper()
	ctx := context.Background()
	d := mustOpen(t, "")
	files := []string{
		"---\ndeck: Career::Funding\ntags: [money, grants::open]\npaper:\n  key: elk\n  title: ELK\n---\nQ: How are grants given?\nA: By panels\nid: fund1\n",
		"---\ndeck: Career::Funding::Grants\ntags: [leech]\n---\nQ: What is a 100% grant?\nA: full_cover\nid: fund2\n",
		"---\ndeck: Research\ntags: [hard]\n---\nQ: Define RLHF\nA: Reinforcement learning from human feedback\nid: res1\n\nC: The {{c1::a dog}} barks\nid: res2\n",
		"---\ndeck: Research\ntags: [ml-basics, ml::deep, abxcd]\n---\nQ: Q star*?\nA: back\\slash\nid: res3\n",
	}
	var fs []*deck.File
	for i, text := range files {
		f, err := deck.Parse("f"+string(rune('a'+i))+".md", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	set, err := deck.Merge(fs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Sync(ctx, set, "t", false, t0.Add(-30*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	// res3 was added long ago; the others recently.
	for _, s := range []struct {
		uid                   string
		state                 deck.State
		due                   time.Time
		ivl                   int
		stab, diff            float64
		lapses, reps          int
		last, created, buried time.Time
		suspended             int
	}{
		{"fund1", deck.StateReview, t0.Add(2 * day), 12, 40, 6, 3, 9, t0.Add(-12 * day), t0.Add(-2 * day), time.Time{}, 0},
		{"fund2", deck.StateNew, t0, 0, 0, 0, 0, 0, time.Time{}, t0.Add(-time.Hour), time.Time{}, 0},
		{"res1", deck.StateLearning, t0.Add(-time.Minute), 0, 1, 5, 0, 1, t0.Add(-11 * time.Minute), t0.Add(-6 * day), time.Time{}, 1},
		{"res2/c1", deck.StateRelearning, t0.Add(time.Hour), 1, 3, 8, 1, 4, t0.Add(-time.Hour), t0.Add(-6 * day), t0.Add(10 * time.Hour), 0},
		{"res3", deck.StateReview, t0.Add(-3 * day), 5, 2, 3, 0, 2, t0.Add(-20 * day), t0.Add(-20 * day), time.Time{}, 0},
	} {
		if _, err := d.db.Exec(`UPDATE cards SET state = ?, due = ?, scheduled_days = ?, stability = ?, difficulty = ?,
			lapses = ?, reps = ?, last_review = ?, created_at = ?, buried_until = ?, suspended = ? WHERE uid = ?`,
			int(s.state), ms(s.due), s.ivl, s.stab, s.diff, s.lapses, s.reps, ms(s.last), ms(s.created), ms(s.buried),
			s.suspended, s.uid); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.SetPaperStage(ctx, "elk", deck.Read, t0); err != nil {
		t.Fatal(err)
	}
	// Answers: res3 Again 2 days ago, fund1 Good 10 days ago, res1 a
	// manual reschedule today (not an answer).
	for _, a := range []struct {
		uid  string
		at   time.Time
		r    deck.Rating
		kind deck.EntryKind
	}{
		{"res3", t0.Add(-2 * day), deck.Again, deck.EntryReview},
		{"fund1", t0.Add(-10 * day), deck.Good, deck.EntryReview},
		{"res1", t0, 0, deck.EntryManual},
	} {
		c, _ := d.Card(ctx, a.uid)
		if _, err := d.db.Exec(`INSERT INTO reviews (card_id, at, rating, kind, state_before, due_before, stability_before,
			difficulty_before, elapsed_before, scheduled_before, reps_before, lapses_before, last_review_before,
			state, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses)
			VALUES (?, ?, ?, ?, 2, 0, 1, 5, 0, 0, 0, 0, 0, 2, 0, 1, 5, 0, 0, 0, 0)`, c.Key, ms(a.at), int(a.r), string(a.kind)); err != nil {
			t.Fatal(err)
		}
	}
	// The learner day starts at 04:00 UTC; t0 is 09:00.
	dayStart := time.Date(t0.Year(), t0.Month(), t0.Day(), 4, 0, 0, 0, time.UTC)
	recall := func(r float64) float64 { return (math.Pow(r, -2) - 1) * 81 / 19 } // FSRS-5's curve
	return d, SearchOptions{Now: t0, DayStart: dayStart, RecallDays: recall}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	d, opt := searchFixture(t)
	for _, tc := range []struct {
		q    string
		want string // uids in the order added, space-separated
	}{
		{"", "fund1 fund2 res1 res2/c1 res3"},
		{"grant", "fund1 fund2"},
		{"GRANTS given", "fund1"},
		{`"a dog"`, "res2/c1"},
		{"dog or rlhf", "res1 res2/c1"},
		{"100%", "fund2"},
		{"full_cover", "fund2"},
		{"full*cover", "fund2"},
		{"fullxcover", ""},
		{`star\*`, "res3"},
		{`back\\slash`, "res3"},
		{"human", "res1"},
		{"front:rlhf", ""},
		{"front:*rlhf", "res1"},
		{"front:define*", "res1"},
		{"back:by panels", ""},
		{`back:"by panels"`, "fund1"},
		{"deck:Funding", "fund1 fund2"},
		{"deck:funding", "fund1 fund2"},
		{"deck:Grants", "fund2"},
		{"deck:Career", "fund1 fund2"},
		{`deck:"Career::Funding"`, "fund1 fund2"},
		{"deck:Fund*", "fund1 fund2"},
		{"deck:Fundin", ""},
		{"deck:Res*", "res1 res2/c1 res3"},
		{"-deck:Research", "fund1 fund2"},
		{"tag:money", "fund1"},
		{"tag:grants", "fund1"},
		{"tag:grants::open", "fund1"},
		{"tag:gran", ""},
		{"tag:ml", "res3"},
		{"tag:ml*", "res3"},
		{"tag:*deep", "res3"},
		{"tag:a*d", "res3"},
		{"tag:ml-*xcd", ""}, // a "*" inside a pattern stays within one tag
		{"tag:ml*deep", "res3"},
		{"tag:m*p", "res3"},
		{"is:new", "fund2"},
		{"is:learn", "res1 res2/c1"},
		{"is:review", "fund1 res2/c1 res3"},
		{"is:due", "res1 res3"},
		{"is:suspended", "res1"},
		{"is:buried", "res2/c1"},
		{"is:leech", "fund2"},
		{"-is:leech is:new", ""},
		{"paper:elk", "fund1"},
		{"paper:e*", "fund1"},
		{"-paper:elk", "fund2 res1 res2/c1 res3"},
		{"stage:read", "fund1"},
		{"stage:queued", ""},
		{"prop:ivl>=10", "fund1"},
		{"prop:ivl<5", "fund2 res1 res2/c1"},
		{"prop:due<0", "res3"},
		{"prop:due=0", "res1 res2/c1"},
		{"prop:due<=0", "res1 res2/c1 res3"},
		{"prop:due=2", "fund1"},
		{"prop:due>1", "fund1"},
		{"prop:due!=0", "fund1 res3"},
		{"prop:due>=-3", "fund1 res1 res2/c1 res3"},
		{"prop:due<-3", ""},
		{"prop:lapses>2", "fund1"},
		{"prop:lapses>=1", "fund1 res2/c1"},
		{"prop:reps=0", "fund2"},
		{"prop:stability>30", "fund1"},
		{"prop:s<3", "res1 res3"},
		{"prop:d>=6", "fund1 res2/c1"},
		// Recall now: fund1 12 days at S 40 ≈ 0.97; res3 20 days at S 2 ≈ 0.55;
		// res1 11 minutes at S 1 ≈ 1.00; res2 1 hour at S 3 ≈ 1.00.
		{"prop:retrievability<0.8", "res3"},
		{"prop:r>0.9", "fund1 res1 res2/c1"},
		{"prop:r>0.99", "res1 res2/c1"},
		{"prop:r<=0", ""},
		{"prop:r>0", "fund1 res1 res2/c1 res3"},
		{"added:1", "fund2"},
		{"added:3", "fund1 fund2"},
		{"added:7", "fund1 fund2 res1 res2/c1"},
		{"rated:1", ""},
		{"rated:3", "res3"},
		{"rated:3:1", "res3"},
		{"rated:3:3", ""},
		{"rated:11", "fund1 res3"},
		{"rated:11:3", "fund1"},
		{"deck:Funding (is:new or prop:lapses>2) -tag:hard", "fund1 fund2"},
		{"(deck:Research -is:suspended) or tag:leech", "fund2 res2/c1 res3"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			q, err := search.Parse(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			cards, err := d.Search(ctx, q, opt)
			if err != nil {
				t.Fatalf("Search(%q): %v", tc.q, err)
			}
			var got []string
			for _, c := range cards {
				got = append(got, c.ID)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Fatalf("Search(%q) = %q, want %q", tc.q, g, tc.want)
			}
			n, err := d.SearchCount(ctx, q, opt)
			if err != nil || n != len(got) {
				t.Fatalf("SearchCount(%q) = %d, %v; want %d", tc.q, n, err, len(got))
			}
		})
	}
}

func TestSearchOrderAndPages(t *testing.T) {
	ctx := context.Background()
	d, opt := searchFixture(t)
	all := search.Query{}
	for _, tc := range []struct {
		sort SortKey
		desc bool
		want string
	}{
		{SortAdded, false, "fund1 fund2 res1 res2/c1 res3"},
		{SortAdded, true, "res3 res2/c1 res1 fund2 fund1"},
		{SortDue, false, "res3 res1 res2/c1 fund1 fund2"},
		{SortDue, true, "fund1 res2/c1 res1 res3 fund2"},
		{SortInterval, true, "fund1 res3 res2/c1 fund2 res1"},
		{SortStability, false, "fund2 res1 res3 res2/c1 fund1"},
		{SortDifficulty, true, "res2/c1 fund1 res1 res3 fund2"},
		{SortLapses, true, "fund1 res2/c1 fund2 res1 res3"},
	} {
		o := opt
		o.Sort, o.Desc = tc.sort, tc.desc
		cards, err := d.Search(ctx, all, o)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cards {
			got = append(got, c.ID)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("sort %s desc=%v = %q, want %q", tc.sort, tc.desc, g, tc.want)
		}
		// Pages of two put together give the same order.
		var paged []string
		for off := 0; off < 5; off += 2 {
			o.Limit, o.Offset = 2, off
			page, err := d.Search(ctx, all, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page {
				paged = append(paged, c.ID)
			}
		}
		if !slices.Equal(paged, got) {
			t.Errorf("sort %s desc=%v in pages = %v, want %v", tc.sort, tc.desc, paged, got)
		}
	}
	o := opt
	o.Studyable = true
	cards, _ := d.Search(ctx, all, o)
	if len(cards) != 3 {
		t.Errorf("studyable cards = %d, want 3 (not the suspended or the buried one)", len(cards))
	}
	// A new card waiting for its paper checkpoint is not studyable either.
	if _, err := d.db.Exec("UPDATE cards SET waiting = 1, unlock = 'understood' WHERE uid = 'fund2'"); err != nil {
		t.Fatal(err)
	}
	if cards, _ := d.Search(ctx, all, o); len(cards) != 2 {
		t.Errorf("studyable cards with one waiting = %d, want 2", len(cards))
	}
	if _, err := d.Search(ctx, all, SearchOptions{}); err == nil {
		t.Error("a search without a clock ran")
	}
}
