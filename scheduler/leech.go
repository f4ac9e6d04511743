package scheduler

import (
	"loci/deck"
	"loci/deck/search"
)

// LeechAction is what happens to a card when it becomes a leech, beyond
// being tagged "leech".
type LeechAction string

const (
	LeechSuspend LeechAction = "suspend" // tag it and take it out of study (Anki's default)
	LeechTag     LeechAction = "tag"     // tag it only
)

// LeechTagName is the tag a leech carries; `is:leech` searches for it.
const LeechTagName = search.LeechTag

// IsLeech reports whether an answer that took a card from before to after
// makes it a leech, by Anki's rule (rslib scheduler/answering/leech.rs): the
// answer was a lapse, and the card has now lapsed threshold times, or
// threshold plus a whole number of half-thresholds (8, 12, 16, ... for the
// default 8). A threshold of 0 turns leeches off.
func IsLeech(before, after deck.Schedule, threshold int) bool {
	if threshold <= 0 || after.Lapses <= before.Lapses || after.Lapses < threshold {
		return false
	}
	return (after.Lapses-threshold)%max(threshold/2, 1) == 0
}
