//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package nudge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	path := LockPath(filepath.Join(t.TempDir(), "loci.db"))
	if !strings.HasSuffix(path, "loci.db.daemon.lock") {
		t.Fatalf("LockPath = %s", path)
	}
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != fmt.Sprintf("%d\n", os.Getpid()) {
		t.Errorf("lock file holds %q, want this pid", data)
	}
	// flock locks belong to an open file, so a second open in this process
	// is refused just as another daemon would be.
	_, err = Acquire(path)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || le.Path != path {
		t.Fatalf("second Acquire = %v, want a LockedError naming pid %d and %s", err, os.Getpid(), path)
	}
	want := fmt.Sprintf("another loci daemon (pid %d) is already running on this database: it holds the lock %s", os.Getpid(), path)
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode = %v, %v; want 0600", st.Mode(), err)
	}
}
