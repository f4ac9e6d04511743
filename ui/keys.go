package ui

import "github.com/gdamore/tcell/v2"

// action is one key binding of a screen: it dispatches the key and renders
// the footer and the help overlay.
type action struct {
	keys  []tcell.Key // special keys; tcell.KeyRune entries are matched by runes
	runes []rune
	label string      // how the key is written in the footer and help
	help  string      // what it does
	more  string      // added to help in the help overlay, where there is room
	quiet bool        // listed in the help only, not in the footer
	when  func() bool // nil: always active
	run   func()
}

func (a *action) active() bool { return a.when == nil || a.when() }

func (a *action) matches(ev *tcell.EventKey) bool {
	if ev.Key() == tcell.KeyRune {
		for _, r := range a.runes {
			if ev.Rune() == r {
				return true
			}
		}
		return false
	}
	for _, k := range a.keys {
		if ev.Key() == k {
			return true
		}
	}
	return false
}

// dispatch runs the first active action matching ev and reports whether one did.
func dispatch(actions []*action, ev *tcell.EventKey) bool {
	for _, a := range actions {
		if a.active() && a.matches(ev) {
			a.run()
			return true
		}
	}
	return false
}
