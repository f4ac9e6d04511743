package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"loci/scheduler"
)

func init() {
	Keys = append(Keys, studyKeys...)
}

// studyKeys are the leech settings, the learner's own decks folder and
// Zotero library.
var studyKeys = []*Key{
	{
		Name: "leech_threshold", Doc: "lapses that make a card a leech, then again every half as many (Anki's rule); 0 turns leeches off",
		get: func(c *Config) string { return strconv.Itoa(c.Scheduler.LeechThreshold) },
		set: intSetter(0, 99, func(c *Config, v int) { c.Scheduler.LeechThreshold = v }),
	},
	{
		Name: "leech_action", Doc: "what becoming a leech does: suspend (tag and suspend) or tag (tag only)",
		get: func(c *Config) string { return string(c.Scheduler.LeechAction) },
		set: func(c *Config, s string) (any, error) {
			switch a := scheduler.LeechAction(s); a {
			case scheduler.LeechSuspend, scheduler.LeechTag:
				c.Scheduler.LeechAction = a
				return s, nil
			}
			return nil, fmt.Errorf("%q: want suspend or tag", s)
		},
	},
	{
		Name: "decks_dir", Doc: "a folder of native .md card files brought in on every start and watched by the daemon (relative to the settings file); empty for none",
		get: func(c *Config) string { return c.DecksDir },
		set: pathSetter(func(c *Config, p string) { c.DecksDir = p }),
	},
	{
		Name: "zotero.library", Doc: "a Zotero library (zotero.sqlite) the daemon re-imports when it changes (relative to the settings file); empty for none",
		get: func(c *Config) string { return c.Zotero.Library },
		set: pathSetter(func(c *Config, p string) { c.Zotero.Library = p }),
	},
	{
		Name: "zotero.read_tags", Doc: "Zotero tags, comma-separated, that mark an item as read: it arrives at stage read",
		get: func(c *Config) string { return strings.Join(c.Zotero.ReadTags, ",") },
		set: func(c *Config, s string) (any, error) {
			var tags []string
			for _, t := range strings.Split(s, ",") {
				if t = strings.TrimSpace(t); t != "" {
					tags = append(tags, t)
				}
			}
			c.Zotero.ReadTags = tags
			return s, nil
		},
	},
}

// pathSetter reads a path setting: "" for none, "~/" for the home folder,
// and a relative path taken from the settings file's folder, wherever loci
// runs from. The stored value is what the learner typed.
func pathSetter(field func(*Config, string)) func(*Config, string) (any, error) {
	return func(c *Config, s string) (any, error) {
		if s == "" {
			field(c, "")
			return s, nil
		}
		p := s
		if rest, ok := strings.CutPrefix(s, "~/"); ok {
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, fmt.Errorf("%q: %v", s, err)
			}
			p = filepath.Join(home, rest)
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(c.Path), p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", s, err)
		}
		field(c, abs)
		return s, nil
	}
}
