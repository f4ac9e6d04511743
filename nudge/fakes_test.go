package nudge

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

// fakeStore keeps claims, answer times and papers in memory.
type fakeStore struct {
	mu      sync.Mutex
	claims  map[[2]string]string // (job, period) → message
	answers []time.Time
	papers  []deck.PaperProgress
}

func newFakeStore() *fakeStore { return &fakeStore{claims: map[[2]string]string{}} }

func (s *fakeStore) ClaimNudge(_ context.Context, job, period string, _ time.Time, msg string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := [2]string{job, period}
	if _, ok := s.claims[k]; ok {
		return false, nil
	}
	s.claims[k] = msg
	return true, nil
}

func (s *fakeStore) ReleaseNudge(_ context.Context, job, period string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.claims, [2]string{job, period})
	return nil
}

func (s *fakeStore) ReviewCount(_ context.Context, from, to time.Time) (int, error) {
	n := 0
	for _, a := range s.answers {
		if !a.Before(from) && a.Before(to) {
			n++
		}
	}
	return n, nil
}

func (s *fakeStore) Papers(context.Context) ([]deck.PaperProgress, error) { return s.papers, nil }

// fakeNotifier records what it was asked to send, or fails.
type fakeNotifier struct {
	mu   sync.Mutex
	sent []Message
	err  error
}

func (n *fakeNotifier) Name() string { return "fake" }

func (n *fakeNotifier) Notify(_ context.Context, m Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.err != nil {
		return n.err
	}
	n.sent = append(n.sent, m)
	return nil
}

var errNotifier = errors.New("notifier down")

// utcSched is a scheduler with the default 04:00 day start in UTC.
func utcSched(t *testing.T) *scheduler.Scheduler {
	t.Helper()
	set := scheduler.DefaultSettings()
	set.Location = time.UTC
	s, err := scheduler.New(set)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// at is a time on a day of November 2026, UTC.
func at(day, hour, min int) time.Time { return time.Date(2026, 11, day, hour, min, 0, 0, time.UTC) }

// clock is a fake clock a test moves by hand.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func fixedDue(t scheduler.Totals) DueFunc {
	return func(context.Context) (scheduler.Totals, error) { return t, nil }
}
