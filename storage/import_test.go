package storage

import (
	"context"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

func TestImportHistory(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	settings := scheduler.DefaultSettings()
	settings.Location, settings.Fuzz = time.UTC, false
	sched, _ := scheduler.New(settings)
	set := mustSet(t, twoCards)
	day := 24 * time.Hour
	set.History = []deck.LogEntry{
		{CardID: "one", At: t0, Rating: deck.Good, Duration: 5 * time.Second, Kind: deck.EntryLearn, ExtID: "x:1"},
		{CardID: "one", At: t0.Add(10 * time.Minute), Rating: deck.Good, Kind: deck.EntryLearn, ExtID: "x:2"},
		{CardID: "one", At: t0.Add(4 * day), Rating: deck.Again, Kind: deck.EntryReview, ExtID: "x:3"},
		{CardID: "nobody", At: t0, Rating: deck.Good, ExtID: "x:9"},
	}
	opt := ImportOptions{Origin: "import", Replay: sched.ReplayLog, DryRun: true}
	res, err := d.Import(ctx, set, t0, opt)
	if err != nil || res.Added != 3 || res.ReviewsAdded != 3 || res.ReviewsSkipped != 1 {
		t.Fatalf("dry run = %+v, %v; want 3 cards, 3 reviews added, 1 skipped", res, err)
	}
	if c, _ := d.Card(ctx, "one"); c != nil {
		t.Fatalf("a dry run wrote card %+v", c)
	}
	opt.DryRun = false
	if _, err := d.Import(ctx, set, t0, opt); err != nil {
		t.Fatal(err)
	}
	c, _ := d.Card(ctx, "one")
	revs, _ := d.Reviews(ctx, c.Key)
	if len(revs) != 3 {
		t.Fatalf("imported %d reviews, want 3", len(revs))
	}
	// The card's state is what replaying the same answers gives.
	_, want, _ := sched.ReplayLog("one", deck.Schedule{}, set.History[:3])
	if c.Schedule != want || c.Schedule.State != deck.StateRelearning || c.Schedule.Lapses != 1 {
		t.Errorf("card after import = %+v, want %+v (relearning after a lapse)", c.Schedule, want)
	}
	if revs[0].Duration != 5*time.Second || revs[2].Before != revs[1].After {
		t.Errorf("review rows do not chain: %+v", revs)
	}
	// Importing again adds nothing; a newer entry is appended on top.
	res, _ = d.Import(ctx, set, t0, opt)
	if res.ReviewsAdded != 0 || res.Added != 0 {
		t.Errorf("second import = %+v, want nothing added", res)
	}
	set.History = append(set.History, deck.LogEntry{CardID: "one", At: t0.Add(4*day + 10*time.Minute), Rating: deck.Good, ExtID: "x:4"},
		deck.LogEntry{CardID: "one", At: t0.Add(time.Hour), Rating: deck.Easy, ExtID: "x:old"})
	res, _ = d.Import(ctx, set, t0, opt)
	if res.ReviewsAdded != 1 || res.ReviewsSkipped != 2 {
		t.Errorf("third import = %+v, want 1 added, 2 skipped (one too old, one unknown card)", res)
	}
	c, _ = d.Card(ctx, "one")
	if c.Schedule.State != deck.StateReview || c.Schedule.Reps != 4 {
		t.Errorf("after appended entry = %+v", c.Schedule)
	}
}

func TestImportScheduleWithoutHistory(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	set := mustSet(t, twoCards)
	sch := deck.Schedule{State: deck.StateReview, Due: t0.Add(72 * time.Hour), Stability: 12, Difficulty: 5,
		ScheduledDays: 12, Reps: 3, LastReview: t0.Add(-9 * 24 * time.Hour)}
	set.Cards[0].Schedule = sch
	set.Cards[1].Suspended = true
	res, err := d.Import(ctx, set, t0, ImportOptions{Origin: "import"})
	if err != nil || res.Scheduled != 1 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	c, _ := d.Card(ctx, set.Cards[0].ID)
	if c.Schedule != sch {
		t.Errorf("schedule = %+v, want %+v", c.Schedule, sch)
	}
	if s, _ := d.Card(ctx, set.Cards[1].ID); !s.Suspended {
		t.Errorf("suspended state not imported")
	}
	res, _ = d.Import(ctx, set, t0, ImportOptions{Origin: "import"})
	if res.Scheduled != 0 {
		t.Errorf("re-import rescheduled %d cards", res.Scheduled)
	}
}
