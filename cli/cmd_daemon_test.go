package cli

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"loci/config"
)

func TestDaemonPaths(t *testing.T) {
	t.Setenv("LOCI_DB", "")
	dir := t.TempDir()
	tests := []struct {
		dbFlag, file string
		wantDir      string
		wantLog      string
	}{
		{filepath.Join(dir, "s", "loci.db"), "", filepath.Join(dir, "s"), filepath.Join(dir, "s", "nudges.log")},
		{filepath.Join(dir, "s", "loci.db"), "n.log", filepath.Join(dir, "s"), filepath.Join(dir, "s", "n.log")},
		{filepath.Join(dir, "s", "loci.db"), "/var/log/loci.log", filepath.Join(dir, "s"), "/var/log/loci.log"},
		{"", "", config.DataDir(), filepath.Join(config.DataDir(), "nudges.log")},
	}
	for _, tt := range tests {
		e := &env{dbFlag: tt.dbFlag}
		cfg := &config.Config{Nudge: config.Nudge{File: tt.file}}
		if got := e.dataDir(); got != tt.wantDir {
			t.Errorf("--db %q: data dir %s, want %s", tt.dbFlag, got, tt.wantDir)
		}
		if got := e.nudgeLog(cfg); got != tt.wantLog {
			t.Errorf("--db %q, notifier.file %q: log %s, want %s", tt.dbFlag, tt.file, got, tt.wantLog)
		}
	}
}

// Words with quotes, backslashes, "%" and "$" survive systemd's parsing
// (systemd.syntax(7): C-style escapes in double quotes, %% for %, $$ for $
// on a command line) and XML escaping in a plist.
func TestUnitQuoting(t *testing.T) {
	argv := []string{`/opt/my "loci"/bin\loci`, "daemon", "--db", "/data/100% $HOME/a<b>&c.db"}
	environ := []string{`XDG_DATA_HOME=/x/50% "y"`}
	unit := systemdUnit(argv, environ)
	wantExec := `ExecStart="/opt/my \"loci\"/bin\\loci" "daemon" "--db" "/data/100%% $$HOME/a<b>&c.db"` + "\n"
	if !strings.Contains(unit, wantExec) {
		t.Errorf("unit lacks %q:\n%s", wantExec, unit)
	}
	if want := `Environment="XDG_DATA_HOME=/x/50%% \"y\""` + "\n"; !strings.Contains(unit, want) {
		t.Errorf("unit lacks %q:\n%s", want, unit)
	}
	plist := launchdPlist(argv, environ, "/data")
	var doc struct {
		Dict struct {
			Array struct {
				Strings []string `xml:"string"`
			} `xml:"array"`
			Dicts []struct {
				Keys    []string `xml:"key"`
				Strings []string `xml:"string"`
			} `xml:"dict"`
		} `xml:"dict"`
	}
	if err := xml.Unmarshal([]byte(plist), &doc); err != nil {
		t.Fatalf("plist: %v\n%s", err, plist)
	}
	if got := doc.Dict.Array.Strings; strings.Join(got, "\x00") != strings.Join(argv, "\x00") {
		t.Errorf("ProgramArguments = %q, want %q", got, argv)
	}
	if len(doc.Dict.Dicts) == 0 || len(doc.Dict.Dicts[0].Keys) != 1 || doc.Dict.Dicts[0].Keys[0] != "XDG_DATA_HOME" ||
		doc.Dict.Dicts[0].Strings[0] != `/x/50% "y"` {
		t.Errorf("EnvironmentVariables = %+v", doc.Dict.Dicts)
	}
}
