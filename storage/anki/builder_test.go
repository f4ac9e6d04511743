package anki

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"google.golang.org/protobuf/encoding/protowire"
)

// The fixture types describe a small Anki collection that the helpers below
// write with the real schema 11 or 18, then zip into a package.
type (
	fxNotetype struct {
		id     int64
		name   string
		cloze  bool
		fields []string
		tmpls  [][3]string // name, qfmt, afmt
	}
	fxDeck struct {
		id   int64
		name string // "::" between levels
	}
	fxNote struct {
		id         int64
		guid       string
		mid        int64
		tags, flds string
	}
	fxCard struct {
		id, nid, did, odid        int64
		ord, typ, queue           int
		due, odue                 int64
		ivl, factor, reps, lapses int
	}
	fxRev struct {
		id, cid                               int64
		ease, ivl, lastIvl, factor, took, typ int
	}
	fxMedia struct {
		name string
		data []byte
	}
	fixture struct {
		crt       int64
		schedVer  int // 0: the key is missing (v1 scheduler)
		notetypes []fxNotetype
		decks     []fxDeck
		notes     []fxNote
		cards     []fxCard
		revlog    []fxRev
		media     []fxMedia
	}
)

// layout is one way Anki has written packages.
type layout string

const (
	layoutLegacy1      layout = "legacy1"        // collection.anki2 only, no meta (Anki 2.0)
	layoutLegacy2      layout = "legacy2"        // collection.anki21 and a stub collection.anki2, no meta (Anki 2.1 before 2.1.50)
	layoutLegacy2Meta  layout = "legacy2-meta"   // meta version 2, collection.anki21, stub (current Anki, "support older versions")
	layoutLatest       layout = "latest"         // meta version 3, zstd collection.anki21b at schema 18, stub (current default)
	layoutLatestNoStub layout = "latest-no-stub" // as latest, without the stub
	layoutLatestNoMeta layout = "latest-no-meta" // as latest, without meta: the newest collection still wins over the stub
)

// Ids, templates and contents of the fixtures.
const (
	stubGUID                 = "stub-guid"
	stubText                 = "Please update to the latest Anki version, then import the .colpkg/.apkg file again."
	basicID, clozeID         = int64(1001), int64(1002)
	defaultDeck, spanishDeck = int64(1), int64(1500000000001)
	filteredDeck             = int64(1500000000002)
	basicQ, basicA           = "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"
	clozeQ, clozeA           = "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"
	reversedQ, reversedA     = "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"
	dogPNG, madridMP3        = "\x89PNG\r\n\x1a\nfake dog", "ID3 fake madrid"
	crt                      = int64(1600000000)
	c1, c2, c3, c4, cOrphan  = int64(1700000000001), int64(1700000000002), int64(1700000000003), int64(1700000000004), int64(1700000000099)
	n1, n2                   = int64(1600000000001), int64(1600000000002)
)

// standardNotetypes are Anki's stock "Basic (and reversed card)" and "Cloze".
func standardNotetypes() []fxNotetype {
	return []fxNotetype{
		{id: basicID, name: "Basic (and reversed card)", fields: []string{"Front", "Back"},
			tmpls: [][3]string{{"Card 1", basicQ, basicA}, {"Card 2", reversedQ, reversedA}}},
		{id: clozeID, name: "Cloze", cloze: true, fields: []string{"Text", "Back Extra"},
			tmpls: [][3]string{{"Cloze", clozeQ, clozeA}}},
	}
}

// sampleFixture is the collection the end-to-end tests read, in every layout.
func sampleFixture() fixture {
	return fixture{
		crt:       crt,
		schedVer:  2,
		notetypes: standardNotetypes(),
		decks:     []fxDeck{{defaultDeck, "Default"}, {spanishDeck, "Lang::Spanish"}, {filteredDeck, "Filtered Deck 1"}},
		notes: []fxNote{
			{id: n1, guid: "Ab1/c", mid: basicID, tags: " spanish vocab ",
				flds: "<b>perro</b>\x1fdog<br>(animal) <img src=\"dog.png\">"},
			{id: n2, guid: "Xy2", mid: clozeID, tags: "",
				flds: "La {{c1::capital}} de Espa&ntilde;a es {{c2::Madrid}}.\x1fSee [sound:madrid.mp3]"},
		},
		cards: []fxCard{
			{id: c1, nid: n1, did: spanishDeck, ord: 0, typ: 2, queue: 2, due: 100, ivl: 10, factor: 2500, reps: 5},
			{id: c2, nid: n1, did: spanishDeck, ord: 1, typ: 2, queue: -1, due: 120, ivl: 30, factor: 2300, reps: 5, lapses: 1},
			{id: c3, nid: n2, did: defaultDeck, ord: 0, typ: 0, queue: 0, due: 1},
			{id: c4, nid: n2, did: filteredDeck, odid: defaultDeck, ord: 1, typ: 2, queue: 2, due: 5, odue: 200, ivl: 4, factor: 2500, reps: 4},
		},
		revlog: []fxRev{
			{id: 1650000000000, cid: c1, ease: 3, ivl: -600, factor: 0, took: 8000, typ: 0},
			{id: 1650000600000, cid: c1, ease: 3, ivl: 1, lastIvl: -600, factor: 2500, took: 5000, typ: 0},
			{id: 1650086400000, cid: c1, ease: 1, ivl: -600, lastIvl: 1, factor: 2300, took: 12000, typ: 1},
			{id: 1650087000000, cid: c1, ease: 3, ivl: 1, lastIvl: -600, factor: 2300, took: 4000, typ: 2},
			{id: 1650200000000, cid: c1, ease: 0, ivl: 5, lastIvl: 1, factor: 2300, took: 0, typ: 4},
			{id: 1650300000000, cid: c1, ease: 4, ivl: 10, lastIvl: 5, factor: 2450, took: 70000, typ: 3},
			{id: 1640000000000, cid: c4, ease: 3, ivl: 1, factor: 2500, took: 3000, typ: 0},
			{id: 1640100000000, cid: c4, ease: 3, ivl: 3, lastIvl: 1, factor: 2500, took: 2500, typ: 1},
			{id: 1640200000000, cid: c4, ease: 0, ivl: 0, lastIvl: 3, factor: 0, took: 0, typ: 4},
			{id: 1640300000000, cid: c4, ease: 3, ivl: 0, lastIvl: 0, factor: 0, took: 1500, typ: 3},
			{id: 1640400000000, cid: c4, ease: 3, ivl: 4, lastIvl: 0, factor: 2500, took: 2000, typ: 1},
			{id: 1640500000000, cid: cOrphan, ease: 3, ivl: 4, factor: 2500, took: 2000, typ: 1},
		},
		media: []fxMedia{{"dog.png", []byte(dogPNG)}, {"madrid.mp3", []byte(madridMP3)}},
	}
}

// stubFixture is the one-note collection every current package carries.
func stubFixture() fixture {
	nt := standardNotetypes()[:1]
	return fixture{crt: crt, schedVer: 2, notetypes: nt, decks: []fxDeck{{defaultDeck, "Default"}},
		notes: []fxNote{{id: 1, guid: stubGUID, mid: basicID, flds: stubText + "\x1f"}},
		cards: []fxCard{{id: 1, nid: 1, did: defaultDeck}}}
}

// newCollection creates an empty SQLite file through the package's own
// driver, which knows the unicase collation.
func newCollection(t testing.TB, wal bool) (*sql.DB, string) {
	t.Helper()
	ensureDriver()
	path := filepath.Join(t.TempDir(), "collection.sqlite")
	db, err := sql.Open(driverName, path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	mode := "delete"
	if wal {
		mode = "wal"
	}
	mustExec(t, db, "PRAGMA journal_mode = "+mode)
	// A fixture need not survive a power cut: no fsync per statement.
	mustExec(t, db, "PRAGMA synchronous = OFF")
	return db, path
}

func mustExec(t testing.TB, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", strings.SplitN(strings.TrimSpace(q), "\n", 2)[0], err)
	}
}

// closeAndRead closes a collection and returns its bytes.
func closeAndRead(t testing.TB, db *sql.DB, path string) []byte {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeRows inserts the notes, cards and revlog rows both schemas share, in
// one transaction.
func writeRows(t testing.TB, db *sql.DB, fx fixture) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	insert := func(q string, rows int, args func(i int) []any) {
		st, err := tx.Prepare(q)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for i := range rows {
			if _, err := st.Exec(args(i)...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	insert(`INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, '')`, len(fx.notes), func(i int) []any {
		n := fx.notes[i]
		return []any{n.id, n.guid, n.mid, n.tags, n.flds, strings.SplitN(n.flds, "\x1f", 2)[0]}
	})
	insert(`INSERT INTO cards VALUES (?, ?, ?, ?, 0, -1, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, '{}')`, len(fx.cards), func(i int) []any {
		c := fx.cards[i]
		return []any{c.id, c.nid, c.did, c.ord, c.typ, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.odue, c.odid}
	})
	insert(`INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)`, len(fx.revlog), func(i int) []any {
		r := fx.revlog[i]
		return []any{r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.took, r.typ}
	})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// buildSchema11 writes fx as a schema-11 collection: notetypes, decks and
// the scheduler version as JSON in the col row.
func buildSchema11(t testing.TB, fx fixture) []byte {
	t.Helper()
	db, path := newCollection(t, false)
	mustExec(t, db, schemaCore+schema11Only)
	models := map[string]any{}
	for _, nt := range fx.notetypes {
		var flds, tmpls []map[string]any
		for i, f := range nt.fields {
			flds = append(flds, map[string]any{"name": f, "ord": i, "sticky": false, "rtl": false, "font": "Arial", "size": 20})
		}
		for i, tm := range nt.tmpls {
			tmpls = append(tmpls, map[string]any{"name": tm[0], "ord": i, "qfmt": tm[1], "afmt": tm[2], "bqfmt": "", "bafmt": "", "did": nil})
		}
		kind := 0
		if nt.cloze {
			kind = 1
		}
		models[strconv.FormatInt(nt.id, 10)] = map[string]any{"id": nt.id, "name": nt.name, "type": kind,
			"mod": 0, "usn": -1, "sortf": 0, "did": nil, "tmpls": tmpls, "flds": flds, "css": "", "req": []any{}}
	}
	decks := map[string]any{}
	for _, d := range fx.decks {
		decks[strconv.FormatInt(d.id, 10)] = map[string]any{"id": d.id, "name": d.name, "dyn": 0}
	}
	conf := map[string]any{"nextPos": 1}
	if fx.schedVer != 0 {
		conf["schedVer"] = fx.schedVer
	}
	mustExec(t, db, `INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, '{}', '{}')`,
		fx.crt, mustJSON(t, conf), mustJSON(t, models), mustJSON(t, decks))
	writeRows(t, db, fx)
	return closeAndRead(t, db, path)
}

// buildSchema18 writes fx as a schema-18 collection, as Anki leaves it
// after an export: WAL mode, notetypes, fields, templates and decks in
// their own tables with protobuf configs, deck names with \x1f.
func buildSchema18(t testing.TB, fx fixture) []byte {
	t.Helper()
	db, path := newCollection(t, true)
	mustExec(t, db, schemaCore+schema18Only)
	mustExec(t, db, `INSERT INTO col VALUES (1, ?, 0, 0, 18, 0, 0, 0, '', '', '', '', '')`, fx.crt)
	if fx.schedVer != 0 {
		mustExec(t, db, `INSERT INTO config VALUES ('schedVer', -1, 0, ?)`, []byte(strconv.Itoa(fx.schedVer)))
	}
	mustExec(t, db, `INSERT INTO config VALUES ('nextPos', -1, 0, ?)`, []byte("1"))
	for _, nt := range fx.notetypes {
		var config []byte // Notetype.Config: kind = 1, css = 3
		if nt.cloze {
			config = protowire.AppendTag(config, 1, protowire.VarintType)
			config = protowire.AppendVarint(config, 1)
		}
		config = protowire.AppendTag(config, 3, protowire.BytesType)
		config = protowire.AppendString(config, ".card { color: black; }")
		mustExec(t, db, `INSERT INTO notetypes VALUES (?, ?, 0, -1, ?)`, nt.id, nt.name, config)
		for i, f := range nt.fields {
			var fc []byte // Field.Config: font_name = 3
			fc = protowire.AppendTag(fc, 3, protowire.BytesType)
			fc = protowire.AppendString(fc, "Arial")
			mustExec(t, db, `INSERT INTO fields VALUES (?, ?, ?, ?)`, nt.id, i, f, fc)
		}
		for i, tm := range nt.tmpls {
			var tc []byte // Template.Config: q_format = 1, a_format = 2, target_deck_id = 5
			tc = protowire.AppendTag(tc, 1, protowire.BytesType)
			tc = protowire.AppendString(tc, tm[1])
			tc = protowire.AppendTag(tc, 2, protowire.BytesType)
			tc = protowire.AppendString(tc, tm[2])
			tc = protowire.AppendTag(tc, 5, protowire.VarintType)
			tc = protowire.AppendVarint(tc, 0)
			mustExec(t, db, `INSERT INTO templates VALUES (?, ?, ?, 0, -1, ?)`, nt.id, i, tm[0], tc)
		}
	}
	for _, d := range fx.decks {
		var kind []byte // Deck.kind: normal = 1 (an empty Deck.Normal message)
		kind = protowire.AppendTag(kind, 1, protowire.BytesType)
		kind = protowire.AppendBytes(kind, nil)
		mustExec(t, db, `INSERT INTO decks VALUES (?, ?, 0, -1, ?, ?)`, d.id, strings.ReplaceAll(d.name, "::", "\x1f"), []byte{}, kind)
	}
	for _, n := range fx.notes {
		for _, tag := range strings.Fields(n.tags) {
			mustExec(t, db, `INSERT OR IGNORE INTO tags VALUES (?, -1, 0, NULL)`, tag)
		}
	}
	writeRows(t, db, fx)
	b := closeAndRead(t, db, path)
	if b[18] != 2 || b[19] != 2 {
		t.Fatalf("schema-18 fixture is not in WAL mode (header bytes %d, %d)", b[18], b[19])
	}
	return b
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// zipEntry is one file of a hand-built zip.
type zipEntry struct {
	name    string
	data    []byte
	deflate bool
}

// writeZip writes entries into a zip file and returns its path.
func writeZip(t testing.TB, entries []zipEntry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deck.apkg")
	if err := os.WriteFile(path, zipBytes(t, entries), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func zipBytes(t testing.TB, entries []zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Store
		if e.deflate {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zstdBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll(b, nil)
}

// metaBytes encodes PackageMetadata { version = 1 }.
func metaBytes(version int) []byte {
	b := protowire.AppendTag(nil, 1, protowire.VarintType)
	return protowire.AppendVarint(b, uint64(version))
}

// mediaEntriesBytes encodes MediaEntries { repeated MediaEntry entries = 1 }
// with name = 1, size = 2, sha1 = 3.
func mediaEntriesBytes(media []fxMedia) []byte {
	var out []byte
	for _, m := range media {
		var e []byte
		e = protowire.AppendTag(e, 1, protowire.BytesType)
		e = protowire.AppendString(e, m.name)
		e = protowire.AppendTag(e, 2, protowire.VarintType)
		e = protowire.AppendVarint(e, uint64(len(m.data)))
		e = protowire.AppendTag(e, 3, protowire.BytesType)
		e = protowire.AppendBytes(e, make([]byte, 20))
		out = protowire.AppendTag(out, 1, protowire.BytesType)
		out = protowire.AppendBytes(out, e)
	}
	return out
}

// packageEntries lays fx out as Anki writes it in layout l.
func packageEntries(t testing.TB, fx fixture, l layout) []zipEntry {
	t.Helper()
	stub := zipEntry{name: "collection.anki2", data: buildSchema11(t, stubFixture())}
	var entries []zipEntry
	switch l {
	case layoutLatest, layoutLatestNoStub, layoutLatestNoMeta:
		if l != layoutLatestNoMeta {
			entries = append(entries, zipEntry{name: "meta", data: metaBytes(3)})
		}
		entries = append(entries, zipEntry{name: "collection.anki21b", data: zstdBytes(t, buildSchema18(t, fx))})
		if l != layoutLatestNoStub {
			entries = append(entries, stub)
		}
		entries = append(entries, zipEntry{name: "media", data: zstdBytes(t, mediaEntriesBytes(fx.media))})
		for i, m := range fx.media {
			entries = append(entries, zipEntry{name: strconv.Itoa(i), data: zstdBytes(t, m.data)})
		}
		return entries
	case layoutLegacy1:
		entries = append(entries, zipEntry{name: "collection.anki2", data: buildSchema11(t, fx), deflate: true})
	case layoutLegacy2:
		entries = append(entries, zipEntry{name: "collection.anki21", data: buildSchema11(t, fx), deflate: true}, stub)
	case layoutLegacy2Meta:
		entries = append(entries, zipEntry{name: "meta", data: metaBytes(2)},
			zipEntry{name: "collection.anki21", data: buildSchema11(t, fx), deflate: true}, stub)
	default:
		t.Fatalf("unknown layout %q", l)
	}
	names := map[string]string{}
	for i, m := range fx.media {
		names[strconv.Itoa(i)] = m.name
	}
	entries = append(entries, zipEntry{name: "media", data: []byte(mustJSON(t, names))})
	for i, m := range fx.media {
		entries = append(entries, zipEntry{name: strconv.Itoa(i), data: m.data, deflate: true})
	}
	return entries
}

// buildPackage writes fx as a package in layout l and returns its path.
func buildPackage(t testing.TB, fx fixture, l layout) string {
	t.Helper()
	return writeZip(t, packageEntries(t, fx, l))
}

func sha1Hex(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])
}
