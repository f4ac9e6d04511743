package main

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"loci/storage"
)

// TestCrashSafety answers cards with the real binary and kills it with
// SIGKILL at random moments, 50 times. After each kill: every answer the
// binary reported as committed is in the review log, SQLite's integrity check
// passes, and every card equals the state its review log rebuilds.
func TestCrashSafety(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "loci.db")
	r := &runner{t: t, bin: binary(t), env: []string{
		"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_DB=" + db,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
	}}
	now := "2026-11-28T10:00:00Z"
	r.run(now, "config", "set", "new_per_day", "9999")
	rng := rand.New(rand.NewPCG(7, 11))
	ratings := []string{"again", "hard", "good", "easy"}
	reported, kills, attempts := 0, 0, 0
	for kills < 50 {
		attempts++
		id := r.next(now)
		if id == "" {
			t.Fatal("ran out of cards")
		}
		cmd := exec.Command(r.bin, "answer", id, ratings[rng.IntN(4)])
		cmd.Env = append(append([]string(nil), r.env...), "LOCI_NOW="+now)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(12000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			kills++
		}
		if strings.HasPrefix(out.String(), "due ") {
			reported++ // the binary prints only after the commit
		}
		check(t, db, reported, attempts)
	}
	t.Logf("%d attempts, %d killed, %d reported committed", attempts, kills, reported)
}

// check opens the database as a fresh process would and verifies it.
func check(t *testing.T, path string, reported, attempts int) {
	t.Helper()
	d, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("database unreadable after a kill: %v", err)
	}
	defer d.Close()
	problems, err := d.Check(context.Background())
	if err != nil || len(problems) > 0 {
		t.Fatalf("after a kill: %v %v", problems, err)
	}
	n, err := d.LogSize(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n < reported || n > attempts {
		t.Fatalf("review log holds %d answers; %d were reported committed out of %d attempts", n, reported, attempts)
	}
}
