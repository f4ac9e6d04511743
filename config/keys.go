package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
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
			if err != nil || v < 0.7 || v > 0.99 {
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
		Name: "weights", Doc: "the 19 FSRS-5 weights, comma-separated (default: go-fsrs's)",
		get: func(c *Config) string {
			parts := make([]string, len(c.Scheduler.Weights))
			for i, w := range c.Scheduler.Weights {
				parts[i] = strconv.FormatFloat(w, 'f', -1, 64)
			}
			return strings.Join(parts, ",")
		},
		set: func(c *Config, s string) (any, error) {
			fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
			if len(fields) != 19 {
				return nil, fmt.Errorf("want 19 comma-separated numbers, got %d", len(fields))
			}
			var w [19]float64
			for i, f := range fields {
				v, err := strconv.ParseFloat(f, 64)
				if err != nil {
					return nil, fmt.Errorf("w[%d] %q is not a number", i, f)
				}
				w[i] = v
			}
			c.Scheduler.Weights = w
			return w[:], nil
		},
	},
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
