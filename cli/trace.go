package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
)

// traceStart is when this package was initialised: about when the process
// began running Go code, after the runtime and the packages below it.
var traceStart = time.Now()

// tracer records how long each step of a command took, for LOCI_TRACE=FILE:
// when the command ends, one line per step is appended to FILE, with the
// wall time since the process began running Go code and the process's CPU
// time since it started (so the CPU column includes exec, the runtime and
// every package's init). It exists to measure start-up (bench/README.md);
// with LOCI_TRACE unset it records nothing.
type tracer struct {
	path  string
	mu    sync.Mutex
	lines []string
}

// newTracer returns the tracer LOCI_TRACE asks for; nil when it is unset.
func newTracer() *tracer {
	path := os.Getenv("LOCI_TRACE")
	if path == "" {
		return nil
	}
	return &tracer{path: path}
}

// step records that step is done. A nil tracer records nothing.
func (t *tracer) step(step string) {
	if t == nil {
		return
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, fmt.Sprintf("%-24s wall %8.2f ms  cpu %8.2f ms",
		step, ms(time.Since(traceStart)), ms(cpu)))
}

// flush appends the recorded steps to the file, then a line "--"; a failure
// is reported on stderr, never as the command's error.
func (t *tracer) flush(stderr io.Writer) {
	if t == nil {
		return
	}
	t.mu.Lock()
	text := strings.Join(append(t.lines, "--"), "\n") + "\n"
	t.mu.Unlock()
	f, err := os.OpenFile(t.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "loci: warning: LOCI_TRACE: %v\n", err)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
