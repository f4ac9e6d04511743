// Package deck is the centre of loci: the card and paper model, the native
// card file format, and the built-in guide deck embedded in the binary.
//
// It imports nothing else of loci's. Storage, scheduling and the UI all speak
// in the types defined here; this package must never touch SQLite, the
// terminal or the clock.
//
// # The native card format
//
// A card file is plain Markdown that a person writes by hand and keeps in
// git. It starts with a front-matter block in YAML between two "---" lines,
// then holds cards separated by blank lines:
//
//	---
//	deck: Alignment guide::Types of alignment work
//	tags: [guide, types]
//	source: Types of alignment work
//	papers:
//	  - key: elk
//	    title: Eliciting Latent Knowledge
//	    difficulty: harder
//	---
//
//	# Headings are allowed between cards and are ignored.
//
//	Q: What separates empirical from theoretical alignment work?
//	A: Empirical work runs experiments on ML systems;
//	theoretical work reasons about them with maths and concepts.
//
//	C: Alignment work is often split into {{c1::empirical}} and {{c2::theoretical}} work.
//	A: Extra text shown on the back only.
//	source: Types of alignment work > Empirical vs theoretical
//	tags: basics
//
//	Q: Which report does the guide point to for the ELK problem?
//	A: Eliciting Latent Knowledge.
//	paper: elk
//	id: elk-report
//
// Front matter keys: deck (required; "::" separates sub-decks), tags (a YAML
// list or a comma-separated string), source (where the cards come from, shown
// on the review screen), paper (one paper mapping that every card of the file
// belongs to), papers (a list of paper mappings that cards pick with a
// "paper:" line) and reverse (see below). A paper mapping has key and title (both required), and
// optionally authors, year, venue, url, arxiv, doi, difficulty (one of
// "very easy", "easy", "medium", "harder"), kind (paper, replication,
// reading, project), note, collections and tags. Collections are the
// reference manager's folders that hold the paper, each a path with "/"
// between levels ("collections: [Alignment/Interpretability, Surveys]");
// tags are any texts ("tags: [to read, RLHF]"); one text stands for a
// one-item list. loci papers --collection and the search term collection:
// find papers by them. A file that lists none leaves the ones a Zotero
// import stored alone; one that lists some replaces them.
//
// A card block starts with "Q:" (a basic card) or "C:" (a cloze card). Text
// continues over the following lines until the next marker. "A:" starts the
// back of a basic card, or extra text for the back of a cloze card. Lines
// starting with "id:", "tags:", "paper:", "source:", "unlock:" or "reverse:" set that
// attribute of the card; tags add to the file's tags, source and paper
// replace the file's. "unlock: read" (or understood, replicated) keeps a
// card that tests a paper out of the new queue until the learner moves the
// paper to that stage; such a card needs a paper.
// A line "reverse: true" makes a Q:/A: card ask both ways: besides the card
// itself, a reverse card (Ord 1) that shows the answer and asks for the
// question, with the id ReverseID gives ("ID/r"). The front matter's
// "reverse: true" makes it the default for the file's Q:/A: cards; a card
// opts out with "reverse: false". The two have their own schedules; storage
// buries one for the day when the other is answered, as cloze siblings.
// A blank line ends the card. Lines starting with "#" outside a card are
// headings and are ignored, as are lines holding only an HTML comment.
//
// Cloze deletions use Anki's syntax, {{c1::text}} or {{c1::text::hint}}, or the
// short bracket form [[text]], which numbers itself after the largest explicit
// number. Each cloze number becomes its own card: its front shows "[...]" (or
// "[hint]") in place of that deletion, its back shows the text filled in.
//
// # Identity
//
// A card's identity is its explicit id if it has one, otherwise a hash of its
// front with whitespace collapsed; a cloze card adds "/cN" for its number.
// Editing an answer therefore keeps the card's history, and re-importing an
// unchanged file changes nothing. Editing a front makes a new card unless the
// card carries an id.
package deck
