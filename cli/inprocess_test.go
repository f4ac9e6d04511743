package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/adrg/xdg"
)

// execAll is LOCI_TEST_EXEC=1: every loci command the tests would run
// in-process runs as a process of the real binary instead (.ci/run runs
// the cli tests once so).
func execAll() bool { return os.Getenv("LOCI_TEST_EXEC") != "" }

// process guards what a command run in-process changes for the whole test
// binary while it runs: the working directory and the environment. Only
// tests that are not parallel may run commands in-process (TestScripts, and
// the runners with inProcess set): the parallel tests wait until they have
// all ended, so nothing else in the binary depends on those while they
// change.
var process sync.Mutex

// inProcess runs loci with args through Main as a process started in dir
// with exactly the environment env (KEY=VALUE pairs) would run: every
// variable of this process not in env is unset meanwhile, the XDG
// directories are read again, and standard input is empty. env must set
// TZ=UTC, the zone this test process runs in (see TestMain). dir "" keeps
// this process's working directory. It returns the exit status; an error
// means the command could not be set up.
func inProcess(dir string, env, args []string, stdout, stderr io.Writer) (int, error) {
	process.Lock()
	defer process.Unlock()
	restore, err := enterProcess(dir, env)
	if err != nil {
		return 0, err
	}
	defer restore()
	return Main(context.Background(), args, strings.NewReader(""), stdout, stderr), nil
}

// enterProcess makes this process's working directory dir (unless it is
// "") and its environment env, then reloads what the program caches from
// the environment, the XDG directories. The function it returns puts
// everything back as it was.
func enterProcess(dir string, env []string) (restore func(), err error) {
	if !slices.Contains(env, "TZ=UTC") {
		return nil, errors.New("in-process commands run in UTC, the test process's zone: set TZ=UTC, or run the binary")
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	old := os.Environ()
	restore = func() {
		os.Clearenv()
		for _, kv := range old {
			name, value, _ := strings.Cut(kv, "=")
			os.Setenv(name, value)
		}
		xdg.Reload()
		os.Chdir(wd)
	}
	os.Clearenv()
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		os.Setenv(name, value)
	}
	xdg.Reload()
	if dir != "" {
		if err := os.Chdir(dir); err != nil {
			restore()
			return nil, err
		}
	}
	return restore, nil
}

// TestEnterProcess checks what in-process commands rely on: inside, the
// environment is exactly the one given and the working directory the one
// asked for; after, both are as before; and an environment in another zone
// than the test process's is refused.
func TestEnterProcess(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	before := os.Environ()
	for _, tc := range []struct {
		name, dir string
		env       []string
		err       bool
	}{
		{"with a folder", dir, []string{"TZ=UTC", "LOCI_NOW=2026-11-28T09:00:00Z", "XDG_DATA_HOME=" + dir}, false},
		{"in place", "", []string{"TZ=UTC"}, false},
		{"another zone", dir, []string{"TZ=Europe/Paris"}, true},
		{"no zone", dir, []string{"LOCI_NOW=2026-11-28T09:00:00Z"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			restore, err := enterProcess(tc.dir, tc.env)
			if tc.err {
				if err == nil {
					restore()
					t.Fatal("entered, want an error")
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				env := os.Environ()
				in, _ := os.Getwd()
				dataHome := xdg.DataHome
				restore()
				if want := tc.dir; want != "" && in != want {
					t.Errorf("working directory %s, want %s", in, want)
				}
				if !slices.Equal(env, tc.env) {
					t.Errorf("environment %q, want %q", env, tc.env)
				}
				if tc.dir != "" && dataHome != dir {
					t.Errorf("xdg.DataHome %s, want %s", dataHome, dir)
				}
			}
			if after, _ := os.Getwd(); after != wd {
				t.Errorf("working directory after: %s, want %s", after, wd)
			}
			if after := os.Environ(); !slices.Equal(after, before) {
				t.Errorf("environment after differs from before")
			}
		})
	}
}
