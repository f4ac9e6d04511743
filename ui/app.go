package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/scheduler"
)

// Study is what the screens need from a study session; *scheduler.Study
// satisfies it.
type Study interface {
	Due(ctx context.Context, deckName string) (scheduler.Totals, []deck.Counts, error)
	Next(ctx context.Context, deckName string) (*deck.Card, error)
	Card(ctx context.Context, id string) (*deck.Card, error)
	Preview(c *deck.Card) ([4]deck.Schedule, error)
	Answer(ctx context.Context, c *deck.Card, r deck.Rating, took time.Duration) (deck.Review, error)
	Undo(ctx context.Context, id int64) (deck.Review, error)
	Bury(ctx context.Context, c *deck.Card) error
	Suspend(ctx context.Context, c *deck.Card, on bool) error
}

// App is the running terminal interface.
type App struct {
	tv      *tview.Application
	pages   *tview.Pages
	study   Study
	papers  Papers
	browser Browser
	now     func() time.Time // the study clock, for intervals
	ctx     context.Context

	dash      *dashboard
	review    *review
	papersTab *papersView
	statsTab  *statsView
	browse    *browseView
	help      *tview.TextView
	onTop     []*action       // the keys of the screen in front, for the help overlay
	helpFrom  tview.Primitive // what had focus before the help opened
}

// Store is what the papers and browse screens need beside the study session;
// storage.DB satisfies it.
type Store interface {
	Papers
	Browser
}

// New builds the interface over a study session and the store behind it.
// now is the clock the session uses (LOCI_NOW or the real one).
func New(ctx context.Context, study Study, store Store, now func() time.Time) *App {
	a := &App{tv: tview.NewApplication(), pages: tview.NewPages(), study: study, papers: store, browser: store, now: now, ctx: ctx}
	a.dash = newDashboard(a)
	a.review = newReview(a)
	a.papersTab = newPapersView(a)
	a.browse = newBrowseView(a)
	a.help = tview.NewTextView().SetDynamicColors(true)
	a.help.SetBorder(true).SetTitle(" Keys — any key closes ")
	a.help.SetInputCapture(func(*tcell.EventKey) *tcell.EventKey {
		a.pages.HidePage("help")
		a.tv.SetFocus(a.helpFrom)
		return nil
	})
	a.pages.AddPage("dashboard", a.dash.root, true, true)
	a.pages.AddPage("review", a.review.root, true, false)
	a.pages.AddPage("papers", a.papersTab.root, true, false)
	a.pages.AddPage("browse", a.browse.root, true, false)
	a.pages.AddPage("help", a.help, true, false)
	a.tv.SetRoot(a.pages, true)
	return a
}

// SetScreen runs the interface on a given screen (tests use a simulation).
func (a *App) SetScreen(s tcell.Screen) { a.tv.SetScreen(s) }

// Application exposes the tview application, for tests that queue updates.
func (a *App) Application() *tview.Application { return a.tv }

// Run shows the dashboard, or the review screen of deckName when review is
// set, and blocks until the learner quits.
//
// Run also ends, as on q, when the context given to New is cancelled: loci
// cancels it on SIGINT, SIGTERM and SIGHUP, so a closed terminal or a kill
// restores the terminal and exits cleanly. Every answer is already
// committed by then.
func (a *App) Run(deckName string, review bool) error {
	if review {
		a.startReview(deckName, true)
	} else {
		a.showDashboard()
	}
	ran := make(chan struct{})
	defer close(ran)
	go func() {
		select {
		case <-a.ctx.Done():
		case <-ran:
			return
		}
		// A Stop that comes before Run has set up its screen is lost, so
		// ask again until Run has returned.
		for {
			a.tv.Stop()
			select {
			case <-ran:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return a.tv.Run()
}

// Stop ends Run.
func (a *App) Stop() { a.tv.Stop() }

func (a *App) showDashboard() {
	a.dash.refresh()
	a.pages.SwitchToPage("dashboard")
	a.onTop = a.dash.actions
	a.tv.SetFocus(a.dash.table)
}

func (a *App) showPapers() {
	a.papersTab.refresh()
	a.pages.SwitchToPage("papers")
	a.onTop = a.papersTab.actions
	a.tv.SetFocus(a.papersTab.table)
}

func (a *App) showBrowse() {
	a.browse.load()
	a.pages.SwitchToPage("browse")
	a.onTop = a.browse.actions
	a.tv.SetFocus(a.browse.table)
}

// startReview opens the review screen on a deck; quitOnBack makes q leave
// loci instead of returning to the dashboard (for `loci review`).
func (a *App) startReview(deckName string, quitOnBack bool) {
	a.review.start(deckName, quitOnBack)
	a.pages.SwitchToPage("review")
	a.onTop = a.review.actions
	a.tv.SetFocus(a.review.card)
}

func (a *App) showHelp() {
	text, lines := "", 0
	for _, act := range a.onTop {
		if act.label != "" {
			text += fmt.Sprintf(" [yellow::b]%-8s[-::-] %s\n", act.label, act.help)
			lines++
		}
	}
	a.help.SetText(text)
	a.helpFrom = a.tv.GetFocus() // before AddPage, which moves the focus
	a.pages.RemovePage("help")
	a.pages.AddPage("help", centered(a.help, 48, lines+2), true, true)
	a.tv.SetFocus(a.help)
}

// centered places p in the middle of the screen at most w×h cells large.
func centered(p tview.Primitive, w, h int) tview.Primitive {
	return tview.NewFlex().
		AddItem(nil, 0, 1, false).
		AddItem(tview.NewFlex().SetDirection(tview.FlexRow).
			AddItem(nil, 0, 1, false).
			AddItem(p, h, 1, true).
			AddItem(nil, 0, 1, false), w, 1, true).
		AddItem(nil, 0, 1, false)
}

// countsText renders the three queue counts in their colours.
func countsText(t scheduler.Totals) string {
	return fmt.Sprintf("[blue]New %d[-]  [red]Learn %d[-]  [green]Due %d[-]", t.New, t.Learning, t.Review)
}

// SetStats adds the stats screen over src; the dashboard opens it with s.
func (a *App) SetStats(src StatsSource) { a.statsTab = newStatsView(a, src) }
