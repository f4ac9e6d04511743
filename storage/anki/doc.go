// Package anki reads Anki packages (.apkg, .colpkg) into loci's types. It is
// a sub-room of storage, because an Anki collection is a SQLite file and SQL
// lives only under storage/.
//
// It is a pure reader. Read opens one package and returns its cards, review
// history and media as a *deck.Set, whose Warnings say what was left out
// and why (cards Anki would not show, review rows of cards not imported),
// plus Stats that say what was read and what Anki knew about the schedule
// of cards whose review log cannot rebuild their FSRS state. Open does the
// same as a stream, so that an import never holds every card (issue 16:
// 400 notes of two 1 MB fields): Package.Cards hands the cards over one by
// one, in note order, and Package.History then each card's history with
// Anki's replay rule applied (see ApplySeeds), in the order Read returns
// them; storage.Import writes them as they come (storage.CardStream,
// storage.HistoryStream). It never writes to loci's database and never
// touches the scheduler. Media files go, one at a time and streamed, to the
// sink the caller passes (Options.Media, in practice a storage/media.Stage);
// only the files the cards show are read, and a card whose file the sink
// stores under another name (a different file already had its name) has its
// reference rewritten. So that each card goes out with its final text, a
// stream reads the cards twice when the package has media: once to learn
// which files they show, which are then staged, and once to hand them over.
// The caller commits or discards the staged media after the import.
//
// # Layouts
//
// A package is a zip file. Its "meta" entry (a PackageMetadata protobuf)
// names the layout; without it, the package is legacy. Following
// ankitects/anki rslib/src/import_export/package/meta.rs:
//
//   - version 3 (the default export of current Anki): "collection.anki21b",
//     a zstd-compressed SQLite file at schema 18 (notetypes, fields,
//     templates, decks, deck_config, tags and config in their own tables,
//     with protobuf config columns and deck names with \x1f between levels),
//     a zstd-compressed protobuf media map in "media", and zstd-compressed
//     media files named 0, 1, 2 ...
//   - version 2, or no meta and a "collection.anki21" entry; version 1, or
//     no meta and only "collection.anki2": a plain SQLite file at schema 11
//     (the col row holds models and decks as JSON; notes.flds separates
//     fields with \x1f), a JSON media map {"0": "name.png"} and plain media
//     files.
//
// Every current package also carries a stub "collection.anki2" whose one
// note says "please update Anki"; Read always takes the collection the meta
// names (or, without meta, the newest one present), never the stub.
//
// # What becomes what
//
// One loci card per Anki card, identified as "anki-<note guid>/<card ord>"
// (for a cloze card "anki-<note guid>/cN", N its cloze number, as loci's own
// cloze ids), which stays the same across re-imports. A standard notetype's card shows
// on its front the fields its template's question side refers to, and on its
// back the fields the answer side adds; a cloze card keeps the
// {{cN::...}} text for loci's own cloze rendering. HTML becomes readable
// terminal text (see package deck/htmltext). Tags, the deck path ("::" between levels)
// and the suspended state come along. Every review-log row of an imported
// card becomes a deck.LogEntry, and Stats.Legacy and Stats.NotReplayed carry
// Anki's own rule for which of those rows rebuild a card's FSRS state.
//
// # Hostile input
//
// Zip entries whose names could escape a directory, a total of more than
// Options.MaxUncompressed bytes read (counted while reading), a media file
// over Options.MaxMediaFile bytes (refused from its declared size before it
// is read, or cut off at the cap while it streams), a collection that is
// not SQLite, fields over Options.MaxField bytes, invalid UTF-8 and unsafe
// media names are refused with an *Error naming the package, the entry or
// Anki note id and field, and what to do. A stream's memory is bounded by
// the largest note, plus a few dozen bytes a card (its id and schedule, for
// the history step): each note's fields are read once a pass and dropped
// with its last card, the media map is decoded as a stream, and media never
// pass through memory whole.
package anki
