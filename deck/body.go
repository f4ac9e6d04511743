package deck

import (
	"strconv"
	"strings"
)

// draft is a card block being read.
type draft struct {
	line        int
	kind        Kind
	front, back []string
	hasBack     bool
	id, paper   string
	source      string
	unlock      Stage
	tags        []string
	reverse     *bool     // the card's own "reverse:" line; nil to follow the front matter
	into        *[]string // the side that continuation lines extend; nil after an attribute
}

var attributes = []string{"id:", "tags:", "paper:", "source:", "unlock:", "reverse:"}

// cards reads the card blocks from lines[from:].
func (p *parser) cards(lines []string, from int) error {
	var d *draft
	flush := func() error {
		if d == nil {
			return nil
		}
		err := p.finish(d)
		d = nil
		return err
	}
	for i := from; i < len(lines); i++ {
		n, line := i+1, lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			if err := flush(); err != nil {
				return err
			}
		case strings.HasPrefix(line, "Q:") || strings.HasPrefix(line, "C:"):
			if err := flush(); err != nil {
				return err
			}
			d = &draft{line: n, kind: Basic}
			if line[0] == 'C' {
				d.kind = Cloze
			}
			d.front = []string{strings.TrimSpace(line[2:])}
			d.into = &d.front
		case d == nil && (strings.HasPrefix(trimmed, "#") || isComment(trimmed)):
			// Headings and comments between cards.
		case d == nil:
			return p.errorf(n, "", "expected a card starting with \"Q:\" or \"C:\" (or a # heading), found %q", clip(trimmed))
		case strings.HasPrefix(line, "A:"):
			if d.hasBack {
				return p.errorf(n, "A", "this card already has an answer (started on line %d)", d.line)
			}
			d.hasBack = true
			d.back = []string{strings.TrimSpace(line[2:])}
			d.into = &d.back
		case attribute(line) != "":
			if err := p.attribute(d, n, line); err != nil {
				return err
			}
			d.into = nil
		case d.into == nil:
			return p.errorf(n, "", "text after a card's id/tags/paper/source/unlock lines; put the text before them or leave a blank line")
		default:
			*d.into = append(*d.into, trimmed)
		}
	}
	return flush()
}

func isComment(s string) bool {
	return strings.HasPrefix(s, "<!--") && strings.HasSuffix(s, "-->")
}

func attribute(line string) string {
	for _, a := range attributes {
		if strings.HasPrefix(line, a) {
			return a
		}
	}
	return ""
}

func (p *parser) attribute(d *draft, n int, line string) error {
	a := attribute(line)
	field := strings.TrimSuffix(a, ":")
	val := strings.TrimSpace(line[len(a):])
	if val == "" {
		return p.errorf(n, field, "empty value")
	}
	switch field {
	case "id":
		if d.id != "" {
			return p.errorf(n, "id", "this card already has id %q", d.id)
		}
		if !validID(val) {
			return p.errorf(n, "id", "%q: an id is one word of up to 200 characters, without spaces", clip(val))
		}
		d.id = val
	case "tags":
		d.tags = append(d.tags, splitTags(val)...)
	case "paper":
		d.paper = val
	case "source":
		d.source = val
	case "unlock":
		st := Stage(val)
		if st.Rank() < 1 {
			return p.errorf(n, "unlock", "%q: want the stage the card's paper must reach first: read, understood or replicated", clip(val))
		}
		d.unlock = st
	case "reverse":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return p.errorf(n, "reverse", "%q: want true or false", clip(val))
		}
		if d.kind == Cloze {
			return p.errorf(n, "reverse", "only a Q:/A: card can ask both ways; a cloze card asks each deletion already")
		}
		d.reverse = &b
	}
	return nil
}

// finish checks a card block and adds its cards to the file.
func (p *parser) finish(d *draft) error {
	front := strings.TrimSpace(strings.Join(d.front, "\n"))
	back := strings.TrimSpace(strings.Join(d.back, "\n"))
	side := "Q"
	if d.kind == Cloze {
		side = "C"
	}
	if front == "" {
		return p.errorf(d.line, side, "empty front")
	}
	if len(front) > MaxCardText || len(back) > MaxCardText {
		return p.errorf(d.line, side, "card text is longer than %d KiB", MaxCardText>>10)
	}
	base := Card{
		Deck:   p.file.Deck,
		Kind:   d.kind,
		Front:  front,
		Back:   back,
		Tags:   dedupe(append(append([]string(nil), p.file.Tags...), d.tags...)),
		Source: p.file.Source,
		File:   p.file.Name,
		Line:   d.line,
	}
	if d.source != "" {
		base.Source = d.source
	}
	if len(p.file.Papers) > 0 && p.fm.Paper != nil {
		base.Paper = p.file.Papers[0].Key
	}
	if d.paper != "" {
		base.Paper = d.paper
	}
	if d.unlock != "" {
		if base.Paper == "" {
			return p.errorf(d.line, "unlock", "a card that waits for its paper needs a \"paper: KEY\" line")
		}
		base.Unlock = d.unlock
	}
	id := d.id
	if id == "" {
		id = HashID(front)
	}
	if d.kind == Basic {
		if !d.hasBack || back == "" {
			return p.errorf(d.line, "A", "the card has no answer: add an \"A:\" line")
		}
		base.ID = id
		p.file.Cards = append(p.file.Cards, base)
		if reverse := p.fm.Reverse; d.reverse != nil && *d.reverse || d.reverse == nil && reverse {
			p.file.Cards = append(p.file.Cards, base.Reversed())
		}
		return nil
	}
	ords, err := ClozeOrds(front)
	if err != nil {
		return p.errorf(d.line, "C", "%v", err)
	}
	if len(ords) == 0 {
		return p.errorf(d.line, "C", "a cloze card needs at least one deletion such as {{c1::text}} or [[text]]")
	}
	for _, o := range ords {
		c := base
		c.Ord = o
		c.ID = id + "/c" + strconv.Itoa(o)
		p.file.Cards = append(p.file.Cards, c)
	}
	return nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
