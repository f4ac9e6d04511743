package deck

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
)

//go:embed guide/*.md
var guideFS embed.FS

// BuiltinName is the top-level deck of the built-in guide deck.
const BuiltinName = "Alignment guide"

// Builtin parses the built-in guide deck that ships inside the binary. The
// files are checked by the package tests, so an error here is a build defect.
func Builtin() (*Set, error) {
	return ParseFS(guideFS, "guide")
}

// BuiltinVersion is a hash of the built-in deck's files. Storage records it
// to merge a changed deck into an existing database exactly once.
func BuiltinVersion() string {
	h := sha256.New()
	names, _ := fs.Glob(guideFS, "guide/*.md")
	sort.Strings(names)
	for _, n := range names {
		b, _ := guideFS.ReadFile(n)
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
