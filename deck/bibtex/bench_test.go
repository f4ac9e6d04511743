package bibtex

import (
	"fmt"
	"strings"
	"testing"
)

// bibOf returns n entries; broken ones lose a closing brace in the title,
// the flaw that costs a reader most (the value runs on).
func bibOf(n int, broken bool) string {
	var b strings.Builder
	b.WriteString("@string{nc = {Neural Computation}}\n")
	for i := 0; i < n; i++ {
		title := "Long Short-Term Memory, part {" + fmt.Sprint(i) + "}"
		if broken {
			title = "Long Short-Term {Memory, part " + fmt.Sprint(i)
		}
		fmt.Fprintf(&b, "@article{k%d,\n  author = {Hochreiter, Sepp and Schmidhuber, J{\\\"u}rgen},\n  title = {%s},\n"+
			"  journal = nc, year = 1997, pages = {1735--1780},\n  annote = {Gates keep the error flowing through time.},\n}\n", i, title)
	}
	return b.String()
}

// BenchmarkParse reads 10,000 entries, clean and with every title's brace
// unbalanced: the broken file must cost about what the clean one does,
// not the square of its size.
func BenchmarkParse(b *testing.B) {
	for _, broken := range []bool{false, true} {
		src := bibOf(10000, broken)
		b.Run(fmt.Sprintf("broken=%v", broken), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				set, err := Parse("bench.bib", strings.NewReader(src), Options{})
				if err != nil {
					b.Fatal(err)
				}
				if broken && len(set.Warnings) != 10000 || !broken && len(set.Papers) != 10000 {
					b.Fatalf("%d papers, %d warnings", len(set.Papers), len(set.Warnings))
				}
			}
		})
	}
}
