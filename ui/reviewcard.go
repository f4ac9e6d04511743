package ui

import (
	"fmt"
	"slices"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/deck"
	"loci/ui/render"
)

// sides renders what the learner sees of card c: the front; once revealed
// the rule and the back (a cloze shows its text again, the deletion
// highlighted); and where the card comes from.
func (r *review) sides(c *deck.Card) []side {
	md := func(src string) side {
		return func(width int) string {
			return render.Markdown(src, render.Options{NoColor: r.app.noColor, Width: width})
		}
	}
	var out []side
	switch {
	case c.Kind == deck.Cloze && r.revealed:
		_, back := c.Shown(func(s string) string { return render.HighlightStart + s + render.HighlightEnd })
		out = append(out, md(back))
	case c.Kind == deck.Cloze:
		front, _ := c.Shown(nil)
		out = append(out, md(front))
	default:
		front, back := c.Shown(nil)
		out = append(out, md(front))
		if r.revealed {
			out = append(out, fixed("[gray]────────[-]"), md(back))
		}
	}
	if c.Source != "" || c.Paper != "" {
		from := ""
		if c.Source != "" {
			from = "from " + tview.Escape(c.Source)
		}
		if c.Paper != "" {
			from += "  · paper " + tview.Escape(c.Paper)
		}
		out = append(out, fixed("[gray]"+from+"[-]"))
	}
	return out
}

// cardActions are the review keys that act on the card view: scrolling a
// long card and opening its media files.
func (r *review) cardActions() []*action {
	scroll := func(n int, page bool) func() { return func() { r.card.scroll(n, page) } }
	return []*action{
		{runes: []rune{'o'}, label: "o", help: "open image/sound", when: func() bool { return len(r.mediaShown()) > 0 }, run: r.openMedia},
		{keys: []tcell.Key{tcell.KeyDown}, runes: []rune{'j'}, label: "↓ j", help: "scroll down", quiet: true, run: scroll(1, false)},
		{keys: []tcell.Key{tcell.KeyUp}, runes: []rune{'k'}, label: "↑ k", help: "scroll up", quiet: true, run: scroll(-1, false)},
		{keys: []tcell.Key{tcell.KeyPgDn}, label: "PgDn", help: "page down", quiet: true, run: scroll(1, true)},
		{keys: []tcell.Key{tcell.KeyPgUp}, label: "PgUp", help: "page up", quiet: true, run: scroll(-1, true)},
		{keys: []tcell.Key{tcell.KeyHome}, label: "Home", help: "top of the card", quiet: true, run: func() { r.card.ScrollToBeginning() }},
		{keys: []tcell.Key{tcell.KeyEnd}, label: "End", help: "end of the card", quiet: true, run: func() { r.card.ScrollToEnd() }},
	}
}

// mediaShown lists the media files named on the visible sides.
func (r *review) mediaShown() []string {
	if r.current == nil {
		return nil
	}
	front, back := r.current.Shown(nil)
	if !r.revealed {
		return deck.MediaNames(front)
	}
	return deck.MediaNames(front, back)
}

// openMedia opens the card's next media file with the system opener.
func (r *review) openMedia() {
	names := r.mediaShown()
	name := names[r.opened%len(names)]
	if err := r.app.media.open(name); err != nil {
		r.fail(err)
		return
	}
	r.opened++
	msg := "[gray]Opened " + tview.Escape(name)
	if len(names) > 1 {
		msg += fmt.Sprintf(" (%d of %d; o opens the next)", (r.opened-1)%len(names)+1, len(names))
	}
	r.status.SetText(msg)
}

// insertBefore puts extra actions before the one labelled label (help and
// quit stay last in the footer), or at the end.
func insertBefore(actions []*action, label string, extra ...*action) []*action {
	i := slices.IndexFunc(actions, func(a *action) bool { return a.label == label })
	if i < 0 {
		return append(actions, extra...)
	}
	return slices.Insert(actions, i, extra...)
}
