//go:build unix

package storage

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenRefusesSpecialFiles: a named pipe, a socket, a device or a
// directory given as the database is refused at once with one line; a pipe
// must not block the open forever. (Open runs on this goroutine: a blocking
// open would hang the test, which go test's own timeout reports.)
func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock.db")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tests := []struct{ path, want string }{
		{fifo, "a named pipe, not a regular file"},
		{sock, "a socket, not a regular file"},
		{"/dev/null", "a device, not a regular file"},
		{dir, "a directory, not a regular file"},
	}
	for _, tt := range tests {
		_, err := Open(context.Background(), tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Open(%s) = %v, want one line saying %q", tt.path, err, tt.want)
		}
	}
}
