// Package render turns the text of a card side into what the review screen
// draws: Markdown (parsed by goldmark) with LaTeX maths rendered to Unicode,
// as tview-tagged text.
//
// It owns the look of card text: emphasis, inline code and code blocks,
// lists, block quotes, headings and links (Markdown); $…$, $$…$$, \(…\),
// \[…\] and Anki's [$]…[/$] maths (TeX). The card's own "[tags]" are always
// escaped, so nothing a card says can restyle the screen.
//
// It must not touch the screen, the database or the card model: it maps a
// string to a string, so that it can be tested without a terminal.
package render
