package cardedit

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	"github.com/google/shlex"
)

// Runner opens path in an editor, at line when line > 0, and returns when
// the editor has closed.
type Runner func(ctx context.Context, path string, line int) error

// EditorCommand is $VISUAL, else $EDITOR, else vi.
func EditorCommand() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := os.Getenv(v); e != "" {
			return e
		}
	}
	return "vi"
}

// Terminal runs EditorCommand (split with shell quoting rules, run without a
// shell) on the process's own terminal, with "+LINE" before the file for a
// line: vi, vim, nvim, nano, emacs, micro and kak all read it.
func Terminal(ctx context.Context, path string, line int) error {
	editor := EditorCommand()
	argv, err := shlex.Split(editor)
	if err != nil || len(argv) == 0 {
		return fmt.Errorf("editor %q: cannot split it into a program and arguments", editor)
	}
	if line > 1 {
		argv = append(argv, "+"+strconv.Itoa(line))
	}
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("editor %s: %w", editor, err)
	}
	return nil
}
