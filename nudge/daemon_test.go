package nudge

import (
	"context"
	"errors"
	"log"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr string // "" for a valid spec
	}{
		{"0 9 * * *", ""},
		{"0 18 * * 0", ""},
		{"@weekly", ""},
		{"@every 1s", ""},
		{"@every 1h30m", ""},
		{"61 9 * * *", `nudge.daily = "61 9 * * *" is not a cron spec`},
		{"0 9 * *", `nudge.daily = "0 9 * *" is not a cron spec`},
		{"@fortnightly", `nudge.daily = "@fortnightly" is not a cron spec`},
		{"@every 500ms", `nudge.daily = "@every 500ms": @every needs at least 1s`},
	}
	for _, tt := range tests {
		_, err := ParseSpec("nudge.daily", tt.spec)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tt.spec, err)
		case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
			t.Errorf("%q: err = %v, want %q", tt.spec, err, tt.wantErr)
		}
	}
}

func TestEntriesLeaveOutEmptySpecs(t *testing.T) {
	j := &Jobs{}
	got := j.Entries(Specs{Daily: "0 9 * * *", Evening: "", Weekly: "@weekly"})
	if len(got) != 2 || got[0].Setting != "nudge.daily" || got[1].Setting != "nudge.weekly" || got[1].Spec != "@weekly" {
		t.Errorf("entries = %+v, want nudge.daily and nudge.weekly", got)
	}
	// The optimize job needs its spec and an optimizer.
	if got := j.Entries(Specs{Optimize: "0 3 1 * *"}); len(got) != 0 {
		t.Errorf("optimize entry without an optimizer: %+v", got)
	}
	j.Refit = func(context.Context) (Refit, error) { return Refit{}, nil }
	if got := j.Entries(Specs{Optimize: "0 3 1 * *"}); len(got) != 1 || got[0].Setting != "nudge.optimize" {
		t.Errorf("optimize entries = %+v", got)
	}
}

// wait receives from ch or fails after a generous deadline; the deadline
// only stops a broken test from hanging, it measures nothing.
func wait(t *testing.T, ch <-chan string, what string) string {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		return ""
	}
}

// waitLog waits until the log holds text n times, with a deadline that only
// stops a broken test from hanging.
func waitLog(t *testing.T, logs *syncBuffer, text string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for strings.Count(logs.String(), text) < n {
		if time.Now().After(deadline) {
			t.Fatalf("log never held %q %d times:\n%s", text, n, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A job that panics is recovered and logged, and runs again on its next
// tick; the daemon stops cleanly when its context ends.
func TestDaemonRecoversPanics(t *testing.T) {
	t.Parallel() // it waits for a cron tick; it shares nothing with the other tests
	var logs syncBuffer
	runs := make(chan string, 10)
	var mu sync.Mutex
	calls := 0
	plan := &Plan{About: "test plan", Entries: []Entry{{Setting: "nudge.daily", Spec: "@every 1s", Run: func() {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			panic("boom in the daily job")
		}
		runs <- "ran"
	}}}}
	d := &Daemon{Load: func() (*Plan, error) { return plan, nil }, Log: log.New(&logs, "", 0)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, nil) }()
	wait(t, runs, "the run after the panic")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil after a clean stop", err)
	}
	out := logs.String()
	for _, want := range []string{"panic", "boom in the daily job", "running: test plan", `nudge.daily "@every 1s": next at`, "stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// A reload swaps in the new plan; a reload whose settings are bad keeps the
// old one running.
func TestDaemonReload(t *testing.T) {
	t.Parallel() // it waits for cron ticks; it shares nothing with the other tests
	var logs syncBuffer
	runs := make(chan string, 100)
	entry := func(name, spec string) Entry {
		return Entry{Setting: "nudge." + name, Spec: spec, Run: func() {
			select {
			case runs <- name:
			default:
			}
		}}
	}
	var mu sync.Mutex
	plans := []func() (*Plan, error){
		func() (*Plan, error) { return &Plan{Entries: []Entry{entry("first", "@every 1s")}}, nil },
		func() (*Plan, error) { return nil, errors.New("settings file: line 3: nudge.daily: bad") },
		func() (*Plan, error) { return &Plan{Entries: []Entry{entry("bad", "not a spec")}}, nil },
		func() (*Plan, error) { return &Plan{Entries: []Entry{entry("second", "@every 1s")}}, nil },
	}
	loads := 0
	d := &Daemon{Log: log.New(&logs, "", 0), Load: func() (*Plan, error) {
		mu.Lock()
		defer mu.Unlock()
		p := plans[loads]
		loads++
		return p()
	}}
	reload := make(chan os.Signal, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, reload) }()
	if got := wait(t, runs, "the first plan"); got != "first" {
		t.Fatalf("ran %q, want first", got)
	}
	for i := 1; i <= 2; i++ { // two failed reloads: a bad file, a bad spec
		reload <- syscall.SIGHUP
		waitLog(t, &logs, "keeping the current schedule", i)
		for len(runs) > 0 {
			<-runs
		}
		if got := wait(t, runs, "the first plan after a failed reload"); got != "first" {
			t.Fatalf("ran %q after a failed reload, want first", got)
		}
	}
	reload <- syscall.SIGHUP
	for {
		if got := wait(t, runs, "the second plan"); got == "second" {
			break
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	for _, want := range []string{"hangup: reading the settings again", "line 3: nudge.daily: bad", `nudge.bad = "not a spec" is not a cron spec`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

func TestDaemonRefusesBadSpecAtStart(t *testing.T) {
	d := &Daemon{Log: log.New(&syncBuffer{}, "", 0), Load: func() (*Plan, error) {
		return &Plan{Entries: []Entry{{Setting: "nudge.weekly", Spec: "0 18 * * 8", Run: func() {}}}}, nil
	}}
	err := d.Run(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), `nudge.weekly = "0 18 * * 8"`) {
		t.Errorf("err = %v, want one naming nudge.weekly and its spec", err)
	}
}
