package bibtex

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// A note field is where BibTeX styles print whatever does not fit another
// field, so real files fill it with two kinds of text: bibliographic
// remarks ("Email: …", "2nd edition", "Accepted to ICML 2024", "12 pages,
// 4 figures", "Available at https://…", "Online; accessed 3 May 2021"),
// which a style prints after the reference, and notes about the paper
// ("Self-attention alone replaces recurrence."), which are what a card on
// the paper wants. readsAsNote tells them apart with three rules, tried
// in order on the note's plain text:
//
//  1. URLs, e-mail addresses and identifiers (doi:…, arXiv:…, ISBN …)
//     are taken out; what is left must have at least three words with
//     letters in them. A label such as "Preprint", "In press", "ICLR
//     2021" or "Seminal" is no note.
//  2. It must not begin with a remark's opening (remarkStart): a
//     publication status, an edition, reprint or translation, a version,
//     a count of pages or figures, where it is available or when it was
//     accessed, a thesis or report type, a talk or poster, a contact,
//     funding, a pointer to other versions, or a "Publisher: …" line as
//     Zotero writes its Extra field into the note.
//  3. It must not say anywhere that it is in press, to appear, accepted
//     somewhere or camera-ready, or count its pages (remarkAnywhere),
//     as arXiv comments do after a first sentence.
//
// annote and biblatex's annotation are notes by definition and skip the
// test; a note that fails it, or is not needed because one of them made
// the card, is kept as the paper's note (deck.Paper.Note).

// remarkStart matches the openings of bibliographic remarks.
var remarkStart = lazyRegexp(`(?i)^(?:` + strings.Join([]string{
	// status of publication
	`accepted\b`, `to appear\b`, `forthcoming\b`, `in press\b`, `submitted\b`, `under (?:review|submission)\b`,
	`in (?:review|submission|preparation|progress)\b`, `pre-?print\b`, `working paper\b`, `published\b`,
	`originally published\b`, `first published\b`, `republished\b`, `appeared\b`, `also (?:appeared|published|available|in|as|at)\b`,
	`retracted\b`, `withdrawn\b`, `erratum\b`, `errata\b`, `corrigendum\b`, `correction to\b`,
	// editions, reprints, translations, versions
	`\w+ (?:edition|ed\.)`, `edition\b`, `\d+(?:st|nd|rd|th) (?:ed\b|edition|printing)`, `reprint`, `facsimile\b`, `revised\b`,
	`updated\b`, `last (?:updated|revised|modified)\b`, `translat(?:ed|ion)\s+(?:by|from|of|into)\b`,
	`english (?:translation|summary|abstract)\b`,
	`in (?:english|german|french|russian|chinese|japanese|spanish|italian|portuguese|dutch|polish|czech|korean|swedish)\b`,
	`version\b`, `v\d`, `(?:extended|full|journal|conference|long|short|abridged|preliminary) version\b`,
	`extended abstract\b`, `abstract only\b`, `supplementa`, `see also\b`, `edited by\b`,
	// size and place in a series
	`\d+\s*(?:pages|pp\b|p\.|pgs\b|figures|figs?\b|tables|slides)`, `pp?\.\s*\d`, `pages?\s*\d`, `vol(?:ume)?\.?\s*\d`,
	`no\.\s*\d`, `number\s*\d`, `issue\s*\d`, `part of\b`, `proceedings\b`, `in:`,
	// where it is, and identifiers
	`available\s*(?:at|from|online|in|as|via|on|:)`, `url\b`, `online\s*(?:[;:,.(]|$|at\b|version\b|edition\b|first\b|only\b)`, `accessed\b`, `last accessed\b`, `retrieved\b`, `visited\b`,
	`doi\b`, `isbn\b`, `issn\b`, `pmid\b`, `pmcid\b`, `arxiv\b`, `mr\s*\d`, `zbl\b`, `oclc\b`, `lccn\b`,
	`(?:source )?code\s*(?:at|is available|available|:|on|and data)`, `software\s*(?:available|at|:|version|package)`,
	`r package\b`, `python package\b`, `data(?: ?set)? (?:is )?available\b`, `github\b`, `project page\b`, `website\b`,
	`homepage\b`, `(?:slides|video)\s*(?:at|available|:|of)`, `blog\s*(?:post\s+)?(?:at|version|:)`,
	// kinds of document and presentation
	`ph\.?\s?d\.?\b`, `doctoral\b`, `dissertation\b`, `master'?s?\b`, `bachelor'?s?\b`, `habilitation\b`,
	`thesis\b`, `tech(?:nical|\.)? rep`, `report\b`, `discussion paper\b`, `unpublished\b`, `manuscript\b`,
	`draft\b`, `personal communication\b`, `(?:lecture|class|course) notes\b`, `presented\b`, `paper presented\b`,
	`poster\b`, `oral\b`, `spotlight\b`, `invited\b`, `keynote\b`, `talk\s*(?:at|given|:)`,
	`workshop\s*(?:paper|version|on|at)`, `best paper\b`,
	// "Label: value" lines that Zotero writes from its Extra field
	`(?:publisher|number|type|place|medium|archive|language|status|rights|source|section|series|genre|event|original[- ]date|citation key|zscc|tex\.\w+)\s*:`,
	// people, money, citations
	`e-?mail\b`, `contact\b`, `corresponding author\b`, `equal contribution\b`, `joint first\b`,
	`funded\b`, `supported by\b`, `sponsored\b`, `grant\b`, `acknowledg`, `cited\b`, `citations?\b`,
}, "|") + `)`)

// remarkAnywhere matches remarks that arXiv-style comments put after a
// first sentence.
var remarkAnywhere = lazyRegexp(`(?i)\b(?:in press|to appear|accepted (?:for publication|to|at|in|by)|camera[- ]ready|\d+\s*pages)\b`)

// identifier matches what rule 1 takes out before counting words.
var identifier = lazyRegexp(`(?i)\b(?:https?://|www\.)\S+|\S+@\S+\.\S+|\b(?:doi|arxiv|isbn|issn):?\s*\S+`)

// readsAsNote reports whether the plain text of a note field reads as a
// note about the paper rather than a bibliographic remark (see above).
func readsAsNote(s string) bool {
	words := 0
	for _, w := range strings.Fields(identifier().ReplaceAllString(s, " ")) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	if words < 3 {
		return false
	}
	lead := strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return !remarkStart().MatchString(lead) && !remarkAnywhere().MatchString(s)
}

// lazyRegexp compiles expr on first use rather than at package init: every
// loci process links this package, and compiling these at start cost each
// one 2–3 ms and 437 KB though only an import of a .bib uses them.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
