// Package ui is loci's terminal interface, built on tview: the dashboard
// (decks with their due counts) and the review screen, with a help overlay.
//
// It sits above every other room: it reads and changes study state only
// through the Study interface (satisfied by scheduler.Study) and never
// touches SQLite or the settings file. Each screen declares its keys once,
// in a table that both dispatches them and renders the footer and the help,
// so the three never disagree.
//
// Nothing here may print to stdout while the application runs.
package ui
