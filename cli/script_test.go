package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestScripts runs the command-line scripts under testdata/script, each with
// its own data and config directories.
//
// Each script starts with the default database ($WORK/data/loci/loci.db) as
// loci's first run at templateNow (2026-11-28T09:00:00Z) leaves it: migrated,
// with the built-in deck merged. It is a copy of one made once per test
// binary, which spares every script a first run's migrations and merge. A
// script about the first run itself begins with `rm $WORK/data/loci`.
//
// In the scripts, `loci ARGS` runs one command line through Main in this
// process (see scriptLoci), and `exec loci ARGS` runs the real binary where
// the process is the point: exit codes, the editor on the terminal.
// LOCI_TEST_EXEC=1 runs every `loci` line as a process too; .ci/run does.
//
// The in-process commands change this process's working directory and
// environment while they run, so this test is not parallel: the other
// top-level tests of the package wait until it ends (its scripts run in
// parallel among themselves), and every path it hands testscript is absolute.
func TestScripts(t *testing.T) {
	if err := setUp(); err != nil {
		t.Fatalf("end-to-end fixtures: %v", err)
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testdata, "script")
	testscript.Run(t, testscript.Params{
		Dir: dir,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"loci":   scriptLoci,
			"status": scriptStatus,
		},
		Setup: func(env *testscript.Env) error {
			env.Values[scriptStateKey{}] = &scriptState{dir: dir, status: -1}
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, "data"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("TZ", "UTC")
			env.Setenv("PATH", shared.dir+string(filepath.ListSeparator)+env.Getenv("PATH"))
			if err := seedDB(filepath.Join(env.WorkDir, "data", "loci", "loci.db")); err != nil {
				return err
			}
			// Binary fixtures cannot sit in a txtar archive: copy them in.
			// UTF-16 text exports hold NUL bytes: copied in likewise.
			for _, pattern := range []string{filepath.Join("anki", "*.apkg"), filepath.Join("text", "*")} {
				files, err := filepath.Glob(filepath.Join(testdata, pattern))
				if err != nil {
					return err
				}
				for _, p := range files {
					data, err := os.ReadFile(p)
					if err != nil {
						return err
					}
					if err := os.WriteFile(filepath.Join(env.WorkDir, filepath.Base(p)), data, 0o600); err != nil {
						return err
					}
				}
			}
			return nil
		},
	})
}

// scriptStateKey is the testscript.Env.Values key of a script's scriptState.
type scriptStateKey struct{}

// scriptState is what a script's `loci` and `status` lines share.
type scriptState struct {
	dir    string   // the folder of the scripts
	status int      // the last `loci` line's exit status; -1 before the first
	names  []string // the environment variables the script can have set
}

// scriptLoci is the scripts' `loci ARGS` command: it runs loci with ARGS, in
// the script's current directory and environment, and keeps its standard
// output and error for the `stdout` and `stderr` lines after it. Without
// `!` it fails unless loci exits 0; with `!` unless loci exits non-zero
// (`status N` then checks which).
func scriptLoci(ts *testscript.TestScript, neg bool, args []string) {
	st := ts.Value(scriptStateKey{}).(*scriptState)
	if os.Getenv("LOCI_TEST_EXEC") != "" {
		st.status = 0
		if err := ts.Exec("loci", args...); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				ts.Fatalf("loci: %v", err)
			}
			st.status = ee.ExitCode()
		}
	} else {
		st.status = inProcess(ts, st, args)
	}
	switch {
	case neg && st.status == exitOK:
		ts.Fatalf("loci exited 0, want a failure")
	case !neg && st.status != exitOK:
		ts.Fatalf("loci exited %d", st.status)
	}
}

// scriptStatus is the scripts' `status N`: it fails unless the last `loci`
// line exited N.
func scriptStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status %q: want an exit status", args[0])
	}
	st := ts.Value(scriptStateKey{}).(*scriptState)
	switch st.status {
	case -1:
		ts.Fatalf("status: no loci line before it")
	case want:
	default:
		ts.Fatalf("loci exited %d, want %d", st.status, want)
	}
}

// process guards what a command run in-process changes for the whole test
// binary: the working directory, the environment and time.Local.
var process sync.Mutex

// inProcess runs loci with args through Main, as a process started by the
// script would run: in the script's current directory, with its
// environment (and the time zone its TZ names), an empty standard input,
// and its output kept for the script. It returns the exit status.
func inProcess(ts *testscript.TestScript, st *scriptState, args []string) int {
	if st.names == nil {
		st.names = scriptEnvNames(ts, st)
	}
	process.Lock()
	defer process.Unlock()
	restore, err := enterScript(ts.MkAbs("."), st.names, ts.Getenv)
	if err != nil {
		ts.Fatalf("loci in-process: %v", err)
	}
	defer restore()
	return Main(context.Background(), args, strings.NewReader(""), ts.Stdout(), ts.Stderr())
}

// enterScript makes this process's working directory dir and sets each
// variable in names to getenv's value (unsetting it when that is empty),
// then reloads what the program caches from them: the XDG directories and
// time.Local (from TZ, when set). The function it returns puts everything
// back as it was.
func enterScript(dir string, names []string, getenv func(string) string) (restore func(), err error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	type saved struct {
		value string
		set   bool
	}
	old := make(map[string]saved, len(names))
	local := time.Local
	restore = func() {
		for name, s := range old {
			if s.set {
				os.Setenv(name, s.value)
			} else {
				os.Unsetenv(name)
			}
		}
		xdg.Reload()
		time.Local = local
		os.Chdir(wd)
	}
	for _, name := range names {
		v, ok := os.LookupEnv(name)
		old[name] = saved{v, ok}
		if v := getenv(name); v != "" {
			os.Setenv(name, v)
		} else {
			os.Unsetenv(name)
		}
	}
	xdg.Reload()
	if tz := getenv("TZ"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			restore()
			return nil, err
		}
		time.Local = loc
	}
	if err := os.Chdir(dir); err != nil {
		restore()
		return nil, err
	}
	return restore, nil
}

// envLine finds the names a script's `env NAME=VALUE` lines set.
var envLine = regexp.MustCompile(`(?m)^(?:\s*\[[^]]*\])*\s*env\s+([A-Za-z_][A-Za-z0-9_]*)=`)

// scriptEnvNames returns every environment variable a script can have set:
// those this process has (testscript and Setup set the same ones, PATH,
// HOME, TMPDIR, TZ, XDG_*), and those the script's own `env` lines set.
// loci, and any program it starts (the editor, a notifier), then sees the
// script's environment as a process started by the script would.
func scriptEnvNames(ts *testscript.TestScript, st *scriptState) []string {
	names := []string{"HOME", "PATH", "TMPDIR", "TZ", "WORK", "XDG_DATA_HOME", "XDG_CONFIG_HOME"}
	for _, kv := range os.Environ() {
		if name, _, ok := strings.Cut(kv, "="); ok {
			names = append(names, name)
		}
	}
	script, err := os.ReadFile(filepath.Join(st.dir, ts.Name()+".txtar"))
	ts.Check(err)
	for _, m := range envLine.FindAllSubmatch(script, -1) {
		names = append(names, string(m[1]))
	}
	slices.Sort(names)
	return slices.Compact(names)
}
