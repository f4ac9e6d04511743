package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"loci/scheduler"
)

// Custom builds custom-study sessions; scheduler.Custom satisfies it.
type Custom interface {
	ExtendNewLimit(ctx context.Context, n int) (scheduler.NewLimit, error)
	Ahead(ctx context.Context, days int, cram bool) (*scheduler.Session, error)
	Search(ctx context.Context, query string, cram bool) (*scheduler.Session, error)
}

// customModes are the choices of the custom-study form, in Anki's order,
// with what the value field asks for.
var customModes = []struct {
	name, value, example string // example: shown greyed in the empty value field
}{
	{"More new cards today", "Extra new cards", "10"},
	{"Review ahead", "Days ahead", "3"},
	{"Study a search", "Search", "deck:Funding rated:7:1"},
	{"Cram a search (no schedule changes)", "Search", "tag:hard"},
}

// customForm is the small form the dashboard's c key opens.
type customForm struct {
	app    *App
	root   tview.Primitive
	form   *tview.Form
	mode   *tview.DropDown
	value  *tview.InputField
	status *tview.TextView
}

func newCustomForm(a *App) *customForm {
	f := &customForm{
		app:    a,
		form:   tview.NewForm(),
		mode:   tview.NewDropDown().SetLabel("Study  "),
		value:  tview.NewInputField().SetLabel("Value  ").SetFieldWidth(34),
		status: tview.NewTextView().SetDynamicColors(true).SetWrap(true),
	}
	names := make([]string, len(customModes))
	for i, m := range customModes {
		names[i] = m.name
	}
	f.mode.SetOptions(names, func(_ string, i int) {
		f.value.SetLabel(fmt.Sprintf("%-16s", customModes[i].value)).SetPlaceholder(customModes[i].example)
	})
	f.mode.SetCurrentOption(0)
	f.value.SetPlaceholderTextColor(tcell.ColorGray)
	f.form.AddFormItem(f.mode).AddFormItem(f.value).
		AddButton("Start", f.start).
		AddButton("Cancel", f.close)
	f.form.SetCancelFunc(f.close)
	f.form.SetBorder(true).SetTitle(" Custom study — Esc closes ")
	box := tview.NewFlex().SetDirection(tview.FlexRow).AddItem(f.form, 9, 0, true).AddItem(f.status, 2, 0, false)
	f.root = centered(box, 64, 11)
	return f
}

// open shows the form over the dashboard.
func (f *customForm) open() {
	f.status.SetText("")
	f.mode.SetCurrentOption(0)
	f.value.SetText("")
	f.form.SetFocus(0)
	f.app.pages.AddPage("custom", f.root, true, true)
	f.app.tv.SetFocus(f.form)
}

func (f *customForm) close() {
	f.app.pages.RemovePage("custom")
	f.app.showDashboard()
}

func (f *customForm) fail(msg string) { f.status.SetText("[red]" + tview.Escape(msg)) }

// start checks the value and starts what the form asks for.
func (f *customForm) start() {
	a := f.app
	mode, _ := f.mode.GetCurrentOption()
	v := strings.TrimSpace(f.value.GetText())
	switch mode {
	case 0, 1:
		n, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
		if err != nil || n < 1 || n > 9999 {
			f.fail(fmt.Sprintf("%s: want a number from 1, not %q", customModes[mode].value, v))
			return
		}
		if mode == 0 {
			l, err := a.custom.ExtendNewLimit(a.ctx, n)
			if err != nil {
				f.fail(err.Error())
				return
			}
			a.pages.RemovePage("custom")
			a.startReview("", false)
			a.review.status.SetText(fmt.Sprintf("[gray]Today's new-card limit: %d + %d extra, %d left", l.Setting, l.Extra, l.Left))
			return
		}
		s, err := a.custom.Ahead(a.ctx, n, false)
		if err != nil {
			f.fail(err.Error())
			return
		}
		f.run(s, fmt.Sprintf("Custom study: due in the next %d days", n))
	default:
		cram := mode == 3
		s, err := a.custom.Search(a.ctx, v, cram)
		if err != nil {
			f.fail(err.Error())
			return
		}
		title := "Custom study: " + v
		if v == "" {
			title = "Custom study: all cards"
		}
		if cram {
			title += " (cram)"
		}
		f.run(s, title)
	}
}

func (f *customForm) run(s *scheduler.Session, title string) {
	f.app.pages.RemovePage("custom")
	f.app.startSession(s, title, false)
	if len(s.Cards()) == 0 {
		f.app.review.status.SetText("[gray]No studyable cards found")
	}
}
