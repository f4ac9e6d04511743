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
)

// Study is what the screens need from a study session; *scheduler.Study
// satisfies it.
type Study interface {
	Due(ctx context.Context, deckName string) (scheduler.Totals, []deck.Counts, error)
	Outlook(ctx context.Context, deckName string) (scheduler.Outlook, error)
	Next(ctx context.Context, deckName string) (*deck.Card, error)
	Card(ctx context.Context, id string) (*deck.Card, error)
	Preview(c *deck.Card) ([4]deck.Schedule, error)
	Answer(ctx context.Context, c *deck.Card, r deck.Rating, took time.Duration) (deck.Review, error)
	Undo(ctx context.Context, id int64) (deck.Action, error)
	Bury(ctx context.Context, c *deck.Card) (int64, error)
	Suspend(ctx context.Context, c *deck.Card, on bool) (int64, error)
}

// App is the running terminal interface.
type App struct {
	tv      *tview.Application
	pages   *tview.Pages
	study   Study
	papers  Papers
	browser Browser
	finder  Finder           // the search language; nil until SetSearch
	custom  Custom           // custom study; nil until SetCustom
	editor  CardEditor       // nil: no e key
	now     func() time.Time // the study clock, for intervals
	ctx     context.Context

	dash      *dashboard
	review    *review
	papersTab *papersView
	statsTab  *statsView
	browse    *browseView
	customUI  *customForm
	help      *cardView
	onTop     []*action       // the keys of the screen in front, for the help overlay
	helpFrom  tview.Primitive // what had focus before the help opened

	// drawn is closed once the first screen is on the terminal: work that
	// can wait (the queue counts, the daily backup) waits for it, so that it
	// never takes a core from the first card.
	drawn     chan struct{}
	drewOnce  bool
	guard     *sizeGuard // the root: the screens, or "terminal too small"
	media     media      // where imported media files are and how to open them
	noColor   bool       // NO_COLOR is set: no colour is drawn
	hasScreen bool       // SetScreen gave a screen; else Run makes one
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
	useTerminalTheme()
	a := &App{tv: tview.NewApplication(), pages: tview.NewPages(), study: study, papers: store, browser: store, now: now, ctx: ctx,
		noColor: noColor(), media: media{run: startDetached}, drawn: make(chan struct{})}
	a.dash = newDashboard(a)
	a.review = newReview(a)
	a.papersTab = newPapersView(a)
	a.browse = newBrowseView(a)
	a.customUI = newCustomForm(a)
	a.help = newCardView()
	a.help.SetBorderPadding(0, 0, 0, 0).SetTitle(" Keys — ↑↓ scroll, other keys close ")
	a.help.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if scrollKey(ev) { // a help taller than the screen scrolls
			return ev
		}
		a.pages.HidePage("help")
		a.tv.SetFocus(a.helpFrom)
		return nil
	})
	a.pages.AddPage("dashboard", a.dash.root, true, true)
	a.pages.AddPage("review", a.review.root, true, false)
	a.pages.AddPage("papers", a.papersTab.root, true, false)
	a.pages.AddPage("browse", a.browse.root, true, false)
	a.pages.AddPage("help", a.help, true, false)
	a.guard = &sizeGuard{Primitive: a.pages}
	a.tv.SetRoot(a.guard, true)
	a.tv.SetInputCapture(a.guard.capture)
	a.tv.SetAfterDrawFunc(a.afterDraw)
	return a
}

// afterDraw runs on the UI goroutine after each draw: after the first, it
// shows the screen at once (tview would next) and lets the waiting work go.
func (a *App) afterDraw(s tcell.Screen) {
	if a.drewOnce {
		return
	}
	a.drewOnce = true
	s.Show()
	close(a.drawn)
}

// Drawn is closed once the first screen has been drawn on the terminal.
// Work that can wait should wait for it (or for Run to return, as Run may
// fail before it draws anything).
func (a *App) Drawn() <-chan struct{} { return a.drawn }

// SetScreen runs the interface on a given screen (tests use a simulation).
// Under NO_COLOR the screen is wrapped so that no colour reaches it.
func (a *App) SetScreen(s tcell.Screen) {
	a.hasScreen = true
	if a.noColor {
		s = monoScreen{s}
	}
	a.tv.SetScreen(s)
}

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
	return a.run()
}

// run runs tview's loop, on a colourless screen under NO_COLOR, until the
// learner quits or the context given to New is cancelled.
func (a *App) run() error {
	if !a.hasScreen && a.noColor {
		s, err := tcell.NewScreen()
		if err != nil {
			return fmt.Errorf("terminal: %w", err)
		}
		a.SetScreen(s)
	}
	ran := make(chan struct{})
	defer close(ran)
	go func() {
		select {
		case <-a.ctx.Done():
		case <-ran:
			return
		}
		// Stop on the UI's own goroutine, as the q key does: calling it from
		// here would race with the event loop. An update queued before Run
		// has set up its screen waits for the loop, so it is never lost.
		stopped := make(chan struct{})
		go func() { a.tv.QueueUpdate(a.tv.Stop); close(stopped) }()
		select {
		case <-stopped:
		case <-ran:
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

// RunSession opens the review screen on a custom-study session (see
// scheduler.Session) named title, and blocks until the learner quits.
func (a *App) RunSession(s Study, title string) error {
	a.startSession(s, title, true)
	return a.run()
}

// startSession opens the review screen on a custom-study session.
func (a *App) startSession(s Study, title string, quitOnBack bool) {
	a.review.startWith(s, title, "", quitOnBack)
	a.pages.SwitchToPage("review")
	a.onTop = a.review.actions
	a.tv.SetFocus(a.review.card)
}

// startReview opens the review screen on a deck; quitOnBack makes q leave
// loci instead of returning to the dashboard (for `loci review`).
func (a *App) startReview(deckName string, quitOnBack bool) {
	a.review.start(deckName, quitOnBack)
	a.pages.SwitchToPage("review")
	a.onTop = a.review.actions
	a.tv.SetFocus(a.review.card)
}

func (a *App) showHelp() { a.showHelpWith("") }

// showHelpWith shows the keys of the screen in front, then extra text.
func (a *App) showHelpWith(extra string) {
	text, lines, width := "", 0, 48
	for _, act := range a.onTop {
		if act.label != "" {
			line := fmt.Sprintf(" %-8s %s%s", act.label, act.help, act.more)
			text += fmt.Sprintf(" [yellow::b]%-8s[-::-] %s%s\n", act.label, act.help, act.more)
			lines++
			width = max(width, len([]rune(line))+3)
		}
	}
	if extra != "" {
		text += "\n" + extra + "\n"
		for _, l := range strings.Split(extra, "\n") {
			lines++
			width = max(width, len([]rune(l))+3)
		}
		lines++
	}
	a.help.SetText(text)
	a.help.SetTextAlign(tview.AlignLeft)
	a.helpFrom = a.tv.GetFocus() // before AddPage, which moves the focus
	a.pages.RemovePage("help")
	a.pages.AddPage("help", centered(a.help, width, lines+2), true, true)
	a.tv.SetFocus(a.help)
}

// centered places p in the middle of the screen, w×h cells large or the
// whole screen when that is smaller.
func centered(p tview.Primitive, w, h int) tview.Primitive { return &centeredBox{p, w, h} }

type centeredBox struct {
	tview.Primitive
	w, h int
}

// Draw implements tview.Primitive.
func (c *centeredBox) Draw(s tcell.Screen) {
	sw, sh := s.Size()
	w, h := min(c.w, sw), min(c.h, sh)
	c.Primitive.SetRect((sw-w)/2, (sh-h)/2, w, h)
	c.Primitive.Draw(s)
}

// scrollKey reports whether ev scrolls a text view.
func scrollKey(ev *tcell.EventKey) bool {
	switch ev.Key() {
	case tcell.KeyUp, tcell.KeyDown, tcell.KeyPgUp, tcell.KeyPgDn, tcell.KeyHome, tcell.KeyEnd:
		return true
	case tcell.KeyRune:
		return ev.Rune() == 'j' || ev.Rune() == 'k'
	}
	return false
}

// countsText renders the three queue counts in their colours.
func countsText(t scheduler.Totals) string {
	return fmt.Sprintf("[blue]New %d[-]  [red]Learn %d[-]  [green]Due %d[-]", t.New, t.Learning, t.Review)
}

// SetSearch gives the browse screen its search (storage.Searcher).
func (a *App) SetSearch(f Finder) { a.finder = f }

// SetCustom gives the dashboard its custom-study form (scheduler.Custom).
func (a *App) SetCustom(c Custom) { a.custom = c }

// SetStats adds the stats screen over src; the dashboard opens it with s.
func (a *App) SetStats(src StatsSource) { a.statsTab = newStatsView(a, src) }
