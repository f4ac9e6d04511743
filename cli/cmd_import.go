package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"loci/deck"
	"loci/deck/textimport"
	"loci/storage"
	"loci/storage/media"
	"loci/storage/sqlitefile"
)

// reader reads one file of a format into a set of cards.
type reader func(e *env, path string) (*deck.Set, error)

// readers maps a file extension to its reader.
var readers = map[string]reader{
	".md": readNative,
}

func importCmd(e *env) *cobra.Command {
	var deckName string
	var dryRun, strict bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import cards: .md (native, or a directory of them), .csv/.tsv/.txt, .bib, .apkg/.colpkg, zotero.sqlite",
		Long: `Import cards, papers and review history. Everything named on the command line is
read first and then written in one transaction: a malformed file changes nothing.
Importing the same file again changes nothing; an edited file updates the cards
it changed and keeps their history.

Like Anki, the import keeps what is good in a file and reports what is not:
rows and entries it cannot use are skipped (a row with too many or too few
fields or an empty front, a cloze note without a deletion, a BibTeX entry
without a title), repeats are merged, and every such case is listed at the
end, grouped, with its line. The summary line counts the skipped ones.
--strict refuses the whole import at the first such case instead, for
scripts that want all or nothing.

Text (.csv, .tsv, .txt, as Anki exports notes): UTF-8, or UTF-16 with a byte
order mark. A row with the front and back of an earlier row is merged into
it; with another back it becomes a card of its own (Anki keeps both notes);
with an earlier row's guid and other content it is skipped. A card naming a
paper the database does not hold comes in without it.

BibTeX: an entry with a syntax error, a repeated key (the first is kept, also
across files) or no title (@set, @xdata, crossref-only) is skipped; an
undefined @string macro is left empty and an unknown LaTeX command keeps its
text; annote and annotation fields become key-idea cards, and so does note
when it is about the paper rather than a bibliographic remark ("2nd
edition", "Accepted to …").

Images and sounds that imported cards show (from Anki packages) go into the
media folder beside the database, and only once the import has committed:
a failed, interrupted or dry-run import leaves the folder as it was. A file
never replaces another: when the name is taken by different bytes, the new
file is stored as NAME-<sha1 of its bytes>.EXT, as Anki does, and its cards
refer to that name. A media file over 100 MiB is refused (a likely zip bomb).
` + zoteroHelp,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s needs at least one file or directory", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if dryRun {
				return e.withDryRunDB(func() error { return e.runImport(args, deckName, true, strict) })
			}
			return e.withDB(func() error { return e.runImport(args, deckName, false, strict) })
		},
	}
	cmd.Flags().StringVar(&deckName, "deck", "", "put every imported card into this deck")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "report what would be added, updated and left alone; write nothing")
	cmd.Flags().StringVar(&e.importCollection, "collection", "", "of a Zotero library, import only this collection and those inside it")
	cmd.Flags().BoolVar(&strict, "strict", false, "refuse the whole import at the first row or entry that would be skipped or merged")
	return cmd
}

func (e *env) runImport(args []string, deckName string, dryRun, strict bool) error {
	files, err := expandImportArgs(args)
	if err != nil {
		return err
	}
	// Media are staged while the files are read and move into the media
	// folder only after the import commits; anything else discards them.
	e.media = media.NewStage(e.mediaDir())
	if dryRun {
		e.media = media.NewDryStage(e.mediaDir())
	}
	defer e.media.Discard()
	var native, streamed []string
	var sets []*deck.Set
	var ankis []*ankiImport // streamed Anki packages
	for _, f := range files {
		ext := strings.ToLower(filepath.Ext(f))
		if ext == ".md" {
			native = append(native, f)
			continue
		}
		if !strict && streamable(f) { // --strict reads every file before it writes
			streamed = append(streamed, f)
			continue
		}
		if !strict && isAnki(f) {
			a, err := e.openAnki(f)
			if err != nil {
				return err
			}
			defer a.Close()
			ankis = append(ankis, a)
			continue
		}
		read, ok := readers[ext]
		if !ok && sqlitefile.Check(f) == nil {
			read, ok = readZotero, true // a SQLite file by its content: a Zotero library or refused as not one
		}
		if !ok {
			return usagef("%s: unknown file type %q (loci imports .md, .csv, .tsv, .txt, .bib, .apkg, .colpkg, .sqlite)", f, ext)
		}
		s, err := read(e, f)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	if len(native) > 0 {
		s, err := readNativeFiles(native)
		if err != nil {
			return err
		}
		sets = append([]*deck.Set{s}, sets...)
	}
	if e.importCollection != "" && !e.zoteroRead {
		return usagef("--collection picks a collection of a Zotero library; name a zotero.sqlite file")
	}
	set, err := deck.Combine(sets...)
	if err != nil {
		return err
	}
	if strict && len(set.Warnings) > 0 {
		return hintError{set.Warnings[0], fmt.Sprintf("--strict refuses the import (%d such cases in all); nothing was imported", len(set.Warnings))}
	}
	if deckName, err = e.targetDeck(deckName); err != nil {
		return err
	}
	if deckName != "" {
		for i := range set.Cards {
			set.Cards[i].Deck = deckName
		}
	}
	opt := storage.ImportOptions{Origin: "import", DryRun: dryRun, Replay: e.study.Sched.ReplayLog}
	if e.zoteroRead {
		opt.Replaces = zoteroIDPrefix
	}
	for _, a := range ankis { // first, where a package read whole would be written
		opt.Streams = append(opt.Streams, a.cards(deckName))
		opt.Histories = append(opt.Histories, a.history())
	}
	var streamWarnings []deck.Warning
	if len(streamed) > 0 {
		papers, err := e.importPapers(set)
		if err != nil {
			return err
		}
		for _, f := range streamed {
			opt.Streams = append(opt.Streams, textStream(f, textimport.Options{Deck: deckName}, papers, &streamWarnings))
		}
	}
	total := len(set.Cards) + len(set.History)
	if len(opt.Streams) > 0 {
		total = -1 // not known until the files are read
	}
	bar := e.progress(total, "importing")
	if bar != nil {
		opt.Progress = func(done, _ int) { bar.Set(done) }
	}
	if !dryRun {
		e.dailyBackup()
	}
	res, err := e.db.Import(e.ctx, set, e.now(), opt)
	if bar != nil {
		bar.Finish() // clears the bar's line before the summary is printed
	}
	if err != nil {
		return err
	}
	if !dryRun {
		if err := e.media.Commit(); err != nil {
			return hintError{err, "the cards are imported; move the file into the media folder by hand"}
		}
	}
	mediaFiles := len(set.Media)
	for _, a := range ankis {
		ws, n := a.finish()
		set.Warnings = append(set.Warnings, ws...)
		mediaFiles += n
	}
	set.Warnings = append(set.Warnings, streamWarnings...)
	prefix := "imported"
	if dryRun {
		prefix = "dry run, nothing written; would import"
	}
	fmt.Fprintf(e.stdout, "%s: %s", prefix, importCounts(res, set.Warnings))
	if mediaFiles > 0 {
		fmt.Fprintf(e.stdout, "; media %d", mediaFiles)
	}
	fmt.Fprintln(e.stdout)
	for _, line := range deck.Report(set.Warnings) {
		fmt.Fprintln(e.stderr, "warning:", line)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(e.stderr, "note:", n)
	}
	return nil
}

// expandImportArgs turns directories into the importable files under them.
func expandImportArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", a, err)
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != a {
				return filepath.SkipDir
			}
			ext := strings.ToLower(filepath.Ext(p))
			if ext == ".sqlite" && d.Name() != "zotero.sqlite" {
				return nil // Zotero's data directory holds other SQLite files (Better BibTeX's, backups)
			}
			if _, ok := readers[ext]; !d.IsDir() && (ok || ext == ".md") && d.Name() != "README.md" {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", a, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func readNative(_ *env, path string) (*deck.Set, error) { return readNativeFiles([]string{path}) }

// readNativeFiles parses native card files together, so that a card may
// name a paper defined in another of them.
func readNativeFiles(paths []string) (*deck.Set, error) {
	var files []*deck.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		pf, err := deck.Parse(p, f)
		f.Close()
		if err != nil {
			return nil, hintError{err, "fix the file and run the import again; nothing was imported"}
		}
		files = append(files, pf)
	}
	return deck.Merge(files)
}

// mediaDir is the folder beside the database where imported media files
// are saved and where the review screen opens them from. It follows the
// database's own path, also in a dry run (whose database is a stand-in).
func (e *env) mediaDir() string {
	path, _ := e.dbPath()
	return filepath.Join(filepath.Dir(path), "media")
}

// progress returns a progress bar on stderr for long jobs when stderr is a
// terminal, else nil; a total of -1 (not known) gives a counter.
func (e *env) progress(total int, what string) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || (total >= 0 && total < 5000) || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
}
