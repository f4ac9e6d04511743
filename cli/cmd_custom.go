package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/deck"
	"loci/deck/search"
	"loci/scheduler"
	"loci/storage"
)

func studyCmd(e *env) *cobra.Command {
	var extraNew, limit int
	var ahead, query string
	var cram, asJSON bool
	cmd := &cobra.Command{
		Use:   "study (--extra-new N | --ahead DAYS | --search Q) [--cram]",
		Short: "Custom study: more new cards today, review ahead, a session over a search, cram",
		Long: `Custom study, as Anki's.

  --extra-new N   raise today's new-card limit by N (today only; the setting
                  stays). On a terminal the review screen opens; without one
                  the limit is raised and loci exits, for scripts.
  --ahead 3d      a session over the review cards due in the next 3 days; each
                  answer is scheduled by FSRS from the time truly elapsed.
  --search Q      a session over the cards a search finds (see loci search
                  --help), scheduled as usual: deck:Funding is:due, rated:7:1, tag:hard.
  --cram          with --search or --ahead: go through the cards without
                  changing any schedule. Answers are logged as cram, and left
                  out of the optimizer, true retention and the daily limits.

A session takes at most --limit cards (100, as Anki's filtered decks), due
first, leaving out suspended and buried cards and new cards waiting for their
paper checkpoint. Without a terminal a session
prints what it holds (--json: the card ids) and exits.`,
		Example: `  loci study --extra-new 10
  loci study --ahead 3d
  loci study --search 'deck:Funding rated:7:1'
  loci study --search tag:hard --cram`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			modes := 0
			for _, set := range []bool{cmd.Flags().Changed("extra-new"), ahead != "", query != ""} {
				if set {
					modes++
				}
			}
			if modes != 1 {
				return usagef("choose one of --extra-new N, --ahead DAYS or --search Q")
			}
			if limit < 1 {
				return usagef("--limit %d: want 1 or more", limit)
			}
			if cmd.Flags().Changed("extra-new") {
				if cram {
					return usagef("--cram goes with --search or --ahead")
				}
				if extraNew < 1 || extraNew > 9999 {
					return usagef("--extra-new %d: want 1 to 9999", extraNew)
				}
				return e.extraNew(extraNew, asJSON)
			}
			var days int
			if ahead != "" {
				var err error
				if days, err = parseDays(ahead); err != nil {
					return err
				}
				query = ""
			} else if _, err := search.Parse(query); err != nil {
				return queryError(query, err)
			}
			return e.customSession(days, query, cram, limit, asJSON)
		},
	}
	cmd.Flags().IntVar(&extraNew, "extra-new", 0, "raise today's new-card limit by N")
	cmd.Flags().StringVar(&ahead, "ahead", "", "review the cards due in the next DAYS days (3d or 3)")
	cmd.Flags().StringVar(&query, "search", "", "study the cards this query finds")
	cmd.Flags().BoolVar(&cram, "cram", false, "change no schedule (answers logged as cram)")
	cmd.Flags().IntVar(&limit, "limit", scheduler.SessionLimit, "cards in a session at most")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON when not opening the review screen")
	return cmd
}

// parseDays reads --ahead: a number of days, with or without a "d".
func parseDays(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || n < 1 || n > 36500 {
		return 0, usagef("--ahead %q: want a number of days such as 3d", s)
	}
	return n, nil
}

// interactive reports whether loci talks to a person at a terminal.
func (e *env) interactive() bool {
	in, ok1 := e.stdin.(*os.File)
	out, ok2 := e.stdout.(*os.File)
	return ok1 && ok2 && term.IsTerminal(int(in.Fd())) && term.IsTerminal(int(out.Fd()))
}

// custom is the custom-study builder over the open database.
func (e *env) custom(limit int) scheduler.Custom {
	s := e.searcher()
	return scheduler.Custom{Study: e.study, Limit: limit,
		Find: func(ctx context.Context, q search.Query, n int) ([]deck.Card, error) {
			return s.Studyable(ctx, q, storage.SortDue, n)
		}}
}

// extraNew raises today's new-card limit, then opens the review screen on
// a terminal.
func (e *env) extraNew(n int, asJSON bool) error {
	err := e.withDB(func() error {
		l, err := e.study.ExtendNewLimit(e.ctx, n)
		if err != nil {
			return err
		}
		if asJSON {
			return e.printJSON(l)
		}
		fmt.Fprintf(e.stdout, "today's new-card limit: %d + %d extra; %d studied, %d left\n", l.Setting, l.Extra, l.Done, l.Left)
		return nil
	})
	if err != nil || !e.interactive() || asJSON {
		return err
	}
	return e.runUI("", true)
}

// customSession builds a session over the cards due in the next days days
// (days > 0) or over query, and runs it on a terminal or prints it.
func (e *env) customSession(days int, query string, cram bool, limit int, asJSON bool) error {
	if err := e.open(); err != nil {
		return err
	}
	defer e.close()
	c := e.custom(limit)
	var sess *scheduler.Session
	var err error
	title := "Custom study: " + query
	if days > 0 {
		title = fmt.Sprintf("Custom study: due in the next %d days", days)
		sess, err = c.Ahead(e.ctx, days, cram)
	} else {
		sess, err = c.Search(e.ctx, query, cram)
	}
	if err != nil {
		return queryError(query, err)
	}
	if cram {
		title += " (cram: no schedule changes)"
	}
	if !e.interactive() || asJSON {
		return e.printSession(sess, asJSON)
	}
	ctx, stop := hangupEnds(e.ctx)
	defer stop()
	return e.newApp(ctx).RunSession(sess, title)
}

// printSession says what a session holds, for scripts.
func (e *env) printSession(s *scheduler.Session, asJSON bool) error {
	t, _, _ := s.Due(e.ctx, "")
	cards := s.Cards()
	if asJSON {
		ids := make([]string, len(cards))
		for i, c := range cards {
			ids[i] = c.ID
		}
		return e.printJSON(struct {
			scheduler.Totals
			Cram bool     `json:"cram"`
			IDs  []string `json:"ids"`
		}{t, s.Cram(), ids})
	}
	fmt.Fprintf(e.stdout, "custom study: %d %s (%d new, %d learning, %d review)\n", len(cards), plural(len(cards), "card", "cards"),
		t.New, t.Learning, t.Review)
	for _, c := range cards {
		fmt.Fprintln(e.stdout, c.ID)
	}
	if len(cards) > 0 {
		fmt.Fprintln(e.stdout, "Run it in a terminal to study these cards.")
	}
	return nil
}
