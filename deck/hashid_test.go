package deck

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// HashID hashes the front's words joined by single spaces, whatever the
// whitespace between, around or inside them (Unicode spaces too), and
// whatever the front's length.
func TestHashID(t *testing.T) {
	long := strings.Repeat("word\u00a0and\tword ", 40)
	for _, front := range []string{"", " ", "What is x?", "  What   is\tx?\n", "\u2003dog\u3000cat\u0085", "日本語 の 質問",
		long, " " + long + "\n", strings.Repeat("x", 300)} {
		sum := sha256.Sum256([]byte(strings.Join(strings.Fields(front), " ")))
		if got, want := HashID(front), hex.EncodeToString(sum[:8]); got != want {
			t.Errorf("HashID(%q) = %s, want %s", front, got, want)
		}
	}
	if HashID("What is x?") != HashID(" What  is\nx? ") {
		t.Error("whitespace changed the id")
	}
}
