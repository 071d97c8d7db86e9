package tracking

import "github.com/reunite/reunite"

// Span is a stretch of a petition's life spent in one stage: from the day
// of the event that made the stage to the day of the event that ended it
// (zero while the petition is still there).
type Span struct {
	Stage Stage
	From  reunite.Date
	To    reunite.Date
}

// Spans lists the stages the petition went through, in order, from the
// events in force (a corrected date counts, a retracted event does not).
// An event that keeps the stage (a biometrics notice) does not cut it.
func (p *Petition) Spans() []Span {
	q := &Petition{Location: p.Location, Stage: NotStarted}
	var out []Span
	for _, e := range p.Effective {
		before := q.Stage
		if err := q.apply(e); err != nil {
			break // cannot happen: p was replayed from the same entries
		}
		if q.Stage == before && len(out) > 0 {
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].To = e.Event.Date
		}
		out = append(out, Span{Stage: q.Stage, From: e.Event.Date})
	}
	return out
}

// Days is how long the span lasted; ok is false while it is still open.
func (s Span) Days() (n int, ok bool) {
	if s.To.IsZero() {
		return 0, false
	}
	return s.From.DaysUntil(s.To), true
}
