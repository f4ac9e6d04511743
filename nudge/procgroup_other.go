//go:build !unix

package nudge

import "os/exec"

// ownProcessGroup leaves cmd as it is where process groups are not
// available: cancellation kills the program itself.
func ownProcessGroup(*exec.Cmd) {}
