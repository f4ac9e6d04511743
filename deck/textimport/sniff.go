package textimport

import (
	"bytes"
	"regexp"
)

// sniffCandidates are the separators tried, in order of preference.
var sniffCandidates = []byte{'\t', ',', ';', '|'}

// sniffLines is how many lines of the file's start sniffSeparator looks at.
const sniffLines = 20

// sniffSeparator picks the separator of sample, the start of a file after
// its header lines: the first candidate that splits every complete sampled
// line into the same number (more than one) of fields; failing that, the
// one found on the most lines; tab when none is found at all. Separators
// inside quoted fields are not counted.
func sniffSeparator(sample []byte) rune {
	lines := sampleLines(sample)
	best, bestLines := byte('\t'), 0
	for _, c := range sniffCandidates {
		counts := make([]int, 0, len(lines))
		for _, l := range lines {
			counts = append(counts, countOutsideQuotes(l, c))
		}
		on, same := 0, len(counts) > 0
		for _, n := range counts {
			if n > 0 {
				on++
			}
			if n == 0 || n != counts[0] {
				same = false
			}
		}
		if same {
			return rune(c)
		}
		if on > bestLines {
			best, bestLines = c, on
		}
	}
	return rune(best)
}

// sampleLines splits sample into records at line breaks outside quotes,
// leaving out blank and comment lines and the last, possibly cut, record
// (unless it is the only one).
func sampleLines(sample []byte) [][]byte {
	var lines [][]byte
	start, quoted := 0, false
	for i, b := range sample {
		switch {
		case b == '"':
			quoted = !quoted
		case b == '\n' && !quoted:
			lines = appendLine(lines, sample[start:i])
			start = i + 1
		}
		if len(lines) == sniffLines {
			return lines
		}
	}
	if len(lines) == 0 {
		lines = appendLine(lines, sample[start:])
	}
	return lines
}

func appendLine(lines [][]byte, l []byte) [][]byte {
	l = bytes.TrimRight(l, "\r")
	if len(bytes.TrimSpace(l)) == 0 || l[0] == '#' {
		return lines
	}
	return append(lines, l)
}

func countOutsideQuotes(line []byte, c byte) int {
	n, quoted := 0, false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case b == c && !quoted:
			n++
		}
	}
	return n
}

// htmlPattern finds what makes a field HTML: a tag, a comment or an entity.
var htmlPattern = regexp.MustCompile(`(?i)</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|<!--|&(?:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);`)

// looksLikeHTML reports whether any field of records holds HTML, which is
// how Anki decides when a file does not say (it looks at five records).
func looksLikeHTML(records [][]string) bool {
	for _, rec := range records {
		for _, f := range rec {
			if htmlPattern.MatchString(f) {
				return true
			}
		}
	}
	return false
}
