package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// templateNow is when the template database's first run happened: the time
// most scripts start at.
const templateNow = "2026-11-28T09:00:00Z"

// shared holds what the end-to-end tests share, made once per test binary on
// first use and removed by cleanup: this test binary linked as "loci" (see
// TestMain), and a template database as loci's first run leaves it.
var shared struct {
	once sync.Once
	dir  string // a folder other users may enter (TestReadOnlyDatabase)
	bin  string
	db   []byte
	err  error
}

// setUp makes the shared fixtures. The template comes from a real first run
// of the binary (`loci due` at templateNow with no database yet), so it is
// what a learner's first command writes, whatever that comes to include.
func setUp() error {
	shared.once.Do(func() {
		shared.err = func() error {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			if shared.dir, err = os.MkdirTemp("", "loci-e2e-"); err != nil {
				return err
			}
			os.Chmod(shared.dir, 0o755) // tests may run the binary as another user
			shared.bin = filepath.Join(shared.dir, "loci")
			if err := linkOrCopy(exe, shared.bin); err != nil {
				return err
			}
			home := filepath.Join(shared.dir, "first-run")
			db := filepath.Join(home, "data", "loci", "loci.db")
			cmd := exec.Command(shared.bin, "due")
			cmd.Env = []string{"HOME=" + home, "TZ=UTC", "PATH=" + os.Getenv("PATH"), "LOCI_NOW=" + templateNow,
				"XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config")}
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("first run for the template database: %v\n%s", err, out)
			}
			if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 0 {
				return fmt.Errorf("template database: %s-wal holds %d bytes after loci exited", db, st.Size())
			}
			shared.db, err = os.ReadFile(db)
			return err
		}()
	})
	return shared.err
}

// binary returns the path of the loci the end-to-end tests run.
func binary(t *testing.T) string {
	t.Helper()
	if err := setUp(); err != nil {
		t.Fatalf("end-to-end fixtures: %v", err)
	}
	return shared.bin
}

// seedDB writes the template database to path, creating its folder as loci
// does (0700) and the file as loci does (0600).
func seedDB(path string) error {
	if err := setUp(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, shared.db, 0o600)
}

// linkOrCopy makes to the same executable as from: a hard link where the
// file system allows one, else a copy.
func linkOrCopy(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o755)
}
