package cli

import (
	"errors"

	"loci/deck"
)

// resolveDeck turns the --deck a learner typed into the full name of an
// existing deck (see deck.ResolveDeck): "Funding" finds "Alignment
// guide::Funding" when no other deck ends that way. An unknown or ambiguous
// name is a runtime error (exit 1) naming the closest decks. "" is every deck.
// Every command whose --deck picks cards to read goes through it.
func (e *env) resolveDeck(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	names, err := e.db.DeckNames(e.ctx)
	if err != nil {
		return "", err
	}
	full, err := deck.ResolveDeck(name, names)
	if err != nil {
		return "", hintError{err, "loci decks (lists every deck)"}
	}
	return full, nil
}

// targetDeck is resolveDeck for a --deck that receives cards (add, import):
// an existing deck found by its short name is used, a name matching no deck
// makes a new deck, and only an ambiguous short name is refused.
func (e *env) targetDeck(name string) (string, error) {
	full, err := e.resolveDeck(name)
	var de *deck.DeckError
	if errors.As(err, &de) && len(de.Candidates) == 0 {
		return name, nil
	}
	return full, err
}
