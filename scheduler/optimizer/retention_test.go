package optimizer

import (
	"math"
	"reflect"
	"testing"
	"time"

	"loci/deck"
)

// One card's day of learning steps, a recalled review, a lapse with its
// relearning step, and a card whose start is not in the log.
func TestHabitCounter(t *testing.T) {
	e := func(id string, d, min int, r deck.Rating, k deck.EntryKind, took time.Duration) deck.LogEntry {
		x := entry(id, at(d, 9, min), int(r), k)
		x.Duration = took
		return x
	}
	c := NewHabitCounter(days(t))
	c.Add([]deck.LogEntry{
		e("a", 1, 0, deck.Again, learn, 10*time.Second),
		e("a", 1, 5, deck.Good, learn, 6*time.Second),
		e("a", 3, 0, deck.Good, review, 4*time.Second),
		e("a", 9, 0, deck.Again, review, 12*time.Second),
		e("a", 9, 10, deck.Good, relearn, 90*time.Second), // capped at 60
		e("a", 12, 0, deck.Easy, review, 2*time.Second),
	})
	c.Add([]deck.LogEntry{e("b", 2, 0, deck.Hard, review, 8*time.Second)}) // start not in the log
	h := c.Habits()
	want := Habits{LearnSeconds: 16, RecallSeconds: 14.0 / 3, ForgetSeconds: 72,
		FirstRating: [4]float64{1, 0, 0, 0}, RecallRating: [3]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("Habits = %+v, want %+v", h, want)
	}
	if got := NewHabitCounter(days(t)).Habits(); got != DefaultHabits() {
		t.Errorf("habits of an empty log = %+v, want the defaults", got)
	}
}

func TestMemoryNow(t *testing.T) {
	ds := BuildItems([]deck.LogEntry{entry("a", at(1, 9, 0), 3, learn), entry("a", at(4, 9, 0), 3, review)}, days(t))
	w := DefaultWeights()
	got := MemoryNow(w, ds.Histories, at(10, 12, 0), days(t))
	m := newModel(&w)
	mem := m.next(m.initial(3), 3, 3, nil)
	if len(got) != 1 || got[0] != (CardMemory{mem.s, mem.d, 6}) {
		t.Errorf("MemoryNow = %+v, want S %v D %v 6 days", got, mem.s, mem.d)
	}
}

func retentionConfig() RetentionConfig {
	cards := make([]CardMemory, 5000)
	for i := range cards {
		cards[i] = CardMemory{Stability: 1 + float64(i%200), Difficulty: 1 + float64(i%9), Elapsed: i % 30}
	}
	return RetentionConfig{Weights: DefaultWeights(), Cards: cards, NewCards: 5000, NewPerDay: 20,
		Habits: DefaultHabits(), Seed: 7}
}

// The simulation is deterministic; a higher desired retention costs more
// reviews and keeps more cards; the recommendation is the level with the
// least time per remembered card.
func TestSimulateRetention(t *testing.T) {
	cfg := retentionConfig()
	levels := RetentionLevels()
	if len(levels) != 28 || levels[0] != 0.70 || levels[27] != 0.97 {
		t.Fatalf("levels %v", levels)
	}
	got := SimulateRetention(cfg, levels)
	if !reflect.DeepEqual(got, SimulateRetention(cfg, levels)) {
		t.Fatal("the same config gave two different results")
	}
	lo, hi := got[0], got[len(got)-1]
	if !(hi.ReviewsPerDay > 2*lo.ReviewsPerDay && hi.MinutesPerDay > lo.MinutesPerDay && hi.Remembered > lo.Remembered) {
		t.Errorf("0.70: %+v; 0.97: %+v", lo, hi)
	}
	best := Recommend(got)
	for _, l := range got {
		if l.SecondsPerCard < best.SecondsPerCard {
			t.Errorf("%v costs less per card than the recommended %v", l, best)
		}
		if math.Abs(l.SecondsPerCard*l.Remembered-l.MinutesPerDay*60*365) > 1e-6*l.SecondsPerCard*l.Remembered {
			t.Errorf("%+v: seconds per card × remembered is not the total time", l)
		}
	}
	t.Logf("recommended %+v; 0.70 %+v; 0.97 %+v", best, lo, hi)

	// The review limit holds every day, and new cards stop when none are left.
	cfg.ReviewsPerDay, cfg.NewCards = 50, 100
	limited := SimulateRetention(cfg, []float64{0.9})[0]
	if limited.ReviewsPerDay > 50 {
		t.Errorf("%v reviews a day over a limit of 50", limited.ReviewsPerDay)
	}
}

// 10,000 cards (half studied, half new at 20 a day), a year, 28 levels:
// the issue asks for under 5 s.
func BenchmarkSimulateRetention10k(b *testing.B) {
	cfg := retentionConfig()
	for b.Loop() {
		SimulateRetention(cfg, RetentionLevels())
	}
}
