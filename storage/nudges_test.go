package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"loci/deck"
)

func TestClaimNudgeOncePerPeriod(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "loci.db")
	d := mustOpen(t, path)
	steps := []struct {
		name         string
		job, period  string
		release      bool // release (job, period) instead of claiming it
		wantInserted bool
	}{
		{name: "first daily", job: "daily", period: "2026-11-28", wantInserted: true},
		{name: "same day again", job: "daily", period: "2026-11-28", wantInserted: false},
		{name: "other job, same day", job: "evening", period: "2026-11-28", wantInserted: true},
		{name: "next day", job: "daily", period: "2026-11-29", wantInserted: true},
		{name: "release a failed send", job: "daily", period: "2026-11-29", release: true},
		{name: "claim it again", job: "daily", period: "2026-11-29", wantInserted: true},
	}
	for i, s := range steps {
		if s.release {
			if err := d.ReleaseNudge(ctx, s.job, s.period); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			continue
		}
		at := t0.Add(time.Duration(i) * time.Minute)
		got, err := d.ClaimNudge(ctx, s.job, s.period, at, "msg "+s.name)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got != s.wantInserted {
			t.Errorf("%s: inserted = %v, want %v", s.name, got, s.wantInserted)
		}
	}
	// A restarted daemon opens the file afresh and still finds the claims.
	d.Close()
	d = mustOpen(t, path)
	if ok, err := d.ClaimNudge(ctx, "daily", "2026-11-28", t0.Add(time.Hour), "again"); err != nil || ok {
		t.Errorf("claim after reopen = %v, %v; want false", ok, err)
	}
	all, err := d.Nudges(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ job, period, msg string }{
		{"daily", "2026-11-28", "msg first daily"},
		{"evening", "2026-11-28", "msg other job, same day"},
		{"daily", "2026-11-29", "msg claim it again"},
	}
	if len(all) != len(want) {
		t.Fatalf("nudges = %+v, want %d rows", all, len(want))
	}
	for i, w := range want {
		if all[i].Job != w.job || all[i].Period != w.period || all[i].Message != w.msg {
			t.Errorf("nudge %d = %+v, want %s %s %q", i, all[i], w.job, w.period, w.msg)
		}
	}
	if !all[0].SentAt.Equal(t0) {
		t.Errorf("sent_at = %v, want %v", all[0].SentAt, t0)
	}
	daily, err := d.Nudges(ctx, "daily")
	if err != nil || len(daily) != 2 {
		t.Errorf("daily nudges = %+v, %v; want 2", daily, err)
	}
}

func TestReviewCount(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, "")
	if _, err := d.Sync(ctx, mustSet(t, twoCards), "t", false, t0); err != nil {
		t.Fatal(err)
	}
	c, err := d.Card(ctx, "one")
	if err != nil || c == nil {
		t.Fatalf("card one: %v", err)
	}
	// Answers at 09:00, 09:30 and the next day at 09:00.
	for _, at := range []time.Time{t0, t0.Add(30 * time.Minute), t0.Add(24 * time.Hour)} {
		_, err := d.Answer(ctx, c.Key, at, deck.Good, time.Second, time.Time{}, func(cur deck.Card) (deck.Schedule, error) {
			s := cur.Schedule
			s.State, s.Reps, s.LastReview, s.Due = deck.StateReview, s.Reps+1, at, at.Add(24*time.Hour)
			return s, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		from, to time.Time
		want     int
	}{
		{t0, t0.Add(30 * time.Minute), 1}, // the end is exclusive
		{t0, t0.Add(30*time.Minute + time.Millisecond), 2},
		{t0.Add(-5 * time.Hour), t0.Add(19 * time.Hour), 2}, // a learner day from 04:00
		{t0.Add(19 * time.Hour), t0.Add(43 * time.Hour), 1},
		{t0.Add(-48 * time.Hour), t0.Add(-24 * time.Hour), 0},
	}
	for _, tt := range tests {
		got, err := d.ReviewCount(ctx, tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("ReviewCount(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}
