package zotero

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"loci/deck"
)

// annotation is a highlight (or underline) with text on a PDF attached to
// a regular item.
type annotation struct {
	key     string // Zotero's key of the annotation item
	parent  int64  // the regular item the PDF is attached to
	text    string
	comment string
	page    string // the page label the PDF shows ("iv", "12"), may be empty
}

// Zotero's annotation types (Zotero.Annotations.ANNOTATION_TYPE_*) that
// carry the text they mark: highlight and underline.
const (
	annHighlight = 1
	annUnderline = 5
)

// annotationHint bounds the room loadAnnotations makes before it reads.
const annotationHint = 1 << 17

// loadAnnotations reads the highlights and underlines with text whose PDF
// is attached to one of the items read, in each PDF's reading order.
func (r *reader) loadAnnotations() ([]annotation, error) {
	// The slice is sized once by the table's rows (a count SQLite
	// reads off its b-tree, before the query holds the lane's connection):
	// growing the slice highlight by highlight cost a tenth of the read.
	// The count takes in annotations that are not highlights, so it is
	// bounded (annotationHint): a library of images must not make Read
	// hold room for them.
	var n int
	if err := r.db.QueryRowContext(r.ctx, "SELECT count(*) FROM itemAnnotations").Scan(&n); err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	rows, err := r.db.QueryContext(r.ctx, `SELECT ai.key, att.parentItemID, a.text, a.comment, a.pageLabel
		FROM itemAnnotations a JOIN items ai ON ai.itemID = a.itemID
		JOIN itemAttachments att ON att.itemID = a.parentItemID
		WHERE a.type IN (?, ?) AND att.parentItemID IS NOT NULL
		AND a.itemID NOT IN (SELECT itemID FROM deletedItems)
		AND a.parentItemID NOT IN (SELECT itemID FROM deletedItems)
		ORDER BY att.parentItemID, a.parentItemID, a.sortIndex, a.itemID`, annHighlight, annUnderline)
	if err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	defer rows.Close()
	out := make([]annotation, 0, min(n, annotationHint))
	for rows.Next() {
		var a annotation
		var key, text, comment, page sql.NullString
		if err := rows.Scan(&key, &a.parent, &text, &comment, &page); err != nil {
			return nil, fmt.Errorf("annotations: %w", err)
		}
		if r.items[a.parent] == nil {
			continue
		}
		a.key, a.text, a.comment, a.page = key.String, oneLine(text.String), clean(comment.String), oneLine(page.String)
		switch {
		case a.text == "":
			continue // an empty highlight has nothing to learn
		case !validKey(a.key):
			r.warn("highlights with a malformed key: skipped", "on item "+r.items[a.parent].key, true)
			continue
		case tooLong(a.text) || tooLong(a.comment) || len(a.page) > 100:
			r.warn("highlights longer than 64 KiB: skipped", "annotation "+a.key, true)
			continue
		case len(out) == MaxAnnotations:
			return nil, fmt.Errorf("the library has more than %d highlights", MaxAnnotations)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// oneLine cleans s and collapses its runs of white space (a PDF's line
// breaks) to single spaces.
func oneLine(s string) string {
	s = clean(s)
	if singleSpaced(s) {
		return s // most highlights are: no copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// singleSpaced reports whether s (trimmed) has no white space but single
// plain spaces.
func singleSpaced(s string) bool {
	prev := false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prev) {
			return false
		}
		prev = space
	}
	return true
}

// cardFromHighlight adds the cards of one highlight to the set, attached to
// the item's paper, in the item's deck, identified by the annotation's key.
func (r *reader) cardFromHighlight(it *item, a annotation) {
	p := it.paper
	kind, front, back := highlightCard(p.Title, a)
	id := r.cardID(it, a.key)
	base := deck.Card{ID: id, Deck: it.deckName, Kind: kind, Front: front, Back: back, Paper: p.Key,
		Source: where(p.Title, a.page), Tags: []string{"zotero", "highlight"}, File: r.path}
	if kind == deck.Basic {
		r.set.Cards = append(r.set.Cards, base)
		return
	}
	ords, _ := deck.ClozeOrds(front) // highlightCard returns a cloze only when this succeeds
	for _, o := range ords {
		c := base
		c.Ord, c.ID = o, id+"/c"+strconv.Itoa(o)
		r.set.Cards = append(r.set.Cards, c)
	}
}

// cardID is the id of a card made from the annotation or note with key,
// prefixed as the item's paper key (see idPrefix).
func (r *reader) cardID(it *item, key string) string { return r.idPrefix(it.library) + key }

// where names a highlight's place: the paper's title and the page label.
func where(title, page string) string {
	if page == "" {
		return title
	}
	return title + ", p. " + page
}

// clozeMarkup finds {{cN::text}} and {{cN::text::hint}} deletions.
var clozeMarkup = lazyRegexp(`\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}`)

// highlightCard applies the highlight rules (see the package doc), first
// match wins:
//
//  1. the comment holds a cloze deletion: a comment made only of
//     deletions whose texts all occur in the highlight clozes those texts
//     in the highlight; any other comment is the cloze text as written,
//     with the highlight on the back;
//  2. the comment is a term (at most 8 words) the highlight contains: the
//     highlight with that term as its one deletion;
//  3. the comment ends with "?": a basic card, the comment on the front,
//     the highlight on the back;
//  4. otherwise a basic card that asks for the passage: from the comment
//     when there is one, else from the passage's first words (or, for a
//     short one, from the page alone); the highlight on the back.
func highlightCard(title string, a annotation) (deck.Kind, string, string) {
	text, comment := a.text, a.comment
	if clozeMarkup().MatchString(comment) {
		if front, ok := clozeInto(text, comment); ok && validCloze(front) {
			return deck.Cloze, front, ""
		}
		if validCloze(comment) {
			return deck.Cloze, comment, text
		}
	}
	if c := oneLine(comment); c != "" && len(strings.Fields(c)) <= 8 && !strings.HasSuffix(c, "?") {
		if i := findTerm(text, c); i >= 0 {
			front := text[:i] + "{{c1::" + text[i:i+len(c)] + "}}" + text[i+len(c):]
			if validCloze(front) {
				return deck.Cloze, front, ""
			}
		}
	}
	if strings.HasSuffix(comment, "?") {
		return deck.Basic, comment, text
	}
	place := "“" + title + "”"
	if a.page != "" {
		place += ", p. " + a.page
	}
	if comment != "" {
		return deck.Basic, place + ": you highlighted a passage and noted “" + oneLine(comment) + "”. What does the passage say?", text
	}
	if words := strings.Fields(text); len(words) > 8 {
		return deck.Basic, place + ": the passage you highlighted begins “" + strings.Join(words[:5], " ") + " …”. How does it go on?", text
	}
	return deck.Basic, place + ": what did you highlight on this page?", text
}

// clozeInto turns a comment made only of deletions into the highlight with
// those deletions, each at the first place its text occurs; ok is false
// when the comment holds anything else or a text does not occur.
func clozeInto(text, comment string) (string, bool) {
	rest := clozeMarkup().ReplaceAllString(comment, "")
	if strings.TrimFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) != "" {
		return "", false
	}
	out := text
	for _, m := range clozeMarkup().FindAllStringSubmatch(comment, -1) {
		term := strings.TrimSpace(m[2])
		i := findTerm(out, term)
		if term == "" || i < 0 {
			return "", false
		}
		del := "{{c" + m[1] + "::" + out[i:i+len(term)]
		if m[3] != "" {
			del += "::" + m[3]
		}
		out = out[:i] + del + "}}" + out[i+len(term):]
	}
	return out, true
}

// findTerm returns where term first occurs in text as whole words (case
// does not matter), outside any cloze deletion already made; -1 if not.
func findTerm(text, term string) int {
	if term == "" {
		return -1
	}
	depth := 0
	for i := 0; i+len(term) <= len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "{{"):
			depth++
		case strings.HasPrefix(text[i:], "}}") && depth > 0:
			depth--
		}
		if depth > 0 || !utf8.RuneStart(text[i]) || !strings.EqualFold(text[i:i+len(term)], term) {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(before) && isWordRune(firstRune(term)) {
			continue
		}
		if after, _ := utf8.DecodeRuneInString(text[i+len(term):]); i+len(term) < len(text) && isWordRune(after) && isWordRune(lastRune(term)) {
			continue
		}
		return i
	}
	return -1
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// validCloze reports whether s is a cloze text loci can show.
func validCloze(s string) bool {
	ords, err := deck.ClozeOrds(s)
	return err == nil && len(ords) > 0 && len(s) <= deck.MaxCardText
}
