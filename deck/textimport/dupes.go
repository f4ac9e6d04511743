package textimport

import (
	"hash/maphash"
	"strconv"

	"loci/deck"
)

// Repeated notes
//
// Anki allows two notes with the same first field, and its text export has
// no guid column by default, so a real export may hold the same cloze
// sentence twice with different extra text, or the very same row twice.
// Anki's own text importer (rslib/src/import_export/text/import.rs) matches
// a row against the notes the collection held before the import, by first
// field, and updates those; rows of one file never match each other, so
// both notes are added. loci follows it where that keeps what the learner
// wrote, and merges where two cards would be the same card:
//
//   - a row with the front and back of an earlier row (an exact duplicate,
//     or one differing only in tags or deck) is merged into that row: the
//     first row's card is kept as it is, because a second card asking and
//     answering the same thing would only be studied twice;
//   - a row with the front of an earlier row but another back is a note of
//     its own, as in Anki, and becomes a separate card, whose id is the
//     front's hash id with "~2", "~3"… added in the order the backs first
//     appear, so re-importing the file gives the same ids;
//   - a row with the guid of an earlier row but other content is skipped:
//     a guid names one note, and the first row gave it.
//
// Every such row is reported as a warning naming the earlier row's line.

// noteSet remembers the card ids a file has given, by a 64-bit hash of the
// id, with the line of the row that gave them and a hash of that row's
// back: a few bytes a card, so that a file of a million rows can be
// streamed without holding its cards.
type noteSet struct {
	seed maphash.Seed
	seen map[uint64]seenNote
}

type seenNote struct {
	line int
	back uint64
}

// reserve makes room for about n notes.
func (s *noteSet) reserve(n int) {
	s.seed = maphash.MakeSeed()
	s.seen = make(map[uint64]seenNote, n)
}

func (s *noteSet) hash(id string) uint64 {
	if s.seen == nil {
		s.reserve(0)
	}
	return maphash.String(s.seed, id)
}

// cardIDs returns the ids of the cards a note with this base id gives:
// base+suffix for a basic note, base+"/cN" for each cloze number.
func cardIDs(base, suffix string, ords []int) []string {
	if len(ords) == 0 {
		return []string{base + suffix}
	}
	ids := make([]string, len(ords))
	for i, o := range ords {
		ids[i] = base + "/c" + strconv.Itoa(o)
	}
	return ids
}

// find returns the earlier note that gave any of the ids.
func (s *noteSet) find(ids []string) (seenNote, bool) {
	for _, id := range ids {
		if n, ok := s.seen[s.hash(id)]; ok {
			return n, true
		}
	}
	return seenNote{}, false
}

func (s *noteSet) add(ids []string, n seenNote) {
	for _, id := range ids {
		s.seen[s.hash(id)] = n
	}
}

// place decides what becomes of the note c of a row under the rules
// above. It returns the base id its cards get and whether they are
// emitted at all; a merged or skipped row gives a warning.
func (p *parser) place(c deck.Card, base, suffix string, ords []int, hasGUID bool) (string, bool, error) {
	back := p.notes.hash(c.Back)
	ids := cardIDs(base, suffix, ords)
	first, found := p.notes.find(ids)
	if !found {
		p.notes.add(ids, seenNote{c.Line, back})
		return base, true, nil
	}
	repeat := func(of seenNote) error {
		return p.warn(c.Line, "", GroupRepeat, "same as line "+strconv.Itoa(of.line), false)
	}
	switch {
	case first.back == back:
		return "", false, repeat(first)
	case hasGUID:
		return "", false, p.warn(c.Line, "guid column", GroupSameGUID, "guid of line "+strconv.Itoa(first.line), true)
	}
	for k := 2; ; k++ {
		alt := base + "~" + strconv.Itoa(k)
		altIDs := cardIDs(alt, suffix, ords)
		n, found := p.notes.find(altIDs)
		if !found {
			p.notes.add(altIDs, seenNote{c.Line, back})
			return alt, true, p.warn(c.Line, "", GroupSameFront, "front of line "+strconv.Itoa(first.line)+", card "+alt+suffix, false)
		}
		if n.back == back {
			return "", false, repeat(n)
		}
	}
}
