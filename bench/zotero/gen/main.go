// Command gen writes a synthetic Zotero library (zotero.sqlite, in the
// shape of Zotero's own schema) for bench/zotero/run; see
// storage/zotero/fixture.Synthetic for what it holds.
//
//	go run ./bench/zotero/gen -out /tmp/zotero.sqlite -items 10000 -highlights 20000
package main

import (
	"flag"
	"fmt"
	"os"

	"loci/storage/zotero/fixture"
)

func main() {
	out := flag.String("out", "", "library to write (must not exist)")
	items := flag.Int("items", 10000, "regular items")
	highlights := flag.Int("highlights", 20000, "highlights with text")
	colls := flag.Int("collections", 60, "collections")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gen: %s exists\n", *out)
		os.Exit(2)
	}
	if err := fixture.Synthetic(*out, *items, *highlights, *colls, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
