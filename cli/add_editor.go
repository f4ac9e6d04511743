package cli

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"loci/deck"
)

// errorMark starts the comment lines addInEditor appends to a draft that
// did not parse; they are removed before the draft is read again.
const errorMark = "# loci: "

// addInEditor opens $VISUAL, $EDITOR or vi on a draft holding template and
// adds the cards written there. A draft that does not parse reopens with the
// error appended as a comment, as git commit does; it is never thrown away:
// if the learner gives up (saves it unchanged, or the editor fails), the
// draft stays on disk and the error says where.
func (e *env) addInEditor(template string) error {
	f, err := os.CreateTemp("", "loci-add-*.md")
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	path := f.Name()
	_, err = f.WriteString(template)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("add: %w", err)
	}
	kept := func(err error) error {
		return hintError{fmt.Errorf("%w; your draft is kept at %s", err, path), "loci import " + path + " once it is fixed"}
	}
	last := template
	for {
		if err := runEditor(path); err != nil {
			return kept(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("add: %w", err)
		}
		draft := withoutErrors(string(raw))
		if draft == withoutErrors(template) {
			os.Remove(path)
			return fmt.Errorf("the template was not changed; nothing was added")
		}
		parsed, perr := deck.Parse(path, strings.NewReader(draft))
		if perr == nil {
			if err := e.addFile(parsed); err != nil {
				return kept(err)
			}
			os.Remove(path)
			return nil
		}
		if draft == last {
			// Saved again without a change: the learner gives up for now.
			return kept(perr)
		}
		last = draft
		note := fmt.Sprintf("\n\n%s%s\n%sFix the draft above and save to add its cards; save it unchanged to stop (it is kept).\n",
			errorMark, strings.ReplaceAll(perr.Error(), "\n", "\n"+errorMark), errorMark)
		if err := os.WriteFile(path, []byte(draft+note), 0o600); err != nil {
			return kept(perr)
		}
	}
}

// withoutErrors removes the comment lines addInEditor appended and the blank
// lines they leave at the end.
func withoutErrors(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, errorMark) {
			keep = append(keep, l)
		}
	}
	return strings.TrimRight(strings.Join(keep, "\n"), "\n") + "\n"
}

// runEditor runs $VISUAL, $EDITOR or vi on path, on the terminal, without a
// shell (the variable is split into words).
func runEditor(path string) error {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	cmd := exec.Command(args[0], append(args[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("editor %s: %w", editor, err)
	}
	return nil
}
