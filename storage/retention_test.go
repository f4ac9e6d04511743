package storage

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestRetentionRunRoundTrip(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, filepath.Join(t.TempDir(), "loci.db"))
	if _, ok, err := d.LatestRetentionRun(ctx); err != nil || ok {
		t.Fatalf("empty database: ok %v, err %v; want no run", ok, err)
	}
	levels := func(base float64) []RetentionLevel {
		return []RetentionLevel{
			{Retention: 0.7, MinutesPerDay: base, ReviewsPerDay: 12.5, Remembered: 301.25, SecondsPerCard: 41.5},
			{Retention: 0.85, MinutesPerDay: base + 2.25, ReviewsPerDay: 20, Remembered: 402.5, SecondsPerCard: 38.125},
			{Retention: 0.97, MinutesPerDay: base + 9.5, ReviewsPerDay: 55.75, Remembered: 450, SecondsPerCard: 61},
		}
	}
	runs := []struct {
		name   string
		run    RetentionRun
		sorted []RetentionLevel // the levels as read back
	}{
		{"first run", RetentionRun{At: t0, Seed: 1, Days: 365, Cards: 40, InForce: 0.9, Recommended: 0.85, Levels: levels(3)}, levels(3)},
		// A seed past int64's range keeps its bits; levels come back by rising
		// retention whatever order they were saved in.
		{"a later run", RetentionRun{At: t0.Add(48 * time.Hour), Seed: math.MaxUint64 - 6, Days: 30, Cards: 0, InForce: 0.85,
			Recommended: 0.7, Levels: []RetentionLevel{levels(4)[2], levels(4)[0], levels(4)[1]}}, levels(4)},
	}
	for _, r := range runs {
		if err := d.SaveRetentionRun(ctx, r.run); err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		got, ok, err := d.LatestRetentionRun(ctx)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v, err %v", r.name, ok, err)
		}
		want := r.run
		want.Levels = r.sorted
		if !got.At.Equal(want.At) {
			t.Errorf("%s: at %v, want %v", r.name, got.At, want.At)
		}
		got.At = want.At
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", r.name, got, want)
		}
	}
	// An older run saved later does not hide the newest one.
	if err := d.SaveRetentionRun(ctx, RetentionRun{At: t0.Add(-time.Hour), Seed: 9, Days: 365, InForce: 0.9, Recommended: 0.9,
		Levels: levels(1)}); err != nil {
		t.Fatal(err)
	}
	if got, _, err := d.LatestRetentionRun(ctx); err != nil || got.Seed != math.MaxUint64-6 {
		t.Errorf("after saving an older run: seed %d, err %v; want the newest run's %d", got.Seed, err, uint64(math.MaxUint64-6))
	}
}
