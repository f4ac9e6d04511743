package anki

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"loci/deck"
)

// bigFixture has notes Basic-and-reversed notes (two cards each) with ten
// reviews per card.
func bigFixture(notes int) fixture {
	fx := fixture{crt: crt, schedVer: 2, notetypes: standardNotetypes(),
		decks: []fxDeck{{defaultDeck, "Default"}, {spanishDeck, "Lang::Spanish"}}}
	rev := int64(1600000000000)
	for i := range notes {
		nid := int64(1_000_000 + i)
		fx.notes = append(fx.notes, fxNote{id: nid, guid: fmt.Sprintf("g%06d", i), mid: basicID, tags: "bench tag2",
			flds: fmt.Sprintf("<div>word <b>%d</b></div>\x1fmeaning %d<br>with an <img src=\"%d.png\">", i, i, i)})
		for ord := range 2 {
			cid := nid*10 + int64(ord)
			fx.cards = append(fx.cards, fxCard{id: cid, nid: nid, did: spanishDeck, ord: ord, typ: 2, queue: 2, due: 400, ivl: 30, factor: 2500, reps: 10})
			for k := range 10 {
				rev++
				typ := 1
				if k < 2 {
					typ = 0
				}
				fx.revlog = append(fx.revlog, fxRev{id: rev, cid: cid, ease: 3, ivl: k + 1, factor: 2500, took: 4000, typ: typ})
			}
		}
	}
	return fx
}

// BenchmarkRead reads a version-3 package of 5,000 notes, 10,000 cards and
// 100,000 reviews; it reports cards and reviews read per second.
func BenchmarkRead(b *testing.B) {
	path := buildPackage(b, bigFixture(5000), layoutLatest)
	b.ResetTimer()
	for b.Loop() {
		set, _, err := Read(context.Background(), path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Cards) != 10000 || len(set.History) != 100000 {
			b.Fatalf("%d cards, %d reviews", len(set.Cards), len(set.History))
		}
	}
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(10000/perOp, "cards/s")
	b.ReportMetric(100000/perOp, "reviews/s")
}

// bigFieldsFixture has notes "Basic (and reversed card)" notes (two cards
// each) whose two fields are about a megabyte each: plain text, or the same
// words in HTML.
func bigFieldsFixture(notes int, markup bool) fixture {
	fx := fixture{crt: crt, schedVer: 2, notetypes: standardNotetypes(), decks: []fxDeck{{defaultDeck, "Default"}}}
	word := "word "
	if markup {
		word = "<div>word <b>x</b></div>"
	}
	big := strings.Repeat(word, (1<<20-100)/len(word))
	for i := range notes {
		nid := int64(1_000_000 + i)
		fx.notes = append(fx.notes, fxNote{id: nid, guid: fmt.Sprintf("g%06d", i), mid: basicID,
			flds: fmt.Sprintf("front %d %s\x1f%s back %d", i, big, big, i)})
		for ord := range 2 {
			fx.cards = append(fx.cards, fxCard{id: nid*10 + int64(ord), nid: nid, did: defaultDeck, ord: ord})
		}
	}
	return fx
}

// BenchmarkReadBigFields reads 400 notes with two fields of about 1 MB each
// (the case of issue 16) and reports the peak heap during the read with Go's
// default collector settings, against the reference of the same run: the
// bytes of card text the package gives (each distinct string once, counted
// in the set "whole" returns). "whole" is Read, which returns every card in
// a set (peak/text is what the reader costs beyond its result); "streamed"
// is Package.Cards and History handing each card to a writer that keeps
// nothing, as an import does.
func BenchmarkReadBigFields(b *testing.B) {
	for _, markup := range []bool{false, true} {
		name := "plain"
		if markup {
			name = "html"
		}
		path := buildPackage(b, bigFieldsFixture(400, markup), layoutLatest)
		var text uint64 // measured by "whole", which runs first
		for _, mode := range []string{"whole", "streamed"} {
			b.Run(name+"/"+mode, func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					var set *deck.Set
					var err error
					peak = max(peak, peakHeap(100, func() {
						if mode == "whole" {
							set, _, err = Read(context.Background(), path, Options{})
						} else {
							err = streamCards(path)
						}
					}))
					if err != nil {
						b.Fatal(err)
					}
					if set != nil {
						text = textBytes(set.Cards)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				if text > 0 {
					b.ReportMetric(float64(text)/(1<<20), "text-MB")
					b.ReportMetric(float64(peak)/float64(text), "peak/text")
				}
			})
		}
	}
}

// streamCards reads a package as a stream whose writer keeps nothing.
func streamCards(path string) error {
	p, err := Open(context.Background(), path, Options{})
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Cards(func(deck.Card) error { return nil }); err != nil {
		return err
	}
	return p.History(func(int, int, time.Time, time.Time, int, int) deck.Schedule { return deck.Schedule{} },
		func(string, []deck.LogEntry, deck.Schedule) error { return nil })
}

// BenchmarkImportBigFields imports 400 notes with two fields of about 1 MB
// each into a new loci database, read whole (as before issue 16) or
// streamed, and reports the peak heap of the whole import (reader and
// writer; see importPeak) against the card text the package holds.
func BenchmarkImportBigFields(b *testing.B) {
	path := buildPackage(b, bigFieldsFixture(400, false), layoutLatest)
	for _, mode := range []string{"whole", "streamed"} {
		b.Run(mode, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, importPeak(b, path, mode == "whole", 100))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

// textBytes counts the bytes of card text a set holds, each distinct
// string (by its memory) once.
func textBytes(cards []deck.Card) uint64 {
	seen := map[*byte]bool{}
	var n uint64
	for _, c := range cards {
		for _, s := range []string{c.Front, c.Back} {
			if p := unsafe.StringData(s); s != "" && !seen[p] {
				seen[p] = true
				n += uint64(len(s))
			}
		}
	}
	return n
}

// peakHeap runs f with the collector's GOGC set to gcPercent (a small value
// makes the heap hold little garbage, so the peak shows what f keeps; 100
// is Go's default, what a loci process sees) and returns the most heap in
// use while it ran, above what was in use before.
func peakHeap(gcPercent int, f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak.Load() - min(peak.Load(), base)
}
