package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"loci/deck"
	"loci/deck/search"
	"loci/scheduler"
	"loci/storage"
)

// searchHelp is the query language in brief, shown by every command that
// takes a query.
const searchHelp = `Search syntax (Anki's): terms separated by spaces must all match; "or"
between terms, ( ) to group, -term to negate. Case-insensitive; * is a wildcard.
  dog  "a dog"         front or back contains the text
  front:dog back:*dog* the field equals the text (use * to match inside)
  deck:Funding         a deck by full or last name, with its sub-decks; deck:Fund*
  tag:hard             a tag, or its children hard::x; tag:ml*
  is:new is:learn is:review is:due is:suspended is:buried is:leech
  paper:elk stage:read cards of a paper, of papers at a stage
  collection:Interp    cards of papers in a collection (full path A/B or last part),
                       with its sub-collections; collection:Inter*
  prop:ivl>=10 prop:due<3 prop:lapses>2 prop:reps=0 prop:stability>30
  prop:difficulty>7 prop:retrievability<0.8   (= != < <= > >=; due in days from today)
  added:7 rated:7 rated:7:1   added / answered in the last 7 days (:1 = answered Again)
Put a value with spaces or a colon in quotes: deck:"My deck", "RLHF: why".`

// searcher runs queries against the study clock.
func (e *env) searcher() storage.Searcher {
	sched := e.study.Sched
	return storage.Searcher{DB: e.db, Clock: func() storage.SearchOptions {
		now := e.now()
		return storage.SearchOptions{Now: now, DayStart: sched.DayStart(now), RecallDays: sched.RecallDays}
	}}
}

// queryError turns a query that does not parse into a usage error that
// shows the query with a caret under the column at fault.
func queryError(query string, err error) error {
	var se *search.Error
	if !errors.As(err, &se) {
		return err
	}
	return usageError{fmt.Errorf("%w\n  %s\n  %s^", err, query, strings.Repeat(" ", se.Col-1))}
}

// sortFlag checks a --sort value.
func sortFlag(v string) (storage.SortKey, error) {
	k := storage.SortKey(v)
	if !slices.Contains(storage.SortKeys, k) {
		names := make([]string, len(storage.SortKeys))
		for i, s := range storage.SortKeys {
			names[i] = string(s)
		}
		return "", usagef("--sort %q: want one of %s", v, strings.Join(names, ", "))
	}
	return k, nil
}

func searchCmd(e *env) *cobra.Command {
	var asJSON, desc bool
	var sortName string
	var limit int
	cmd := &cobra.Command{
		Use:   "search [QUERY...] [--json]",
		Short: "Find cards with Anki's search syntax (deck: tag: is: prop: rated: ...)",
		Long: `Find cards. The words of QUERY are joined with spaces; quote the whole query
to keep its quotes from the shell: loci search '"a dog" -is:new'. A word that
starts with "-" is a negated term unless it is one of the flags below; after
"--" every word is part of the query.

` + searchHelp,
		Example: `  loci search deck:Funding is:due
  loci search 'rated:7:1 or prop:lapses>3' --sort lapses --desc
  loci search tag:hard --json`,
		// A negated term (-tag:hard) looks like a flag to cobra, so the
		// command sorts its arguments itself (see queryArgs).
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, raw []string) error {
			args, help, err := queryArgs(cmd, raw)
			if err != nil || help {
				if help {
					return cmd.Help()
				}
				return err
			}
			sort, err := sortFlag(sortName)
			if err != nil {
				return err
			}
			if limit < 0 {
				return usagef("--limit %d: want 0 (all) or more", limit)
			}
			query := strings.Join(args, " ")
			if _, err := search.Parse(query); err != nil {
				return queryError(query, err)
			}
			return e.withDB(func() error {
				page, err := e.searcher().Find(e.ctx, query, sort, desc, limit)
				if err != nil {
					return queryError(query, err)
				}
				if asJSON {
					out := searchResult{Total: page.Total, Cards: make([]cardJSON, len(page.Cards))}
					for i := range page.Cards {
						out.Cards[i] = e.cardJSON(&page.Cards[i])
					}
					return e.printJSON(out)
				}
				e.printCards(page)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {total, cards: [{id, deck, front, back, state, due, ...}]}")
	cmd.Flags().StringVar(&sortName, "sort", "added", "order: added, due, interval, stability, difficulty or lapses")
	cmd.Flags().BoolVar(&desc, "desc", false, "reverse the order")
	cmd.Flags().IntVar(&limit, "limit", 100, "show at most this many cards (0: all)")
	return cmd
}

// searchResult is what `loci search --json` prints.
type searchResult struct {
	Total int        `json:"total"`
	Cards []cardJSON `json:"cards"`
}

// cardJSON is one card with its schedule, as search prints it.
type cardJSON struct {
	ID             string     `json:"id"`
	Deck           string     `json:"deck"`
	Kind           deck.Kind  `json:"kind"`
	Front          string     `json:"front"`
	Back           string     `json:"back"`
	Tags           []string   `json:"tags"`
	Paper          string     `json:"paper,omitempty"`
	State          string     `json:"state"`
	Due            *time.Time `json:"due,omitempty"`
	IntervalDays   int        `json:"interval_days"`
	Stability      float64    `json:"stability"`
	Difficulty     float64    `json:"difficulty"`
	Retrievability float64    `json:"retrievability"`
	Reps           int        `json:"reps"`
	Lapses         int        `json:"lapses"`
	Suspended      bool       `json:"suspended"`
	BuriedUntil    *time.Time `json:"buried_until,omitempty"`
}

func (e *env) cardJSON(c *deck.Card) cardJSON {
	s := c.Schedule
	out := cardJSON{ID: c.ID, Deck: c.Deck, Kind: c.Kind, Front: c.Front, Back: c.Back, Tags: c.Tags, Paper: c.Paper,
		State: s.State.String(), IntervalDays: s.ScheduledDays, Stability: s.Stability, Difficulty: s.Difficulty,
		Retrievability: e.study.Sched.Retrievability(s, e.now()), Reps: s.Reps, Lapses: s.Lapses, Suspended: c.Suspended}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if s.State != deck.StateNew {
		due := s.Due.UTC()
		out.Due = &due
	}
	if c.BuriedUntil.After(e.now()) {
		b := c.BuriedUntil.UTC()
		out.BuriedUntil = &b
	}
	return out
}

// printCards writes a page of cards as aligned columns and a count line.
func (e *env) printCards(page storage.Page) {
	now := e.now()
	idW, deckW := len("ID"), len("DECK")
	for _, c := range page.Cards {
		idW, deckW = max(idW, len([]rune(c.ID))), max(deckW, len([]rune(c.Deck)))
	}
	deckW = min(deckW, 30)
	if len(page.Cards) > 0 {
		fmt.Fprintf(e.stdout, "%-*s  %-*s  %-10s  %6s  %s\n", idW, "ID", deckW, "DECK", "STATE", "DUE", "FRONT")
	}
	for _, c := range page.Cards {
		state := c.Schedule.State.String()
		if c.Suspended {
			state = "suspended"
		}
		due := "-"
		if c.Schedule.State != deck.StateNew {
			due = "now"
			if d := c.Schedule.Due.Sub(now); d > 0 {
				due = scheduler.Interval(d)
			}
		}
		front, _ := c.Shown(nil)
		fmt.Fprintf(e.stdout, "%-*s  %-*s  %-10s  %6s  %s\n", idW, c.ID, deckW, clip(c.Deck, deckW), state, due,
			clip(strings.Join(strings.Fields(front), " "), 60))
	}
	switch {
	case page.Total == len(page.Cards):
		fmt.Fprintf(e.stdout, "%d %s\n", page.Total, plural(page.Total, "card", "cards"))
	default:
		fmt.Fprintf(e.stdout, "%d of %d cards (--limit 0 for all)\n", len(page.Cards), page.Total)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// queryArgs parses the flags among args and returns the other words: the
// query. An argument starting with "-" is a flag only when it names one of
// cmd's flags (its own or inherited, such as --db); any other (-tag:hard,
// -(a or b)) is a negated term. After "--" every argument is query. help
// reports -h or --help.
func queryArgs(cmd *cobra.Command, args []string) (query []string, help bool, err error) {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.AddFlagSet(cmd.Flags())
	fs.AddFlagSet(cmd.InheritedFlags())
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			query = append(query, args[i+1:]...)
			break
		}
		if a == "-h" || a == "--help" {
			return nil, true, nil
		}
		var f *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--"):
			name, _, _ := strings.Cut(a[2:], "=")
			if f = fs.Lookup(name); f == nil {
				return nil, false, usagef("unknown flag %s (a negated term goes after --: loci %s -- %s)", a, cmd.Name(), a[1:])
			}
		case len(a) == 2 && a[0] == '-':
			f = fs.ShorthandLookup(a[1:])
		}
		if f == nil {
			query = append(query, a)
			continue
		}
		flags = append(flags, a)
		if !strings.Contains(a, "=") && f.NoOptDefVal == "" && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, false, usageError{err}
	}
	return query, false, nil
}
