// Command firstdraw times how long terminal programs take to put a text on
// the screen: it starts each on a new pseudo-terminal (80×24 unless told)
// and reads what the program writes until the text appears, as a terminal
// would receive it. No terminal emulator sits between the program and the
// clock, so the figure is the program's own: process start, its work, and
// its first frame written. The programs are measured in turns, one run of
// each per round, so a busy moment of a shared machine falls on all of
// them.
//
//	firstdraw [-runs 7] [-cols 80] [-rows 24] -want TEXT CMD...
//
// Each CMD is a shell command line, run by `sh -c CMD` with the
// environment of firstdraw (begin it with exec to time one program alone). For each it prints a line:
//
//	NAME median_ms min_ms max_ms
//
// where NAME is the command's index (0, 1, …). Matching ignores escape
// sequences and white space, since a terminal program may move the cursor
// over blank cells instead of writing spaces. After a match the program is
// sent SIGTERM and waited for; a program that never shows the text within
// 30 s is an error that prints what it did write.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/creack/pty"
)

func main() {
	runs := flag.Int("runs", 7, "runs of each command")
	cols := flag.Int("cols", 80, "terminal width")
	rows := flag.Int("rows", 24, "terminal height")
	want := flag.String("want", "", "the text to wait for (required)")
	flag.Parse()
	if *want == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstdraw [-runs N] [-cols C] [-rows R] -want TEXT CMD...")
		os.Exit(2)
	}
	size := &pty.Winsize{Cols: uint16(*cols), Rows: uint16(*rows)}
	results := make([][]draw, flag.NArg())
	for r := 0; r < *runs; r++ {
		for i, cmd := range flag.Args() {
			d, err := firstDraw(cmd, *want, size)
			if err != nil {
				fmt.Fprintf(os.Stderr, "firstdraw: %s: %v\n", cmd, err)
				os.Exit(1)
			}
			results[i] = append(results[i], d)
		}
	}
	for i, ds := range results {
		wall, cpu, runq := column(ds, func(d draw) float64 { return d.wall }),
			column(ds, func(d draw) float64 { return d.cpu }), column(ds, func(d draw) float64 { return d.runq })
		fmt.Printf("%d %.1f %.1f %.1f %.1f %.1f\n", i, wall[len(wall)/2], wall[0], wall[len(wall)-1], cpu[len(cpu)/2], runq[len(runq)/2])
	}
}

// draw is one run's figures, in milliseconds.
type draw struct{ wall, cpu, runq float64 }

// column returns one figure of every run, sorted.
func column(ds []draw, f func(draw) float64) []float64 {
	v := make([]float64, len(ds))
	for i, d := range ds {
		v[i] = f(d)
	}
	sort.Float64s(v)
	return v
}

// firstDraw starts cmd on a new pseudo-terminal and measures the time
// until want appears in its output.
func firstDraw(cmd, want string, size *pty.Winsize) (draw, error) {
	c := exec.Command("sh", "-c", cmd)
	start := time.Now()
	tty, err := pty.StartWithSize(c, size)
	if err != nil {
		return draw{}, err
	}
	defer tty.Close()
	target := []byte(squeeze(want))
	timer := time.AfterFunc(30*time.Second, func() { c.Process.Kill() })
	defer timer.Stop()

	var seen, text bytes.Buffer
	buf := make([]byte, 64<<10)
	var d draw
	for {
		n, err := tty.Read(buf)
		seen.Write(buf[:n])
		text.Reset()
		text.WriteString(squeeze(stripEscapes(seen.String())))
		if bytes.Contains(text.Bytes(), target) {
			d.wall = float64(time.Since(start).Microseconds()) / 1000
			d.cpu, d.runq = schedstat(c.Process.Pid)
			break
		}
		if err != nil {
			c.Wait()
			return d, fmt.Errorf("%q never appeared (%v); it wrote:\n%s", want, err, stripEscapes(seen.String()))
		}
	}
	c.Process.Signal(syscall.SIGTERM)
	go io.Copy(io.Discard, tty) // a program restoring its terminal must not block on a full pty
	if err := c.Wait(); err != nil && !isSignal(err) {
		return d, fmt.Errorf("after the first draw: %w", err)
	}
	return d, nil
}

// schedstat returns the milliseconds the threads of process pid have run
// on a core and waited for one, summed from /proc/PID/task/*/schedstat
// ("run_ns wait_ns slices"). Threads that have already ended are not
// counted; Go keeps its threads.
func schedstat(pid int) (run, wait float64) {
	files, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var r, w int64
		if _, err := fmt.Sscan(string(data), &r, &w); err == nil {
			run += float64(r) / 1e6
			wait += float64(w) / 1e6
		}
	}
	return run, wait
}

// isSignal reports whether err is the exit of a process ended by a signal
// (SIGTERM to a program that does not catch it).
func isSignal(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// stripEscapes removes terminal escape sequences: CSI (ESC [ … final
// byte), OSC (ESC ] … BEL or ESC \), and two-byte ESC sequences, including
// charset selections (ESC ( B).
func stripEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case '[':
			for i+1 < len(s) && (s[i+1] < 0x40 || s[i+1] > 0x7e) {
				i++
			}
			i++
		case ']':
			for i+1 < len(s) && s[i+1] != 0x07 && !(s[i+1] == 0x1b && i+2 < len(s) && s[i+2] == '\\') {
				i++
			}
			i++
			if i < len(s) && s[i] == 0x1b {
				i++
			}
		case '(', ')', '*', '+':
			i++
		}
	}
	return b.String()
}

// squeeze removes white space and control characters.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
