// Package ui is loci's terminal interface, built on tview: the dashboard
// (decks with their due counts), the review screen, the papers, browse and
// stats screens, and a help overlay.
//
// It sits above every other room: it reads and changes study state only
// through small interfaces defined here (Study, satisfied by
// scheduler.Study and by a custom-study scheduler.Session; Papers, Browser
// and StatsSource, satisfied by storage and the summary wiring in cli;
// Finder, satisfied by storage.Searcher, for the search language; Custom,
// satisfied by scheduler.Custom) and never touches SQLite or the settings file. Each screen declares its keys once,
// in a table that both dispatches them and renders the footer and the help,
// so the three never disagree.
//
// Card text is drawn by ui/render (Markdown and LaTeX maths to tagged
// text); a one-line side is centred, a longer one left-aligned, and a card
// taller than its box scrolls with a "more below" marker. Media files named
// on a card ("[image: dog.png]") open with the system opener, started
// without a shell (SetMedia).
//
// Any terminal: the screens draw on the terminal's own background; under
// NO_COLOR no colour is sent at all (bold and reverse remain). Footers and
// rating buttons shorten to the width, "? help" always shown; deck names are
// cut by display width before any count; below 40×12 the screens give way
// to "terminal too small" and ignore every key but Ctrl-C.
//
// The e key of the review and browse screens hands the terminal to a
// CardEditor (deck/cardedit with the learner's $EDITOR) through tview's
// Application.Suspend, and takes it back when the editor closes.
//
// Nothing here may print to stdout while the application runs.
package ui
