// Package stats is loci's weekly summary room: the arithmetic of a week of
// study (reviews and minutes per learner day, new cards learned, true
// retention split into young and mature cards as Anki's true-retention
// table, the streak, the seven-day forecast, per-deck rows, paper moves, the
// hardest cards, the change against the previous week, and the latest saved
// desired-retention curve of `loci optimize --retention`, shown as saved,
// never simulated here) and its renderings as text for the terminal,
// Markdown, JSON and one self-contained HTML page with inline SVG charts.
//
// It is pure: every function works on plain values handed to it (an Input
// gathered elsewhere from storage, with learner days already cut at the
// scheduler's day boundary) and writes only to the io.Writer it is given. It
// must not open files, read the clock or the environment, speak SQL or import
// storage, scheduler or ui; the command and the TUI wire it up.
//
// Dates are calendar dates of learner days (Date), weeks are ISO weeks
// (Week, Monday to Sunday). A summary is built with Build and rendered with
// Text, Markdown, HTML, or encoding/json (the JSON field names are fixed:
// scripts rely on them).
package stats
