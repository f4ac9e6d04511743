// Package textimport reads cards from delimited text files: CSV, TSV and
// the "Notes in Plain Text" files that Anki exports, and review logs kept
// as bare CSV. It is one of the importers of the deck room: it turns bytes
// into deck.Card and deck.LogEntry values and nothing more. It must not
// import storage, scheduler or ui, and it never touches SQLite, the
// terminal or the clock.
//
// # Notes as text
//
// Parse reads one record per note and returns the file's cards; Stream
// hands each card out as soon as its row is read, so that an import can
// write a large file while it reads it, never holding it whole.
//
// A file may start with header lines, as Anki writes them (ankitects/anki
// rslib/src/import_export/text/csv/metadata.rs and import.rs were followed
// for their meaning):
//
//	#separator:Tab        Comma, Semicolon, Tab, Space, Pipe, Colon, or one literal character
//	#html:true            fields are HTML (false: plain text)
//	#columns:Front	Back	Tags   column names, split by the separator
//	#deck:Spanish         deck of every note (a deck column wins per row)
//	#notetype:Basic       note type of every note
//	#tags:verbs irregular tags added to every note
//	#deck column:3        1-based column numbers of the meta columns
//	#tags column:4
//	#guid column:1
//	#notetype column:2
//
// Header lines are only read at the top of the file; a first line
// "tags:a b" (an older Anki form) also gives tags for every note. Later
// lines starting with "#" are comments, and unknown header keys are
// ignored, as Anki does.
//
// Without a #separator: line the separator is sniffed from the first
// lines: tab, comma, semicolon or pipe, whichever splits every line into
// the same number of fields (tab when nothing does). Without an #html:
// line, the fields of the first five records are checked for HTML tags or
// entities, as Anki does. HTML is turned into plain terminal text (see
// deck/htmltext.ToText).
//
// Records follow RFC 4180 with the chosen separator: a field holding the
// separator, a quote or a line break is quoted, and quotes inside it are
// doubled. A quote inside an unquoted field is an error. The file is UTF-8,
// with or without a byte order mark, or UTF-16 with a byte order mark
// (little- or big-endian, as Anki and AnkiDroid have written exports);
// anything else that is not UTF-8 is an error naming the line.
//
// # Rows that are not notes
//
// As Anki's importer does, a row that cannot be a note is skipped and the
// rest of the file imported; each skipped row gives a deck.Warning with its
// line, gathered by kind (the Group* constants), and Options.Strict turns
// the first into the error instead. Skipped are rows with too few fields
// (no front; no back for a basic note; short of a column a header line
// names), rows with too many (more than the #columns: line names or,
// without one and without a notetype column, more than the first record
// has and at least the columns read: a separator inside an unquoted
// field), rows with an empty front, and cloze notes without a usable
// deletion. With a notetype column and no #columns: line rows may be of any
// width, since note types differ in their fields.
//
// # Columns
//
// Columns that are not meta columns are note fields: the first is the
// front (the cloze text of a cloze note), the second the back (the extra
// text of a cloze note). When the file has no #columns: line and no tags
// column, a third field column holds tags, as older Anki exports wrote
// them; further columns are ignored. With a #columns: line, columns named
// Front, Text or Question give the front, Back, Back Extra, Extra or
// Answer the back, and Tags, Deck, GUID and Notetype the meta columns that
// no header line gave; Source, Paper and Unlock (written by loci's own CSV
// export) give a card's source, the key of its paper and the stage that
// paper must reach; other named columns are ignored.
//
// A note is a cloze note when its note type's name contains "cloze" (any
// case), or, when no note type is known, when its front holds a deletion
// such as {{c1::text}}. A cloze note gives one card per cloze number.
//
// Tags are split on white space. The deck is Options.Deck when set, else
// the row's deck column, else #deck:, else "Imported".
//
// # Identity
//
// With a guid column, a card's id is "anki-" + guid + "/0" for a basic note
// and "anki-" + guid + "/cN" for cloze number N: the same ids the Anki
// package importer gives the same notes, so a note imported from an .apkg
// and again from a text export is one card. A guid that starts with "loci:"
// was written by loci's own CSV export and holds the card's loci id. Without a guid, a card's id is
// deck.HashID of its front, with "/cN" added for cloze number N, as in the
// native format. Rows that repeat an earlier row's front or guid are
// merged, kept or skipped as the rules in dupes.go say (following Anki),
// each with a warning naming the earlier row's line.
//
// # Review logs
//
// ParseReviewLog reads a bare review log, one review a row, under the header
// card_id,review_rating,review_time,review_duration (the layout of the FSRS
// projects' test data): an Anki card id (milliseconds since the epoch when
// the card was made), a rating 1–4, an ISO 8601 time and a duration in
// milliseconds. See ParseReviewLog for the ids it gives.
package textimport
