package deck

import "time"

// Counts is how many cards of a deck are studyable now, by queue.
type Counts struct {
	Deck     string `json:"name"`
	Cards    int    `json:"cards"` // all cards in the deck, suspended included
	New      int    `json:"new"`
	Learning int    `json:"learning"`
	Review   int    `json:"review"`
	Waiting  int    `json:"waiting"` // new cards held back until their paper reaches the stage they unlock at
}

// Review is one answer in the review log: the card's schedule before and
// after, so that the log alone rebuilds every card and undo is exact.
type Review struct {
	ID       int64
	CardKey  int64
	CardID   string
	At       time.Time
	Rating   Rating
	Duration time.Duration // time the learner took to answer
	Before   Schedule
	After    Schedule
	Kind     EntryKind // "" or EntryReview for answers given in loci
	ExtID    string    // the source's id of an imported answer
	UndoID   int64     // the undo journal's entry of an answer given in loci (see Action)
	// Leech is "suspended" or "tagged" when this answer made the card a
	// leech (see scheduler.IsLeech), "" otherwise. It is not stored with
	// the review: the leeches table records it.
	Leech string
}

// Upcoming is what comes next among the cards in study: the cards in
// learning and the earliest due times of a learning and of a review card
// (zero when there is none).
type Upcoming struct {
	Learning     int
	NextLearning time.Time
	NextReview   time.Time
}
