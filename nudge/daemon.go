package nudge

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Entry is one scheduled job: the setting it comes from (for messages), its
// cron spec and what it runs.
type Entry struct {
	Setting string // "nudge.daily"
	Spec    string // "0 9 * * *", "@weekly", "@every 1h"
	Run     func()
}

// Specs are the cron specs of the jobs; an empty spec turns its job off.
type Specs struct {
	Daily, Evening, Weekly, Optimize string
}

// Entries returns the scheduled jobs for specs, leaving out those turned off.
func (j *Jobs) Entries(s Specs) []Entry {
	var out []Entry
	for _, e := range []struct{ setting, spec, job string }{
		{"nudge.daily", s.Daily, JobDaily},
		{"nudge.evening", s.Evening, JobEvening},
		{"nudge.weekly", s.Weekly, JobWeekly},
		{"nudge.optimize", s.Optimize, JobOptimize},
	} {
		if strings.TrimSpace(e.spec) == "" || (e.job == JobOptimize && j.Refit == nil) {
			continue
		}
		job := e.job
		out = append(out, Entry{Setting: e.setting, Spec: e.spec, Run: func() { j.RunLogged(job) }})
	}
	return out
}

// ParseSpec checks a cron spec as the daemon reads it (five fields or a
// descriptor such as @daily or @every 1h), naming the setting on error.
func ParseSpec(setting, spec string) (cron.Schedule, error) {
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("%s = %q is not a cron spec: %v (examples: \"0 9 * * *\", \"@weekly\", \"@every 1h\")", setting, spec, err)
	}
	if rest, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		// cron silently rounds shorter intervals up to a second.
		if d, err := time.ParseDuration(strings.TrimSpace(rest)); err == nil && d < time.Second {
			return nil, fmt.Errorf("%s = %q: @every needs at least 1s", setting, spec)
		}
	}
	return sched, nil
}

// Plan is what the daemon runs from one reading of the settings.
type Plan struct {
	Entries  []Entry
	Location *time.Location // cron's zone: the timezone setting, or local
	About    string         // one line for the log: notifier, quiet hours, zone
}

// Daemon runs plans on cron until its context ends, and swaps in a fresh
// plan when asked to reload.
type Daemon struct {
	Load func() (*Plan, error) // reads the settings; at start and on every reload
	Log  *log.Logger           // cron's logger too; never nil
}

// Run loads and schedules the plan, then waits. A receive on reload (the
// caller sends SIGHUP there) loads the settings again: on success the old
// schedule is stopped, its running jobs are waited for, and the new one
// starts; on error the old schedule keeps running and the error is logged.
// When ctx ends, Run stops cron, waits for running jobs and returns nil.
func (d *Daemon) Run(ctx context.Context, reload <-chan os.Signal) error {
	plan, err := d.Load()
	if err != nil {
		return err
	}
	c, err := d.schedule(plan)
	if err != nil {
		return err
	}
	d.start(c)
	for {
		select {
		case <-ctx.Done():
			d.Log.Printf("stopping: waiting for running jobs")
			<-c.Stop().Done()
			d.Log.Printf("stopped")
			return nil
		case sig := <-reload:
			d.Log.Printf("%v: reading the settings again", sig)
			next, err := d.Load()
			if err == nil {
				var nc *scheduled
				if nc, err = d.schedule(next); err == nil {
					<-c.Stop().Done()
					c = nc
					d.start(c)
					continue
				}
			}
			d.Log.Printf("warning: keeping the current schedule: %v", err)
		}
	}
}

// schedule validates every spec and builds a cron that is not yet running.
// Its chain skips a run while the previous one of the same job is still
// going, and recovers a panicking job (logging it) so the daemon keeps
// running: SkipIfStillRunning outside Recover, as the other order would
// stop a job for good after its first panic.
func (d *Daemon) schedule(p *Plan) (*scheduled, error) {
	l := cron.VerbosePrintfLogger(d.Log)
	loc := p.Location
	if loc == nil {
		loc = time.Local
	}
	c := cron.New(cron.WithLocation(loc), cron.WithLogger(l),
		cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l)))
	s := &scheduled{Cron: c, plan: p}
	for _, e := range p.Entries {
		sched, err := ParseSpec(e.Setting, e.Spec)
		if err != nil {
			return nil, err
		}
		s.ids = append(s.ids, c.Schedule(sched, cron.FuncJob(e.Run)))
	}
	return s, nil
}

// scheduled is a cron with the plan it runs and the ids of its entries.
type scheduled struct {
	*cron.Cron
	plan *Plan
	ids  []cron.EntryID
}

// start starts cron and logs what runs when.
func (d *Daemon) start(s *scheduled) {
	s.Start()
	d.Log.Printf("running: %s", s.plan.About)
	if len(s.ids) == 0 {
		d.Log.Printf("every job is turned off (nudge.daily, nudge.evening and nudge.weekly are empty)")
	}
	for i, id := range s.ids {
		e := s.plan.Entries[i]
		d.Log.Printf("%s %q: next at %s", e.Setting, e.Spec, s.Entry(id).Next.Format("2006-01-02 15:04:05 MST"))
	}
}
