package deck

import (
	"reflect"
	"strings"
	"testing"
)

func TestCleanGroups(t *testing.T) {
	long := strings.Repeat("x", MaxPaperGroupName+1)
	tests := []struct {
		name    string
		clean   func([]string) ([]string, error)
		in      []string
		want    []string
		wantErr string
	}{
		{"paths trimmed by level", CleanCollections, []string{" Alignment / Interp ", "A//B/"}, []string{"Alignment/Interp", "A/B"}, ""},
		{"duplicates dropped, order kept", CleanCollections, []string{"B", "A", "B "}, []string{"B", "A"}, ""},
		{"empty path dropped", CleanCollections, []string{"A", " / "}, []string{"A"}, ""},
		{"long path", CleanCollections, []string{long}, nil, "longer than 65536 bytes"},
		{"tags keep inner spaces", CleanPaperTags, []string{" machine learning", "to read", "to read"}, []string{"machine learning", "to read"}, ""},
		{"a slash is text in a tag", CleanPaperTags, []string{"a/b"}, []string{"a/b"}, ""},
		{"empty tag dropped", CleanPaperTags, []string{"", " "}, nil, ""},
		{"too many", CleanPaperTags, make([]string, MaxPaperGroups+1), nil, "at most 1000"},
		{"none", CleanPaperTags, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.clean(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("= %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A paper mapping may list its collections and tags: a YAML list, or one
// text for a single one; bad ones are refused at their line.
func TestParsePaperGroups(t *testing.T) {
	const head = "---\ndeck: P\npapers:\n  - key: p1\n    title: T\n"
	tests := []struct {
		name       string
		fields     string
		cols, tags []string
		line       int // of the error, 0 for none
		field, msg string
	}{
		{"lists", "    collections: [Alignment/Interp, \" Surveys \"]\n    tags: [to read, ml]\n",
			[]string{"Alignment/Interp", "Surveys"}, []string{"to read", "ml"}, 0, "", ""},
		{"block list", "    collections:\n      - A/B\n      - C\n", []string{"A/B", "C"}, nil, 0, "", ""},
		{"one text", "    collections: Alignment/Interp\n    tags: to read\n", []string{"Alignment/Interp"}, []string{"to read"}, 0, "", ""},
		{"nothing", "    tags:\n", nil, nil, 0, "", ""},
		{"a mapping", "    tags: {a: b}\n", nil, nil, 6, "paper.tags", "want a list"},
		{"a nested list", "    collections: [[a]]\n", nil, nil, 6, "paper.collections", "one text"},
		{"an empty level only", "    collections: [A, \"/\"]\n", []string{"A"}, nil, 0, "", ""},
		{"too long", "    tags: [" + strings.Repeat("x", MaxPaperGroupName+1) + "]\n", nil, nil, 6, "paper.tags", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("p.md", strings.NewReader(head+tt.fields+"---\n"))
			if tt.line != 0 {
				pe, ok := err.(*Error)
				if !ok || pe.Line != tt.line || pe.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("err = %v, want p.md:%d field %s: %s", err, tt.line, tt.field, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p := f.Papers[0]
			if !reflect.DeepEqual(p.Collections, tt.cols) || !reflect.DeepEqual(p.Tags, tt.tags) {
				t.Errorf("collections %q, tags %q; want %q, %q", p.Collections, p.Tags, tt.cols, tt.tags)
			}
		})
	}
}

// An export writes a paper's collections and tags, and the file reads back
// to the same lists.
func TestMarkdownWriterPaperGroups(t *testing.T) {
	p := Paper{Key: "p1", Title: "T", Collections: []string{"Alignment/Interp", "A, with comma"},
		Tags: []string{"to read", "ml: theory"}}
	var b strings.Builder
	if err := WriteMarkdown(&b, "D", []Card{{ID: "c", Kind: Basic, Front: "Q?", Back: "A.", Paper: "p1"}}, []Paper{p}); err != nil {
		t.Fatal(err)
	}
	f, err := Parse("out.md", strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("%v in\n%s", err, b.String())
	}
	got := f.Papers[0]
	if !reflect.DeepEqual(got.Collections, p.Collections) || !reflect.DeepEqual(got.Tags, p.Tags) {
		t.Errorf("read back %q, %q from\n%s", got.Collections, got.Tags, b.String())
	}
}

func TestGroupsText(t *testing.T) {
	for _, tt := range []struct {
		p    Paper
		want string
	}{
		{Paper{}, ""},
		{Paper{Collections: []string{"Alignment/Interpretability", "Surveys"}}, "Interpretability, Surveys"},
		{Paper{Tags: []string{"to read"}}, "· #to read"},
		{Paper{Collections: []string{"A/B/C"}, Tags: []string{"x", "y"}}, "C · #x #y"},
	} {
		if got := tt.p.GroupsText(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}
