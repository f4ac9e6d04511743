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
	// EntryCram is an answer in a cram session (custom study that changes
	// no schedule): history only, never replayed, and left out of the
	// optimizer, true retention and the daily limits.
	EntryCram EntryKind = "cram"
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

	// HistoryOnly keeps the entry in the review log without replaying it:
	// the card's state does not change (an answer its source would not
	// count for FSRS, for example one before a reset).
	HistoryOnly bool
	// Seed, when set, is the state the card is in after this entry, in place
	// of replaying it: a starting point taken from the source's own schedule
	// when the history before it is incomplete.
	Seed *Schedule
}

// Media is a file a card refers to by name, such as an image in an Anki
// package. An importer never holds its bytes: it streams them, capped, into
// a staging folder beside the media folder, and the import moves the staged
// file into the media folder only once its transaction has committed.
type Media struct {
	// Name is the file's name in the media folder, as the card text refers
	// to it ("[image: Name]"). It is the name in the source unless a
	// different file already has that name.
	Name string
	// Path is the staged copy to move into the media folder; "" when the
	// media folder (or an earlier file of the same import) already holds
	// these bytes under Name.
	Path string
	Size int64 // bytes
}
