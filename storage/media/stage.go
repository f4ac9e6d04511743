package media

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loci/deck"
)

// stagingPrefix starts the name of a staging folder inside the media folder.
const stagingPrefix = ".loci-staging-"

// staleAfter is the age after which a staging folder left by an import that
// was killed (and so could not clean up) is removed by the next import.
const staleAfter = 24 * time.Hour

type sum = [sha1.Size]byte

// Stage collects one import's media files in a staging folder inside the
// media folder (so that moving them in is a rename on one file system).
// Add them while reading, then Commit after the import's transaction
// commits; Discard in every case (after Commit it removes nothing placed).
type Stage struct {
	folder  string
	parent  string         // where the staging folder goes: folder, or elsewhere for a dry run
	dir     string         // the staging folder, made on the first Add
	made    bool           // the media folder did not exist before this stage
	names   map[string]sum // names given out by this stage, by their bytes' hash
	staged  []string       // names staged here, to move into the folder
	pending bool           // Commit left files behind that the user must see
}

// NewStage prepares to stage media for the folder. It creates nothing yet.
func NewStage(folder string) *Stage {
	return &Stage{folder: folder, parent: folder, names: map[string]sum{}}
}

// NewDryStage prepares to stage media for the folder as NewStage does, but
// in a temporary folder elsewhere, for a dry run that must not touch the
// media folder: names are still chosen against the files the folder holds.
// Commit on it is a mistake and moves nothing.
func NewDryStage(folder string) *Stage {
	return &Stage{folder: folder, parent: os.TempDir(), names: map[string]sum{}}
}

// Add copies r into the staging folder and returns the file as the media
// folder will hold it: under name when that is free or holds the same
// bytes, else under "stem-<sha1>.ext". Path is "" when nothing needs to move
// (the folder, or an earlier Add, has the bytes already). Errors reading r
// are returned wrapped, so callers can tell a size limit with errors.Is.
func (s *Stage) Add(name string, r io.Reader) (deck.Media, error) {
	if err := checkName(name); err != nil {
		return deck.Media{}, err
	}
	if err := s.ensureDir(); err != nil {
		return deck.Media{}, err
	}
	f, err := os.CreateTemp(s.dir, "part-*")
	if err != nil {
		return deck.Media{}, fmt.Errorf("media file %q: %w", name, err)
	}
	part := f.Name()
	h := sha1.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(part)
		return deck.Media{}, fmt.Errorf("media file %q: %w", name, err)
	}
	var got sum
	h.Sum(got[:0])
	m, err := s.place(name, got, part)
	if err != nil || m.Path == "" {
		os.Remove(part)
	}
	m.Size = n
	return m, err
}

// place names a staged file: the first of name and its hashed form that is
// free, or that holds these bytes already.
func (s *Stage) place(name string, want sum, part string) (deck.Media, error) {
	for _, cand := range []string{name, HashedName(name, want)} {
		if have, ok := s.names[cand]; ok {
			if have == want {
				return deck.Media{Name: cand}, nil
			}
			continue
		}
		have, exists, err := fileSum(filepath.Join(s.folder, cand))
		if err != nil {
			return deck.Media{}, fmt.Errorf("media file %q: %w", cand, err)
		}
		if exists {
			if have == want {
				s.names[cand] = want
				return deck.Media{Name: cand}, nil
			}
			continue
		}
		path := filepath.Join(s.dir, cand)
		if err := os.Rename(part, path); err != nil {
			return deck.Media{}, fmt.Errorf("media file %q: %w", cand, err)
		}
		s.names[cand] = want
		s.staged = append(s.staged, cand)
		return deck.Media{Name: cand, Path: path}, nil
	}
	return deck.Media{}, fmt.Errorf("media file %q: both %q and %q hold other files in %s", name, name, HashedName(name, want), s.folder)
}

// HashedName is name with "-" and the hex SHA-1 of the file's bytes added
// to its stem, as Anki's add_hash_suffix_to_file_stem: "dog.png" becomes
// "dog-<40 hex digits>.png". The stem is cut so the name stays within 255
// bytes.
func HashedName(name string, h [sha1.Size]byte) string {
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stem, ext = name[:i], name[i:]
	}
	if n := max(255-len(ext)-1-2*sha1.Size, 1); len(stem) > n {
		for n > 0 && stem[n]&0xc0 == 0x80 { // cut before a whole character
			n--
		}
		stem = stem[:n]
	}
	return fmt.Sprintf("%s-%x%s", stem, h, ext)
}

// Commit moves the staged files into the media folder and removes the
// staging folder. It never replaces a file: should another program have put a different file under one of the
// names meanwhile, the staged copy stays where it is and the error says so.
func (s *Stage) Commit() error {
	if s.parent != s.folder {
		return errors.New("media: a dry run's stage cannot be committed")
	}
	var errs []error
	for _, name := range s.staged {
		from, to := filepath.Join(s.dir, name), filepath.Join(s.folder, name)
		if err := moveNew(from, to); err != nil {
			s.pending = true
			errs = append(errs, fmt.Errorf("media file %q: %w; it is kept in %s", name, err, s.dir))
		}
	}
	s.staged = nil
	if len(errs) == 0 {
		errs = append(errs, s.Discard())
	}
	return errors.Join(errs...)
}

// moveNew moves from to to unless to exists with other bytes. A hard link
// refuses to replace an existing file; where links are not supported, a
// rename after a check does.
func moveNew(from, to string) error {
	err := os.Link(from, to)
	if errors.Is(err, fs.ErrExist) {
		a, _, aerr := fileSum(from)
		b, _, berr := fileSum(to)
		if aerr != nil || berr != nil || a != b {
			return errors.New("another file with this name appeared in the media folder during the import")
		}
		return os.Remove(from)
	}
	if err != nil {
		if _, serr := os.Lstat(to); serr == nil {
			return errors.New("another file with this name appeared in the media folder during the import")
		}
		return os.Rename(from, to)
	}
	return os.Remove(from)
}

// Discard removes the staging folder and what is left in it, and the media
// folder itself if this stage made it and it is still empty. It is safe to
// call more than once, and after Commit.
func (s *Stage) Discard() error {
	if s.dir == "" || s.pending {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	if s.made {
		os.Remove(s.folder) // only succeeds when empty
	}
	return err
}

// ensureDir makes the staging folder (and the media folder) on first use,
// and removes staging folders that killed imports left behind.
func (s *Stage) ensureDir() error {
	if s.dir != "" {
		return nil
	}
	if s.parent == s.folder {
		if _, err := os.Stat(s.folder); errors.Is(err, fs.ErrNotExist) {
			s.made = true
		}
		if err := os.MkdirAll(s.folder, 0o700); err != nil {
			return fmt.Errorf("media folder: %w", err)
		}
		removeStale(s.folder)
	}
	dir, err := os.MkdirTemp(s.parent, stagingPrefix+"*")
	if err != nil {
		return fmt.Errorf("media folder: %w", err)
	}
	s.dir = dir
	return nil
}

// removeStale removes staging folders older than staleAfter.
func removeStale(folder string) {
	old, _ := filepath.Glob(filepath.Join(folder, stagingPrefix+"*"))
	for _, d := range old {
		if st, err := os.Stat(d); err == nil && st.IsDir() && time.Since(st.ModTime()) > staleAfter {
			os.RemoveAll(d)
		}
	}
}

// fileSum hashes a file; exists is false when there is none.
func fileSum(path string) (h sum, exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, false, nil
	}
	if err != nil {
		return h, false, err
	}
	defer f.Close()
	d := sha1.New()
	if _, err := io.Copy(d, f); err != nil {
		return h, true, err
	}
	d.Sum(h[:0])
	return h, true, nil
}

// checkName refuses a name that is not one plain file name.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name ||
		strings.HasPrefix(name, stagingPrefix) {
		return fmt.Errorf("media file %q: refusing a name with a path in it", name)
	}
	return nil
}
