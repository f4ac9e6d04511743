package nudge

import (
	"fmt"
	"time"
)

// Quiet is a daily span of local time in which no nudge is sent, in minutes
// after midnight: [From, To). It wraps past midnight when From > To
// (22:00-08:00); the zero value, and any span with From == To, is off.
type Quiet struct {
	From, To int
}

// On reports whether the span is not empty.
func (q Quiet) On() bool { return q.From != q.To }

// Contains reports whether the wall-clock time of t (in t's location) falls
// inside the span.
func (q Quiet) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	switch {
	case !q.On():
		return false
	case q.From < q.To:
		return m >= q.From && m < q.To
	default: // wraps past midnight
		return m >= q.From || m < q.To
	}
}

// String formats the span as the setting does: "22:00-08:00", or "off".
func (q Quiet) String() string {
	if !q.On() {
		return "off"
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.From/60, q.From%60, q.To/60, q.To%60)
}
