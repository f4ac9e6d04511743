package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/shlex"
	"github.com/robfig/cron/v3"

	"loci/scheduler"
)

// Key is one setting: its name, what it does, and how it is read and written.
type Key struct {
	Name string
	Doc  string
	get  func(*Config) string
	set  func(*Config, string) (stored any, err error)
}

// Keys lists every setting in the order `loci config` shows them.
var Keys = []*Key{
	{
		Name: "new_per_day", Doc: "new cards introduced per learner day",
		get: func(c *Config) string { return strconv.Itoa(c.Scheduler.NewPerDay) },
		set: intSetter(0, 9999, func(c *Config, v int) { c.Scheduler.NewPerDay = v }),
	},
	{
		Name: "reviews_per_day", Doc: "review cards answered per learner day",
		get: func(c *Config) string { return strconv.Itoa(c.Scheduler.ReviewsPerDay) },
		set: intSetter(0, 99999, func(c *Config, v int) { c.Scheduler.ReviewsPerDay = v }),
	},
	{
		Name: "day_starts_at", Doc: "local time (HH:MM) when a new learner day begins",
		get: func(c *Config) string {
			d := c.Scheduler.DayStartsAt
			return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
		},
		set: func(c *Config, s string) (any, error) {
			t, err := time.Parse("15:04", s)
			if err != nil {
				return nil, fmt.Errorf("%q: want a time such as 04:00", s)
			}
			c.Scheduler.DayStartsAt = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
			return t.Format("15:04"), nil
		},
	},
	{
		Name: "desired_retention", Doc: "probability of recall FSRS schedules for (0.70 to 0.99)",
		get: func(c *Config) string { return strconv.FormatFloat(c.Scheduler.DesiredRetention, 'f', -1, 64) },
		set: func(c *Config, s string) (any, error) {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || !(v >= 0.7 && v <= 0.99) { // NaN fails both comparisons
				return nil, fmt.Errorf("%q: want a number from 0.70 to 0.99", s)
			}
			c.Scheduler.DesiredRetention = v
			return v, nil
		},
	},
	{
		Name: "maximum_interval", Doc: "longest interval in days",
		get: func(c *Config) string { return strconv.Itoa(c.Scheduler.MaximumInterval) },
		set: intSetter(1, 36500, func(c *Config, v int) { c.Scheduler.MaximumInterval = v }),
	},
	{
		Name: "learn_ahead", Doc: "minutes ahead a learning card may be shown when nothing else is due",
		get: func(c *Config) string { return strconv.Itoa(int(c.Scheduler.LearnAhead / time.Minute)) },
		set: intSetter(0, 1440, func(c *Config, v int) { c.Scheduler.LearnAhead = time.Duration(v) * time.Minute }),
	},
	{
		Name: "fuzz", Doc: "spread review intervals a little so cards do not clump (true/false)",
		get: func(c *Config) string { return strconv.FormatBool(c.Scheduler.Fuzz) },
		set: func(c *Config, s string) (any, error) {
			v, err := strconv.ParseBool(s)
			if err != nil {
				return nil, fmt.Errorf("%q: want true or false", s)
			}
			c.Scheduler.Fuzz = v
			return v, nil
		},
	},
	{
		Name: "timezone", Doc: "IANA time zone for learner days, empty for the local zone",
		get: func(c *Config) string { return c.Timezone },
		set: func(c *Config, s string) (any, error) {
			if s == "" || s == "Local" {
				c.Timezone, c.Scheduler.Location = "", time.Local
				return "", nil
			}
			loc, err := time.LoadLocation(s)
			if err != nil {
				return nil, fmt.Errorf("%q: not a time zone name such as Europe/Berlin", s)
			}
			c.Timezone, c.Scheduler.Location = s, loc
			return s, nil
		},
	},
	{
		Name: "learning_steps", Doc: "waits of a new card before it graduates, as in Anki (\"1m 10m\"); empty: FSRS decides from the first answer",
		get: func(c *Config) string { return scheduler.FormatSteps(c.Scheduler.LearningSteps) },
		set: stepsSetter(func(c *Config, v []time.Duration) { c.Scheduler.LearningSteps = v }),
	},
	{
		Name: "relearning_steps", Doc: "waits of a forgotten card before it returns to review (\"10m\"); empty: straight back",
		get: func(c *Config) string { return scheduler.FormatSteps(c.Scheduler.RelearningSteps) },
		set: stepsSetter(func(c *Config, v []time.Duration) { c.Scheduler.RelearningSteps = v }),
	},
	{
		Name: "weights", Doc: "the 21 FSRS-6 weights, comma-separated; 19 FSRS-5 weights are converted (default: go-fsrs's)",
		get: func(c *Config) string {
			parts := make([]string, len(c.Scheduler.Weights))
			for i, w := range c.Scheduler.Weights {
				parts[i] = strconv.FormatFloat(w, 'f', -1, 64)
			}
			return strings.Join(parts, ",")
		},
		set: func(c *Config, s string) (any, error) {
			fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
			v := make([]float64, len(fields))
			for i, f := range fields {
				var err error
				if v[i], err = strconv.ParseFloat(f, 64); err != nil {
					return nil, fmt.Errorf("w[%d] %q is not a number", i, f)
				}
			}
			w, err := scheduler.ParseWeights(v)
			if err != nil {
				return nil, err
			}
			c.Scheduler.Weights = w
			return v, nil // as written: 19 numbers stay 19 in the file
		},
	},
}

// stepsSetter parses learning steps ("1m 10m"; a TOML list of such texts
// also reads) and stores them as the learner wrote them, normalised.
func stepsSetter(put func(*Config, []time.Duration)) func(*Config, string) (any, error) {
	return func(c *Config, s string) (any, error) {
		v, err := scheduler.ParseSteps(s)
		if err != nil {
			return nil, err
		}
		put(c, v)
		return scheduler.FormatSteps(v), nil
	}
}

func intSetter(lo, hi int, put func(*Config, int)) func(*Config, string) (any, error) {
	return func(c *Config, s string) (any, error) {
		v, err := strconv.Atoi(s)
		if err != nil || v < lo || v > hi {
			return nil, fmt.Errorf("%q: want a whole number from %d to %d", s, lo, hi)
		}
		put(c, v)
		return v, nil
	}
}

func lookup(name string) *Key {
	for _, k := range Keys {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Names lists the setting names.
func Names() []string {
	out := make([]string, len(Keys))
	for i, k := range Keys {
		out[i] = k.Name
	}
	return out
}

func init() {
	Keys = append(Keys, nudgeKeys...)
}

// nudgeKeys are the daemon's settings and the optimizer's record.
var nudgeKeys = []*Key{
	{
		Name: "weights_fitted_at", Doc: "when `loci optimize` saved the weights (RFC 3339); empty for defaults",
		get: func(c *Config) string { return c.WeightsFittedAt },
		set: func(c *Config, s string) (any, error) {
			if s != "" {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					return nil, fmt.Errorf("%q: want an RFC 3339 time", s)
				}
			}
			c.WeightsFittedAt = s
			return s, nil
		},
	},
	specKey("nudge.daily", "cron spec of the daily nudge when cards are due; empty turns it off", func(n *Nudge) *string { return &n.Daily }),
	specKey("nudge.evening", "cron spec of the evening nudge if nothing was reviewed today; empty turns it off", func(n *Nudge) *string { return &n.Evening }),
	specKey("nudge.weekly", "cron spec of the weekly summary job; empty turns it off", func(n *Nudge) *string { return &n.Weekly }),
	specKey("nudge.optimize", "cron spec of the re-fit of the FSRS weights, at most once a month, saved only if they predict better (such as \"0 3 1 * *\"); empty (the default) turns it off",
		func(n *Nudge) *string { return &n.Optimize }),
	{
		Name: "nudge.quiet_hours", Doc: "no nudges in this local span (HH:MM-HH:MM); empty turns quiet hours off",
		get: func(c *Config) string { return c.Nudge.QuietHours },
		set: func(c *Config, s string) (any, error) {
			if s != "" {
				if _, _, err := ParseQuietHours(s); err != nil {
					return nil, err
				}
			}
			c.Nudge.QuietHours = s
			return s, nil
		},
	},
	{
		Name: "notifier", Doc: "how nudges are sent: desktop, file, command or bell",
		get: func(c *Config) string { return c.Nudge.Notifier },
		set: func(c *Config, s string) (any, error) {
			switch s {
			case "desktop", "file", "command", "bell":
				c.Nudge.Notifier = s
				return s, nil
			}
			return nil, fmt.Errorf("%q: want desktop, file, command or bell", s)
		},
	},
	{
		Name: "notifier.file", Doc: "log file of the file notifier; empty for nudges.log in the data directory",
		get: func(c *Config) string { return c.Nudge.File },
		set: func(c *Config, s string) (any, error) { c.Nudge.File = s; return s, nil },
	},
	{
		Name: "notifier.command", Doc: "program and arguments of the command notifier, split with shell quoting rules but run without a shell",
		get: func(c *Config) string { return quoteArgs(c.Nudge.Command) },
		set: func(c *Config, s string) (any, error) {
			argv, err := shlex.Split(s)
			if err != nil {
				return nil, fmt.Errorf("%q: %v (quote arguments with spaces: 'my notifier' --flag \"two words\")", s, err)
			}
			c.Nudge.Command = argv
			return s, nil
		},
	},
}

// specKey is a cron spec setting, checked with the parser the daemon uses.
func specKey(name, doc string, field func(*Nudge) *string) *Key {
	return &Key{
		Name: name, Doc: doc,
		get: func(c *Config) string { return *field(&c.Nudge) },
		set: func(c *Config, s string) (any, error) {
			if s != "" {
				if _, err := cron.ParseStandard(s); err != nil {
					return nil, fmt.Errorf("cron spec %q: %v (examples: \"0 9 * * *\", \"@weekly\", \"@every 1h\")", s, err)
				}
			}
			*field(&c.Nudge) = s
			return s, nil
		},
	}
}

// ParseQuietHours reads "22:00-08:00" as minutes after midnight; the span may
// wrap past midnight.
func ParseQuietHours(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if ok {
		ta, errA := time.Parse("15:04", strings.TrimSpace(a))
		tb, errB := time.Parse("15:04", strings.TrimSpace(b))
		if errA == nil && errB == nil {
			return ta.Hour()*60 + ta.Minute(), tb.Hour()*60 + tb.Minute(), nil
		}
	}
	return 0, 0, fmt.Errorf("quiet hours %q: want HH:MM-HH:MM such as 22:00-08:00", s)
}

// quoteArgs writes argv back as one line that shlex.Split reads as argv
// again: an argument with a space, a quote, a backslash or nothing in it is
// put in single quotes ('it'"'"'s' for a single quote inside).
func quoteArgs(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\#") {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'"'"'`) + "'"
	}
	return strings.Join(out, " ")
}
