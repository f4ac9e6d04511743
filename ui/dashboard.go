package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/scheduler"
)

// dashboard lists the decks with what is studyable in each.
type dashboard struct {
	app     *App
	root    *tview.Flex
	title   *fitText
	table   *fitTable
	notice  *tview.TextView // why nothing is due, when that is so
	status  *tview.TextView
	keys    *fitText
	actions []*action
}

func newDashboard(a *App) *dashboard {
	d := &dashboard{
		app:    a,
		title:  newTitleLine(),
		table:  newFitTable(),
		notice: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true),
		status: tview.NewTextView().SetDynamicColors(true),
	}
	d.keys = newKeyBar(&d.actions)
	d.table.SetBorder(true).SetTitle(" Decks ")
	d.actions = []*action{
		{keys: []tcell.Key{tcell.KeyEnter}, label: "Enter", help: "study", run: d.study},
		{runes: []rune{'p'}, label: "p", help: "papers", run: a.showPapers},
		{runes: []rune{'b'}, label: "b", help: "browse cards", run: a.showBrowse},
		{runes: []rune{'c'}, label: "c", help: "custom study", when: func() bool { return a.custom != nil }, run: func() { a.customUI.open() }},
		{runes: []rune{'s'}, label: "s", help: "stats", when: func() bool { return a.statsTab != nil }, run: func() { a.statsTab.open() }},
		{runes: []rune{'?'}, label: "?", help: "help", run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "quit", run: a.Stop},
	}
	d.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(d.title, 1, 0, false).
		AddItem(d.table, 0, 1, true).
		AddItem(d.notice, 0, 0, false).
		AddItem(d.status, 1, 0, false).
		AddItem(d.keys, 1, 0, false)
	d.root.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if dispatch(d.actions, ev) {
			return nil
		}
		return ev
	})
	return d
}

// deckRow is one line of the table: a deck or a parent of decks.
type deckRow struct {
	name  string // full "::" name; "" for all decks
	depth int
	c     deck.Counts
}

// rows builds the deck tree with each parent summing its sub-decks, capped
// by the daily limits the totals already reflect.
func rows(total scheduler.Totals, decks []deck.Counts) []deckRow {
	agg := map[string]*deck.Counts{}
	var names []string // in the order decks come, which is the order their cards were added
	for _, c := range decks {
		parts := strings.Split(c.Deck, "::")
		for i := range parts {
			name := strings.Join(parts[:i+1], "::")
			a := agg[name]
			if a == nil {
				a = &deck.Counts{Deck: name}
				agg[name] = a
				names = append(names, name)
			}
			a.Cards += c.Cards
			a.New += c.New
			a.Learning += c.Learning
			a.Review += c.Review
		}
	}
	sortTree(names)
	all := deck.Counts{Deck: "All decks", New: total.New, Learning: total.Learning, Review: total.Review}
	out := []deckRow{{name: "", c: all}}
	for _, n := range names {
		c := *agg[n]
		c.New = min(c.New, total.New)
		c.Review = min(c.Review, total.Review)
		out = append(out, deckRow{name: n, depth: strings.Count(n, "::"), c: c})
	}
	for _, c := range decks {
		out[0].c.Cards += c.Cards
	}
	return out
}

// sortTree orders names so that every deck follows its parent and siblings
// keep their first-seen order.
func sortTree(names []string) {
	rank := map[string]int{}
	for i, n := range names {
		rank[n] = i
	}
	key := func(n string) []int {
		parts := strings.Split(n, "::")
		k := make([]int, len(parts))
		for i := range parts {
			k[i] = rank[strings.Join(parts[:i+1], "::")]
		}
		return k
	}
	sort.SliceStable(names, func(i, j int) bool {
		a, b := key(names[i]), key(names[j])
		for x := 0; x < len(a) && x < len(b); x++ {
			if a[x] != b[x] {
				return a[x] < b[x]
			}
		}
		return len(a) < len(b)
	})
}

func (d *dashboard) refresh() {
	total, decks, err := d.app.study.Due(d.app.ctx, "")
	if err != nil {
		d.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	left := total.Sum()
	msg := "nothing due now"
	if left > 0 {
		msg = fmt.Sprintf("%d to study now", left)
	}
	d.title.SetText(fmt.Sprintf("[::b]loci[::-]  ·  %s  ·  %s", msg, countsText(total)))
	d.showWhyEmpty(left == 0)
	d.table.Clear()
	for col, h := range []string{"Deck", "New", "Learn", "Due", "Cards"} {
		cell := tview.NewTableCell("[::b]" + h).SetSelectable(false)
		if col > 0 {
			cell.SetAlign(tview.AlignRight)
		}
		d.table.SetCell(0, col, cell)
	}
	for i, r := range rows(total, decks) {
		label := r.c.Deck
		if r.name != "" {
			parts := strings.Split(r.name, "::")
			label = strings.Repeat("  ", r.depth+1) + parts[len(parts)-1]
		}
		d.table.SetCell(i+1, 0, tview.NewTableCell(tview.Escape(label)).SetExpansion(1).SetReference(r.name))
		for col, v := range []struct {
			n     int
			color string
		}{{r.c.New, "blue"}, {r.c.Learning, "red"}, {r.c.Review, "green"}, {r.c.Cards, ""}} {
			text := fmt.Sprint(v.n)
			if v.n > 0 && col < 3 {
				text = "[" + v.color + "]" + text
			}
			d.table.SetCell(i+1, col+1, tview.NewTableCell(text).SetAlign(tview.AlignRight))
		}
	}
	if row, _ := d.table.GetSelection(); row < 1 || row >= d.table.GetRowCount() {
		d.table.Select(1, 0)
	}
	d.status.SetText("")
}

// showWhyEmpty fills the notice under the deck table, when nothing is
// left, with why and when the next card comes; otherwise it hides it.
func (d *dashboard) showWhyEmpty(empty bool) {
	var lines []string
	if empty {
		o, err := d.app.study.Outlook(d.app.ctx, "")
		if err != nil {
			lines = []string{"[red]" + tview.Escape(err.Error())}
		}
		for _, l := range o.Reasons() {
			lines = append(lines, tview.Escape(l))
		}
	}
	height := 0
	for _, l := range lines {
		height += 1 + len(l)/78 // room for a long line to wrap on a narrow screen
	}
	d.notice.SetText(strings.Join(lines, "\n"))
	d.root.ResizeItem(d.notice, height, 0)
}

func (d *dashboard) study() {
	row, _ := d.table.GetSelection()
	name, _ := d.table.GetCell(row, 0).GetReference().(string)
	d.app.startReview(name, false)
}
