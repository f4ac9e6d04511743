package stats

import (
	"math"
	"sort"
	"time"

	"loci/deck"
)

const (
	// MatureDays is the interval from which a card counts as mature, as in
	// Anki's true-retention table (rslib/src/stats/graphs/retention.rs).
	MatureDays = 21
	// LeechLapses is Anki's default leech threshold: a card that has lapsed
	// this often is flagged as a leech when Input.LeechThreshold is 0.
	LeechLapses = 8
	// HeatmapWeeks is how many weeks the review heatmap shows.
	HeatmapWeeks = 16
	// HardestCount is how many of the hardest cards a summary lists.
	HardestCount = 5
)

// Tally is what a span of the review log adds up to. Only real answers
// count: manual reschedules brought in from Anki are not reviews.
type Tally struct {
	Reviews        int   // answers given
	Millis         int64 // time spent answering, in milliseconds
	NewLearned     int   // answers to cards that were new: cards seen for the first time
	YoungReviewed  int   // answers to cards in review whose interval was under MatureDays
	YoungPassed    int   // of those, rated Hard, Good or Easy
	MatureReviewed int   // answers to cards in review whose interval was MatureDays or more
	MaturePassed   int   // of those, rated Hard, Good or Easy
}

// Add returns the sum of two tallies.
func (t Tally) Add(u Tally) Tally {
	return Tally{t.Reviews + u.Reviews, t.Millis + u.Millis, t.NewLearned + u.NewLearned,
		t.YoungReviewed + u.YoungReviewed, t.YoungPassed + u.YoungPassed,
		t.MatureReviewed + u.MatureReviewed, t.MaturePassed + u.MaturePassed}
}

// DeckTally is one deck's tally for the week.
type DeckTally struct {
	Deck string
	Tally
}

// Move is one paper checkpoint changing stage.
type Move struct {
	Key, Title string
	From, To   deck.Stage
	At         time.Time // in the learner's time zone
	Date       Date      // the learner day of At
}

// CardTally is a card answered during the week: its lapses as of its last
// answer that week and how often it was answered Again that week.
type CardTally struct {
	ID, Deck, Front string
	Lapses, Again   int
}

// Input is everything a weekly summary is built from, already cut into
// learner days by the caller.
type Input struct {
	Week  Week
	Today Date // the learner day that holds now

	// Days holds the previous week's seven days, then the week's seven.
	Days [14]Tally
	// Heatmap holds the reviews of each day of the HeatmapWeeks weeks that
	// end with Week, oldest first (HeatmapWeeks*7 values).
	Heatmap []int
	// Active says, for each learner day from ActiveFrom on, whether any
	// card was answered; it runs at least to AsOf(Week, Today).
	Active     []bool
	ActiveFrom Date
	// Forecast holds the cards due on each learner day from Today on; the
	// first day also counts everything overdue.
	Forecast [7]int
	Decks    []DeckTally
	Moves    []Move      // in the order they happened
	Cards    []CardTally // cards answered in the week, in any order
	Leeches  []Leech     // cards that became leeches in the week, in the order they did
	// LeechThreshold is the learner's leech_threshold; 0 is LeechLapses.
	LeechThreshold int
	// Curve is the latest saved desired-retention simulation; nil when
	// none was saved.
	Curve *RetentionCurve
}

// Leech is a card that became a leech during the week: it lapsed the
// learner's leech threshold (or half as many more) times.
type Leech struct {
	ID     string `json:"id"`
	Deck   string `json:"deck"`
	Front  string `json:"front"`
	Lapses int    `json:"lapses"`
	Date   Date   `json:"date"`
}

// AsOf is the day a week's streak is counted to: today for the current
// week (or a later one), the week's Sunday for a past week.
func AsOf(w Week, today Date) Date {
	if s := w.Sunday(); s.Before(today) {
		return s
	}
	return today
}

// Headline holds a week's headline figures; the JSON names are fixed.
type Headline struct {
	Week            Week          `json:"week"`
	Reviews         int           `json:"reviews"`
	Minutes         float64       `json:"minutes"`
	NewLearned      int           `json:"new_learned"`
	Retention       *float64      `json:"retention"`
	RetentionYoung  *float64      `json:"retention_young"`
	RetentionMature *float64      `json:"retention_mature"`
	Streak          int           `json:"streak"`
	TrueRetention   TrueRetention `json:"true_retention"`
}

// TrueRetention holds the counts behind the retention figures, as the
// rows of Anki's true-retention table.
type TrueRetention struct {
	YoungPassed  int `json:"young_passed"`
	YoungFailed  int `json:"young_failed"`
	MaturePassed int `json:"mature_passed"`
	MatureFailed int `json:"mature_failed"`
}

// Day is one learner day's reviews.
type Day struct {
	Date       Date    `json:"date"`
	Reviews    int     `json:"reviews"`
	Minutes    float64 `json:"minutes"`
	NewLearned int     `json:"new_learned"`
}

// Due is the number of cards due on a learner day.
type Due struct {
	Date Date `json:"date"`
	Due  int  `json:"due"`
}

// DeckRow is one deck's week.
type DeckRow struct {
	Name       string   `json:"name"`
	Reviews    int      `json:"reviews"`
	Minutes    float64  `json:"minutes"`
	NewLearned int      `json:"new_learned"`
	Retention  *float64 `json:"retention"`
}

// PaperMove is a paper checkpoint that moved stage during the week: from
// the stage it had before its first move to the one after its last.
type PaperMove struct {
	Key   string     `json:"key"`
	Title string     `json:"title"`
	From  deck.Stage `json:"from"`
	To    deck.Stage `json:"to"`
	Date  Date       `json:"date"`
	At    time.Time  `json:"at"`
}

// HardCard is one of the week's hardest cards.
type HardCard struct {
	ID     string `json:"id"`
	Deck   string `json:"deck"`
	Front  string `json:"front"`
	Lapses int    `json:"lapses"`
	Again  int    `json:"again"`
	Leech  bool   `json:"leech"`
}

// Summary is a week of study, ready to render.
type Summary struct {
	Headline
	From        Date        `json:"from"`
	To          Date        `json:"to"`
	Today       Date        `json:"today"`
	AsOf        Date        `json:"as_of"`
	Days        []Day       `json:"days"`
	Forecast    []Due       `json:"forecast"`
	Decks       []DeckRow   `json:"decks"`
	PapersMoved []PaperMove `json:"papers_moved"`
	Hardest     []HardCard  `json:"hardest"`
	NewLeeches  []Leech     `json:"new_leeches"`
	// LeechAt is the lapses from which a card counts as a leech.
	LeechAt  int      `json:"leech_at"`
	Previous Headline `json:"previous"`
	// RetentionCurve is the latest saved desired-retention simulation;
	// null when none was saved.
	RetentionCurve *RetentionCurve `json:"retention_curve"`
	// Heatmap holds the HeatmapWeeks weeks ending with the week, a day at a
	// time from a Monday; the JSON leaves it out to stay short.
	Heatmap []Day `json:"-"`
}

// Build computes a summary from its input.
func Build(in Input) Summary {
	w := in.Week
	s := Summary{From: w.Monday(), To: w.Sunday(), Today: in.Today, AsOf: AsOf(w, in.Today)}
	var this, prev Tally
	for i, t := range in.Days {
		if i < 7 {
			prev = prev.Add(t)
			continue
		}
		this = this.Add(t)
		s.Days = append(s.Days, Day{Date: s.From.AddDays(i - 7), Reviews: t.Reviews, Minutes: Minutes(t.Millis), NewLearned: t.NewLearned})
	}
	s.Headline = headline(w, this, streakAt(in, s.AsOf))
	s.Previous = headline(w.Prev(), prev, streakAt(in, AsOf(w.Prev(), in.Today)))
	for i, n := range in.Forecast {
		s.Forecast = append(s.Forecast, Due{in.Today.AddDays(i), n})
	}
	heatFrom := s.From.AddDays(-7 * (HeatmapWeeks - 1))
	s.Heatmap = make([]Day, HeatmapWeeks*7)
	for i := range s.Heatmap {
		s.Heatmap[i].Date = heatFrom.AddDays(i)
		if i < len(in.Heatmap) {
			s.Heatmap[i].Reviews = in.Heatmap[i]
		}
	}
	s.Decks = deckRows(in.Decks)
	s.PapersMoved = paperMoves(in.Moves)
	s.LeechAt = in.LeechThreshold
	if s.LeechAt <= 0 {
		s.LeechAt = LeechLapses
	}
	s.Hardest = hardest(in.Cards, s.LeechAt)
	s.NewLeeches = append([]Leech{}, in.Leeches...)
	s.RetentionCurve = copyCurve(in.Curve)
	return s
}

func headline(w Week, t Tally, streak int) Headline {
	return Headline{
		Week: w, Reviews: t.Reviews, Minutes: Minutes(t.Millis), NewLearned: t.NewLearned,
		Retention:       Ratio(t.YoungPassed+t.MaturePassed, t.YoungReviewed+t.MatureReviewed),
		RetentionYoung:  Ratio(t.YoungPassed, t.YoungReviewed),
		RetentionMature: Ratio(t.MaturePassed, t.MatureReviewed),
		Streak:          streak,
		TrueRetention: TrueRetention{t.YoungPassed, t.YoungReviewed - t.YoungPassed,
			t.MaturePassed, t.MatureReviewed - t.MaturePassed},
	}
}

// Minutes converts milliseconds to minutes, rounded to hundredths.
func Minutes(ms int64) float64 { return math.Round(float64(ms)/600) / 100 }

// Ratio returns passed/reviewed, or nil when nothing was reviewed.
func Ratio(passed, reviewed int) *float64 {
	if reviewed == 0 {
		return nil
	}
	r := float64(passed) / float64(reviewed)
	return &r
}

// streakAt is the streak as of day asOf, from in.Active.
func streakAt(in Input, asOf Date) int {
	n := asOf.Sub(in.ActiveFrom) + 1
	if n <= 0 {
		return 0
	}
	return Streak(in.Active[:min(n, len(in.Active))])
}

// Streak counts the learner days in a row with at least one answer, ending
// with the last day of active (today) or, when nothing was answered that
// day yet, with the day before. active runs oldest first.
func Streak(active []bool) int {
	end := len(active)
	if end > 0 && !active[end-1] {
		end--
	}
	n := 0
	for i := end - 1; i >= 0 && active[i]; i-- {
		n++
	}
	return n
}

func deckRows(decks []DeckTally) []DeckRow {
	out := make([]DeckRow, 0, len(decks))
	for _, d := range decks {
		out = append(out, DeckRow{Name: d.Deck, Reviews: d.Reviews, Minutes: Minutes(d.Millis), NewLearned: d.NewLearned,
			Retention: Ratio(d.YoungPassed+d.MaturePassed, d.YoungReviewed+d.MatureReviewed)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Reviews != out[j].Reviews {
			return out[i].Reviews > out[j].Reviews
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// paperMoves folds the moves of each paper into one, from its stage before
// its first move that week to its stage after the last, ordered by the last.
func paperMoves(moves []Move) []PaperMove {
	out := []PaperMove{}
	at := map[string]int{}
	for _, m := range moves {
		i, ok := at[m.Key]
		if !ok {
			at[m.Key] = len(out)
			out = append(out, PaperMove{Key: m.Key, Title: m.Title, From: m.From})
			i = len(out) - 1
		}
		out[i].To, out[i].At, out[i].Date = m.To, m.At, m.Date
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// hardest picks the cards that lapsed most, then were failed most that
// week; a card never failed is not hard. Ties keep the input order.
func hardest(cards []CardTally, leechAt int) []HardCard {
	var hard []CardTally
	for _, c := range cards {
		if c.Lapses > 0 || c.Again > 0 {
			hard = append(hard, c)
		}
	}
	sort.SliceStable(hard, func(i, j int) bool {
		if hard[i].Lapses != hard[j].Lapses {
			return hard[i].Lapses > hard[j].Lapses
		}
		return hard[i].Again > hard[j].Again
	})
	out := []HardCard{}
	for _, c := range hard[:min(len(hard), HardestCount)] {
		out = append(out, HardCard{ID: c.ID, Deck: c.Deck, Front: c.Front, Lapses: c.Lapses, Again: c.Again,
			Leech: c.Lapses >= leechAt})
	}
	return out
}
