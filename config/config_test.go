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

// Weights may be the 21 FSRS-6 numbers or the 19 FSRS-5 ones a learner
// saved before loci moved to FSRS-6 (converted with w19 = 0, w20 = 0.5);
// anything else, or a weight out of bounds, is refused with file and line.
// Learning steps read as Anki writes them.
func TestWeightsAndStepsInFile(t *testing.T) {
	dir := t.TempDir()
	v5 := "0.5701,1.4436,4.1386,10.9355,5.1443,1.2006,0.8627,0.0362,1.629,0.1342,1.0166,2.1174,0.0839,0.3204,1.4676,0.219,2.8237,0.42,0.3"
	v6 := v5 + ",0.1,0.2"
	tests := []struct {
		text    string
		err     string // "" for a file that loads
		w19w20  [2]float64
		learn   string
		relearn string
	}{
		{"weights = [" + v5 + "]\n", "", [2]float64{0, 0.5}, "1m 10m", "10m"},
		{"fuzz = true\nweights = [" + v6 + "]\nlearning_steps = \"30s 5m 1h\"\nrelearning_steps = \"\"\n", "", [2]float64{0.1, 0.2}, "30s 5m 1h", ""},
		{"learning_steps = [\"1m\", \"10m\", \"1d\"]\n", "", [2]float64{0.0658, 0.1542}, "1m 10m 1d", "10m"},
		{"new_per_day = 3\nweights = [" + v5 + ",0.1]\n", "config.toml:2: weights: want 21 FSRS-6 weights or 19 FSRS-5 weights, got 20", [2]float64{}, "", ""},
		{"weights = [" + v5 + ",0.1,0.9]\n", "config.toml:1: weights: weight w[20] = 0.9 is outside [0.1, 0.8]", [2]float64{}, "", ""},
		{"\nlearning_steps = \"1m ten\"\n", "config.toml:2: learning_steps: step \"ten\"", [2]float64{}, "", ""},
		{"relearning_steps = \"0s\"\n", "config.toml:1: relearning_steps: 0s: each step must be from 1s to 365d", [2]float64{}, "", ""},
	}
	for i, tt := range tests {
		path := filepath.Join(dir, "config.toml")
		os.WriteFile(path, []byte(tt.text), 0o600)
		c, err := Load(path)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%d: Load = %v, want %q", i, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%d: %v", i, err)
			continue
		}
		w := c.Scheduler.Weights
		l, _ := c.Get("learning_steps")
		r, _ := c.Get("relearning_steps")
		if w[19] != tt.w19w20[0] || w[20] != tt.w19w20[1] || l != tt.learn || r != tt.relearn {
			t.Errorf("%d: w19 %v w20 %v, steps %q / %q; want %v, %q / %q", i, w[19], w[20], l, r, tt.w19w20, tt.learn, tt.relearn)
		}
	}
}

func TestSetStepsAndWeights(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	c, _ := Load(path)
	v5 := "0.5701,1.4436,4.1386,10.9355,5.1443,1.2006,0.8627,0.0362,1.629,0.1342,1.0166,2.1174,0.0839,0.3204,1.4676,0.219,2.8237,0.42,0.3"
	for _, kv := range [][2]string{{"learning_steps", "2m, 15m"}, {"relearning_steps", ""}, {"weights", v5}} {
		if err := c.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("Set(%s): %v", kv[0], err)
		}
	}
	c2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s := c2.Scheduler
	if len(s.LearningSteps) != 2 || s.LearningSteps[1] != 15*time.Minute || len(s.RelearningSteps) != 0 || !c2.IsSet("relearning_steps") {
		t.Errorf("reloaded steps %v / %v", s.LearningSteps, s.RelearningSteps)
	}
	if s.Weights[0] != 0.5701 || s.Weights[19] != 0 || s.Weights[20] != 0.5 {
		t.Errorf("reloaded weights %v", s.Weights)
	}
	if got, _ := c2.Get("weights"); !strings.HasPrefix(got, "0.5701,") || !strings.HasSuffix(got, ",0.3,0,0.5") {
		t.Errorf("get weights = %s, want the 21 converted numbers", got)
	}
	before, _ := os.ReadFile(path)
	if err := c2.Set("learning_steps", "1m 0m"); err == nil || !strings.Contains(err.Error(), "learning_steps") {
		t.Errorf("bad steps: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("a refused step changed the file")
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
