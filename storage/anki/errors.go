package anki

import (
	"fmt"
	"strings"
)

// Error is a refusal to read a package, naming the place at fault and what
// to do about it.
type Error struct {
	File  string // the package path
	Entry string // the zip entry, if the fault is in one
	Note  int64  // the Anki note id, if the fault is in a note
	Field string // the field, column or map key at fault
	Err   error
	Fix   string // what the user can do
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Entry != "" {
		fmt.Fprintf(&b, ": entry %q", e.Entry)
	}
	if e.Note != 0 {
		fmt.Fprintf(&b, ": note %d", e.Note)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	if e.Fix != "" {
		b.WriteString(" (" + e.Fix + ")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Fixes shared by several errors.
const (
	fixReexport = "export the deck again from Anki (File > Export, Anki Deck Package) and import the new file"
	fixEditNote = "edit the note in Anki's browser and export again"
)
