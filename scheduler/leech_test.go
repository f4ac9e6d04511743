package scheduler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"loci/deck"
	"loci/scheduler"
)

func TestIsLeech(t *testing.T) {
	for _, tc := range []struct {
		name              string
		before, after, th int
		want              bool
	}{
		{"seventh lapse", 6, 7, 8, false},
		{"eighth lapse", 7, 8, 8, true},
		{"ninth lapse", 8, 9, 8, false},
		{"twelfth lapse: half a threshold more", 11, 12, 8, true},
		{"sixteenth lapse", 15, 16, 8, true},
		{"no lapse at eight (a pass)", 8, 8, 8, false},
		{"threshold 0 turns leeches off", 7, 8, 0, false},
		{"threshold 1: every lapse", 4, 5, 1, true},
		{"threshold 3: 3, 4, 5", 3, 4, 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := scheduler.IsLeech(deck.Schedule{Lapses: tc.before}, deck.Schedule{Lapses: tc.after}, tc.th)
			if got != tc.want {
				t.Errorf("IsLeech(%d→%d, threshold %d) = %v, want %v", tc.before, tc.after, tc.th, got, tc.want)
			}
		})
	}
}

// lapse brings card q00 to review and answers it Again there, moving the
// clock to each due time; it returns the Again answer.
func lapse(t *testing.T, s *scheduler.Study, now *time.Time) deck.Review {
	t.Helper()
	ctx := context.Background()
	for range 20 {
		c, err := s.Card(ctx, "q00")
		if err != nil {
			t.Fatal(err)
		}
		if c.Schedule.Due.After(*now) {
			*now = c.Schedule.Due
		}
		r := deck.Easy
		if c.Schedule.State == deck.StateReview {
			r = deck.Again
		}
		rev, err := s.Answer(ctx, c, r, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if r == deck.Again {
			return rev
		}
	}
	t.Fatal("card q00 never reached review")
	return deck.Review{}
}

func TestLeechMarks(t *testing.T) {
	ctx := context.Background()
	t.Run("suspend", func(t *testing.T) {
		s, now := newStudy(t, 1, nil)
		for i := 1; i <= 7; i++ {
			if rev := lapse(t, s, now); rev.Leech != "" || rev.After.Lapses != i {
				t.Fatalf("lapse %d: leech %q, lapses %d", i, rev.Leech, rev.After.Lapses)
			}
		}
		rev := lapse(t, s, now)
		if rev.Leech != "suspended" {
			t.Fatalf("eighth lapse: leech = %q, want suspended", rev.Leech)
		}
		c, _ := s.Card(ctx, "q00")
		if !c.Suspended || !slices.Contains(c.Tags, "leech") {
			t.Fatalf("after the eighth lapse the card is suspended=%v tags=%v", c.Suspended, c.Tags)
		}
		if _, err := s.Undo(ctx, rev.UndoID); err != nil {
			t.Fatal(err)
		}
		c, _ = s.Card(ctx, "q00")
		if c.Suspended || slices.Contains(c.Tags, "leech") || c.Schedule.Lapses != 7 {
			t.Fatalf("after undo the card is suspended=%v tags=%v lapses=%d; want as before", c.Suspended, c.Tags, c.Schedule.Lapses)
		}
	})
	t.Run("tag", func(t *testing.T) {
		s, now := newStudy(t, 1, func(set *scheduler.Settings) { set.LeechAction = scheduler.LeechTag })
		var marked []int
		for range 16 {
			if rev := lapse(t, s, now); rev.Leech != "" {
				if rev.Leech != "tagged" {
					t.Fatalf("leech = %q, want tagged", rev.Leech)
				}
				marked = append(marked, rev.After.Lapses)
			}
		}
		if want := []int{8, 12, 16}; !slices.Equal(marked, want) {
			t.Errorf("marked at lapses %v, want %v", marked, want)
		}
		c, _ := s.Card(ctx, "q00")
		if c.Suspended || !slices.Equal(c.Tags, []string{"leech"}) {
			t.Errorf("card suspended=%v tags=%v, want only tagged once", c.Suspended, c.Tags)
		}
	})
}
