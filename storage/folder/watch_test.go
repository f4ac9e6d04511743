package folder

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatch: the watch syncs once at the start, once it is in place; a
// change to a file, and a file in a folder made after the watch began, each
// bring a sync; a change under .git does not.
func TestWatch(t *testing.T) {
	root := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	synced := make(chan struct{}, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, root, 20*time.Millisecond, func(context.Context) { synced <- struct{}{} }, func(err error) { t.Error(err) })
	}()
	wait := func(what string) {
		t.Helper()
		select {
		case <-synced:
		case <-time.After(10 * time.Second):
			t.Fatalf("no sync after %s", what)
		}
	}
	wait("the start") // the first sync: the watch is in place
	os.WriteFile(filepath.Join(root, "a.md"), []byte("x"), 0o644)
	wait("writing a.md")
	sub := filepath.Join(root, "new", "deeper")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	wait("making a folder")
	os.WriteFile(filepath.Join(sub, "b.md"), []byte("y"), 0o644)
	wait("writing a file in a new folder")
	os.MkdirAll(filepath.Join(root, ".git"), 0o755)
	os.WriteFile(filepath.Join(root, ".git", "index"), []byte("z"), 0o644)
	select {
	case <-synced:
		t.Error("a change under .git brought a sync")
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
