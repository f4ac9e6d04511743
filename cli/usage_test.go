package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHelpAndUsageErrors calls Main in this process, as main does, for every
// command's --help (exit 0) and for a wrong command line of every command
// (exit 2 with a hint naming the command's --help). It runs in-process, not
// as a script, because it starts Main some sixty times; usage.txtar checks
// the exit codes and messages of the real process.
func TestHelpAndUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{"HOME": dir, "TZ": "UTC", "LOCI_DB": "", "LOCI_NOW": "2026-11-28T09:00:00Z",
		"XDG_DATA_HOME": filepath.Join(dir, "data"), "XDG_CONFIG_HOME": filepath.Join(dir, "config")} {
		t.Setenv(k, v)
	}
	run := func(args string) (int, string) {
		var stdout, stderr strings.Builder
		code := Main(context.Background(), strings.Fields(args), strings.NewReader(""), &stdout, &stderr)
		return code, stderr.String()
	}
	for _, c := range []string{"review", "due", "next", "search", "study", "answer", "decks", "undo", "suspend", "unsuspend",
		"add", "import", "export", "papers", "backup", "restore", "check", "config", "config set", "version", "daemon",
		"nudge", "optimize", "summary"} {
		if code, stderr := run(c + " --help"); code != exitOK {
			t.Errorf("loci %s --help: exit %d, want 0\n%s", c, code, stderr)
		}
	}
	hint := regexp.MustCompile(`(?m)^Run 'loci.*--help' for usage\.$`)
	for _, args := range []string{"review extra", "due extra", "next extra", "answer", "answer a b c", "decks extra",
		"undo extra", "suspend", "unsuspend a b", "add extra", "add --front x", "import", "export extra",
		"export --format pdf", "papers extra", "papers advance", "papers advance k skimmed", "backup extra", "restore",
		"check extra", "config extra", "config get", "config set x", "config set colour red", "version extra",
		"daemon extra", "daemon --print-unit upstart", "nudge extra", "optimize extra", "optimize --desired-retention 2",
		"summary extra", "summary --week 2026-W99", "summary --format pdf", "search --sort size", "search --limit -1",
		"search --bogus", "study", "study extra", "study --ahead 0", "--bogus-flag"} {
		if code, stderr := run(args); code != exitUsage || !hint.MatchString(stderr) {
			t.Errorf("loci %s: exit %d, want 2 with a usage hint:\n%s", args, code, stderr)
		}
	}
	// A wrong command line is refused before anything is opened or written.
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("the calls left files behind in the home folder: %v %v", entries, err)
	}
}
