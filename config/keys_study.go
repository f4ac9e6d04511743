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

// studyKeys are the leech settings and the learner's own decks folder.
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
		set: func(c *Config, s string) (any, error) {
			if s == "" {
				c.DecksDir = ""
				return s, nil
			}
			dir := s
			if rest, ok := strings.CutPrefix(s, "~/"); ok {
				home, err := os.UserHomeDir()
				if err != nil {
					return nil, fmt.Errorf("%q: %v", s, err)
				}
				dir = filepath.Join(home, rest)
			}
			if !filepath.IsAbs(dir) {
				// Relative to the settings file, wherever loci runs from.
				dir = filepath.Join(filepath.Dir(c.Path), dir)
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", s, err)
			}
			c.DecksDir = abs
			return s, nil
		},
	},
}
