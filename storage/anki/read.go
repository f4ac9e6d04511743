package anki

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"slices"

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
// a card was left out (the summary line counts those). A first pass over
// the cards, which only gathers the media they show, warns of nothing.
func (r *reader) warn(group string, skipped bool, format string, args ...any) {
	if !r.quiet {
		r.warnings = append(r.warnings, r.warning(group, skipped, format, args...))
	}
}

// mediaWarn records a warning of the media step, which the report lists
// after those of the cards and their history, where a whole read puts it.
func (r *reader) mediaWarn(group string, format string, args ...any) {
	r.mediaWarnings = append(r.mediaWarnings, r.warning(group, false, format, args...))
}

func (r *reader) warning(group string, skipped bool, format string, args ...any) deck.Warning {
	return deck.Warning{File: r.path, Group: group, Detail: fmt.Sprintf(format, args...), Skipped: skipped}
}

// reader holds the state of one package being read.
type reader struct {
	ctx   context.Context
	path  string
	opt   Options
	file  *os.File // nil when the package is not a file of its own
	pkg   *pkg
	db    *sql.DB
	tmp   func() // removes the temporary copy of the collection
	col   collection
	stats Stats
	quiet bool // a first pass over the cards: no warnings

	warnings, mediaWarnings []deck.Warning
	media                   []deck.Media

	// The cards returned, in order, and their index by Anki card id: what
	// the history step needs of each (a few dozen bytes a card).
	cards []cardInfo
	byCID map[int64]int32
}

// Package is an Anki package opened for reading its cards and then their
// history in a stream, so that an import never holds every card at once:
// Cards hands over the cards, History then each card's review history, and
// Close removes what Open wrote. Read is the same done whole.
type Package struct{ r *reader }

// Read opens an Anki package and returns its cards, history and media as
// loci types. It writes nothing but a temporary copy of the collection,
// which it removes before returning, and the media it hands to
// Options.Media. Nothing is returned with an error: a package is read whole
// or not at all (what the sink staged is for the caller to discard).
func Read(ctx context.Context, path string, opt Options) (*deck.Set, Stats, error) {
	p, err := Open(ctx, path, opt)
	if err != nil {
		return nil, Stats{}, err
	}
	defer p.Close()
	return p.r.whole()
}

// Open opens an Anki package and its collection (a temporary copy of it,
// which Close removes) and reads the collection's notetypes and decks. The
// package is read from path as Cards and History are called, under ctx.
func Open(ctx context.Context, path string, opt Options) (*Package, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := open(ctx, path, f, st.Size(), opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return &Package{r}, nil
}

func read(ctx context.Context, path string, ra io.ReaderAt, size int64, opt Options) (*deck.Set, Stats, error) {
	r, err := open(ctx, path, ra, size, opt)
	if err != nil {
		return nil, Stats{}, err
	}
	defer r.close()
	return r.whole()
}

// open does Open's work on a package read from ra.
func open(ctx context.Context, path string, ra io.ReaderAt, size int64, opt Options) (_ *reader, err error) {
	if opt.MaxUncompressed <= 0 {
		opt.MaxUncompressed = DefaultMaxUncompressed
	}
	if opt.MaxField <= 0 {
		opt.MaxField = DefaultMaxField
	}
	if opt.MaxMediaFile <= 0 {
		opt.MaxMediaFile = DefaultMaxMediaFile
	}
	r := &reader{ctx: ctx, path: path, opt: opt, byCID: map[int64]int32{}}
	defer func() {
		if err != nil {
			r.close()
		}
	}()
	if r.pkg, err = openPackage(path, ra, size, opt.MaxUncompressed); err != nil {
		return nil, err
	}
	if err := r.pkg.readVersion(); err != nil {
		return nil, err
	}
	r.stats.Version = r.pkg.version
	r.stats.Collection = collectionEntry[r.pkg.version]
	tmp, cleanup, err := r.pkg.extractCollection()
	if err != nil {
		return nil, err
	}
	r.tmp = cleanup
	if r.db, err = openCollection(ctx, tmp); err != nil {
		return nil, r.colError("", fmt.Errorf("opening the collection: %w", err))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := r.readCollection(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// whole reads the cards and history into a set, with Anki's replay rule in
// Stats.Legacy and Stats.NotReplayed.
func (r *reader) whole() (*deck.Set, Stats, error) {
	set := &deck.Set{}
	if err := r.readCards(func(c deck.Card) error {
		set.Cards = append(set.Cards, c)
		return nil
	}); err != nil {
		return nil, Stats{}, err
	}
	r.stats.Legacy = map[string]LegacySchedule{}
	r.stats.NotReplayed = map[string]string{}
	if err := r.readHistory(func(h *cardHistory) error {
		set.History = append(set.History, h.entries...)
		for i, why := range h.why {
			if why != "" {
				r.stats.NotReplayed[h.entries[i].ExtID] = why
			}
		}
		if h.legacy != nil {
			r.stats.Legacy[h.id] = *h.legacy
		}
		return nil
	}); err != nil {
		return nil, Stats{}, err
	}
	set.Warnings, set.Media = r.allWarnings(), r.media
	return set, r.stats, nil
}

// Cards reads the cards in note order and hands them to emit one by one,
// with the media they show staged in Options.Media and their references
// renamed as the sink names the files. An error from emit stops the read
// and is returned.
func (p *Package) Cards(emit func(deck.Card) error) error { return p.r.readCards(emit) }

// History reads, after Cards, the review history of each card Cards
// returned and hands it to emit, oldest first, in the order of Anki's card
// ids, and then the cards that have no history but a schedule: entries are
// the card's history with Anki's replay rule applied by seed (as ApplySeeds
// does; start is the card's starting schedule when its history cannot
// rebuild it, else a new schedule). Cards with neither are not handed over.
// An error from emit stops the read and is returned.
func (p *Package) History(seed SM2Seed, emit func(cardID string, entries []deck.LogEntry, start deck.Schedule) error) error {
	return p.r.readHistory(func(h *cardHistory) error {
		start := seedCard(h, seed)
		if len(h.entries) == 0 && start.State == deck.StateNew {
			return nil
		}
		return emit(h.id, h.entries, start)
	})
}

// Stats says what was read so far: all of it after History. Legacy and
// NotReplayed stay empty: History applies them card by card.
func (p *Package) Stats() Stats { return p.r.stats }

// Warnings says what the package left out, once History has returned.
func (p *Package) Warnings() []deck.Warning { return p.r.allWarnings() }

// Media lists the media files Cards handed to Options.Media.
func (p *Package) Media() []deck.Media { return p.r.media }

// Close removes the temporary copy of the collection and closes the
// package.
func (p *Package) Close() error {
	p.r.close()
	if p.r.file != nil {
		return p.r.file.Close()
	}
	return nil
}

func (r *reader) close() {
	if r.db != nil {
		r.db.Close()
		r.db = nil
	}
	if r.tmp != nil {
		r.tmp()
		r.tmp = nil
	}
}

func (r *reader) allWarnings() []deck.Warning {
	return append(slices.Clip(r.warnings), r.mediaWarnings...)
}
