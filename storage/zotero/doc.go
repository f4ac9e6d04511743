// Package zotero reads a Zotero library (zotero.sqlite in Zotero's data
// directory) into loci's papers and cards. It is a sub-room of storage,
// because a Zotero library is a SQLite file and SQL lives only under
// storage/.
//
// It is a pure reader of a file that belongs to the learner and to Zotero:
// it never writes to the library, never touches loci's database, the
// scheduler or the terminal. Read returns a *deck.Set that the caller hands
// to storage's import.
//
// # A running Zotero
//
// Zotero keeps its database open with an exclusive lock, and Zotero 7
// keeps it in write-ahead-log mode: its latest commits sit in
// zotero.sqlite-wal until Zotero checkpoints them. Opening the file
// through SQLite read-only and immutable (file:...?mode=ro&immutable=1)
// needs no lock, but it ignores the -wal file, so new highlights would be
// missed, and a write Zotero makes during the read could be seen half
// done. So Read first copies zotero.sqlite, and its -wal and -journal
// files when they exist, as plain files (no SQLite lock is taken, so Zotero
// is never blocked) into a private temporary directory, copying again when
// a file's size or time changed during the copy (up to five times). It
// then opens the copy: read-only and immutable when there is no log beside
// it, else with SQLite applying the copied log (which stops at the last
// complete commit, so a log copied mid-write gives the commit before), with
// queries kept read-only. The copy is removed when Read returns. What this
// cannot rule out is a checkpoint rewriting zotero.sqlite itself while both
// the before and after sizes and times agree; Zotero checkpoints rarely and
// the next import reads the library again.
//
// # Schema
//
// Following Zotero's resource/schema/userdata.sql (schema 129, Zotero 7;
// a trimmed copy is in fixture/testdata/schema.sql): items (itemTypes name
// the type), itemData → itemDataValues with fields naming the field,
// creators through itemCreators and creatorTypes, collections (a
// parentCollectionID tree) and collectionItems, tags through itemTags,
// itemNotes (HTML), itemAttachments, itemAnnotations (Zotero 6 and later),
// deletedItems and deletedCollections (the trash) and libraries (the
// user's library, group libraries, and feeds, which are left out). A file
// without one of these tables (itemAnnotations and deletedCollections
// apart) is refused as not a Zotero library.
//
// # What becomes what
//
// Every regular item (not an attachment, note or annotation; not in the
// trash) becomes a deck.Paper: its key is the citation key Better BibTeX
// stored beside the library (see citationKeys), else "zotero-" and the
// item's Zotero key ("zotero-<libraryID>-KEY" in a group library), so a
// re-import finds the same paper; title; authors in order as "First Last,
// First Last" (editors when there is no author); year from Zotero's date;
// venue from publicationTitle, proceedingsTitle, bookTitle, conferenceName,
// websiteTitle, blogTitle, forumTitle, repository, university, institution
// or publisher, the first set; DOI (or a "DOI:" line of Extra); URL; the
// arXiv id from archiveID, an arXiv DOI (10.48550/arXiv.ID), the URL or an
// "arXiv:" line of Extra; Collections (full paths, "A/B") and Tags. Books
// and book sections are of kind "reading". An item is at stage read when
// it has a tag of Options.ReadTags or a highlight, else queued (storage
// never moves a learner's stage back). An item without a title is skipped
// with a warning. Options.Collection keeps only the items of the
// collections it names, by full path or by the end of one after a "/"
// (any case, "*" for any run of characters), and of the collections below
// them: the rule of the search language's collection: term.
//
// Each highlight or underline with text on a PDF attached to such an item
// becomes a card of that paper, in deck Papers::<first collection path,
// "/" written "::"> (Papers when it is in no collection), with the paper's
// title and the page label as its source and "zotero-" + the annotation's
// key as its id. Which card it becomes, first rule that applies:
//
//  1. The comment holds {{c1::...}} deletions. When the comment is only
//     deletions and each text occurs in the highlight, the highlight is
//     the cloze text with those words deleted; otherwise the comment, as
//     written, is the cloze text and the highlight is on the back.
//  2. The comment is a term of at most eight words that occurs in the
//     highlight (as whole words, any case): the highlight with that term
//     deleted.
//  3. The comment ends with "?": a basic card with the comment as the
//     question and the highlight as the answer.
//  4. Otherwise a basic card that asks for the passage, the highlight as
//     the answer: “Title”, p. 4: you highlighted a passage and noted
//     “COMMENT”. What does the passage say? — or, without a comment,
//     “Title”, p. 4: the passage you highlighted begins “first five words
//     …”. How does it go on? (a highlight of eight words or fewer: “Title”,
//     p. 4: what did you highlight on this page?).
//
// A child note of an item can hold native cards: its HTML becomes text
// (deck/htmltext) and deck.CardsIn reads its Q:/A: and C: lines; they get
// the paper, its deck and ids "zotero-<note key>-<card id>".
//
// # Hostile input
//
// Values are made valid UTF-8 and bounded (limits.go): a field, creator,
// tag or highlight over 64 KiB, a note over 1 MiB, more than MaxItems
// items or MaxAnnotations highlights, or a library over MaxLibrarySize are
// skipped with a warning or refused with an error naming the library. Only
// tables are queried (a view with a table's name makes the file "not a
// Zotero library"), and only with fixed statements.
package zotero
