package deck

import (
	"regexp"
	"strings"
)

// mediaRef matches the references to media files that card text holds:
// "[image: dog.png]" and "[sound: madrid.mp3]" (deck/htmltext writes them
// for <img src> and Anki's [sound:...]).
var mediaRef = regexp.MustCompile(`\[(image|sound): ([^\]\n]+)\]`)

// MediaNames lists the media files the texts refer to, in order, once each.
func MediaNames(texts ...string) []string {
	var names []string
	seen := map[string]bool{}
	for _, t := range texts {
		if !strings.Contains(t, "[image: ") && !strings.Contains(t, "[sound: ") {
			continue
		}
		for _, m := range mediaRef.FindAllStringSubmatch(t, -1) {
			if !seen[m[2]] {
				seen[m[2]] = true
				names = append(names, m[2])
			}
		}
	}
	return names
}

// RenameMedia rewrites the media references of text whose names are keys
// of renamed to the new names, leaving the rest of the text as it is.
func RenameMedia(text string, renamed map[string]string) string {
	if len(renamed) == 0 || (!strings.Contains(text, "[image: ") && !strings.Contains(text, "[sound: ")) {
		return text
	}
	return mediaRef.ReplaceAllStringFunc(text, func(ref string) string {
		m := mediaRef.FindStringSubmatch(ref)
		if to, ok := renamed[m[2]]; ok {
			return "[" + m[1] + ": " + to + "]"
		}
		return ref
	})
}
