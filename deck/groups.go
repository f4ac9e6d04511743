package deck

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on a paper's collections and tags, so that a hostile library or
// file cannot make one paper hold unbounded text.
const (
	MaxPaperGroups    = 1000        // collections, and tags, of one paper
	MaxPaperGroupName = MaxCardText // bytes in one collection path or tag
)

// CollectionSep separates the levels of a collection path: "A/B" is the
// collection B inside A.
const CollectionSep = "/"

// CleanCollections tidies a paper's collection paths: each level trimmed of
// spaces, empty levels dropped ("A//B " is "A/B"), paths with no level left
// and duplicates dropped, order kept. A path longer than MaxPaperGroupName,
// or a list longer than MaxPaperGroups, is an error naming it.
func CleanCollections(paths []string) ([]string, error) {
	return cleanGroups(paths, "collection", func(s string) string {
		parts := strings.Split(s, CollectionSep)
		out := parts[:0]
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, CollectionSep)
	})
}

// CleanPaperTags tidies a paper's tags as CleanCollections does its paths: a
// paper tag is any trimmed text (a reference manager's tags may hold spaces).
func CleanPaperTags(tags []string) ([]string, error) {
	return cleanGroups(tags, "tag", strings.TrimSpace)
}

func cleanGroups(in []string, what string, clean func(string) string) ([]string, error) {
	if len(in) > MaxPaperGroups {
		return nil, fmt.Errorf("%d %ss: at most %d", len(in), what, MaxPaperGroups)
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		c := clean(s)
		switch {
		case c == "":
			continue
		case len(c) > MaxPaperGroupName:
			return nil, fmt.Errorf("%s %q is longer than %d bytes", what, clip(c), MaxPaperGroupName)
		case !utf8.ValidString(c):
			return nil, errors.New(what + " is not valid UTF-8")
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// CollectionLast is the last level of a collection path: "B" for "A/B".
func CollectionLast(path string) string {
	return path[strings.LastIndex(path, CollectionSep)+1:]
}

// GroupsText is a paper's collections and tags in brief, for a listing:
// each collection by its last level, then "·" and the tags with "#" before
// each ("Interpretability, SAEs · #circuits #to read"); "" for none.
func (p Paper) GroupsText() string {
	var cols, tags []string
	for _, c := range p.Collections {
		cols = append(cols, CollectionLast(c))
	}
	for _, t := range p.Tags {
		tags = append(tags, "#"+t)
	}
	out := strings.Join(cols, ", ")
	if len(tags) > 0 {
		out = strings.TrimSpace(out + " · " + strings.Join(tags, " "))
	}
	return out
}
