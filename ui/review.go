package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/scheduler"
)

// review shows one card at a time: the front, then the back with the four
// rating buttons, each labelled with the interval it would give.
type review struct {
	app        *App
	root       *tview.Flex
	deckLine   *tview.TextView
	counts     *tview.TextView
	card       *tview.TextView
	buttons    *tview.TextView
	status     *tview.TextView
	keys       *tview.TextView
	actions    []*action
	deckName   string
	quitOnBack bool

	current  *deck.Card
	revealed bool
	preview  [4]deck.Schedule
	shownAt  time.Time // real time the front appeared, for the answer duration
	undo     []int64   // review log ids answered in this session, newest last

	countsAsked int // refreshes of the counts started; only the newest is shown
}

func newReview(a *App) *review {
	r := &review{
		app:      a,
		deckLine: tview.NewTextView().SetDynamicColors(true),
		counts:   tview.NewTextView().SetDynamicColors(true).SetTextAlign(tview.AlignRight),
		card:     tview.NewTextView().SetDynamicColors(true).SetWordWrap(true).SetTextAlign(tview.AlignCenter),
		buttons:  tview.NewTextView().SetDynamicColors(true).SetTextAlign(tview.AlignCenter),
		status:   tview.NewTextView().SetDynamicColors(true),
		keys:     tview.NewTextView().SetDynamicColors(true),
	}
	r.card.SetBorder(true).SetBorderPadding(1, 1, 2, 2)
	hasCard := func() bool { return r.current != nil }
	front := func() bool { return r.current != nil && !r.revealed }
	back := func() bool { return r.current != nil && r.revealed }
	r.actions = []*action{
		{keys: []tcell.Key{tcell.KeyEnter}, runes: []rune{' '}, label: "Space", help: "show answer", when: front, run: r.reveal},
		{runes: []rune{'1'}, label: "1", help: "again", quiet: true, when: back, run: func() { r.rate(deck.Again) }},
		{runes: []rune{'2'}, label: "2", help: "hard", quiet: true, when: back, run: func() { r.rate(deck.Hard) }},
		{runes: []rune{'3'}, keys: []tcell.Key{tcell.KeyEnter}, label: "3", help: "good (also Space)", quiet: true, when: back, run: func() { r.rate(deck.Good) }},
		{runes: []rune{' '}, when: back, run: func() { r.rate(deck.Good) }},
		{runes: []rune{'4'}, label: "4", help: "easy", quiet: true, when: back, run: func() { r.rate(deck.Easy) }},
		{runes: []rune{'u'}, label: "u", help: "undo", when: func() bool { return len(r.undo) > 0 }, run: r.undoLast},
		{runes: []rune{'b'}, label: "b", help: "bury", when: hasCard, run: r.bury},
		{runes: []rune{'s'}, label: "s", help: "suspend", when: hasCard, run: r.suspend},
		{runes: []rune{'?'}, label: "?", help: "help", run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "back", run: r.back},
	}
	top := tview.NewFlex().AddItem(r.deckLine, 0, 1, false).AddItem(r.counts, 28, 0, false)
	r.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(top, 1, 0, false).
		AddItem(r.card, 0, 1, true).
		AddItem(r.buttons, 1, 0, false).
		AddItem(r.status, 1, 0, false).
		AddItem(r.keys, 1, 0, false)
	r.root.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if dispatch(r.actions, ev) {
			r.render()
			return nil
		}
		return ev
	})
	return r
}

func (r *review) start(deckName string, quitOnBack bool) {
	r.deckName, r.quitOnBack = deckName, quitOnBack
	r.undo = nil
	r.status.SetText("")
	r.load()
	r.render()
}

// load fetches the next card and its interval previews.
func (r *review) load() {
	c, err := r.app.study.Next(r.app.ctx, r.deckName)
	if err != nil {
		r.fail(err)
		return
	}
	r.show(c)
}

func (r *review) show(c *deck.Card) {
	r.current, r.revealed = c, false
	if c != nil {
		var err error
		if r.preview, err = r.app.study.Preview(c); err != nil {
			r.fail(err) // the card is shown; answering it reports the same error
		}
		r.shownAt = time.Now()
	}
	r.refreshCounts()
}

// refreshCounts recounts what is left to study, away from the UI goroutine,
// and shows the counts when they come: counting groups over every card (a
// tenth of a second on 300,000 cards), and the card must not wait for it.
// The counts of an older refresh that comes last are dropped; until the new
// ones come the old ones stay up. (A refresh still counting when the
// interface stops never returns from QueueUpdateDraw: loci exits then.)
func (r *review) refreshCounts() {
	r.countsAsked++
	asked, deckName := r.countsAsked, r.deckName
	go func() {
		total, _, err := r.app.study.Due(r.app.ctx, deckName)
		if err != nil {
			return // the database is closing, or the next refresh will tell
		}
		r.app.tv.QueueUpdateDraw(func() {
			if asked == r.countsAsked {
				r.counts.SetText(countsText(total))
			}
		})
	}()
}

func (r *review) reveal() { r.revealed = true }

func (r *review) rate(rating deck.Rating) {
	rev, err := r.app.study.Answer(r.app.ctx, r.current, rating, time.Since(r.shownAt))
	if err != nil {
		r.fail(err)
		return
	}
	r.undo = append(r.undo, rev.ID)
	r.status.SetText(fmt.Sprintf("[gray]%s — next in %s", title(rating), scheduler.Interval(rev.After.Due.Sub(rev.At))))
	r.load()
}

func (r *review) undoLast() {
	id := r.undo[len(r.undo)-1]
	rev, err := r.app.study.Undo(r.app.ctx, id)
	if err != nil {
		r.fail(fmt.Errorf("undo: %w (another loci may have answered since)", err))
		return
	}
	r.undo = r.undo[:len(r.undo)-1]
	c, err := r.app.study.Card(r.app.ctx, rev.CardID)
	if err != nil || c == nil {
		r.fail(fmt.Errorf("undo: card %s: %v", rev.CardID, err))
		return
	}
	r.show(c)
	r.status.SetText("[gray]Undid the " + rev.Rating.String() + " answer")
}

func (r *review) bury() {
	if err := r.app.study.Bury(r.app.ctx, r.current); err != nil {
		r.fail(err)
		return
	}
	r.status.SetText("[gray]Buried until tomorrow")
	r.load()
}

func (r *review) suspend() {
	if err := r.app.study.Suspend(r.app.ctx, r.current, true); err != nil {
		r.fail(err)
		return
	}
	r.status.SetText("[gray]Suspended " + tview.Escape(r.current.ID))
	r.load()
}

func (r *review) back() {
	if r.quitOnBack {
		r.app.Stop()
		return
	}
	r.app.showDashboard()
}

func (r *review) fail(err error) {
	r.status.SetText("[red]" + tview.Escape(err.Error()))
}

// render draws the current state into the widgets.
func (r *review) render() {
	name := r.deckName
	if name == "" {
		name = "All decks"
	}
	r.deckLine.SetText("[::b]" + tview.Escape(name))
	r.keys.SetText(footer(r.actions))
	c := r.current
	if c == nil {
		r.card.SetTitle("")
		r.card.SetText("\n[green::b]Nothing more to study here for now.[-::-]\n\nCome back later for cards still in learning,\nor tomorrow for the next reviews.\n\n[gray]q back")
		r.buttons.SetText("")
		return
	}
	r.card.SetTitle(" " + tview.Escape(c.Schedule.State.String()) + " ")
	front, back := c.Shown(nil)
	var b strings.Builder
	if c.Kind == deck.Cloze {
		if r.revealed {
			b.WriteString(clozeBack(c))
		} else {
			b.WriteString(tview.Escape(front))
		}
	} else {
		b.WriteString("[::b]" + tview.Escape(front) + "[::-]")
		if r.revealed {
			b.WriteString("\n\n[gray]────────[-]\n\n" + tview.Escape(back))
		}
	}
	if c.Source != "" || c.Paper != "" {
		b.WriteString("\n\n[gray]")
		if c.Source != "" {
			b.WriteString("from " + tview.Escape(c.Source))
		}
		if c.Paper != "" {
			b.WriteString("  · paper " + tview.Escape(c.Paper))
		}
		b.WriteString("[-]")
	}
	r.card.SetText(b.String()).ScrollToBeginning()
	if !r.revealed {
		r.buttons.SetText("[yellow::b]Space[-::-] show answer")
		return
	}
	now := r.app.now()
	colors := [4]string{"red", "orange", "green", "blue"}
	var btn []string
	for i, rating := range deck.Ratings {
		ivl := scheduler.Interval(r.preview[i].Due.Sub(now))
		btn = append(btn, fmt.Sprintf("[%s::b]%d[-::-] %s [gray]%s[-]", colors[i], rating, title(rating), ivl))
	}
	r.buttons.SetText(strings.Join(btn, "   "))
}

// title capitalises a rating for a button: "Again".
func title(r deck.Rating) string {
	s := r.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// clozeBack renders a cloze back with the card's text escaped and only the
// highlight of the revealed deletion kept as a colour tag.
func clozeBack(c *deck.Card) string {
	const open, shut = "\x00", "\x01"
	_, back := c.Shown(func(s string) string { return open + s + shut })
	s := tview.Escape(back)
	s = strings.ReplaceAll(s, open, "[yellow::b]")
	return strings.ReplaceAll(s, shut, "[-::-]")
}
