package deck

// ActionKind is what a learner did to a card that undo can take back.
type ActionKind string

// The undoable actions, as Anki's reviewer undoes them: the newest first,
// whatever its kind.
const (
	ActAnswer    ActionKind = "answer"
	ActBury      ActionKind = "bury"
	ActSuspend   ActionKind = "suspend"
	ActUnsuspend ActionKind = "unsuspend"
)

// Action is one entry of the undo journal. An answer carries its review
// (the schedule before and after); a bury or a suspension carries nothing
// else, as the card's state before it is kept by storage.
type Action struct {
	ID      int64
	Kind    ActionKind
	CardKey int64
	CardID  string
	Review  *Review // set for ActAnswer
}

// Describe says in a few words what undoing the action took back, such as
// "the good answer" or "the bury".
func (a Action) Describe() string {
	if a.Kind == ActAnswer && a.Review != nil {
		return "the " + a.Review.Rating.String() + " answer"
	}
	return "the " + string(a.Kind)
}
