// Package measure holds what the bench/ tools share to time loci's own
// calls inside one process: the median wall and CPU time of repeated runs,
// and a collection opened with the default settings in UTC (as bench/gen
// writes it and the bench scripts read it). It is benchmark tooling only:
// nothing in loci itself imports it.
package measure

import (
	"context"
	"sort"
	"syscall"
	"time"

	"loci/scheduler"
	"loci/storage"
)

// CPUTime is the CPU time this process has used, user and system.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Median returns the middle value of v (the upper one of an even count);
// it sorts v.
func Median(v []float64) float64 {
	sort.Float64s(v)
	return v[len(v)/2]
}

// Repeat runs f runs+1 times and returns the median wall and CPU time of all
// but the first run (which warms the caches), in milliseconds.
func Repeat(runs int, f func() error) (wall, cpu float64, err error) {
	var walls, cpus []float64
	for i := 0; i <= runs; i++ {
		t, c := time.Now(), CPUTime()
		if err := f(); err != nil {
			return 0, 0, err
		}
		if i > 0 {
			walls = append(walls, float64(time.Since(t).Microseconds())/1000)
			cpus = append(cpus, float64((CPUTime()-c).Microseconds())/1000)
		}
	}
	return Median(walls), Median(cpus), nil
}

// Open opens the collection at path and a scheduler with the default
// settings in UTC.
func Open(ctx context.Context, path string) (*storage.DB, *scheduler.Scheduler, error) {
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	set := scheduler.DefaultSettings()
	set.Location = time.UTC
	sched, err := scheduler.New(set)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, sched, nil
}
