package anki

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"

	"loci/deck"
)

// Default limits, used when an Options field is zero.
const (
	DefaultMaxUncompressed int64 = 2 << 30 // 2 GiB
	DefaultMaxField              = 1 << 20 // 1 MiB
	// DefaultMaxMediaFile is the largest media file AnkiWeb syncs
	// (MAX_INDIVIDUAL_MEDIA_FILE_SIZE in rslib/src/sync/media/mod.rs).
	DefaultMaxMediaFile int64 = 100 << 20 // 100 MiB
)

// MediaSink receives the media files that the returned cards show, one at a
// time, as they are read out of the package (storage/media.Stage is one).
type MediaSink interface {
	// Add stores the bytes of the media file name, read from r, and says
	// what the media folder will call it. It returns r's errors wrapped.
	Add(name string, r io.Reader) (deck.Media, error)
}

// Options tune Read.
type Options struct {
	// MaxUncompressed caps the bytes read out of the package in total
	// (collection, media map and media, counted at each decompression
	// layer while reading). Zero means DefaultMaxUncompressed.
	MaxUncompressed int64
	// MaxField caps the size of one note field in bytes, before HTML is
	// turned into text. Zero means DefaultMaxField. (SQLite itself is held
	// to 256 MiB per value, so larger settings change nothing.)
	MaxField int
	// Deck, if set, puts every card into this deck instead of its Anki deck.
	Deck string
	// Media receives the media files the cards show; nil leaves media
	// unread.
	Media MediaSink
	// MaxMediaFile caps one media file's uncompressed size in bytes. Zero
	// means DefaultMaxMediaFile.
	MaxMediaFile int64
}

// Stats says what Read found. What it left out, and why, is in the
// returned set's Warnings.
type Stats struct {
	Version    int    // package version: 1 or 2 (legacy), 3 (zstd, schema 18)
	Collection string // the zip entry the cards were read from
	Notes      int    // notes in the collection
	Cards      int    // cards returned
	Reviews    int    // review-log entries returned as history
	Media      int    // media files the cards show, handed to Options.Media
	// Legacy holds, by card ID, the Anki schedule of cards whose FSRS state
	// cannot be rebuilt from new by replaying their history (see
	// LegacySchedule for the rule).
	Legacy map[string]LegacySchedule
	// NotReplayed holds, by LogEntry.ExtID, the rated history entries that
	// Anki's FSRS would not replay, with the reason. Entries with Rating 0
	// (manual reschedules and resets) are never replayed and are not listed.
	NotReplayed map[string]string
}

// warn records, as a deck.Warning on the returned set, something left out
// instead of refusing the package: group is the fixed phrase the report
// gathers such cases under, detail the note, card or row; skipped says that
// a card was left out (the summary line counts those).
func (r *reader) warn(group string, skipped bool, format string, args ...any) {
	r.set.Warnings = append(r.set.Warnings, deck.Warning{File: r.path, Group: group,
		Detail: fmt.Sprintf(format, args...), Skipped: skipped})
}

// reader holds the state of one Read.
type reader struct {
	path  string
	opt   Options
	pkg   *pkg
	db    *sql.DB
	col   collection
	set   *deck.Set
	stats Stats
	cards map[int64]*cardInfo // by Anki card id, the cards returned
}

// Read opens an Anki package and returns its cards, history and media as
// loci types. It writes nothing but a temporary copy of the collection,
// which it removes before returning, and the media it hands to
// Options.Media. Nothing is returned with an error: a package is read whole
// or not at all (what the sink staged is for the caller to discard).
func Read(ctx context.Context, path string, opt Options) (*deck.Set, Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Stats{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, Stats{}, err
	}
	return read(ctx, path, f, st.Size(), opt)
}

func read(ctx context.Context, path string, ra io.ReaderAt, size int64, opt Options) (*deck.Set, Stats, error) {
	if opt.MaxUncompressed <= 0 {
		opt.MaxUncompressed = DefaultMaxUncompressed
	}
	if opt.MaxField <= 0 {
		opt.MaxField = DefaultMaxField
	}
	if opt.MaxMediaFile <= 0 {
		opt.MaxMediaFile = DefaultMaxMediaFile
	}
	r := &reader{path: path, opt: opt, set: &deck.Set{}, cards: map[int64]*cardInfo{}}
	var err error
	if r.pkg, err = openPackage(path, ra, size, opt.MaxUncompressed); err != nil {
		return nil, Stats{}, err
	}
	if err := r.pkg.readVersion(); err != nil {
		return nil, Stats{}, err
	}
	r.stats.Version = r.pkg.version
	r.stats.Collection = collectionEntry[r.pkg.version]
	tmp, cleanup, err := r.pkg.extractCollection()
	if err != nil {
		return nil, Stats{}, err
	}
	defer cleanup()
	if r.db, err = openCollection(ctx, tmp); err != nil {
		return nil, Stats{}, r.colError("", fmt.Errorf("opening the collection: %w", err))
	}
	defer r.db.Close()
	steps := []func(context.Context) error{r.readCollection, r.readCards, r.readHistory, r.readMedia}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, Stats{}, err
		}
		if err := step(ctx); err != nil {
			return nil, Stats{}, err
		}
	}
	r.stats.Cards = len(r.set.Cards)
	r.stats.Reviews = len(r.set.History)
	r.stats.Media = len(r.set.Media)
	return r.set, r.stats, nil
}
