// Package bibtex reads BibTeX (.bib) files into paper checkpoints. It is one
// of the importers of the deck room: it turns bytes into deck.Paper and
// deck.Card values and nothing more. It must not import storage, scheduler
// or ui, and it never touches SQLite, the terminal or the clock.
//
// No BibTeX parser for Go is served by the module proxy, so this one is
// written to the grammar BibTeX itself reads:
//
//	@article{vaswani2017,
//	  title   = {Attention Is All You Need},
//	  author  = "Vaswani, Ashish and Shazeer, Noam and others",
//	  journal = nips # " 30",
//	  year    = 2017,
//	  month   = jun,
//	  eprint  = {1706.03762}, archivePrefix = {arXiv},
//	  annote  = {Self-attention {\em alone} replaces recurrence.},
//	}
//
// An entry is @TYPE{KEY, NAME = VALUE, ...} (parentheses may stand for the
// outer braces; a trailing comma is allowed). A value is a {braced} text
// (braces nest), a "quoted" text (braces inside it nest too), a number, or
// a macro name, and values join with "#". @string{NAME = VALUE} defines a
// macro; jan … dec are predefined as month names; an undefined macro stands
// for its own name. @comment and @preamble are skipped, and so is any text
// outside entries. Names of types, fields and macros are not case
// sensitive, and neither are keys when they are checked for duplicates. The
// first of two fields with one name wins, as in BibTeX.
//
// Values are turned from LaTeX into plain Unicode text: accents ({\"o},
// \'e, \c{c}, \v{s}, ...), special letters (\ss, \o, \ae, \l, ...),
// escapes (\&, \%, \$, \#, \_), dashes (-- and ---), quotes (“ and ”), ~
// (a space), common math symbols and Greek letters; formatting commands
// such as \emph{...} keep their text, and braces go.
//
// Each entry becomes a deck.Paper at stage queued: its key, title, authors
// ("Last, First" names turned to "First Last", joined with ", "; "others"
// becomes "et al."), year, venue (journal, else booktitle, else publisher),
// url, doi (without a doi.org or "doi:" prefix) and arXiv id (the eprint
// when archivePrefix or eprinttype is arXiv, else from an arxiv.org URL or
// an "arXiv:ID" journal). An entry with an annote or note field also gets
// a basic card whose front asks for the key idea of the paper and whose
// back is that field (annote when both are there); its id is "bib-" + key.
//
// Errors name the file, the line and the field: a brace or quote never
// closed, an entry without a key, a key used twice, a year that is not a
// four-digit number, an entry without a title, text that is not UTF-8.
package bibtex
