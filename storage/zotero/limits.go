package zotero

import (
	"strings"
	"unicode/utf8"

	"loci/deck"
)

// Limits that keep a hostile or broken library from exhausting memory or
// disk. A library's file also holds Zotero's full-text word index, so it
// may be far larger than its items; what is read from it is bounded here.
const (
	MaxLibrarySize = 4 << 30          // bytes of zotero.sqlite (and of its -wal) copied for a snapshot
	MaxItems       = 1 << 20          // regular items read
	MaxAnnotations = 1 << 21          // highlights read
	MaxField       = deck.MaxCardText // bytes of one field, creator name, tag or highlight: each may become a side of a card
	MaxNote        = 1 << 20          // bytes of one note's HTML before it is turned into text
	maxCollections = 1 << 16          // collections read
	maxDepth       = 64               // levels of nested collections followed
	maxCreators    = 1000             // creators kept on one item
	maxTags        = 1000             // tags kept on one item
	maxListed      = 30               // collection names listed in an error
	maxBBTStore    = 256 << 20        // bytes of Better BibTeX's JSON key store
)

// clean makes a value from the library safe to hold: valid UTF-8, without
// NUL bytes, trimmed.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "\x00", ""))
}

// tooLong reports whether a value is over MaxField bytes.
func tooLong(s string) bool { return len(s) > MaxField }

// clip shortens a value for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
