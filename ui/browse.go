package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/scheduler"
	"loci/ui/render"
)

// Browser is what the browse screen needs; storage.DB satisfies it.
type Browser interface {
	SearchCards(ctx context.Context, query string, limit int) ([]deck.Card, error)
	Reviews(ctx context.Context, key int64) ([]deck.Review, error)
	Suspend(ctx context.Context, key int64, on bool) (int64, error)
}

// browseLimit caps the rows the browse table holds; a search narrows it.
const browseLimit = 500

// historyRows is how many answers the detail pane lists, newest first.
const historyRows = 8

// browseView searches cards and shows one card's sides and history.
type browseView struct {
	app     *App
	root    *tview.Flex
	search  *tview.InputField
	table   *tview.Table
	detail  *tview.TextView
	status  *tview.TextView
	keys    *fitText
	actions []*action
	cards   []deck.Card
}

func newBrowseView(a *App) *browseView {
	b := &browseView{
		app:    a,
		search: tview.NewInputField().SetLabel("Search: "),
		table:  tview.NewTable().SetSelectable(true, false).SetFixed(1, 0).SetSelectedStyle(selectedStyle),
		detail: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true),
		status: tview.NewTextView().SetDynamicColors(true),
	}
	b.keys = newKeyBar(&b.actions)
	if a.noColor { // no field background to show where to type: underline it
		b.search.SetFieldStyle(tcell.StyleDefault.Underline(true))
	}
	b.table.SetBorder(true).SetTitle(" Cards ")
	b.detail.SetBorder(true)
	b.detail.SetDrawFunc(b.markHidden)
	b.table.SetSelectionChangedFunc(func(int, int) { b.showDetail() })
	b.search.SetDoneFunc(func(tcell.Key) {
		b.load()
		a.tv.SetFocus(b.table)
	})
	inTable := func() bool { return b.table.HasFocus() } // not a.tv.GetFocus: the footer asks while drawing, under the app lock
	b.actions = []*action{
		{runes: []rune{'/'}, label: "/", help: "search", when: inTable, run: func() { a.tv.SetFocus(b.search) }},
		{runes: []rune{'s'}, label: "s", help: "suspend or unsuspend", when: inTable, run: b.toggleSuspend},
		{runes: []rune{'e'}, label: "e", help: "edit", when: func() bool { return inTable() && a.editor != nil && b.selected() != nil }, run: b.edit},
		{runes: []rune{'?'}, label: "?", help: "help", when: inTable, run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "back", when: inTable, run: a.showDashboard},
	}
	b.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(b.search, 1, 0, false).
		AddItem(b.table, 0, 3, true).
		AddItem(b.detail, 0, 2, false).
		AddItem(b.status, 1, 0, false).
		AddItem(b.keys, 1, 0, false)
	b.root.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if dispatch(b.actions, ev) {
			return nil
		}
		return ev
	})
	return b
}

func (b *browseView) load() {
	cards, err := b.app.browser.SearchCards(b.app.ctx, b.search.GetText(), browseLimit)
	if err != nil {
		b.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	b.cards = cards
	b.table.Clear()
	for col, h := range []string{"Deck", "Front", "State", "Due", "Lapses"} {
		b.table.SetCell(0, col, tview.NewTableCell("[::b]"+h).SetSelectable(false))
	}
	now := b.app.now()
	for i, c := range cards {
		front, _ := c.Shown(nil)
		state := c.Schedule.State.String()
		if c.Suspended {
			state = "suspended"
		} else if c.BuriedUntil.After(now) {
			state = "buried"
		}
		due := ""
		if c.Schedule.State != deck.StateNew {
			due = scheduler.Interval(c.Schedule.Due.Sub(now))
			if !c.Schedule.Due.After(now) {
				due = "now"
			}
		}
		last := c.Deck
		if i := strings.LastIndex(last, "::"); i >= 0 {
			last = last[i+2:]
		}
		// Deck 14 + state 10 + due 6 + lapses 6 + borders and gaps leave the
		// front about 38 cells at 80 columns; wider screens show more.
		b.table.SetCell(i+1, 0, tview.NewTableCell(tview.Escape(clipText(last, 14))))
		b.table.SetCell(i+1, 1, tview.NewTableCell(tview.Escape(strings.Join(strings.Fields(front), " "))).SetExpansion(1).SetMaxWidth(38))
		b.table.SetCell(i+1, 2, tview.NewTableCell(state))
		b.table.SetCell(i+1, 3, tview.NewTableCell(due).SetAlign(tview.AlignRight))
		b.table.SetCell(i+1, 4, tview.NewTableCell(fmt.Sprint(c.Schedule.Lapses)).SetAlign(tview.AlignRight))
	}
	more := ""
	if len(cards) == browseLimit {
		more = fmt.Sprintf(" (the first %d; search to narrow)", browseLimit)
	}
	b.table.SetTitle(fmt.Sprintf(" Cards: %d%s ", len(cards), more))
	b.table.Select(1, 0)
	b.showDetail()
}

func (b *browseView) selected() *deck.Card {
	row, _ := b.table.GetSelection()
	if row < 1 || row > len(b.cards) {
		return nil
	}
	return &b.cards[row-1]
}

func (b *browseView) showDetail() {
	c := b.selected()
	if c == nil {
		b.detail.SetText("[gray]No cards match.")
		return
	}
	front, back := c.Shown(nil)
	var s strings.Builder
	opt := render.Options{NoColor: b.app.noColor}
	fmt.Fprintf(&s, "%s\n[gray]────────[-]\n%s\n\n[gray]%s · %s", render.Markdown(front, opt), render.Markdown(back, opt),
		tview.Escape(c.ID), tview.Escape(c.Deck))
	if c.Source != "" {
		s.WriteString(" · from " + tview.Escape(c.Source))
	}
	s.WriteString("[-]\n")
	revs, err := b.app.browser.Reviews(b.app.ctx, c.Key)
	if err == nil && len(revs) > 0 {
		s.WriteString("\n[::b]History[::-]\n")
		for i := len(revs) - 1; i >= 0 && i >= len(revs)-historyRows; i-- {
			r := revs[i]
			fmt.Fprintf(&s, "%s  %-5s → %s, next in %s\n", r.At.In(time.Local).Format("2006-01-02 15:04"), r.Rating,
				r.After.State, scheduler.Interval(r.After.Due.Sub(r.At)))
		}
		if older := len(revs) - historyRows; older > 0 {
			fmt.Fprintf(&s, "[gray]… and %s, not shown[-]\n", deck.Plural(older, "older answer", "older answers"))
		}
	}
	b.detail.SetText(s.String()).ScrollToBeginning()
}

// markHidden writes on the detail pane's bottom border how many lines do not
// fit, so that a long history is never cut off silently. It runs as the
// pane's draw function, after its border and before its text.
func (b *browseView) markHidden(screen tcell.Screen, x, y, w, h int) (int, int, int, int) {
	if hidden := b.detail.GetWrappedLineCount() - (h - 2); hidden > 0 && w > 24 {
		tview.Print(screen, " "+deck.Plural(hidden, "more line", "more lines")+" below ", x+1, y+h-1, w-2, tview.AlignRight, tcell.ColorYellow)
	}
	return x + 1, y + 1, w - 2, h - 2
}

func (b *browseView) toggleSuspend() {
	c := b.selected()
	if c == nil {
		return
	}
	if _, err := b.app.browser.Suspend(b.app.ctx, c.Key, !c.Suspended); err != nil {
		b.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	row, _ := b.table.GetSelection()
	b.load()
	b.table.Select(row, 0)
	b.status.SetText("[gray]" + tview.Escape(c.ID) + map[bool]string{true: " unsuspended", false: " suspended"}[c.Suspended])
}

func (b *browseView) edit() {
	status := b.app.editCard(b.selected().ID)
	row, _ := b.table.GetSelection()
	b.load()
	b.table.Select(row, 0)
	b.status.SetText(status)
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
