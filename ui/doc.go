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
// Nothing here may print to stdout while the application runs.
package ui
