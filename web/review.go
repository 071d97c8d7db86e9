package web

import (
	"html/template"
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// The answers' list ("check your answers"): every answer of the family,
// page by page, each with a link that opens its page and comes back here
// after saving. Shown at the end of the intake and from the dashboard.

type reviewPage struct {
	base
	ID        string
	Principal string
	Sections  []reviewSection
	Missing   int
}

// reviewSection is the answers of one page of the intake.
type reviewSection struct {
	Anchor  string
	Heading template.HTML
	Change  string
	Rows    []reviewRow
	step    step // the intake's page of these answers
}

type reviewRow struct {
	Group    template.HTML
	Label    template.HTML
	Answer   string
	Unknown  bool // answered "I don't know"
	Missing  bool // a question that needs an answer and has none
	Optional bool // left empty, and it may stay so
	Change   string
}

func reviewAnchor(st step) string {
	if st.Member != "" {
		return "a-" + st.ID + "-" + st.Member
	}
	return "a-" + st.ID
}

func (s *Server) review(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	b := s.base(r, "review.title")
	p := reviewPage{base: b, ID: rec.ID, Principal: rec.Family.Principal.Name.Full()}
	p.Sections = collectAnswers(b.L, rec.Family, staffFor(a), rec.ID)
	for _, sec := range p.Sections {
		for _, row := range sec.Rows {
			if row.Missing {
				p.Missing++
			}
		}
	}
	s.render(w, r, http.StatusOK, "review", p)
}

// collectAnswers reads every page's answers in the language l.
func collectAnswers(l *i18n.Lang, f *reunite.Family, staff bool, id string) []reviewSection {
	probe := cloneFamily(f)
	var out []reviewSection
	for _, st := range steps(probe) {
		q := qb{l: l, staff: staff, who: "principal"}
		if m := probe.Member(st.Member); m != nil {
			q.who = m.ID
			q.name = m.Name.Full()
			if q.name == "" {
				q.name = l.T("q.this_relative")
			}
		} else if staff {
			q.name = probe.Principal.Name.Full()
		}
		sec := reviewSection{Anchor: reviewAnchor(st), Heading: q.label("step." + st.ID),
			Change: st.Path(id) + "?return=review", step: st}
		if st.ID == "relatives" {
			for _, m := range probe.Members {
				sec.Rows = append(sec.Rows, reviewRow{Label: l.H("rel." + string(m.Relationship)), Answer: m.Name.Full(),
					Change: step{"relative", m.ID}.Path(id) + "?return=review"})
			}
			if len(probe.Members) == 0 {
				sec.Rows = append(sec.Rows, reviewRow{Label: l.H("intake.no_relatives"), Optional: true})
			}
			out = append(out, sec)
			continue
		}
		for _, fl := range questionsFor(l, probe, st, staff) {
			if fl.Kind == "" {
				continue
			}
			fl.load(probe)
			row := reviewRow{Group: fl.Group, Label: fl.Label, Answer: answerText(l, fl),
				Change: st.Path(id) + "?return=review#f-" + fl.Name}
			switch {
			case fl.IsUnknown || fl.Value == "unknown":
				row.Unknown, row.Answer = true, l.T("form.unknown")
			case !fl.answered() && fl.Required:
				row.Missing, row.Answer = true, l.T("review.missing")
			case !fl.answered():
				row.Optional, row.Answer = true, l.T("review.empty")
			}
			sec.Rows = append(sec.Rows, row)
		}
		out = append(out, sec)
	}
	return out
}

// answerText writes an answer as the person chose it.
func answerText(l *i18n.Lang, f field) string {
	switch f.Kind {
	case "date":
		return f.dateText(l)
	case "choice", "yesno", "select":
		for _, c := range f.Choices {
			if c.Value == f.Value {
				return c.Label
			}
		}
		return ""
	}
	return f.Value
}
