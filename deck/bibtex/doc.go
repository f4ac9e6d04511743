// Package bibtex reads BibTeX and biblatex (.bib) files into paper
// checkpoints. It is one of the importers of the deck room: it turns bytes
// into deck.Paper and deck.Card values and deck.Warnings, and nothing
// more. It must not import storage, scheduler or ui, and it never touches
// SQLite, the terminal or the clock.
//
// No BibTeX parser for Go is served by the module proxy, so this one is
// written to the grammar BibTeX itself reads (bibtex.web, and "Tame the
// BeaST" for its quirks) and to what biber adds:
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
// macro; jan … dec are predefined as month names. @comment and @preamble
// are skipped, and so is any text outside entries. Names of types, fields
// and macros are not case sensitive, and neither are keys when they are
// checked for repeats. The first of two fields with one name wins.
//
// # What real files get away with
//
// Like BibTeX and biber, the reader keeps what is good and reports the
// rest, all at once, as deck.Warnings with file, line and field (the
// import prints them grouped; `loci import --strict` refuses instead):
//
//   - An entry with a syntax error (a missing comma or =, an unbalanced
//     brace or quote, no key) is skipped, and reading goes on at the next
//     "@" that starts a line, or at an entry of a known type ("@article{")
//     that starts sooner on the broken entry's own lines. BibTeX goes on
//     at the next "@" wherever it is; asking for a line start or a known
//     type keeps an e-mail address inside the broken entry from passing
//     for an entry. A value never runs on past a line that starts an
//     entry ("@type{"), which is what an unbalanced brace does: it would
//     swallow the entries after it.
//   - A repeated key keeps the first entry, as biber does ("Duplicate
//     entry key ... skipping"); so does a key that an earlier entry gives
//     as an alias in its biblatex ids field.
//   - @set and @xdata entries (biblatex containers of other entries or of
//     shared fields) and entries without a title (a crossref-only child)
//     are skipped. Before that check, crossref and xdata fill in where and
//     when an entry appeared (booktitle, journal, journaltitle, publisher,
//     year, date, month) from the entries they name, and a crossref
//     parent's title becomes the child's booktitle, as biblatex maps it;
//     a name that no entry has is a warning.
//   - An undefined macro warns and reads as empty, as in BibTeX.
//   - A year that is not a four-digit number ("in press", "2017a"), or a
//     date that does not start with one, warns and is left out.
//   - An unknown LaTeX command warns once per file and keeps the text of
//     its arguments.
//
// Only a file that is not BibTeX at all is refused with an error: larger
// than deck.MaxFileSize, not UTF-8, without a single @ entry or command,
// or with macros that expand past any real file's needs. A file of
// @string definitions alone imports nothing, with a warning.
//
// # LaTeX
//
// Values are turned from LaTeX into Unicode: accents in every brace form
// ({\"o}, \"{o}, \"o, \'{\i}, \c{c}, \v{s}, \H{o}, \k{a}, \.{z}, \u{g},
// \=a, \~n, ...; an accent on nothing, \^{} or \~{}, is the accent
// itself), special letters (\ss, \o, \ae, \aa, \l, \i, ...), escapes (\&,
// \%, \$, \#, \_), dashes (-- and ---), quotes, ~ (a space), \hyphen,
// \- (a soft hyphen: dropped), text symbols (\textendash,
// \textquoteright, \ldots, \textbackslash, ...), common math symbols and
// Greek letters. Formatting commands (\emph, \textbf, \textsuperscript,
// \mbox, ...) keep their text, \url and \doi their argument verbatim,
// \noopsort and \cite drop theirs, and protective braces ({RNN}) go.
// Paper fields get plain text, maths included ($\beta$-VAE is β-VAE);
// card text is Markdown, so it keeps $…$ maths for the review screen to
// draw and writes a literal dollar sign as \$.
//
// # Papers and cards
//
// Each entry becomes a deck.Paper at stage queued: its key, title, authors
// ("Last, First" names turned to "First Last", joined with ", "; "others"
// becomes "et al."), year, venue (journal, else journaltitle, else
// booktitle, else publisher), url, doi (without a doi.org or "doi:"
// prefix) and arXiv id (the eprint when archivePrefix or eprinttype is
// arXiv, else from an arxiv.org URL or an "arXiv:ID" journal). Books and
// collections are of kind "reading", the rest "paper".
//
// An entry with a note about the paper also gets a basic card whose front
// asks for the key idea of the paper and whose back is that note; its id
// is "bib-" + key. The note is the annote field, else biblatex's
// annotation, else the note field when it reads as a note about the paper
// and not as a bibliographic remark such as "Email: …", "2nd edition",
// "Accepted to …" or "12 pages, 4 figures" (the rule is documented at
// readsAsNote, in note.go). A note field that makes no card is kept as
// the paper's note.
package bibtex
