package storage

import (
	"context"
	"fmt"

	"loci/deck"
	"loci/deck/search"
)

// Searcher runs query text against the study clock: the form of search the
// command line, the browse screen and custom study share. Clock gives the
// time, the learner day's start and the forgetting curve at the moment of
// each search (the caller builds it from the scheduler).
type Searcher struct {
	DB    *DB
	Clock func() SearchOptions
}

// Page is one screen of results and the number of cards the query
// matches in all.
type Page struct {
	Cards []deck.Card
	Total int
}

// Find parses query and returns the page of matching cards that sort,
// desc and limit (0: every card) choose, with the total count. A query
// that does not parse gives a *search.Error.
func (s Searcher) Find(ctx context.Context, query string, sort SortKey, desc bool, limit int) (Page, error) {
	q, err := search.Parse(query)
	if err != nil {
		return Page{}, err
	}
	opt := s.Clock()
	opt.Sort, opt.Desc, opt.Limit = sort, desc, limit
	cards, err := s.DB.Search(ctx, q, opt)
	if err != nil {
		return Page{}, err
	}
	total := len(cards)
	if limit > 0 && total == limit {
		if total, err = s.DB.SearchCount(ctx, q, opt); err != nil {
			return Page{}, err
		}
	}
	return Page{Cards: cards, Total: total}, nil
}

// Studyable returns up to limit cards the query matches that can be
// studied now (not suspended, not buried), in the order sort gives: the
// cards of a custom-study session.
func (s Searcher) Studyable(ctx context.Context, q search.Query, sort SortKey, limit int) ([]deck.Card, error) {
	opt := s.Clock()
	opt.Sort, opt.Limit, opt.Studyable = sort, limit, true
	cards, err := s.DB.Search(ctx, q, opt)
	if err != nil {
		return nil, fmt.Errorf("custom study: %w", err)
	}
	return cards, nil
}
