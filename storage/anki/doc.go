// Package anki reads Anki packages (.apkg, .colpkg) into loci's types. It is
// a sub-room of storage, because an Anki collection is a SQLite file and SQL
// lives only under storage/.
//
// It is a pure reader: Read opens one package and returns its cards, review
// history and media as a *deck.Set, whose Warnings say what was left out
// and why (cards Anki would not show, review rows of cards not imported),
// plus Stats that say what was read and what Anki knew about the schedule
// of cards whose review log cannot rebuild their FSRS state. It never writes to loci's
// database and never touches the scheduler. Media files go, one at a time
// and streamed, to the sink the caller passes (Options.Media, in practice a
// storage/media.Stage); only the files the cards show are read, and a card
// whose file the sink stores under another name (a different file already
// had its name) has its reference rewritten. The caller hands the Set to
// storage.Import and commits or discards the staged media after it.
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
// Anki note id and field, and what to do. Memory stays bounded by the cards
// themselves: each note's fields are read once, the media map is decoded as
// a stream, and media never pass through memory whole.
package anki
