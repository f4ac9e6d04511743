package optimizer

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"loci/deck"
)

// Review is one graded review as the model sees it.
type Review struct {
	Rating uint8  // 1 Again … 4 Easy
	DeltaT uint32 // learner days since the card's previous review; 0 for the first
}

// Item is one training example: a card's reviews, oldest first, up to and
// including the review to predict (the last one), whose DeltaT is at least 1.
// The first review has DeltaT 0.
type Item []Review

// longTermCount counts the reviews that came a day or more after the one
// before, the last one included.
func (it Item) longTermCount() int {
	n := 0
	for _, r := range it {
		if r.DeltaT > 0 {
			n++
		}
	}
	return n
}

// firstLongTerm is the first review a day or more after the one before.
func (it Item) firstLongTerm() Review {
	for _, r := range it {
		if r.DeltaT > 0 {
			return r
		}
	}
	return it[len(it)-1]
}

// recalled reports whether the last review was a success (not Again).
func (it Item) recalled() bool { return it[len(it)-1].Rating > 1 }

// Dataset is a review log turned into training items.
type Dataset struct {
	Items   []Item // ordered by the time of their last review
	Reviews int    // log entries used: graded reviews of the cards that gave items
	Cards   int    // cards that gave at least one item
	// Histories are the graded reviews of every card whose learning start
	// is in the log (those that gave no item too), for its memory now.
	Histories []History
}

// History is one card's graded reviews since its last learning start
// (sharing the items' array) and the time of the last one.
type History struct {
	Reviews Item
	Last    time.Time
}

// DaysFunc counts learner-day boundaries crossed from a to b; see
// scheduler.Scheduler.DaysBetween.
type DaysFunc func(a, b time.Time) int

// BuildItems turns a review log into training items the way Anki prepares
// them for fsrs-rs (rslib/src/scheduler/fsrs/params.rs: reviews_for_fsrs in
// training mode, fsrs_items_for_training):
//
//   - Each card's entries are taken in time order. Walking back from the
//     newest, the card's history starts at its last run of learning steps
//     (Kind learn with a rating); everything before is ignored.
//   - A manual entry (deck.EntryManual: a reset) met on that walk before any
//     learning step leaves the card out: its history since the reset has no
//     learning start. A card with no learning step at all (its start is not
//     in the log) is left out too.
//   - Manual entries, cram answers (which changed no schedule) and entries
//     without a rating 1–4 are then dropped.
//   - Each remaining review after the first becomes an item when it comes at
//     least one learner day after the review before it; the item holds every
//     review up to it, same-day ones included.
//
// Items are ordered by the time of their last review (ties keep card order),
// which the recency weighting needs.
func BuildItems(log []deck.LogEntry, days DaysFunc) Dataset {
	b := NewBuilder(days)
	eachCard(log, b.Add)
	return b.Dataset()
}

// Builder builds a Dataset one card at a time, so that a caller can stream
// the review log card by card instead of holding all of it: it keeps 8
// bytes per review and 24 per item, not the log entries.
type Builder struct {
	days DaysFunc
	all  []timedItem
	ds   Dataset
}

type timedItem struct {
	at   int64
	item Item
}

// NewBuilder returns an empty Builder counting learner days with days.
func NewBuilder(days DaysFunc) *Builder { return &Builder{days: days} }

// Add takes one card's log entries, in time order, as BuildItems describes.
// h is not kept.
func (b *Builder) Add(h []deck.LogEntry) {
	start := learnStart(h)
	if start < 0 {
		return
	}
	n := 0
	for _, e := range h[start:] {
		if graded(e) {
			n++
		}
	}
	reviews := make([]Review, 0, n) // never grows: items share it
	var prev time.Time
	items := 0
	for _, e := range h[start:] {
		if !graded(e) {
			continue
		}
		dt := 0
		if len(reviews) > 0 {
			dt = max(0, b.days(prev, e.At))
		}
		reviews = append(reviews, Review{Rating: uint8(e.Rating), DeltaT: uint32(dt)})
		prev = e.At
		if dt > 0 {
			k := len(reviews)
			b.all = append(b.all, timedItem{e.At.UnixNano(), Item(reviews[:k:k])})
			items++
		}
	}
	if items > 0 {
		b.ds.Cards++
		b.ds.Reviews += len(reviews)
	}
	if len(reviews) > 0 {
		b.ds.Histories = append(b.ds.Histories, History{Reviews: reviews, Last: prev})
	}
}

// Dataset returns the items added so far, ordered by the time of their last
// review (ties keep the order they were added in). The Builder is empty
// afterwards.
func (b *Builder) Dataset() Dataset {
	slices.SortStableFunc(b.all, func(x, y timedItem) int { return cmp.Compare(x.at, y.at) })
	ds := b.ds
	ds.Items = make([]Item, len(b.all))
	for i, t := range b.all {
		ds.Items[i] = t.item
	}
	*b = Builder{days: b.days}
	return ds
}

// eachCard calls fn with each card's entries in time order, cards in the
// order they first appear. A log already grouped by card and ordered by time
// (as storage returns it) is not copied.
func eachCard(log []deck.LogEntry, fn func([]deck.LogEntry)) {
	if !grouped(log) {
		first := map[string]int{}
		for i, e := range log {
			if _, ok := first[e.CardID]; !ok {
				first[e.CardID] = i
			}
		}
		log = slices.Clone(log)
		sort.SliceStable(log, func(i, j int) bool {
			a, b := first[log[i].CardID], first[log[j].CardID]
			return a < b || (a == b && log[i].At.Before(log[j].At))
		})
	}
	for i := 0; i < len(log); {
		j := i + 1
		for j < len(log) && log[j].CardID == log[i].CardID {
			j++
		}
		fn(log[i:j])
		i = j
	}
}

// grouped reports whether each card's entries are contiguous and in time
// order.
func grouped(log []deck.LogEntry) bool {
	seen := map[string]bool{}
	for i, e := range log {
		if i > 0 && e.CardID == log[i-1].CardID {
			if e.At.Before(log[i-1].At) {
				return false
			}
			continue
		}
		if seen[e.CardID] {
			return false
		}
		seen[e.CardID] = true
	}
	return true
}

func graded(e deck.LogEntry) bool {
	return e.Kind != deck.EntryManual && e.Kind != deck.EntryCram && e.Rating >= deck.Again && e.Rating <= deck.Easy
}

// learnStart returns the index where the part of one card's time-ordered
// entries that trains the model starts, or -1 when the card is left out.
// A manual entry counts as a reset (Anki's Manual entry with ease 0), as
// Scheduler.Replay treats it.
func learnStart(h []deck.LogEntry) int {
	start := -1
walk:
	for i := len(h) - 1; i >= 0; i-- {
		e := h[i]
		switch {
		case graded(e) && e.Kind == deck.EntryLearn:
			start = i
		case start >= 0:
			break walk // the last run of learning steps is complete
		case e.Kind == deck.EntryManual:
			return -1 // reset, and no learning step since
		}
	}
	return start
}
