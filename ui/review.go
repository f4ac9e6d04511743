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
	card       *cardView
	buttons    *fitText
	status     *tview.TextView
	keys       *fitText
	actions    []*action
	deckName   string
	quitOnBack bool
	study      Study  // the app's study session, or a custom-study one
	title      string // names a custom-study session in place of the deck

	current  *deck.Card
	revealed bool
	preview  [4]deck.Schedule
	shownAt  time.Time  // real time the front appeared, for the answer duration
	undo     []int64    // undo journal ids of this session's actions, newest last
	opened   int        // media files of this card opened so far, to open the next
	leech    *deck.Card // the card the last answer made a leech, which e edits; nil otherwise

	countsAsked int // refreshes of the counts started; only the newest is shown
}

func newReview(a *App) *review {
	r := &review{
		app:      a,
		deckLine: tview.NewTextView().SetDynamicColors(true),
		counts:   tview.NewTextView().SetDynamicColors(true).SetTextAlign(tview.AlignRight),
		card:     newCardView(),
		status:   tview.NewTextView().SetDynamicColors(true),
	}
	r.buttons = newFitText(r.buttonsText)
	r.buttons.SetTextAlign(tview.AlignCenter)
	r.keys = newKeyBar(&r.actions)
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
		{runes: []rune{'u'}, keys: []tcell.Key{tcell.KeyCtrlZ}, label: "u", help: "undo", more: " answer, bury, suspend",
			when: func() bool { return len(r.undo) > 0 }, run: r.undoLast},
		// Destructive keys are symbols, as in Anki, never letters that
		// navigate elsewhere (s is stats on the dashboard, b browse).
		{runes: []rune{'-'}, label: "-", help: "bury", more: " until tomorrow", when: hasCard, run: r.bury},
		{runes: []rune{'@', '!'}, label: "@", help: "suspend", more: " (also !)", when: hasCard, run: r.suspend},
		{runes: []rune{'b', 's'}, when: hasCard, run: func() {
			r.status.SetText("[yellow]b and s do nothing here: - buries, @ suspends, u undoes")
		}},
		{runes: []rune{'e'}, label: "e", help: "edit", more: " in $EDITOR (after a leech: the leech)",
			when: func() bool { return a.editor != nil && (hasCard() || r.leech != nil) }, run: r.edit},
		{runes: []rune{'?'}, label: "?", help: "help", run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "back", run: r.back},
	}
	r.actions = insertBefore(r.actions, "?", r.cardActions()...)
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
	r.startWith(r.app.study, "", deckName, quitOnBack)
}

// startWith opens the review screen over any study session: title, when
// set, is shown in place of the deck's name.
func (r *review) startWith(s Study, title, deckName string, quitOnBack bool) {
	r.study, r.title = s, title
	r.deckName, r.quitOnBack = deckName, quitOnBack
	r.undo = nil
	r.status.SetText("")
	r.load()
	r.render()
}

// load fetches the next card and its interval previews.
func (r *review) load() {
	c, err := r.study.Next(r.app.ctx, r.deckName)
	if err != nil {
		r.fail(err)
		return
	}
	r.show(c)
}

func (r *review) show(c *deck.Card) {
	r.current, r.revealed, r.opened = c, false, 0
	if c != nil {
		var err error
		if r.preview, err = r.study.Preview(c); err != nil {
			r.fail(err) // the card is shown; answering it reports the same error
		}
		r.shownAt = time.Now()
	}
	r.refreshCounts()
}

// refreshCounts recounts what is left to study, away from the UI goroutine,
// and shows the counts when they come: counting groups over every card (a
// tenth of a second on 300,000 cards), and the card must not wait for it,
// nor share the cores with it: the count starts once the first screen is
// drawn. The counts of an older refresh that comes last are dropped; until
// the new ones come the old ones stay up. (A refresh still counting when the
// interface stops never returns from QueueUpdateDraw: loci exits then.)
func (r *review) refreshCounts() {
	r.countsAsked++
	asked, deckName, study := r.countsAsked, r.deckName, r.study
	go func() {
		select {
		case <-r.app.drawn:
		case <-r.app.ctx.Done():
			return
		}
		total, _, err := study.Due(r.app.ctx, deckName)
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
	rev, err := r.study.Answer(r.app.ctx, r.current, rating, time.Since(r.shownAt))
	if err != nil {
		r.fail(err)
		return
	}
	r.undo = append(r.undo, rev.UndoID)
	if rev.Kind == deck.EntryCram {
		r.status.SetText(fmt.Sprintf("[gray]%s — cram: the schedule stays", title(rating)))
	} else {
		r.status.SetText(fmt.Sprintf("[gray]%s — next in %s", title(rating), scheduler.Interval(rev.After.Due.Sub(rev.At))))
	}
	r.leech = nil
	if rev.Leech != "" {
		answered := *r.current
		r.leech = &answered
		r.status.SetText("[red::b]Leech: " + rev.Leech + ".[-::-] Rewrite it? [yellow::b]e[-::-] to edit")
	}
	r.load()
}

// undoLast takes back this session's newest action, whatever its kind, and
// shows its card again.
func (r *review) undoLast() {
	id := r.undo[len(r.undo)-1]
	act, err := r.study.Undo(r.app.ctx, id)
	if err != nil {
		r.fail(fmt.Errorf("%w (another loci may have changed it since)", err))
		return
	}
	r.undo = r.undo[:len(r.undo)-1]
	c, err := r.study.Card(r.app.ctx, act.CardID)
	if err != nil || c == nil {
		r.fail(fmt.Errorf("undo: card %s: %v", act.CardID, err))
		return
	}
	r.show(c)
	r.status.SetText("[gray]Undid " + tview.Escape(act.Describe()) + " of " + cardName(c))
}

func (r *review) bury() {
	c := r.current
	id, err := r.study.Bury(r.app.ctx, c)
	if err != nil {
		r.fail(err)
		return
	}
	r.undo = append(r.undo, id)
	r.status.SetText("[gray]Buried " + cardName(c) + " until tomorrow · u undoes")
	r.load()
}

func (r *review) suspend() {
	c := r.current
	id, err := r.study.Suspend(r.app.ctx, c, true)
	if err != nil {
		r.fail(err)
		return
	}
	r.undo = append(r.undo, id)
	r.status.SetText("[gray]Suspended " + cardName(c) + " · u undoes")
	r.load()
}

// edit opens the card in the editor: the leech the last answer made, if
// any, else the card shown, which is then shown again as saved.
func (r *review) edit() {
	target := r.current
	if r.leech != nil {
		target = r.leech
	}
	status := r.app.editCard(target.ID)
	r.leech = nil
	if r.current != nil {
		c, err := r.study.Card(r.app.ctx, r.current.ID)
		if err != nil {
			r.fail(err)
			return
		}
		if c != nil && !c.Suspended {
			revealed := r.revealed
			r.show(c)
			r.revealed = revealed
		} else {
			r.load()
		}
	}
	r.status.SetText(status)
}

// cardName names a card in a status line: the start of its front as the
// learner sees it, quoted, and escaped for tview.
func cardName(c *deck.Card) string {
	front, _ := c.Shown(nil)
	front = strings.Join(strings.Fields(front), " ")
	if rs := []rune(front); len(rs) > 40 {
		front = string(rs[:39]) + "…"
	}
	return "“" + tview.Escape(front) + "”"
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
	switch {
	case r.title != "":
		name = r.title
	case name == "":
		name = "All decks"
	}
	r.deckLine.SetText("[::b]" + tview.Escape(name))
	c := r.current
	if c == nil {
		r.card.SetTitle("")
		if r.title != "" {
			r.card.SetText("\n[green::b]Custom study done.[-::-]\n\nCards still in learning come back in the daily queue.\n\n[gray]q back")
		} else {
			r.card.SetText("\n[green::b]Nothing more to study here for now.[-::-]\n\n" + r.whyEmpty() + "\n\n[gray]q back")
		}
		return
	}
	r.card.SetTitle(" " + tview.Escape(c.Schedule.State.String()) + " ")
	r.card.show(r.sides(c))
}

// buttonsText is the line under the card for a width: "Space show answer",
// or the four ratings with the intervals they give, shortened to fit.
func (r *review) buttonsText(width int) string {
	if r.current == nil {
		return ""
	}
	if !r.revealed {
		return "[yellow::b]Space[-::-] show answer"
	}
	now := r.app.now()
	colors := [4]string{"red", "orange", "green", "blue"}
	// A cram session previews the card's own schedule for every rating:
	// no interval to show.
	cram := r.preview[0] == r.preview[1] && r.preview[1] == r.preview[2] && r.preview[2] == r.preview[3]
	var long, short []string
	for i, rating := range deck.Ratings {
		ivl := scheduler.Interval(r.preview[i].Due.Sub(now))
		if cram {
			long = append(long, fmt.Sprintf("[%s::b]%d[-::-] %s", colors[i], rating, title(rating)))
			short = append(short, fmt.Sprintf("[%s::b]%d[-::-]", colors[i], rating))
			continue
		}
		long = append(long, fmt.Sprintf("[%s::b]%d[-::-] %s [gray]%s[-]", colors[i], rating, title(rating), ivl))
		short = append(short, fmt.Sprintf("[%s::b]%d[-::-] [gray]%s[-]", colors[i], rating, ivl))
	}
	if cram {
		long = append(long, "[gray](cram)[-]")
		short = append(short, "[gray](cram)[-]")
	}
	return firstFit(width, strings.Join(long, "   "), strings.Join(long, "  "), strings.Join(short, "  "))
}

// whyEmpty says why no card is shown and when the next one comes.
func (r *review) whyEmpty() string {
	o, err := r.study.Outlook(r.app.ctx, r.deckName)
	if err != nil {
		return "[red]" + tview.Escape(err.Error()) + "[-]"
	}
	return tview.Escape(strings.Join(o.Reasons(), "\n"))
}

// title capitalises a rating for a button: "Again".
func title(r deck.Rating) string {
	s := r.String()
	return strings.ToUpper(s[:1]) + s[1:]
}
