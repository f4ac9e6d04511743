package ui_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"loci/deck"
	"loci/deck/search"
	"loci/scheduler"
	"loci/storage"
	"loci/ui"
)

var now = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

const fiveCards = `---
deck: Test::Sub
source: Test section
papers:
  - key: toy-paper
    title: A toy paper
    difficulty: easy
---
Q: First question?
A: First answer.

Q: Second question?
A: Second answer.

Q: Third question?
A: Third answer.

C: The {{c1::fourth}} card is a cloze.

Q: Fifth question?
A: Fifth answer.
paper: toy-paper
`

// harness runs the real interface on a simulated 80×24 screen over a real
// database.
type harness struct {
	t   *testing.T
	db  *storage.DB
	app *ui.App
	sim tcell.SimulationScreen
	ran chan error
	// cancel cancels the context the App was made with, as loci does on
	// SIGTERM or SIGHUP.
	cancel context.CancelFunc
	ended  bool // Run's result has been read
}

func start(t *testing.T, review bool) *harness {
	t.Helper()
	return startWith(t, setup{cards: []string{fiveCards}, review: review})
}

// setup says what a harness runs: the card files, the screen size (80×24
// when zero), a hook run on the App before it starts, one that may change
// the database and the scheduling settings first, and the card editor the
// e key runs (nil for none).
type setup struct {
	cards   []string
	review  bool
	w, h    int
	before  func(*ui.App)
	prepare func(*storage.DB, *scheduler.Settings)
	editor  func(*storage.DB) ui.CardEditor
	// wrap, when set, wraps the study session, for tests that change how
	// it answers.
	wrap func(*scheduler.Study) ui.Study
}

func startWith(t *testing.T, s setup) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "loci.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var files []*deck.File
	for i, text := range s.cards {
		f, err := deck.Parse(fmt.Sprintf("t%d.md", i), strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	set, _ := deck.Merge(files)
	if _, err := db.Sync(ctx, set, "t", false, now); err != nil {
		t.Fatal(err)
	}
	settings := scheduler.DefaultSettings()
	settings.Location = time.UTC
	if s.prepare != nil {
		s.prepare(db, &settings)
	}
	sched, _ := scheduler.New(settings)
	clock := func() time.Time { return now }
	study := &scheduler.Study{Store: db, Sched: sched, Now: clock}
	var shown ui.Study = study
	if s.wrap != nil {
		shown = s.wrap(study)
	}
	h := &harness{t: t, db: db, app: ui.New(ctx, shown, db, clock), sim: tcell.NewSimulationScreen("UTF-8"), ran: make(chan error, 1), cancel: cancel}
	searcher := storage.Searcher{DB: db, Clock: func() storage.SearchOptions {
		return storage.SearchOptions{Now: now, DayStart: sched.DayStart(now), RecallDays: sched.RecallDays}
	}}
	h.app.SetSearch(searcher)
	h.app.SetCustom(scheduler.Custom{Study: study, Find: func(ctx context.Context, q search.Query, n int) ([]deck.Card, error) {
		return searcher.Studyable(ctx, q, storage.SortDue, n)
	}})
	if s.before != nil {
		s.before(h.app)
	}
	if s.editor != nil {
		h.app.SetEditor(s.editor(db))
	}
	h.app.SetScreen(h.sim)
	if s.w == 0 {
		s.w, s.h = 80, 24
	}
	h.sim.SetSize(s.w, s.h)
	go func() { h.ran <- h.app.Run("", s.review) }()
	t.Cleanup(func() {
		h.app.Stop()
		if !h.ended {
			<-h.ran
		}
	})
	return h
}

// screen returns the simulated screen's text, read on the UI goroutine.
// QueueUpdate returns only once the event loop has run the function, so it
// is called aside: a loop that never runs fails the test instead of hanging.
func (h *harness) screen() string {
	out := make(chan string, 1)
	go h.app.Application().QueueUpdate(func() {
		out <- ui.ScreenText(h.sim)
	})
	select {
	case s := <-out:
		return s
	case <-time.After(5 * time.Second):
		h.t.Fatal("the UI did not answer within 5s")
		return ""
	}
}

// waitFor polls the screen until it matches re, and returns the match.
func (h *harness) waitFor(re string) []string {
	h.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(5 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = h.screen()
		if m := rx.FindStringSubmatch(s); m != nil {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatalf("screen never matched %q; it shows:\n%s", re, s)
	return nil
}

func (h *harness) key(k tcell.Key, r rune) { h.sim.InjectKey(k, r, tcell.ModNone) }

func (h *harness) newCount() int {
	m := h.waitFor(`New (\d+)`)
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestReviewThreeCards(t *testing.T) {
	h := start(t, true)
	h.waitFor("First question\\?")
	before := h.newCount()
	if before != 5 {
		t.Fatalf("new count at start = %d, want 5", before)
	}
	for i, q := range []string{"First", "Second", "Third"} {
		h.waitFor(q + " question\\?")
		h.key(tcell.KeyRune, ' ')
		h.waitFor(q + " answer\\.")
		h.waitFor(`1 Again 1m\s+2 Hard 6m\s+3 Good 10m\s+4 Easy \d+d`) // steps 1m 10m: Hard waits (1+10)/2, rounded, as in Anki
		h.key(tcell.KeyRune, '3')
		if i < 2 {
			h.waitFor([]string{"Second", "Third"}[i] + " question\\?")
		} else {
			h.waitFor(`\[\.\.\.\] card is a cloze`)
		}
		// The counts come after the card (they are counted beside it).
		h.waitFor(`New ` + strconv.Itoa(before-(i+1)) + `\b`)
		h.waitFor(`Learn ` + strconv.Itoa(i+1))
	}
	newDone, _, err := h.db.StudiedToday(context.Background(), now.Add(-time.Hour))
	if err != nil || newDone != 3 {
		t.Fatalf("review log holds %d answers to new cards (%v), want 3", newDone, err)
	}
	c, _ := h.db.Card(context.Background(), deck.HashID("First question?"))
	revs, _ := h.db.Reviews(context.Background(), c.Key)
	if len(revs) != 1 || revs[0].Rating != deck.Good || revs[0].After.State != deck.StateLearning {
		t.Errorf("first card's log = %+v, want one Good answer into learning", revs)
	}
}

// slowCounts is a study session whose counts wait until released, like
// counts over a very large collection.
type slowCounts struct {
	*scheduler.Study
	release chan struct{}
}

func (s slowCounts) Due(ctx context.Context, deckName string) (scheduler.Totals, []deck.Counts, error) {
	<-s.release
	return s.Study.Due(ctx, deckName)
}

// TestFirstCardDoesNotWaitForCounts checks that the review screen shows
// the first card, and takes answers, while the counts are still being
// counted, and shows the counts when they come.
func TestFirstCardDoesNotWaitForCounts(t *testing.T) {
	release := make(chan struct{})
	h := startWith(t, setup{cards: []string{fiveCards}, review: true,
		wrap: func(s *scheduler.Study) ui.Study { return slowCounts{s, release} }})
	defer func() {
		select {
		case <-release:
		default:
			// The test failed with the counts held: let them go, and wait
			// until the interface runs, so that the cleanup's Stop ends it.
			close(release)
			h.screen()
		}
	}()
	h.waitFor("First question\\?")
	if s := h.screen(); strings.Contains(s, "New ") {
		t.Fatalf("counts shown before they were counted:\n%s", s)
	}
	h.key(tcell.KeyRune, ' ')
	h.key(tcell.KeyRune, '3')
	h.waitFor("Second question\\?")
	close(release)
	h.waitFor(`New 4\b`)
}

// countsAfterDraw is a study session that records whether the counts were
// asked for before the first screen was drawn.
type countsAfterDraw struct {
	*scheduler.Study
	app   **ui.App
	early chan bool // one value per count: true when asked before the draw
}

func (s countsAfterDraw) Due(ctx context.Context, deckName string) (scheduler.Totals, []deck.Counts, error) {
	select {
	case <-(*s.app).Drawn():
		s.early <- false
	default:
		s.early <- true
	}
	return s.Study.Due(ctx, deckName)
}

// The counts wait until the first card is on the screen: they group over
// every card and would take a core from the first draw.
func TestCountsWaitForFirstDraw(t *testing.T) {
	var app *ui.App
	early := make(chan bool, 10)
	h := startWith(t, setup{cards: []string{fiveCards}, review: true,
		wrap:   func(s *scheduler.Study) ui.Study { return countsAfterDraw{s, &app, early} },
		before: func(a *ui.App) { app = a }})
	h.waitFor(`New 5\b`)
	if <-early {
		t.Error("the counts were counted before the first screen was drawn")
	}
}

func TestClozeRevealAndUndo(t *testing.T) {
	h := start(t, true)
	for _, q := range []string{"First", "Second", "Third"} {
		h.waitFor(q + " question\\?")
		h.key(tcell.KeyRune, ' ')
		h.waitFor(q + " answer\\.")
		h.key(tcell.KeyRune, '4')
	}
	h.waitFor(`The \[\.\.\.\] card is a cloze\.`)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`The fourth card is a cloze\.`)
	h.key(tcell.KeyRune, 'u') // undo the Easy on the third card
	h.waitFor(`Undid the easy answer`)
	h.waitFor(`Third question\?`)
	c, _ := h.db.Card(context.Background(), deck.HashID("Third question?"))
	if c.Schedule.State != deck.StateNew || c.Schedule.Reps != 0 {
		t.Errorf("after undo the third card is %+v, want new again", c.Schedule)
	}
	if revs, _ := h.db.Reviews(context.Background(), c.Key); len(revs) != 0 {
		t.Errorf("after undo the third card has %d log rows", len(revs))
	}
}

func TestDashboardToReviewAndBack(t *testing.T) {
	h := start(t, false)
	h.waitFor(`All decks\s+5\s+0\s+0\s+5`)
	h.waitFor(`Sub\s+5\s+0\s+0\s+5`)
	h.key(tcell.KeyEnter, 0)
	h.waitFor("First question\\?")
	h.key(tcell.KeyRune, buryKey)
	h.waitFor("Buried “First question\\?” until tomorrow")
	h.waitFor("Second question\\?")
	h.key(tcell.KeyRune, suspendKey)
	h.waitFor("Third question\\?")
	h.key(tcell.KeyRune, '?')
	h.waitFor(`Keys`)
	h.waitFor(`u\s+undo`)
	h.key(tcell.KeyRune, 'x') // any key closes the help
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks\s+3\s+0\s+0\s+5`)
}

func TestResize(t *testing.T) {
	h := start(t, true)
	h.waitFor("First question\\?")
	h.key(tcell.KeyRune, ' ')
	h.sim.SetSize(60, 16)
	h.app.Application().QueueEvent(tcell.NewEventResize(60, 16))
	h.waitFor(`(?s)First answer.*1 Again`)
	h.sim.SetSize(100, 30)
	h.app.Application().QueueEvent(tcell.NewEventResize(100, 30))
	h.waitFor(`(?s)First answer.*4 Easy`)
}

func TestPapersAdvance(t *testing.T) {
	h := start(t, false)
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'p')
	h.waitFor(`queued\s+easy\s+1\s+0\s+A toy paper`)
	h.waitFor(`toy-paper`)
	h.key(tcell.KeyRune, 'a')
	h.waitFor(`read\s+easy\s+1\s+0\s+A toy paper`)
	h.waitFor(`toy-paper: queued → read`)
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`understood\s+easy`)
	papers, _ := h.db.Papers(context.Background())
	if len(papers) != 1 || papers[0].Stage != deck.Understood || !papers[0].StageAt.Equal(now) {
		t.Errorf("papers = %+v, want toy-paper understood at %v", papers, now)
	}
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks\s+5`)
}

func TestBrowseSearchAndSuspend(t *testing.T) {
	h := start(t, false)
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'b')
	h.waitFor(`Cards: 5`)
	h.key(tcell.KeyRune, '/')
	for _, r := range "third" {
		h.key(tcell.KeyRune, r)
	}
	h.key(tcell.KeyEnter, 0)
	h.waitFor(`Cards: 1`)
	h.waitFor(`Third answer\.`)
	h.key(tcell.KeyRune, 's')
	h.waitFor(`Sub\s+Third question\?\s+suspended`)
	c, _ := h.db.Card(context.Background(), deck.HashID("Third question?"))
	if !c.Suspended {
		t.Errorf("the card was not suspended in the database")
	}
	h.key(tcell.KeyRune, 's')
	h.waitFor(`Third question\?\s+new`)
	h.key(tcell.KeyRune, 'q')
	h.waitFor(`All decks\s+5`)
}

// TestRunEndsWhenContextCancelled: loci cancels the App's context on SIGTERM
// and SIGHUP; Run then returns nil, as after q, on the dashboard and in the
// middle of a review.
func TestRunEndsWhenContextCancelled(t *testing.T) {
	for _, review := range []bool{false, true} {
		h := start(t, review)
		if review {
			h.waitFor(`First question\?`)
		} else {
			h.waitFor(`Decks`)
		}
		h.cancel()
		select {
		case err := <-h.ran:
			h.ended = true
			if err != nil {
				t.Errorf("review %v: Run = %v, want nil", review, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("review %v: Run still runs 10 s after its context was cancelled", review)
		}
	}
}

// The papers screen shows the selected paper's collections and tags.
func TestPapersShowGroups(t *testing.T) {
	h := start(t, false)
	set := &deck.Set{Papers: []deck.Paper{{Key: "toy-paper", Title: "A toy paper", Difficulty: "easy",
		Collections: []string{"Alignment/Interpretability"}, Tags: []string{"to read"}}}}
	if _, err := h.db.Sync(context.Background(), set, "zotero", false, now); err != nil {
		t.Fatal(err)
	}
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'p')
	h.waitFor(`in Interpretability · #to read`)
}

// A key-idea card waits until its paper is read: the papers screen counts
// it and says when advancing the paper lets it into the new queue.
func TestPapersShowWaitingCards(t *testing.T) {
	h := start(t, false)
	f, err := deck.Parse("key.md", strings.NewReader("---\ndeck: Test::Sub\npaper:\n  key: toy-paper\n  title: A toy paper\n  difficulty: easy\n---\n"+
		"Q: What does the toy paper show?\nA: Its key idea.\nunlock: read\nid: toy-key-idea\n"))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := deck.Merge([]*deck.File{f})
	if _, err := h.db.Sync(context.Background(), set, "key", false, now); err != nil {
		t.Fatal(err)
	}
	h.waitFor(`All decks`)
	h.key(tcell.KeyRune, 'p')
	h.waitFor(`queued\s+easy\s+2\s+1\s+A toy paper`)
	h.waitFor(`1 of its 2 cards wait until you advance it`)
	h.key(tcell.KeyRune, 'a')
	h.waitFor(`toy-paper: queued → read; 1 of its cards joined the new queue`)
	h.waitFor(`read\s+easy\s+2\s+0\s+A toy paper`)
}
