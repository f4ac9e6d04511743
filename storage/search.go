package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"loci/deck"
	"loci/deck/search"
)

// SortKey orders search results.
type SortKey string

const (
	SortAdded      SortKey = "added"      // the order cards were added
	SortDue        SortKey = "due"        // due time; new cards last, in the order added
	SortInterval   SortKey = "interval"   // scheduled interval
	SortStability  SortKey = "stability"  // FSRS stability
	SortDifficulty SortKey = "difficulty" // FSRS difficulty
	SortLapses     SortKey = "lapses"     // times forgotten
)

// SortKeys lists the orders in the sequence a screen cycles through them.
var SortKeys = []SortKey{SortAdded, SortDue, SortInterval, SortStability, SortDifficulty, SortLapses}

// SearchOptions are the clock a query is read against and the page of
// results wanted. Nothing in a search reads the real clock.
type SearchOptions struct {
	Now time.Time
	// DayStart is the start of the learner day that holds Now, in the
	// learner's time zone: day n from today starts at DayStart.AddDate(0, 0, n),
	// so a daylight-saving change keeps the boundary's wall-clock time.
	DayStart time.Time
	// RecallDays inverts the forgetting curve (scheduler.RecallDays); only
	// prop:retrievability needs it.
	RecallDays func(r float64) float64

	Sort   SortKey // "" is SortAdded
	Desc   bool
	Limit  int // 0: no limit
	Offset int
	// Studyable leaves out suspended cards, cards buried past Now and new
	// cards waiting for their paper checkpoint, as a study session over a
	// search must.
	Studyable bool
}

// Search returns the cards q matches, ordered and paged by opt.
func (d *DB) Search(ctx context.Context, q search.Query, opt SearchOptions) ([]deck.Card, error) {
	query, args, err := SearchSQL(q, opt)
	if err != nil {
		return nil, err
	}
	var cards []deck.Card
	err = d.withSearchConn(ctx, func(conn *sql.Conn) error {
		rows, err := conn.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		cards, err = scanCards(rows)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", q, err)
	}
	return cards, nil
}

// SearchSQL returns the statement Search runs and its parameters, so that a
// benchmark can give the same query to the sqlite3 shell.
func SearchSQL(q search.Query, opt SearchOptions) (string, []any, error) {
	where, args, err := compileSearch(q, opt)
	if err != nil {
		return "", nil, err
	}
	order := " ORDER BY " + searchOrder(opt.Sort, opt.Desc)
	if opt.Limit <= 0 && opt.Offset <= 0 {
		return cardColumns + " WHERE " + where + order, args, nil
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = -1
	}
	// A page is chosen over keys alone, so that sorting many matches moves
	// small rows; only the page's cards are then read in full.
	query := cardColumns + " WHERE c.id IN (SELECT c.id FROM cards c WHERE " + where + order + " LIMIT ? OFFSET ?)" + order
	return query, append(args, limit, opt.Offset), nil
}

// SearchCount returns how many cards q matches (opt's page is ignored).
func (d *DB) SearchCount(ctx context.Context, q search.Query, opt SearchOptions) (int, error) {
	where, args, err := compileSearch(q, opt)
	if err != nil {
		return 0, err
	}
	var n int
	// The joins of cardColumns are needed only for the deck and paper
	// terms, which look them up in subqueries of their own.
	err = d.withSearchConn(ctx, func(conn *sql.Conn) error {
		return conn.QueryRowContext(ctx, "SELECT count(*) FROM cards c WHERE "+where, args...).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count search %s: %w", q, err)
	}
	return n, nil
}

// searchOrder is the ORDER BY clause of a sort key; every order ends on
// the order of adding, so pages never overlap.
func searchOrder(k SortKey, desc bool) string {
	dir := ""
	if desc {
		dir = " DESC"
	}
	// Keys rise as cards are added (as positions do), and ordering by the
	// key lets SQLite read the table in order and stop at the page's end.
	const added = "c.id"
	switch k {
	case SortDue:
		return "c.state = 0, c.due" + dir + ", " + added
	case SortInterval:
		return "c.scheduled_days" + dir + ", " + added
	case SortStability:
		return "c.stability" + dir + ", " + added
	case SortDifficulty:
		return "c.difficulty" + dir + ", " + added
	case SortLapses:
		return "c.lapses" + dir + ", " + added
	}
	return added + dir
}

// compileSearch turns a query into a WHERE expression over cards c and its
// parameters. User text only ever travels as a parameter.
func compileSearch(q search.Query, opt SearchOptions) (string, []any, error) {
	if opt.Now.IsZero() || opt.DayStart.IsZero() {
		return "", nil, fmt.Errorf("search: the caller must give the time and the day start")
	}
	c := &compiler{opt: opt}
	where := "1"
	if q.Root != nil {
		var err error
		if where, err = c.expr(q.Root); err != nil {
			return "", nil, err
		}
	}
	if opt.Studyable {
		where = "(" + where + ") AND c.suspended = 0 AND c.buried_until <= ? AND NOT (c.state = 0 AND c.waiting = 1)"
		c.args = append(c.args, ms(opt.Now))
	}
	return where, c.args, nil
}

type compiler struct {
	opt  SearchOptions
	args []any
}

// arg binds v as the next SQL parameter and returns the "?" that stands
// for it in the statement, so user text never enters the SQL itself.
func (c *compiler) arg(v any) string {
	c.args = append(c.args, v)
	return "?"
}

// day returns the start of learner day n from today, in Unix ms.
func (c *compiler) day(n int) int64 { return ms(c.opt.DayStart.AddDate(0, 0, n)) }

// list joins terms with AND or OR, cheapest first: SQLite tests a row's
// terms in the order written and stops at the first that decides, so a
// number compared before a LIKE over text saves the LIKE on most rows.
func (c *compiler) list(ns []search.Node, sep string) (string, error) {
	ns = slices.Clone(ns)
	slices.SortStableFunc(ns, func(a, b search.Node) int { return cost(a) - cost(b) })
	parts := make([]string, len(ns))
	for i, n := range ns {
		s, err := c.expr(n)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return "(" + strings.Join(parts, sep) + ")", nil
}

func (c *compiler) expr(n search.Node) (string, error) {
	switch n := n.(type) {
	case search.And:
		return c.list(n, " AND ")
	case search.Or:
		return c.list(n, " OR ")
	case search.Not:
		s, err := c.expr(n.X)
		return "NOT " + s, err
	case search.Text:
		return c.text(n), nil
	case search.Deck:
		p := likePattern(n.Pattern)
		return "c.deck_id IN (SELECT id FROM decks WHERE name LIKE " + c.arg(p) + ` ESCAPE '\' OR name LIKE ` +
			c.arg(p+"::%") + ` ESCAPE '\' OR name LIKE ` + c.arg("%::"+p) + ` ESCAPE '\' OR name LIKE ` +
			c.arg("%::"+p+"::%") + ` ESCAPE '\')`, nil
	case search.Tag:
		return c.tag(n.Pattern), nil
	case search.Is:
		return c.is(n.Status), nil
	case search.Paper:
		return "(c.paper_id IS NOT NULL AND c.paper_id IN (SELECT id FROM papers WHERE key LIKE " +
			c.arg(likePattern(n.Pattern)) + ` ESCAPE '\'))`, nil
	case search.Collection:
		return "(c.paper_id IS NOT NULL AND c.paper_id IN (" + c.collectionPapers(n.Pattern) + "))", nil
	case search.Stage:
		return "(c.paper_id IS NOT NULL AND c.paper_id IN (SELECT id FROM papers WHERE stage = " +
			c.arg(string(n.Stage)) + "))", nil
	case search.Compare:
		return c.compare(n)
	case search.Added:
		return "c.created_at >= " + c.arg(c.day(1-n.Days)), nil
	case search.Rated:
		cond := "at >= " + c.arg(c.day(1-n.Days)) + " AND rating > 0 AND kind != 'manual'"
		if n.Rating != 0 {
			cond += " AND rating = " + c.arg(int(n.Rating))
		}
		// One range of reviews_at, not one probe per card.
		return "c.id IN (SELECT card_id FROM reviews WHERE " + cond + ")", nil
	}
	return "", fmt.Errorf("search: cannot compile %T", n)
}

// cost ranks a term by the work it takes per card: a column compared with
// a number, a set built once (decks, papers, answers), a LIKE over the
// short tag list, a LIKE over the text.
func cost(n search.Node) int {
	switch n := n.(type) {
	case search.Is:
		if n.Status == search.IsLeech {
			return 3
		}
		return 1
	case search.Compare, search.Added:
		return 1
	case search.Deck, search.Paper, search.Stage, search.Collection, search.Rated:
		return 2
	case search.Tag:
		return 3
	case search.Not:
		return cost(n.X)
	case search.And:
		return maxCost(n)
	case search.Or:
		return maxCost(n)
	}
	return 4
}

func maxCost(ns []search.Node) int {
	worst := 0
	for _, x := range ns {
		worst = max(worst, cost(x))
	}
	return worst
}

// text matches a field: front or back contains the pattern; front: and
// back: equal it (wildcards aside), as Anki's field searches.
func (c *compiler) text(t search.Text) string {
	p := likePattern(t.Pattern)
	switch t.Field {
	case search.Front:
		return "c.front LIKE " + c.arg(p) + ` ESCAPE '\'`
	case search.Back:
		return "c.back LIKE " + c.arg(p) + ` ESCAPE '\'`
	}
	p = "%" + p + "%"
	return "(c.front LIKE " + c.arg(p) + ` ESCAPE '\' OR c.back LIKE ` + c.arg(p) + ` ESCAPE '\')`
}

// tag matches one tag of the space-separated list, or a child tag of it.
// A pattern without wildcards, or with them only at its ends, is one LIKE
// over " tags "; a "*" inside a pattern must not run across two tags, so
// those look at each tag alone.
func (c *compiler) tag(p search.Pattern) string {
	like := likePattern(p)
	parts := p.Parts()
	inner := false
	for i, part := range parts {
		if part == "" && i > 0 && i < len(parts)-1 {
			inner = true
		}
	}
	if !inner {
		return "((' ' || c.tags || ' ') LIKE " + c.arg("% "+like+" %") + ` ESCAPE '\' OR (' ' || c.tags || ' ') LIKE ` +
			c.arg("% "+like+"::%") + ` ESCAPE '\')`
	}
	// Tags hold no spaces, so the list becomes a JSON array by quoting.
	arr := `'["' || replace(replace(replace(c.tags, '\', '\\'), '"', '\"'), ' ', '","') || '"]'`
	return "(c.tags != '' AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(" + arr + ") THEN " + arr +
		" ELSE '[]' END) t WHERE t.value LIKE " + c.arg(like) + ` ESCAPE '\' OR t.value LIKE ` + c.arg(like+"::%") + ` ESCAPE '\'))`
}

func (c *compiler) is(s search.Status) string {
	switch s {
	// "+c.state" keeps SQLite off the state indexes for these: most cards
	// are new or in review, and reading the table in order beats looking
	// up each card from an index.
	case search.IsNew:
		return "+c.state = 0"
	case search.IsLearn:
		return "+c.state IN (1, 3)"
	case search.IsReview:
		return "+c.state IN (2, 3)"
	case search.IsDue:
		return "((c.state IN (1, 3) AND c.due <= " + c.arg(ms(c.opt.Now)) + ") OR (c.state = 2 AND c.due < " +
			c.arg(c.day(1)) + "))"
	case search.IsSuspended:
		return "c.suspended != 0"
	case search.IsBuried:
		return "c.buried_until > " + c.arg(ms(c.opt.Now))
	case search.IsLeech:
		return c.tag(search.LeechTag)
	}
	return "0"
}

// columns of the plain numeric properties.
var propColumns = map[search.Prop]string{
	search.PropInterval: "c.scheduled_days", search.PropLapses: "c.lapses", search.PropReps: "c.reps",
	search.PropStability: "c.stability", search.PropDifficulty: "c.difficulty",
}

func (c *compiler) compare(n search.Compare) (string, error) {
	switch n.Prop {
	case search.PropDue:
		return c.dueDays(n), nil
	case search.PropRetrievability:
		return c.retrievability(n)
	}
	col := propColumns[n.Prop]
	if col == "" {
		return "", fmt.Errorf("search: cannot compile prop:%s", n.Prop)
	}
	if n.Prop == search.PropStability || n.Prop == search.PropDifficulty {
		// A new card has no memory state yet, as in Anki.
		return "(c.state != 0 AND " + col + " " + string(n.Op) + " " + c.arg(n.Value) + ")", nil
	}
	return col + " " + string(n.Op) + " " + c.arg(n.Value), nil
}

// dueDays compares the learner day a card is due on with today: day k
// runs from day(k) to day(k+1), so every comparison is a range of due
// times (and the cards_queue index serves it).
func (c *compiler) dueDays(n search.Compare) string {
	k := int(n.Value)
	var cond string
	switch n.Op {
	case search.Lt:
		cond = "c.due < " + c.arg(c.day(k))
	case search.Le:
		cond = "c.due < " + c.arg(c.day(k+1))
	case search.Gt:
		cond = "c.due >= " + c.arg(c.day(k+1))
	case search.Ge:
		cond = "c.due >= " + c.arg(c.day(k))
	case search.Eq:
		cond = "(c.due >= " + c.arg(c.day(k)) + " AND c.due < " + c.arg(c.day(k+1)) + ")"
	case search.Ne:
		cond = "(c.due < " + c.arg(c.day(k)) + " OR c.due >= " + c.arg(c.day(k+1)) + ")"
	}
	return "(c.state != 0 AND " + cond + ")"
}

// retrievability compares recall now with r. Recall falls as time passes,
// so "recall < r" is "time since the last review > stability × RecallDays(r)".
func (c *compiler) retrievability(n search.Compare) (string, error) {
	r := n.Value
	if r <= 0 {
		// Recall of a reviewed card is above 0 however long ago.
		switch n.Op {
		case search.Gt, search.Ge, search.Ne:
			return "(c.state != 0 AND c.stability > 0)", nil
		}
		return "0", nil
	}
	if c.opt.RecallDays == nil {
		return "", fmt.Errorf("search: prop:retrievability needs the forgetting curve")
	}
	elapsed := "(" + c.arg(ms(c.opt.Now)) + " - c.last_review)"
	limit := "c.stability * " + c.arg(c.opt.RecallDays(r)*float64(24*time.Hour/time.Millisecond))
	op := map[search.Op]string{search.Lt: ">", search.Le: ">=", search.Gt: "<", search.Ge: "<=", search.Eq: "=", search.Ne: "!="}[n.Op]
	return "(c.state != 0 AND c.stability > 0 AND " + elapsed + " " + op + " " + limit + ")", nil
}

// likePattern turns a search pattern into a LIKE pattern with "\" as the
// escape: "*" becomes "%", and "%", "_" and "\" are escaped.
func likePattern(p search.Pattern) string {
	var b strings.Builder
	for _, part := range p.Parts() {
		if part == "" {
			b.WriteByte('%')
			continue
		}
		b.WriteString(likeEscaper.Replace(part))
	}
	return b.String()
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
