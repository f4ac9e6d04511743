package ui_test

// The review screen's destructive keys, as the tests press them.
const (
	buryKey    = '-'
	suspendKey = '@'
)
