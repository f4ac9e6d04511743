package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// media opens a card's media files with the system's opener.
type media struct {
	dir string                    // the media folder beside the database; "" when unknown
	run func(argv []string) error // starts a program; tests record argv instead
}

// SetMedia tells the review screen where imported media files are (the
// "media" folder beside the database) and how to start the opener: run gets
// the opener's argv and must start it without a shell; nil starts it with
// os/exec, detached from the terminal.
func (a *App) SetMedia(dir string, run func(argv []string) error) {
	if run == nil {
		run = startDetached
	}
	a.media = media{dir: dir, run: run}
}

// opener is the argv that opens path with the desktop's default program.
func opener(path string) []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{"open", path}
	case "windows":
		return []string{"explorer", path}
	}
	return []string{"xdg-open", path}
}

// startDetached starts argv with no shell and no access to the terminal
// (its output would tear the screen), and reaps it when it ends.
func startDetached(argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// open opens the named media file.
func (m media) open(name string) error {
	if m.dir == "" || m.run == nil {
		return errors.New("no media folder is known to this screen")
	}
	if filepath.Base(name) != name || name == "." || name == ".." {
		return fmt.Errorf("media file %q: refusing a name with a path in it", name)
	}
	path := filepath.Join(m.dir, name)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media file %s is not in %s", name, m.dir)
	} else if err != nil {
		return fmt.Errorf("media file %s: %w", name, err)
	}
	argv := opener(path)
	if err := m.run(argv); err != nil {
		return fmt.Errorf("open %s with %s: %w", name, argv[0], err)
	}
	return nil
}
