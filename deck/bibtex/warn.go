package bibtex

import (
	"fmt"

	"loci/deck"
)

// The groups of the warnings Parse gives: one fixed phrase per kind of
// flaw, so that the import's report gathers them (deck.Report).
var (
	groupSyntax    = "entries with a syntax error: skipped"
	groupCommand   = "@string, @preamble and @comment commands with a syntax error: ignored"
	groupRepeated  = "repeated keys: first entry kept"
	groupNoTitle   = "entries without a title: skipped"
	groupContainer = "@set and @xdata entries: skipped (they group or feed other entries)"
	groupMacro     = "undefined @string macros: left empty"
	groupLaTeX     = "unknown LaTeX commands: argument text kept"
	groupYear      = "years that are not a four-digit number: left empty"
	groupCrossref  = "cross-references to missing entries: ignored"
	groupLongTitle = fmt.Sprintf("entries with a title longer than %d KiB: skipped", deck.MaxCardText>>10)
	groupLongNote  = fmt.Sprintf("notes longer than %d KiB: no card made", deck.MaxCardText>>10)
	groupNoEntries = "files with no entries, only @string, @preamble or @comment: nothing imported"
)

// warnings collects the warnings of one file.
type warnings struct {
	file string
	list []deck.Warning
}

// add appends a warning about line and field of the file.
func (w *warnings) add(line int, field, group string, skipped bool, format string, args ...any) {
	w.list = append(w.list, deck.Warning{File: w.file, Line: line, Field: field, Group: group,
		Detail: fmt.Sprintf(format, args...), Skipped: skipped, Paper: true})
}
