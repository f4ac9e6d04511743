package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loci/deck"
	"loci/deck/textimport"
)

// textStream hands over every card of a file of many batches once, in the
// file's order and as read (batches are reused, so a card handed over
// must not change afterwards); an error of the writer stops the parse and
// is returned, and an error of the file is returned with what to do.
func TestTextStream(t *testing.T) {
	rows := 5*streamBatch + 7
	var good strings.Builder
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(&good, "Front %d?\tBack %d\ttag%d\n", i, i, i%3)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	goodPath := write("good.tsv", good.String())
	badPath := write("bad.tsv", good.String()+"\"unclosed\tquote\n")
	full := errors.New("disk full")
	tests := []struct {
		name    string
		path    string
		failAt  int // the writer fails at this card (1-based); 0 never
		want    int // cards the writer is given
		wantErr string
	}{
		{"whole file", goodPath, 0, rows, ""},
		{"writer fails", goodPath, 2*streamBatch + 3, 2*streamBatch + 3, "disk full"},
		{"bad file", badPath, 0, 5 * streamBatch, "nothing was imported"}, // the last, partial batch is not handed over
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []deck.Card
			var warnings []deck.Warning
			err := textStream(tt.path, textimport.Options{}, nil, &warnings)(func(c deck.Card) error {
				got = append(got, c)
				if len(got) == tt.failAt {
					return full
				}
				return nil
			})
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error()+hintOf(err), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if len(got) != tt.want {
				t.Fatalf("%d cards handed over, want %d", len(got), tt.want)
			}
			for i, c := range got {
				n := i + 1
				if c.Front != fmt.Sprintf("Front %d?", n) || c.Back != fmt.Sprintf("Back %d", n) || c.Line != n ||
					len(c.Tags) != 1 || c.Tags[0] != fmt.Sprintf("tag%d", n%3) {
					t.Fatalf("card %d = %q / %q / %v, line %d", n, c.Front, c.Back, c.Tags, c.Line)
				}
			}
		})
	}
}

// hintOf returns the hint an error carries, "" without one.
func hintOf(err error) string {
	var he hintError
	if errors.As(err, &he) {
		return " " + he.hint
	}
	return ""
}
