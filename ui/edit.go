package ui

import (
	"context"
	"errors"

	"github.com/rivo/tview"

	"loci/deck/cardedit"
)

// CardEditor edits a card in the learner's editor; *cardedit.Editor
// satisfies it. The screen is handed over to the editor while it runs.
type CardEditor interface {
	Edit(ctx context.Context, id string) (cardedit.Result, error)
}

// SetEditor enables the e key of the review and browse screens.
func (a *App) SetEditor(ed CardEditor) { a.editor = ed }

// editCard suspends the interface, runs the editor on card id, and returns
// a status line saying what happened.
func (a *App) editCard(id string) string {
	var res cardedit.Result
	err := errors.New("the screen could not be handed to the editor")
	a.tv.Suspend(func() { res, err = a.editor.Edit(a.ctx, id) })
	switch {
	case err != nil:
		return "[red]" + tview.Escape(err.Error())
	case !res.Changed:
		return "[gray]" + tview.Escape(res.ID) + " left as it was"
	case res.File != "":
		return "[gray]Saved " + tview.Escape(res.ID) + " in " + tview.Escape(res.File)
	}
	return "[gray]Saved " + tview.Escape(res.ID) + "; its history is kept"
}
