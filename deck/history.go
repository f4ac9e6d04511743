package deck

import "time"

// EntryKind says what an entry of imported history was in its source; it
// follows Anki's revlog types.
type EntryKind string

const (
	EntryLearn    EntryKind = "learn"
	EntryReview   EntryKind = "review"
	EntryRelearn  EntryKind = "relearn"
	EntryFiltered EntryKind = "filtered" // a review in a filtered (custom study) deck
	EntryManual   EntryKind = "manual"   // a manual reschedule or reset; Rating is 0
)

// LogEntry is one past answer brought in from elsewhere (an Anki review log,
// a bare CSV review log). Importers produce them; the scheduler replays them
// to rebuild a card's FSRS state, and the optimizer learns from them.
type LogEntry struct {
	CardID   string // identity of the card, as in Card.ID
	At       time.Time
	Rating   Rating // 1–4; 0 for a manual entry
	Duration time.Duration
	Kind     EntryKind
	ExtID    string // the source's id for this entry, so a re-import adds nothing
}

// Media is a file a card refers to by name, such as an image in an Anki
// package. Importers cap the total size they read.
type Media struct {
	Name string
	Data []byte
}
