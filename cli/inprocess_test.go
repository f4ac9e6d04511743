package cli

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/adrg/xdg"
)

// execAll is LOCI_TEST_EXEC=1: every loci command the tests would run
// in-process runs as a process of the real binary instead (.ci/run runs
// the cli tests once so).
func execAll() bool { return os.Getenv("LOCI_TEST_EXEC") != "" }

// process guards what a command run in-process changes for the whole test
// binary while it runs: the working directory, the environment and
// time.Local. Only tests that are not parallel may run commands in-process
// (TestScripts, and the runners with inProcess set): the parallel tests
// wait until they have all ended, so nothing else in the binary depends on
// those while they change.
var process sync.Mutex

// inProcess runs loci with args through Main as a process started in dir
// with exactly the environment env (KEY=VALUE pairs) would run: every
// variable of this process not in env is unset meanwhile, the XDG
// directories are read again, time.Local follows TZ, and standard input is
// empty. dir "" keeps this process's working directory. It returns the exit
// status; an error means the command could not be set up.
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
// the environment: the XDG directories, and time.Local from TZ when env
// sets it. The function it returns puts everything back as it was.
func enterProcess(dir string, env []string) (restore func(), err error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	old, local := os.Environ(), time.Local
	restore = func() {
		os.Clearenv()
		for _, kv := range old {
			name, value, _ := strings.Cut(kv, "=")
			os.Setenv(name, value)
		}
		xdg.Reload()
		time.Local = local
		os.Chdir(wd)
	}
	os.Clearenv()
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		os.Setenv(name, value)
	}
	xdg.Reload()
	if tz := os.Getenv("TZ"); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			restore()
			return nil, err
		}
		time.Local = loc
	}
	if dir != "" {
		if err := os.Chdir(dir); err != nil {
			restore()
			return nil, err
		}
	}
	return restore, nil
}
