package stats

import (
	"bytes"
	"fmt"
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

// The desired-retention curve: a point per level on the minutes line, the
// recommended level and the one in force marked where they lie, and the
// sentences under it with the fixture's numbers.
func TestHTMLRetentionCurve(t *testing.T) {
	doc := parseHTML(t, Build(fixture()))
	svg := byID(doc, "curve")
	if svg == nil || svg.Data != "svg" {
		t.Fatal("no <svg id=\"curve\">")
	}
	var circles []*html.Node
	lines := map[string][]string{} // polyline class → its points
	marks := map[string]string{}   // mark name → x
	walk(svg, func(n *html.Node) {
		switch {
		case n.Data == "circle":
			circles = append(circles, n)
		case n.Data == "polyline":
			lines[attr(n, "class")] = strings.Fields(attr(n, "points"))
		case n.Data == "line" && attr(n, "class") == "mark":
			marks[attr(n, "stroke")] = attr(n, "x1")
		}
	})
	if len(circles) != 28 || len(lines["minutes"]) != 28 || len(lines["remembered"]) != 28 {
		t.Fatalf("curve has %d points, %d minutes and %d remembered vertices; want 28 each",
			len(circles), len(lines["minutes"]), len(lines["remembered"]))
	}
	// x runs from 60 (70%) to 836 (97%); minutes on a scale to 20 and
	// cards remembered on one to 1000, from y=236 up 192 pixels.
	for _, tc := range []struct {
		line string
		i    int
		want string
	}{
		{"minutes", 0, "60,150"},     // 70%: 9 min, 236 − 9/20·192
		{"minutes", 13, "434,141"},   // 83%: 9.845 min, 236 − 94.5
		{"minutes", 27, "836,115"},   // 97%: 12.645 min, 236 − 121.4
		{"remembered", 0, "60,119"},  // 70%: 608.4 cards, 236 − 116.8
		{"remembered", 27, "836,63"}, // 97%: 900 cards, 236 − 172.8
	} {
		if got := lines[tc.line][tc.i]; got != tc.want {
			t.Errorf("%s vertex %d at %s, want %s", tc.line, tc.i, got, tc.want)
		}
	}
	// x runs from 60 (70%) to 836 (97%): 83% is 13/27 of the way.
	for _, tc := range []struct {
		name, stroke, x string
	}{
		{"recommended 83%", "#1a7f37", "434"},
		{"in force 90%", "#59636e", "635"},
	} {
		if got := marks[tc.stroke]; got != tc.x {
			t.Errorf("%s marked at x=%q, want %s", tc.name, got, tc.x)
		}
		if !strings.Contains(text(svg), tc.name) {
			t.Errorf("chart lacks the label %q", tc.name)
		}
	}
	if got := attr(circles[13], "r"); got != "5" {
		t.Errorf("the recommended point has r=%s, want 5 (the others 3)", got)
	}
	if got := text(circles[13]); got != "83%: 9.8 min a day, 39.4 reviews a day, 822 cards remembered, 262.4 s per card kept" {
		t.Errorf("the 83%% point's title = %q", got)
	}
	body := text(doc)
	for _, want := range []string{
		"83% takes the least time per card kept: 9.8 min a day, 822 cards remembered, 262.4 s per card kept. In force, 90%: 11.0 min a day, 880 cards remembered, 273.6 s per card kept.",
		"Simulated Thu 26 Nov 2026 21:05, when 88% was in force, for the next 365 days from 640 studied cards (seed 7); refresh with loci optimize --retention.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// Without a saved simulation the page says in one line how to get one.
func TestHTMLNoRetentionCurve(t *testing.T) {
	in := fixture()
	in.Curve = nil
	doc := parseHTML(t, Build(in))
	if byID(doc, "curve") != nil {
		t.Error("a curve is drawn with no simulation saved")
	}
	if want := "No desired-retention curve yet: run loci optimize --retention to simulate one."; !strings.Contains(text(doc), want) {
		t.Errorf("page lacks %q", want)
	}
}

// A mark near either end of the curve names its level from the line inward;
// a level in force outside those simulated gets no mark.
func TestCurveMarkAnchors(t *testing.T) {
	for _, tc := range []struct {
		name         string
		rec, inForce float64
		want         []string // "x anchor name" of each mark
	}{
		{"at both ends", 0.70, 0.97, []string{"60 start recommended 70%", "836 end in force 97%"}},
		{"the same level", 0.90, 0.90, []string{"635 middle recommended, in force 90%"}},
		{"in force not simulated", 0.83, 0.99, []string{"434 middle recommended 83%"}},
	} {
		c := fixtureCurve()
		c.Recommended, c.InForce = tc.rec, tc.inForce
		var got []string
		for _, m := range newCurve(c).Marks {
			got = append(got, fmt.Sprintf("%d %s %s", m.X, m.Anchor, m.Text.Text))
		}
		if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
			t.Errorf("%s: marks %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCurveFacts(t *testing.T) {
	for _, tc := range []struct {
		rec, inForce float64
		want         string
	}{
		{0.83, 0.83, "83% takes the least time per card kept: 9.8 min a day, 822 cards remembered, 262.4 s per card kept; it is in force."},
		{0.83, 0.99, "83% takes the least time per card kept: 9.8 min a day, 822 cards remembered, 262.4 s per card kept. In force: 99%, outside the levels simulated."},
	} {
		c := fixtureCurve()
		c.Recommended, c.InForce = tc.rec, tc.inForce
		if got := curveFacts(c); got != tc.want {
			t.Errorf("recommended %v, in force %v:\n got %q\nwant %q", tc.rec, tc.inForce, got, tc.want)
		}
	}
}
