package tracking

import (
	"time"

	"github.com/reunite/reunite"
)

// View is a relative's petition as the command line, the JSON API and the
// web pages show it: the history with corrections marked, the stage, the
// open due dates and what is next on a day.
type View struct {
	Member  string      `json:"member"`
	Stage   Stage       `json:"stage"`
	History []ViewEntry `json:"history"`
	Due     []Due       `json:"due"`
	Next    []Step      `json:"next"`
	// Error is set when the stored history no longer replays (the
	// relative's location was changed since): the history is shown, the
	// stage is not computed.
	Error string `json:"error,omitzero"`
}

// ViewEntry is one event of the history; By and At are the caller's to
// fill (who recorded it and when).
type ViewEntry struct {
	Seq         int       `json:"seq"`
	Event       Event     `json:"event"`
	CorrectedBy int       `json:"corrected_by,omitzero"`
	By          string    `json:"by,omitzero"`
	At          time.Time `json:"at,omitzero"`
}

// NewView folds the events of member (at loc) as of asOf.
func NewView(member string, loc reunite.Location, events []Event, asOf reunite.Date) View {
	v := View{Member: member, History: []ViewEntry{}, Due: []Due{}, Next: []Step{}}
	p, err := Replay(loc, events)
	if err != nil {
		v.Error = err.Error()
		for i, e := range events {
			v.History = append(v.History, ViewEntry{Seq: i + 1, Event: e})
		}
		return v
	}
	v.Stage = p.Stage
	for _, h := range p.History {
		v.History = append(v.History, ViewEntry{Seq: h.Seq, Event: h.Event, CorrectedBy: h.CorrectedBy})
	}
	v.Due = append(v.Due, p.Dues()...)
	v.Next = append(v.Next, p.Next(asOf)...)
	return v
}
