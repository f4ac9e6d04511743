package stats

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML renders the fixture and parses it as a browser would.
func parseHTML(t *testing.T, s Summary) *html.Node {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, s); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// byID returns the element with the given id.
func byID(doc *html.Node, id string) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && attr(n, "id") == id && found == nil {
			found = n
		}
	})
	return found
}

// rects counts the rect elements under n whose class holds class.
func rects(n *html.Node, class string) int {
	count := 0
	walk(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.Data == "rect" && strings.Contains(" "+attr(c, "class")+" ", " "+class+" ") {
			count++
		}
	})
	return count
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestHTMLCharts(t *testing.T) {
	doc := parseHTML(t, Build(fixture()))
	for _, tc := range []struct {
		id, class string
		n         int
	}{
		{"heatmap", "day", HeatmapWeeks * 7},
		{"heatmap", "future", 2}, // Saturday 28 and Sunday 29 are still to come
		{"days", "bar", 7},
		{"forecast", "bar", 7},
		{"retention", "ratio", 3},
	} {
		svg := byID(doc, tc.id)
		if svg == nil || svg.Data != "svg" {
			t.Fatalf("no <svg id=%q>", tc.id)
		}
		if got := rects(svg, tc.class); got != tc.n {
			t.Errorf("svg#%s has %d rect.%s, want %d", tc.id, got, tc.class, tc.n)
		}
	}
	days := text(byID(doc, "days"))
	for _, want := range []string{"40", "25", "12", "today"} {
		if !strings.Contains(days, want) {
			t.Errorf("daily bars lack %q: %q", want, days)
		}
	}
	if ret := text(byID(doc, "retention")); !strings.Contains(ret, "82.5%") || !strings.Contains(ret, "84.2%") || !strings.Contains(ret, "33/40") {
		t.Errorf("retention figure text = %q, want 82.5%% young (33/40) and 84.2%% mature", ret)
	}
	// Saturday and Sunday are to come: five days carry a value label.
	values := 0
	walk(byID(doc, "days"), func(n *html.Node) {
		if n.Data == "text" && attr(n, "class") == "value" && text(n) != "" {
			values++
		}
	})
	if values != 5 {
		t.Errorf("daily bars carry %d value labels, want 5 (Monday to Friday)", values)
	}
	// The tallest daily bar is Monday's 40 reviews: full height.
	var heights []string
	walk(byID(doc, "days"), func(n *html.Node) {
		if n.Data == "rect" {
			heights = append(heights, attr(n, "height"))
		}
	})
	if heights[0] != "126" || heights[2] != "0" {
		t.Errorf("bar heights = %v; want Monday 126 (150-24), Wednesday 0", heights)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	doc := parseHTML(t, Build(fixture()))
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "link", "img", "iframe", "object", "embed", "base":
			t.Errorf("page holds a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if (a.Key == "src" || a.Key == "href") || (a.Key != "xmlns" && strings.Contains(a.Val, "://")) {
				t.Errorf("<%s %s=%q> refers elsewhere", n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "style" && strings.Contains(text(n), "url(") {
			t.Error("the style sheet loads a url()")
		}
	})
	// A card front that looks like markup stays text.
	found := false
	walk(doc, func(n *html.Node) {
		if n.Type == html.TextNode && strings.Contains(n.Data, "A <b>superposition</b> card | with *markup*") {
			found = true
		}
		if n.Type == html.ElementNode && n.Data == "b" && text(n) == "superposition" {
			t.Error("a card's <b> became an element")
		}
	})
	if !found {
		t.Error("the hardest card's front is not shown as text")
	}
}

func TestHTMLEmptyWeek(t *testing.T) {
	doc := parseHTML(t, Build(Input{Week: Week{2026, 48}, Today: Date{2026, 11, 30}}))
	if got := rects(byID(doc, "heatmap"), "day"); got != 112 {
		t.Errorf("empty heatmap has %d cells", got)
	}
	if got := rects(byID(doc, "retention"), "ratio"); got != 0 {
		t.Errorf("retention with nothing reviewed draws %d bars, want none", got)
	}
	body := text(doc)
	for _, want := range []string{"Nothing was reviewed this week.", "No paper checkpoint changed stage this week.", "No card was failed this week."} {
		if !strings.Contains(body, want) {
			t.Errorf("empty page lacks %q", want)
		}
	}
}
