package deck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	MaxFileSize = 16 << 20 // bytes in one card file
	MaxLineSize = 1 << 20  // bytes in one line
	MaxCardText = 64 << 10 // bytes on one side of a card
)

// Error is a problem in a card file. It names the file, the line and, where
// there is one, the field at fault.
type Error struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// File is one parsed card file.
type File struct {
	Name   string
	Deck   string
	Tags   []string
	Source string
	Papers []Paper
	Cards  []Card
}

// frontMatter is the YAML block at the top of a card file.
type frontMatter struct {
	Deck   string   `yaml:"deck"`
	Tags   tagList  `yaml:"tags"`
	Source string   `yaml:"source"`
	Paper  *Paper   `yaml:"paper"`
	Papers []*Paper `yaml:"papers"`
	// Reverse makes every Q:/A: card of the file ask both ways unless the
	// card says "reverse: false".
	Reverse bool `yaml:"reverse"`
}

// tagList accepts a YAML list or a comma-separated string.
type tagList []string

func (t *tagList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = splitTags(n.Value)
		return nil
	case yaml.SequenceNode:
		var out []string
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a tag must be a plain word", item.Line)
			}
			out = append(out, splitTags(item.Value)...)
		}
		*t = out
		return nil
	}
	return fmt.Errorf("line %d: tags must be a list or a comma-separated string", n.Line)
}

// validID reports whether s can be a card or paper id: 1 to 200
// characters, none of them a space, tab or line break (what `^\S{1,200}$`
// says; a regular expression with that bounded repeat cost every process
// about 5 ms to compile at start).
func validID(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 1 && n <= 200 && !strings.ContainsAny(s, " \t\n\f\r")
}

func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

var (
	yamlLineNumber = regexp.MustCompile(`line (\d+)`)
	knownFMKeys    = map[string]bool{"deck": true, "tags": true, "source": true, "paper": true, "papers": true, "reverse": true}
	knownPaperKeys = map[string]bool{"key": true, "title": true, "authors": true, "year": true, "venue": true,
		"url": true, "arxiv": true, "doi": true, "difficulty": true, "kind": true, "note": true,
		"collections": true, "tags": true}
)

// Parse reads one card file. name is used in errors and recorded on every
// card and paper. Nothing is returned with an error: a file is taken whole
// or not at all.
func Parse(name string, r io.Reader) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, &Error{File: name, Err: fmt.Errorf("file is larger than %d MiB", MaxFileSize>>20)}
	}
	if !utf8.Valid(data) {
		return nil, &Error{File: name, Err: errors.New("file is not valid UTF-8")}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	p := &parser{file: &File{Name: name}}
	lines, err := splitLines(data)
	if err != nil {
		return nil, &Error{File: name, Line: len(lines) + 1, Err: err}
	}
	body, err := p.frontMatter(lines)
	if err != nil {
		return nil, err
	}
	if err := p.cards(lines, body); err != nil {
		return nil, err
	}
	return p.file, nil
}

func splitLines(data []byte) ([]string, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), MaxLineSize)
	var lines []string
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), " \t\r"))
	}
	if err := sc.Err(); err != nil {
		return lines, fmt.Errorf("line longer than %d KiB", MaxLineSize>>10)
	}
	return lines, nil
}

type parser struct {
	file *File
	fm   frontMatter
}

func (p *parser) errorf(line int, field, format string, args ...any) error {
	return &Error{File: p.file.Name, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}

// frontMatter reads the YAML block and returns the index of the first body line.
func (p *parser) frontMatter(lines []string) (int, error) {
	start := 0
	for start < len(lines) && lines[start] == "" {
		start++
	}
	if start == len(lines) || lines[start] != "---" {
		return 0, p.errorf(start+1, "", "a card file starts with a front-matter block: a line \"---\", \"deck: NAME\", then \"---\"")
	}
	end := start + 1
	for end < len(lines) && lines[end] != "---" {
		end++
	}
	if end == len(lines) {
		return 0, p.errorf(start+1, "", "front matter opened here is never closed with \"---\"")
	}
	offset := start + 1 // YAML line 1 is file line offset+1
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines[start+1:end], "\n")), &root); err != nil {
		line := offset + 1
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineNumber.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = offset + n
			msg = strings.TrimPrefix(strings.TrimPrefix(msg, m[0]), ": ")
		}
		return 0, p.errorf(line, "front matter", "%s", msg)
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return 0, p.errorf(offset+1, "front matter", "want \"key: value\" lines such as \"deck: NAME\"")
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !knownFMKeys[k.Value] {
			return 0, p.errorf(offset+k.Line, k.Value, "unknown front-matter key (known: deck, tags, source, paper, papers, reverse)")
		}
		if err := p.checkPapers(k.Value, m.Content[i+1], offset); err != nil {
			return 0, err
		}
		if err := m.Content[i+1].Decode(fieldOf(&p.fm, k.Value)); err != nil {
			return 0, p.errorf(offset+m.Content[i+1].Line, k.Value, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
	}
	fm := &p.fm
	p.file.Deck = normalizeDeck(fm.Deck)
	if p.file.Deck == "" {
		return 0, p.errorf(offset+1, "deck", "the front matter must name a deck (\"deck: NAME\"; \"::\" separates sub-decks)")
	}
	p.file.Tags = dedupe(fm.Tags)
	p.file.Source = strings.TrimSpace(fm.Source)
	if fm.Paper != nil {
		fm.Papers = append([]*Paper{fm.Paper}, fm.Papers...)
	}
	seen := map[string]bool{}
	for _, pp := range fm.Papers {
		if seen[pp.Key] {
			return 0, p.errorf(pp.Line, "papers", "paper key %q is defined twice", pp.Key)
		}
		seen[pp.Key] = true
		pp.Stage = Queued
		pp.File = p.file.Name
		p.file.Papers = append(p.file.Papers, *pp)
	}
	return end + 1, nil
}

func fieldOf(fm *frontMatter, key string) any {
	switch key {
	case "deck":
		return &fm.Deck
	case "tags":
		return &fm.Tags
	case "source":
		return &fm.Source
	case "paper":
		return &fm.Paper
	case "reverse":
		return &fm.Reverse
	}
	return &fm.Papers
}

// checkPapers validates paper mappings before they are decoded, so that
// errors can name the line of the field at fault.
func (p *parser) checkPapers(key string, n *yaml.Node, offset int) error {
	var maps []*yaml.Node
	switch key {
	case "paper":
		maps = []*yaml.Node{n}
	case "papers":
		if n.Kind != yaml.SequenceNode {
			return p.errorf(offset+n.Line, "papers", "want a list of papers, each starting with \"- key: KEY\"")
		}
		maps = n.Content
	default:
		return nil
	}
	for _, pm := range maps {
		if pm.Kind != yaml.MappingNode {
			return p.errorf(offset+pm.Line, key, "a paper is a mapping with at least key and title")
		}
		fields := map[string]*yaml.Node{}
		for i := 0; i+1 < len(pm.Content); i += 2 {
			k, v := pm.Content[i], pm.Content[i+1]
			if !knownPaperKeys[k.Value] {
				return p.errorf(offset+k.Line, "paper."+k.Value, "unknown paper field (known: key, title, authors, year, venue, url, arxiv, doi, difficulty, kind, note, collections, tags)")
			}
			fields[k.Value] = v
		}
		for _, req := range []string{"key", "title"} {
			if v := fields[req]; v == nil || strings.TrimSpace(v.Value) == "" {
				return p.errorf(offset+pm.Line, "paper."+req, "every paper needs a %s", req)
			}
		}
		if !validID(fields["key"].Value) {
			return p.errorf(offset+fields["key"].Line, "paper.key", "%q: a key is one word of up to 200 characters, without spaces", fields["key"].Value)
		}
		if v := fields["difficulty"]; v != nil && !validDifficulty(v.Value) {
			return p.errorf(offset+v.Line, "paper.difficulty", "%q: want one of %s", v.Value, strings.Join(Difficulties, ", "))
		}
		if v := fields["year"]; v != nil {
			if y, err := strconv.Atoi(v.Value); err != nil || y < 1000 || y > 9999 {
				return p.errorf(offset+v.Line, "paper.year", "%q: want a four-digit year", v.Value)
			}
		}
		for _, name := range []string{"collections", "tags"} {
			if err := p.checkGroups(name, fields[name], offset); err != nil {
				return err
			}
		}
		// Record the line for later messages through a synthetic field.
		pm.Content = append(pm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "line"},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(offset + pm.Line)})
	}
	return nil
}

// checkGroups checks a paper's collections or tags (v, nil when absent):
// a list of texts, or one text, each clean as CleanCollections and
// CleanPaperTags want it. A single text becomes a one-item list.
func (p *parser) checkGroups(name string, v *yaml.Node, offset int) error {
	if v == nil {
		return nil
	}
	field := "paper." + name
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		*v = yaml.Node{Kind: yaml.SequenceNode, Line: v.Line, Column: v.Column} // "tags:" with nothing after it
	case v.Kind == yaml.ScalarNode:
		one := *v
		*v = yaml.Node{Kind: yaml.SequenceNode, Line: v.Line, Column: v.Column, Content: []*yaml.Node{&one}}
	case v.Kind != yaml.SequenceNode:
		return p.errorf(offset+v.Line, field, "want a list such as [Alignment/Interpretability, Surveys]")
	}
	var vals []string
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			return p.errorf(offset+it.Line, field, "each of %s is one text", name)
		}
		vals = append(vals, it.Value)
	}
	clean := CleanCollections
	if name == "tags" {
		clean = CleanPaperTags
	}
	if _, err := clean(vals); err != nil {
		return p.errorf(offset+v.Line, field, "%v", err)
	}
	return nil
}

func validDifficulty(s string) bool {
	for _, d := range Difficulties {
		if s == d {
			return true
		}
	}
	return false
}

// UnmarshalYAML decodes a paper mapping, including the line recorded by checkPapers.
func (pp *Paper) UnmarshalYAML(n *yaml.Node) error {
	type plain Paper
	var v struct {
		plain `yaml:",inline"`
		Line  int `yaml:"line"`
	}
	if err := n.Decode(&v); err != nil {
		return err
	}
	*pp = Paper(v.plain)
	pp.Line = v.Line
	for _, s := range []*string{&pp.Key, &pp.Title, &pp.Authors, &pp.Venue, &pp.URL, &pp.ArXiv, &pp.DOI, &pp.Kind, &pp.Note} {
		*s = strings.TrimSpace(*s)
	}
	var err error
	if pp.Collections, err = CleanCollections(pp.Collections); err != nil {
		return err // checkPapers has refused these already, naming the line
	}
	pp.Tags, err = CleanPaperTags(pp.Tags)
	return err
}

// normalizeDeck trims each level of a "::"-separated deck name.
func normalizeDeck(name string) string {
	parts := strings.Split(name, "::")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "::")
}

func dedupe(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
