// Package htmltext turns the HTML that flashcard programs store (Anki's
// fields, Anki's text exports) into plain text for a terminal. Both the
// text importer and the Anki package reader use it, so a note reads the
// same whichever way it arrives. It touches nothing but strings.
package htmltext
