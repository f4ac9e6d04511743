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
}
