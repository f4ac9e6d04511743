package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
)

// Papers is what the papers screen needs; storage.DB satisfies it.
type Papers interface {
	Papers(ctx context.Context) ([]deck.PaperProgress, error)
	SetPaperStage(ctx context.Context, key string, stage deck.Stage, at time.Time) error
}

// papersView lists the paper checkpoints; one key moves the selected paper
// to its next stage.
type papersView struct {
	app     *App
	root    *tview.Flex
	table   *tview.Table
	detail  *tview.TextView
	status  *tview.TextView
	keys    *fitText
	actions []*action
	list    []deck.PaperProgress
}

var stageColor = map[deck.Stage]string{deck.Queued: "gray", deck.Read: "blue", deck.Understood: "yellow", deck.Replicated: "green"}

func newPapersView(a *App) *papersView {
	p := &papersView{
		app:    a,
		table:  tview.NewTable().SetSelectable(true, false).SetFixed(1, 0).SetSelectedStyle(selectedStyle),
		detail: tview.NewTextView().SetDynamicColors(true).SetWordWrap(true),
		status: tview.NewTextView().SetDynamicColors(true),
	}
	p.keys = newKeyBar(&p.actions)
	p.table.SetBorder(true).SetTitle(" Paper checkpoints ")
	p.table.SetSelectionChangedFunc(func(int, int) { p.showDetail() })
	p.actions = []*action{
		{keys: []tcell.Key{tcell.KeyEnter}, runes: []rune{'a'}, label: "a", help: "advance a stage", run: p.advance},
		{runes: []rune{'?'}, label: "?", help: "help", run: a.showHelp},
		{runes: []rune{'q'}, keys: []tcell.Key{tcell.KeyEscape}, label: "q", help: "back", run: a.showDashboard},
	}
	p.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(p.table, 0, 1, true).
		AddItem(p.detail, 3, 0, false).
		AddItem(p.status, 1, 0, false).
		AddItem(p.keys, 1, 0, false)
	p.root.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if dispatch(p.actions, ev) {
			return nil
		}
		return ev
	})
	return p
}

func (p *papersView) refresh() {
	list, err := p.app.papers.Papers(p.app.ctx)
	if err != nil {
		p.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	p.list = list
	p.table.Clear()
	for col, h := range []string{"Stage", "Difficulty", "Cards", "Wait", "Title"} {
		p.table.SetCell(0, col, tview.NewTableCell("[::b]"+h).SetSelectable(false))
	}
	for i, pp := range list {
		p.table.SetCell(i+1, 0, tview.NewTableCell("["+stageColor[pp.Stage]+"]"+string(pp.Stage)))
		p.table.SetCell(i+1, 1, tview.NewTableCell(pp.Difficulty))
		p.table.SetCell(i+1, 2, tview.NewTableCell(fmt.Sprint(pp.Cards)).SetAlign(tview.AlignRight))
		p.table.SetCell(i+1, 3, tview.NewTableCell(fmt.Sprint(pp.Waiting)).SetAlign(tview.AlignRight))
		p.table.SetCell(i+1, 4, tview.NewTableCell(tview.Escape(pp.Title)).SetExpansion(1))
	}
	if row, _ := p.table.GetSelection(); row < 1 || row > len(list) {
		p.table.Select(1, 0)
	}
	p.showDetail()
}

func (p *papersView) selected() *deck.PaperProgress {
	row, _ := p.table.GetSelection()
	if row < 1 || row > len(p.list) {
		return nil
	}
	return &p.list[row-1]
}

func (p *papersView) showDetail() {
	pp := p.selected()
	if pp == nil {
		p.detail.SetText("[gray]No paper checkpoints yet: import a .md deck with papers or a .bib file.")
		return
	}
	by := pp.Authors
	if pp.Year != 0 {
		by += fmt.Sprintf(" (%d)", pp.Year)
	}
	waits := ""
	if pp.Waiting > 0 {
		waits = fmt.Sprintf("  [yellow]%d of its %d cards wait until you advance it[-]", pp.Waiting, pp.Cards)
	}
	groups := ""
	if g := pp.GroupsText(); g != "" {
		groups = "\n[gray]in[-] " + tview.Escape(g)
	}
	p.detail.SetText(fmt.Sprintf("[::b]%s[::-]  %s\n[gray]%s since %s[-]%s  %s%s",
		tview.Escape(pp.Key), tview.Escape(by), pp.Stage, pp.StageAt.In(time.Local).Format("2006-01-02"), waits,
		tview.Escape(pp.Note), groups))
}

func (p *papersView) advance() {
	pp := p.selected()
	if pp == nil {
		return
	}
	next := pp.Stage.Next()
	if next == pp.Stage {
		p.status.SetText("[gray]" + tview.Escape(pp.Key) + " is already replicated")
		return
	}
	if err := p.app.papers.SetPaperStage(p.app.ctx, pp.Key, next, p.app.now()); err != nil {
		p.status.SetText("[red]" + tview.Escape(err.Error()))
		return
	}
	key, before := pp.Key, pp.Waiting
	msg := fmt.Sprintf("[gray]%s: %s → %s", tview.Escape(key), pp.Stage, next)
	p.refresh() // pp points into the old list from here on
	for _, now := range p.list {
		if now.Key == key && now.Waiting < before {
			msg += fmt.Sprintf("; %d of its cards joined the new queue", before-now.Waiting)
		}
	}
	p.status.SetText(msg)
}
