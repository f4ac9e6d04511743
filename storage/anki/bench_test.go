package anki

import (
	"context"
	"fmt"
	"testing"
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
