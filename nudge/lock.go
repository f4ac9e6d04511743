//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package nudge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Lock is an exclusive lock on a file (flock), held while the daemon runs.
// The kernel drops it when the process ends however it ends, so a crashed
// daemon leaves no stale lock; the file itself stays, holding the pid of
// its last holder while locked.
type Lock struct {
	Path string
	f    *os.File
}

// LockedError says another process holds the lock.
type LockedError struct {
	Path string
	PID  int // 0 when the holder has not written its pid yet
}

func (e *LockedError) Error() string {
	holder := "another loci daemon"
	if e.PID > 0 {
		holder = fmt.Sprintf("another loci daemon (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is already running on this database: it holds the lock %s", holder, e.Path)
}

// LockPath is the daemon's lock file for a database: <db>.daemon.lock,
// beside the file the path finally names. Symbolic links and relative
// parts are resolved first, so two daemons started on one database through
// two different paths contend for the same lock.
func LockPath(dbPath string) string {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	if real, err := filepath.EvalSymlinks(dbPath); err == nil {
		dbPath = real
	}
	return dbPath + ".daemon.lock"
}

// Acquire takes the lock at path without waiting, creating the file (mode
// 0600) if needed, and writes this process's pid into it. When another
// process holds it, Acquire returns a *LockedError with that process's pid.
func Acquire(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			data, _ := os.ReadFile(path)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err = f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		return nil, fmt.Errorf("lock %s: write pid: %w", path, err)
	}
	return &Lock{Path: path, f: f}, nil
}

// Release clears the pid and lets the lock go.
func (l *Lock) Release() error {
	l.f.Truncate(0)
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}
