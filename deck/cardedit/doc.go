// Package cardedit edits one card in the learner's editor, in loci's native
// card format, as `git commit` edits a message: the card is written to a
// temporary file under a few "#" comment lines, the editor runs, and the
// saved text is read back. A text that does not parse is given back to the
// editor with the error as a comment at the top; quitting without a change
// (or emptying the text) changes nothing.
//
// A card keeps its id whatever the edit does to the text, so its schedule
// and review history stay with it. A card whose source is a file of the
// learner's decks folder is edited in that file: the editor shows the
// card's block, which goes back into the file at its line, so the file stays
// the source of truth; the file is then synced. Any other card is saved in
// the database as the learner's own text (storage marks it edited), which
// later updates of the built-in deck or re-imports leave alone until the
// learner drops it (Revert).
//
// The package owns the text round trip and the editor loop. It must not
// touch SQLite (it calls a Store) or the terminal (the UI suspends itself
// around Edit, and the editor itself is an injected Runner).
package cardedit
