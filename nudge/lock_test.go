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

// TestLockPathResolvesLinks: a database reached through a symbolic link, a
// linked folder or a relative path has the same lock as through its real
// path, so two daemons cannot run on one database.
func TestLockPathResolvesLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.Mkdir(real, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(real, "loci.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(real)
	want := LockPath(db)
	for _, p := range []string{filepath.Join(dir, "link.db"), filepath.Join(dir, "linkdir", "loci.db"), "loci.db", "../real/./loci.db"} {
		if got := LockPath(p); got != want {
			t.Errorf("LockPath(%s) = %s, want %s", p, got, want)
		}
	}
	l, err := Acquire(LockPath(db))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	var le *LockedError
	if _, err := Acquire(LockPath(filepath.Join(dir, "link.db"))); !errors.As(err, &le) {
		t.Errorf("a second daemon through the link got %v, want a LockedError", err)
	}
}
