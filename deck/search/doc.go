// Package search is loci's card query language, modelled on Anki's search
// syntax: it parses a query once into a small tree (see Node) that storage
// compiles to SQL. It owns the syntax, its error messages and the tree; it
// must not touch SQLite, the clock or the terminal (time-dependent terms
// such as is:due or added:7 are left for storage to resolve against the
// "now" and day start the caller passes).
//
// # Syntax
//
// Terms separated by spaces must all match (implicit AND); "or" (any case)
// between terms matches either; parentheses group; a leading "-" negates a
// term or a group. Matching is case-insensitive (for ASCII letters, as
// SQLite's LIKE), and "*" in a value matches any run of characters.
//
//	dog                 front or back contains "dog"
//	"a dog"             front or back contains the phrase "a dog"
//	front:dog           the front is exactly "dog" (front:*dog* contains it)
//	back:*dog*          the back contains "dog"
//	deck:Funding        the deck named Funding (full name, or its last part
//	                    after "::"), and its sub-decks; deck:Fund* too
//	tag:hard            cards tagged hard or hard::anything; tag:ml* too
//	is:new              new cards; also is:learn (learning or relearning),
//	                    is:review (review or relearning), is:due (learning
//	                    cards due now and reviews due today), is:suspended,
//	                    is:buried, is:leech (tagged leech)
//	paper:elk           cards of the paper with key elk (wildcards allowed)
//	collection:Interp   cards of papers in the collection Interp (its full
//	                    path "Alignment/Interp", or its last part after
//	                    "/"), or in its sub-collections; collection:Inter*
//	                    too. Collections come from a Zotero import or a
//	                    paper's "collections:" in a card file
//	stage:read          cards of papers at stage read (queued, read,
//	                    understood, replicated)
//	prop:ivl>=10        interval in days; also prop:due (days from today:
//	                    prop:due=0 is due today, prop:due<0 overdue),
//	                    prop:lapses, prop:reps, prop:stability (prop:s),
//	                    prop:difficulty (prop:d, FSRS's 1–10),
//	                    prop:retrievability (prop:r, 0–1, recall now);
//	                    operators = != < <= > >=
//	added:7             added in the last 7 learner days (added:1 is today)
//	rated:7             answered in the last 7 learner days
//	rated:7:1           answered Again (1) in that time; 2 Hard, 3 Good, 4 Easy
//	-tag:hard           negation; -(a or b) negates a group
//	deck:"My deck"      quotes keep spaces and colons in a value; \" \* \\
//	                    write a literal quote, star or backslash
//
// A colon outside quotes names a field, so text with a colon is quoted:
// "RLHF: a method". Errors point at the column, counted in characters from 1:
//
//	search: column 12: unclosed "("
package search
