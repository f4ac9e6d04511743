package deck

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Kind says how a card is shown.
type Kind string

const (
	// Basic cards show Front, then Back.
	Basic Kind = "basic"
	// Cloze cards hide one numbered deletion of Front (see Cloze).
	Cloze Kind = "cloze"
)

// State is a card's place in the FSRS life cycle. The values match go-fsrs.
type State int

const (
	StateNew State = iota
	StateLearning
	StateReview
	StateRelearning
)

func (s State) String() string {
	switch s {
	case StateNew:
		return "new"
	case StateLearning:
		return "learning"
	case StateReview:
		return "review"
	case StateRelearning:
		return "relearning"
	}
	return "state(" + strconv.Itoa(int(s)) + ")"
}

// Rating is the learner's answer to a card, 1 (Again) to 4 (Easy).
type Rating int

const (
	Again Rating = iota + 1
	Hard
	Good
	Easy
)

// Ratings lists the four ratings in button order.
var Ratings = [4]Rating{Again, Hard, Good, Easy}

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "rating(" + strconv.Itoa(int(r)) + ")"
}

// ParseRating reads a rating as a word (again, hard, good, easy; any case)
// or a digit 1–4.
func ParseRating(s string) (Rating, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "again":
		return Again, true
	case "2", "hard":
		return Hard, true
	case "3", "good":
		return Good, true
	case "4", "easy":
		return Easy, true
	}
	return 0, false
}

// Schedule is a card's FSRS memory state and due time.
type Schedule struct {
	State         State
	Due           time.Time
	Stability     float64
	Difficulty    float64
	ElapsedDays   int
	ScheduledDays int
	Reps          int
	Lapses        int
	LastReview    time.Time // zero for a new card
	// Steps counts the (re)learning steps a learning or relearning card
	// still has to pass (go-fsrs's RemainingSteps); 0 outside learning.
	Steps int
}

// Card is one reviewable card: its content as written in a file, and, once
// stored, its schedule.
type Card struct {
	Key    int64  // storage row id; 0 until stored
	ID     string // identity: explicit id or hash of the front (see package doc)
	Deck   string
	Kind   Kind
	Front  string // question, or cloze text with deletions
	Back   string // answer, or extra text for the back of a cloze card
	Ord    int    // cloze number; 0 for a basic card
	Tags   []string
	Source string // where the card comes from, for example a guide section
	Paper  string // key of the paper the card belongs to, if any
	// Unlock, when set, is the stage its paper must reach before the card
	// enters the new queue: a key-idea card waits for the learner to read
	// the paper it tests. Empty for a card that is studyable at once.
	Unlock Stage

	File string // where the card was read from, for error messages
	Line int

	Schedule    Schedule
	Suspended   bool
	Waiting     bool      // new and held back until its paper reaches Unlock (set by storage)
	BuriedUntil time.Time // zero when not buried
}

// Shown returns the text of both sides as the learner sees them, with each
// revealed cloze deletion passed through mark (nil leaves it as "[text]").
func (c *Card) Shown(mark func(string) string) (front, back string) {
	if c.Kind != Cloze {
		return c.Front, c.Back
	}
	front = ClozeFront(c.Front, c.Ord)
	back = ClozeBack(c.Front, c.Ord, mark)
	if c.Back != "" {
		back += "\n\n" + c.Back
	}
	return front, back
}

// HashID returns the identity of a card without an explicit id: the first
// 16 hex digits of the SHA-256 of its front with runs of whitespace collapsed
// (its words, as strings.Fields gives them, joined by single spaces). The
// words are gathered in a buffer on the stack, so that an import of many
// rows hashes them without allocating for all but long fronts.
func HashID(front string) string {
	buf := make([]byte, 0, 256)
	for word := range strings.FieldsSeq(front) {
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, word...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:8])
}

// Stage is a paper checkpoint's place on the ladder
// queued → read → understood → replicated.
type Stage string

const (
	Queued     Stage = "queued"
	Read       Stage = "read"
	Understood Stage = "understood"
	Replicated Stage = "replicated"
)

// Stages lists the ladder in order.
var Stages = []Stage{Queued, Read, Understood, Replicated}

// Rank is s's place on the ladder, 0 for queued; -1 for an unknown stage.
func (s Stage) Rank() int {
	for i, st := range Stages {
		if st == s {
			return i
		}
	}
	return -1
}

// Next returns the stage after s, or s itself at the top of the ladder.
func (s Stage) Next() Stage {
	for i, st := range Stages {
		if st == s && i+1 < len(Stages) {
			return Stages[i+1]
		}
	}
	return s
}

// Valid reports whether s is a stage of the ladder.
func (s Stage) Valid() bool {
	for _, st := range Stages {
		if st == s {
			return true
		}
	}
	return false
}

// Difficulties the guide gives to paper checkpoints, easiest first.
var Difficulties = []string{"very easy", "easy", "medium", "harder"}

// Paper is a paper checkpoint: a paper, replication or reading on the
// learner's path.
type Paper struct {
	Key        string `yaml:"key" json:"key"`
	Title      string `yaml:"title" json:"title"`
	Authors    string `yaml:"authors" json:"authors,omitempty"`
	Year       int    `yaml:"year" json:"year,omitempty"`
	Venue      string `yaml:"venue" json:"venue,omitempty"`
	URL        string `yaml:"url" json:"url,omitempty"`
	ArXiv      string `yaml:"arxiv" json:"arxiv,omitempty"`
	DOI        string `yaml:"doi" json:"doi,omitempty"`
	Difficulty string `yaml:"difficulty" json:"difficulty,omitempty"`
	Kind       string `yaml:"kind" json:"kind,omitempty"`
	Note       string `yaml:"note" json:"note,omitempty"`
	Stage      Stage  `yaml:"-" json:"stage"`
	// Collections are the reference manager's collections (folders) that
	// hold the paper, each a full path with "/" between levels, e.g.
	// "Alignment/Interpretability". Tags are its tags there (any text,
	// spaces allowed). A Zotero import fills both; a native file may list
	// them ("collections:" and "tags:" in a paper mapping), and an export
	// writes them there.
	Collections []string `yaml:"collections" json:"collections,omitempty"`
	Tags        []string `yaml:"tags" json:"tags,omitempty"`
	// GroupsKnown says that Collections and Tags are all the paper has (a
	// reference manager's library knows them): storing the paper replaces
	// the stored ones even when the lists are empty. Without it an empty
	// list leaves the stored one alone, so that a source that does not
	// know collections or tags (a BibTeX file, a native file that lists
	// none) never erases them; a non-empty list always replaces.
	GroupsKnown bool `yaml:"-" json:"-"`

	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// PaperProgress is a paper checkpoint with the learner's progress on it.
type PaperProgress struct {
	Paper
	Cards   int       `json:"cards"`    // cards attached to the paper
	Waiting int       `json:"waiting"`  // new cards held back until the paper reaches their Unlock stage
	StageAt time.Time `json:"stage_at"` // when it reached its stage
}
