package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultsWithoutFile(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"new_per_day": "20", "day_starts_at": "04:00", "desired_retention": "0.9", "fuzz": "true"} {
		if got, _ := c.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestSetWritesAndReloads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config.toml")
	c, _ := Load(path)
	for _, kv := range [][2]string{{"new_per_day", "7"}, {"day_starts_at", "05:30"}, {"desired_retention", "0.85"}, {"timezone", "Asia/Tokyo"}} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("Set(%s): %v", kv[0], err)
		}
	}
	c2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s := c2.Scheduler
	if s.NewPerDay != 7 || s.DayStartsAt != 5*time.Hour+30*time.Minute || s.DesiredRetention != 0.85 || s.Location.String() != "Asia/Tokyo" {
		t.Errorf("reloaded = %+v", s)
	}
	if c2.IsSet("reviews_per_day") || !c2.IsSet("new_per_day") {
		t.Errorf("IsSet wrong: only set keys are stored")
	}
}

func TestBadValuesChangeNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	c, _ := Load(path)
	c.Set("new_per_day", "5")
	before, _ := os.ReadFile(path)
	tests := []struct{ key, value, msg string }{
		{"new_per_day", "-3", "whole number from 0"},
		{"desired_retention", "1.5", "0.70 to 0.99"},
		{"day_starts_at", "25:00", "04:00"},
		{"timezone", "Mars/Olympus", "time zone"},
		{"weights", "1,2,3", "19"},
		{"weights", "0.01,1,3,15,7,0.5,1.4,0.004,1.5,0.1,1,1.9,0.1,0.3,2.2,0.2,2.9,0.5,0.6", "w[0]"},
		{"colour", "red", "unknown setting"},
	}
	for _, tt := range tests {
		err := c.Set(tt.key, tt.value)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Set(%s, %s) = %v, want error with %q", tt.key, tt.value, err, tt.msg)
		}
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Errorf("a refused value changed the file:\n%s", after)
	}
	if got, _ := c.Get("new_per_day"); got != "5" {
		t.Errorf("new_per_day = %s after refused sets, want 5", got)
	}
}

func TestLoadErrorsNameFileLineKey(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ text, want string }{
		{"new_per_day = 10\ndesired_retention = 2\n", "config.toml:2: desired_retention: "},
		{"new_per_day = 10\n\ncolour = 'red'\n", "config.toml:3: colour: unknown setting"},
		{"new_per_day = = 10\n", "config.toml:1: "},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, "config.toml")
		os.WriteFile(path, []byte(tt.text), 0o600)
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %v, want %q", tt.text, err, tt.want)
		}
	}
}

func TestNudgeKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	c, _ := Load(path)
	if c.Nudge.Daily != "0 9 * * *" || c.Nudge.Notifier != "desktop" {
		t.Fatalf("defaults = %+v", c.Nudge)
	}
	for _, kv := range [][2]string{{"nudge.daily", "@every 1s"}, {"nudge.evening", ""}, {"nudge.quiet_hours", "23:30-07:15"},
		{"notifier", "command"}, {"notifier.command", "notify-me --urgent"}} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("Set(%s): %v", kv[0], err)
		}
	}
	c2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	n := c2.Nudge
	if n.Daily != "@every 1s" || n.Evening != "" || n.QuietHours != "23:30-07:15" || n.Notifier != "command" ||
		strings.Join(n.Command, "|") != "notify-me|--urgent" || n.Weekly != "0 18 * * 0" {
		t.Errorf("reloaded nudge = %+v", n)
	}
	if err := c.Set("nudge.weekly", "every sunday"); err == nil || !strings.Contains(err.Error(), `cron spec "every sunday"`) {
		t.Errorf("bad spec: %v", err)
	}
	if err := c.Set("nudge.quiet_hours", "late"); err == nil {
		t.Errorf("bad quiet hours accepted")
	}
	from, to, _ := ParseQuietHours("22:00-08:00")
	if from != 22*60 || to != 8*60 {
		t.Errorf("ParseQuietHours = %d, %d", from, to)
	}
	// A [nudge] table in a hand-written file works too.
	os.WriteFile(path, []byte("[nudge]\ndaily = \"0 7 * * *\"\n"), 0o600)
	c3, err := Load(path)
	if err != nil || c3.Nudge.Daily != "0 7 * * *" {
		t.Errorf("table form: %+v, %v", c3.Nudge, err)
	}
}

// notifier.command is split with shell quoting rules (no shell runs it),
// reads back as a line that splits the same way, and an unclosed quote is
// refused with the value named.
func TestNotifierCommandQuoting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	tests := []struct {
		in   string
		argv []string
	}{
		{`sh -c 'notify-send "$1"' loci`, []string{"sh", "-c", `notify-send "$1"`, "loci"}},
		{`"/opt/My Tools/notify" --title "two words"`, []string{"/opt/My Tools/notify", "--title", "two words"}},
		{`/usr/bin/notify-me --urgent`, []string{"/usr/bin/notify-me", "--urgent"}},
		{`printf '%s\n' it"'"s ''`, []string{"printf", `%s\n`, "it's", ""}},
	}
	for _, tt := range tests {
		c, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Set("notifier.command", tt.in); err != nil {
			t.Fatalf("Set(%s): %v", tt.in, err)
		}
		if !reflect.DeepEqual(c.Nudge.Command, tt.argv) {
			t.Errorf("%s: argv %q, want %q", tt.in, c.Nudge.Command, tt.argv)
		}
		c2, err := Load(path)
		if err != nil || !reflect.DeepEqual(c2.Nudge.Command, tt.argv) {
			t.Errorf("%s: reloaded argv %q (%v), want %q", tt.in, c2.Nudge.Command, err, tt.argv)
		}
		shown, _ := c2.Get("notifier.command")
		c.Nudge.Command = nil
		if err := c.Set("notifier.command", shown); err != nil || !reflect.DeepEqual(c.Nudge.Command, tt.argv) {
			t.Errorf("%s: shown as %s, which splits to %q (%v)", tt.in, shown, c.Nudge.Command, err)
		}
	}
	c, _ := Load(path)
	if err := c.Set("notifier.command", `notify "unclosed`); err == nil || !strings.Contains(err.Error(), `"notify \"unclosed"`) {
		t.Errorf("unclosed quote: %v", err)
	}
}

// A number that is not a number (nan, inf) is refused like any other bad
// value: the error names the file, the line and the key.
func TestLoadRefusesNaN(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	for _, v := range []string{"nan", "+inf", "-inf"} {
		os.WriteFile(path, []byte("new_per_day = 20\ndesired_retention = "+v+"\n"), 0o600)
		_, err := Load(path)
		if want := path + ":2: desired_retention:"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("desired_retention = %s: %v, want an error starting %q", v, err, want)
		}
	}
}
