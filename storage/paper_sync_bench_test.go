package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"loci/deck"
)

// BenchmarkImportPapers imports 10,000 papers, the size of the Zotero
// library the issue measures, into an empty database: with two collections
// (of 100) and three tags (of 200) each, and, as the reference in the same
// run, the same papers without any; then the same library again, unchanged.
//
//	go test ./storage -run - -bench ImportPapers -benchtime 5x
func BenchmarkImportPapers(b *testing.B) {
	ctx := context.Background()
	library := func(groups bool) *deck.Set {
		set := &deck.Set{}
		for i := range 10000 {
			p := deck.Paper{Key: fmt.Sprintf("zotero-%05d", i), Title: fmt.Sprintf("Paper %d", i), Authors: "Doe, Jane; Roe, Richard",
				Year: 2000 + i%25, Stage: deck.Stages[i%2], GroupsKnown: groups}
			if groups {
				p.Collections = []string{fmt.Sprintf("Area %d/Topic %d", i%10, i%100), fmt.Sprintf("Area %d/Topic %d", (i+3)%10, (i+7)%100)}
				p.Tags = []string{fmt.Sprintf("tag %d", i%200), fmt.Sprintf("tag %d", (i+1)%200), fmt.Sprintf("tag %d", (i+2)%200)}
			}
			set.Papers = append(set.Papers, p)
		}
		return set
	}
	for _, bc := range []struct {
		name   string
		groups bool
		again  bool
	}{
		{"no groups (reference)", false, false},
		{"collections and tags", true, false},
		{"no groups again (reference)", false, true},
		{"collections and tags again", true, true},
	} {
		set := library(bc.groups)
		b.Run(bc.name, func(b *testing.B) {
			// CPU time as well as wall time: on a shared machine the wall
			// time of one run drifts with the load.
			var cpu time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				d := mustOpen(b, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)))
				if bc.again {
					if _, err := d.Import(ctx, set, t0, ImportOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				before := cpuTime()
				if _, err := d.Import(ctx, set, t0, ImportOptions{}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - before
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time, user and system, the process has used so far.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
