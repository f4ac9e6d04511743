package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

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
	// testscript gives each script the PATH this process has when the
	// script starts, and in-process commands of scripts already running
	// change it (for a moment it is unset): a script started then found no
	// program ("exec: ls: executable file not found in $PATH"). Every script
	// gets the PATH of before any of them ran.
	path := os.Getenv("PATH")
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
			env.Setenv("PATH", shared.dir+string(filepath.ListSeparator)+path)
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
	if execAll() {
		st.status = 0
		if err := ts.Exec("loci", args...); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				ts.Fatalf("loci: %v", err)
			}
			st.status = ee.ExitCode()
		}
	} else {
		st.status = scriptInProcess(ts, st, args)
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

// scriptInProcess runs loci with args through Main as a process the script
// started would run: in the script's current directory, with its
// environment, and its output kept for the script. It returns the exit
// status.
func scriptInProcess(ts *testscript.TestScript, st *scriptState, args []string) int {
	if st.names == nil {
		st.names = scriptEnvNames(ts, st)
	}
	var env []string
	for _, name := range st.names {
		if v := ts.Getenv(name); v != "" {
			env = append(env, name+"="+v)
		}
	}
	code, err := inProcess(ts.MkAbs("."), env, args, ts.Stdout(), ts.Stderr())
	if err != nil {
		ts.Fatalf("loci in-process: %v", err)
	}
	return code
}

// envLine finds the names a script's `env NAME=VALUE` lines set.
var envLine = regexp.MustCompile(`(?m)^(?:\s*\[[^]]*\])*\s*env\s+([A-Za-z_][A-Za-z0-9_]*)=`)

// scriptEnvNames returns every environment variable a script can have set
// (testscript offers no list of them): those testscript sets, those Setup
// sets, and those the script's own `env` lines set. loci, and any program
// it starts (the editor, a notifier), then sees the script's environment as
// a process started by the script would.
func scriptEnvNames(ts *testscript.TestScript, st *scriptState) []string {
	names := []string{"WORK", "PATH", "GOTRACEBACK", "HOME", "TMPDIR", "devnull", "exe", "GOCOVERDIR", "GORACE",
		"XDG_DATA_HOME", "XDG_CONFIG_HOME", "TZ"}
	script, err := os.ReadFile(filepath.Join(st.dir, ts.Name()+".txtar"))
	ts.Check(err)
	for _, m := range envLine.FindAllSubmatch(script, -1) {
		names = append(names, string(m[1]))
	}
	slices.Sort(names)
	return slices.Compact(names)
}
