// Package config owns loci's settings file and paths: a TOML file in the XDG
// config directory (or $LOCI_CONFIG) holding only the keys the learner set,
// over built-in defaults, and the XDG data directory for the database.
//
// It knows every key, its documentation and its validation, so that
// `loci config`, `loci config get` and `loci config set` never disagree. It
// must not open the database or start anything: it only reads and writes
// the settings file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"

	"loci/scheduler"
)

// Config is the effective configuration: defaults with the file's keys applied.
type Config struct {
	Path            string             // the settings file, which may not exist yet
	Scheduler       scheduler.Settings // scheduling settings
	Timezone        string             // "" for the local zone
	WeightsFittedAt string             // RFC 3339 time `loci optimize` saved the weights; "" for defaults
	Nudge           Nudge              // the daemon's jobs and notifier
	DecksDir        string             // absolute path of the learner's decks folder; "" for none
	Zotero          Zotero             // the learner's Zotero library
	set             map[string]any     // keys present in the file, as stored
}

// Nudge holds the daemon's settings. An empty spec turns its job off.
type Nudge struct {
	Daily      string   // cron spec of the daily nudge (cards due)
	Evening    string   // cron spec of the evening nudge (nothing reviewed today)
	Weekly     string   // cron spec of the weekly summary job
	Optimize   string   // cron spec of the re-fit of the FSRS weights (at most once a month); "" (the default) is off
	QuietHours string   // "22:00-08:00"; empty turns quiet hours off
	Notifier   string   // desktop, file, command or bell
	File       string   // log file of the file notifier; "" for nudges.log in the data directory
	Command    []string // program and arguments of the command notifier, run without a shell
}

// Zotero holds the settings of the Zotero library import.
type Zotero struct {
	Library  string   // absolute path of zotero.sqlite the daemon re-imports; "" for none
	ReadTags []string // tags that mark an item as read
}

// DefaultZotero is the Zotero import's behaviour when nothing is set.
func DefaultZotero() Zotero { return Zotero{ReadTags: []string{"read", "done", "_read"}} }

// DefaultNudge is the daemon's behaviour when nothing is set.
func DefaultNudge() Nudge {
	return Nudge{Daily: "0 9 * * *", Evening: "0 20 * * *", Weekly: "0 18 * * 0", QuietHours: "22:00-08:00", Notifier: "desktop"}
}

// FilePath returns the settings file: $LOCI_CONFIG, else loci/config.toml
// in the XDG config directory.
func FilePath() string {
	if p := os.Getenv("LOCI_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(xdg.ConfigHome, "loci", "config.toml")
}

// DataDir returns loci's directory in the XDG data directory.
func DataDir() string { return filepath.Join(xdg.DataHome, "loci") }

// DefaultDB returns the default database path: loci.db in DataDir.
func DefaultDB() string { return filepath.Join(DataDir(), "loci.db") }

// Load reads the settings file at path; a missing file gives the defaults.
// An error names the file, the line and the key at fault.
func Load(path string) (*Config, error) {
	c := &Config{Path: path, Scheduler: scheduler.DefaultSettings(), Nudge: DefaultNudge(), Zotero: DefaultZotero(), set: map[string]any{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	nested := map[string]any{}
	if _, err := toml.Decode(string(data), &nested); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	raw := map[string]any{}
	flatten("", nested, raw)
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		at := fmt.Sprintf("%s:%d: %s", path, lineOf(data, name), name)
		k := lookup(name)
		if k == nil {
			return nil, fmt.Errorf("%s: unknown setting (see `loci config` for the list)", at)
		}
		if err := c.apply(k, format(raw[name])); err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
	}
	if err := c.Scheduler.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// flatten turns TOML tables into dotted keys: [nudge] daily = ... and
// "nudge.daily" = ... both give "nudge.daily".
func flatten(prefix string, in, out map[string]any) {
	for k, v := range in {
		if sub, ok := v.(map[string]any); ok {
			flatten(prefix+k+".", sub, out)
			continue
		}
		out[prefix+k] = v
	}
}

// lineOf finds the line where a top-level key is set, for error messages.
func lineOf(data []byte, key string) int {
	last := key[strings.LastIndex(key, ".")+1:]
	re := regexp.MustCompile(`^\s*"?(` + regexp.QuoteMeta(key) + `|` + regexp.QuoteMeta(last) + `)"?\s*=`)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if re.Match(line) {
			return i + 1
		}
	}
	return 1
}

// format turns a decoded TOML value back into the text a key parses.
func format(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = format(e)
		}
		return strings.Join(parts, ",")
	case time.Time:
		return x.Format("15:04")
	}
	return fmt.Sprint(v)
}

// apply parses a value for key k into c and records it as set.
func (c *Config) apply(k *Key, value string) error {
	stored, err := k.set(c, strings.TrimSpace(value))
	if err != nil {
		return err
	}
	c.set[k.Name] = stored
	return nil
}

// Get returns a key's effective value as text.
func (c *Config) Get(name string) (string, error) {
	k := lookup(name)
	if k == nil {
		return "", unknownKey(name)
	}
	return k.get(c), nil
}

// IsSet reports whether the settings file sets a key.
func (c *Config) IsSet(name string) bool { _, ok := c.set[name]; return ok }

// Set validates a new value for a key and writes the settings file
// atomically; on any error the file is left as it was.
func (c *Config) Set(name, value string) error {
	k := lookup(name)
	if k == nil {
		return unknownKey(name)
	}
	next := *c
	next.set = map[string]any{}
	for kk, v := range c.set {
		next.set[kk] = v
	}
	if err := next.apply(k, value); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := next.Scheduler.Validate(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := next.save(); err != nil {
		return err
	}
	*c = next
	return nil
}

func unknownKey(name string) error {
	return fmt.Errorf("unknown setting %q; known settings: %s", name, strings.Join(Names(), ", "))
}

// save writes the keys that are set, through a temporary file and a rename.
func (c *Config) save() error {
	if err := os.MkdirAll(filepath.Dir(c.Path), 0o700); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString("# loci settings; change them with `loci config set KEY VALUE`.\n")
	if err := toml.NewEncoder(&buf).Encode(c.set); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.Path), ".config-*.toml")
	if err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write settings: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	if err := os.Rename(tmp.Name(), c.Path); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	return nil
}
