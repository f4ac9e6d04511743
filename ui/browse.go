package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/scheduler"
	"loci/storage"
	"loci/ui/render"
)

// Browser is what the browse screen needs beside search; storage.DB
// satisfies it.
type Browser interface {
	Reviews(ctx context.Context, key int64) ([]deck.Review, error)
	Suspend(ctx context.Context, key int64, on bool) (int64, error)
}

// Finder runs a query of loci's search language (see package
// deck/search); storage.Searcher satisfies it.
type Finder interface {
	Find(ctx context.Context, query string, sort storage.SortKey, desc bool, limit int) (storage.Page, error)
}

// historyRows is how many answers the detail pane lists, newest first.
const historyRows = 8

// browseLimit is how many rows the browse table loads; a search or another
// order brings others forward.
const browseLimit = 200

// browseColumns are the table's columns: its header, the order it sorts by
// (none for deck and front), its width and how a card fills it.
var browseColumns = []struct {
	head  string
	sort  storage.SortKey
	width int
	cell  func(c *deck.Card, now time.Time) string
}{
	{"Deck", "", 12, func(c *deck.Card, _ time.Time) string { return lastPart(c.Deck) }},
	{"Front", "", 0, func(c *deck.Card, _ time.Time) string {
		front, _ := c.Shown(nil)
		return strings.Join(strings.Fields(front), " ")
	}},
	{"State", "", 9, func(c *deck.Card, now time.Time) string {
		switch {
		case c.Suspended:
			return "suspended"
		case c.BuriedUntil.After(now):
			return "buried"
		}
		return c.Schedule.State.String()
	}},
	{"Due", storage.SortDue, 5, func(c *deck.Card, now time.Time) string {
		switch {
		case c.Schedule.State == deck.StateNew:
			return ""
		case !c.Schedule.Due.After(now):
			return "now"
		}
		return scheduler.Interval(c.Schedule.Due.Sub(now))
	}},
	{"Ivl", storage.SortInterval, 5, func(c *deck.Card, _ time.Time) string { return days(c, c.Schedule.ScheduledDays) }},
	{"Stab", storage.SortStability, 5, func(c *deck.Card, _ time.Time) string {
		return number(c, c.Schedule.Stability)
	}},
	{"Diff", storage.SortDifficulty, 4, func(c *deck.Card, _ time.Time) string {
		return number(c, c.Schedule.Difficulty)
	}},
	{"Laps", storage.SortLapses, 4, func(c *deck.Card, _ time.Time) string { return strconv.Itoa(c.Schedule.Lapses) }},
}

func lastPart(name string) string {
	if i := strings.LastIndex(name, "::"); i >= 0 {
		return name[i+2:]
	}
	return name
}

func days(c *deck.Card, n int) string {
	if c.Schedule.State == deck.StateNew {
		return ""
	}
	return strconv.Itoa(n) + "d"
}

func number(c *deck.Card, v float64) string {
	if c.Schedule.State == deck.StateNew {
		return ""
	}
	if v >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// browseView searches cards with the query language and shows one card's
// sides and history.
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
	sort    storage.SortKey
	desc    bool
}

func newBrowseView(a *App) *browseView {
	b := &browseView{
		app:    a,
		search: tview.NewInputField().SetLabel("Search: ").SetPlaceholder("deck:Funding is:due -tag:hard   (? for the syntax)"),
		table:  tview.NewTable().SetSelectable(true, false).SetFixed(1, 0).SetSelectedStyle(selectedStyle),
		detail: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true),
		status: tview.NewTextView().SetDynamicColors(true),
		sort:   storage.SortAdded,
	}
	b.keys = newKeyBar(&b.actions)
	if a.noColor { // no field background to show where to type: underline it
		b.search.SetFieldStyle(tcell.StyleDefault.Underline(true))
	}
	b.search.SetPlaceholderTextColor(tcell.ColorGray)
	b.table.SetBorder(true).SetTitle(" Cards ")
	b.detail.SetBorder(true)
	b.detail.SetDrawFunc(b.markHidden)
	b.table.SetSelectionChangedFunc(func(int, int) { b.showDetail() })
	b.search.SetDoneFunc(func(k tcell.Key) {
		if k == tcell.KeyEscape {
			a.tv.SetFocus(b.table)
			return
		}
		if b.load() {
			a.tv.SetFocus(b.table)
		}
	})
	inTable := func() bool { return b.table.HasFocus() } // not a.tv.GetFocus: the footer asks while drawing, under the app lock
	b.actions = []*action{
		{runes: []rune{'/'}, label: "/", help: "search", when: inTable, run: func() { a.tv.SetFocus(b.search) }},
		{runes: []rune{'o'}, label: "o", help: "order", when: inTable, run: b.nextSort},
		{runes: []rune{'r'}, label: "r", help: "reverse", when: inTable, run: func() { b.desc = !b.desc; b.load() }},
		{runes: []rune{'s'}, label: "s", help: "suspend", when: inTable, run: b.toggleSuspend},
		{runes: []rune{'e'}, label: "e", help: "edit", when: func() bool { return inTable() && a.editor != nil && b.selected() != nil }, run: b.edit},
		{runes: []rune{'?'}, label: "?", help: "help, syntax", when: inTable, run: b.showHelp},
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

// nextSort moves the order to the next sortable column, and from the last
// back to the order cards were added.
func (b *browseView) nextSort() {
	for i, k := range storage.SortKeys {
		if k == b.sort {
			b.sort = storage.SortKeys[(i+1)%len(storage.SortKeys)]
			break
		}
	}
	b.desc = false
	b.load()
}

// load runs the query line and fills the table; it reports whether the
// query ran (a query that does not parse leaves the table as it was and
// says where it went wrong).
func (b *browseView) load() bool {
	if b.app.finder == nil {
		b.status.SetText("[red]search is not available")
		return false
	}
	page, err := b.app.finder.Find(b.app.ctx, b.search.GetText(), b.sort, b.desc, browseLimit)
	if err != nil {
		b.status.SetText("[red]" + tview.Escape(err.Error()))
		return false
	}
	b.status.SetText("")
	b.cards = page.Cards
	b.table.Clear()
	arrow := map[bool]string{false: "▲", true: "▼"}[b.desc]
	for col, c := range browseColumns {
		head := c.head
		if c.sort != "" && c.sort == b.sort {
			head += arrow
		}
		cell := tview.NewTableCell("[::b]" + head).SetSelectable(false)
		if col > 2 {
			cell.SetAlign(tview.AlignRight)
		}
		b.table.SetCell(0, col, cell)
	}
	now := b.app.now()
	for i := range page.Cards {
		c := &page.Cards[i]
		for col, bc := range browseColumns {
			text := bc.cell(c, now)
			if bc.width > 0 {
				text = clipText(text, bc.width)
			}
			cell := tview.NewTableCell(tview.Escape(text))
			switch {
			case bc.width == 0:
				// The other columns and the borders leave the front about
				// 26 cells at 80 columns; wider screens show more.
				cell.SetExpansion(1).SetMaxWidth(26)
			case col > 2:
				cell.SetAlign(tview.AlignRight)
			}
			b.table.SetCell(i+1, col, cell)
		}
	}
	count := fmt.Sprintf("%d", page.Total)
	if page.Total > len(page.Cards) {
		count = fmt.Sprintf("%d of %d", len(page.Cards), page.Total)
	}
	order := string(b.sort)
	if b.sort == storage.SortAdded {
		order = "order added"
	}
	b.table.SetTitle(fmt.Sprintf(" Cards: %s · %s %s ", count, order, arrow))
	b.table.Select(1, 0)
	b.showDetail()
	return true
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
	if len(c.Tags) > 0 {
		s.WriteString(" · tags " + tview.Escape(strings.Join(c.Tags, " ")))
	}
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

// searchSyntax is the query language in brief, for the browse screen's help.
const searchSyntax = `[::b]Search[::-] (Anki's syntax; spaces mean AND)
 dog  "a dog"     text on the front or back
 front:x back:x   the field is x (* for any text)
 deck:Funding     a deck, short or full name; Fund*
 tag:hard         a tag or its children
 is:new learn review due suspended buried leech
 paper:KEY stage:read collection:A/B
 prop:ivl>=10 prop:due<3 prop:lapses>2
 prop:stability>30 prop:retrievability<0.8
 added:7 rated:7 rated:7:1 (answered Again)
 a or b   -negated   (grouped)`

// showHelp shows the keys and the search syntax.
func (b *browseView) showHelp() {
	b.app.showHelpWith(searchSyntax)
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
