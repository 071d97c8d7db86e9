package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
)

// The dashboard's "relatives abroad" section: for each relative, the risk
// level and its history, the warnings and proposed next steps (package
// risk), the timeline drawn and listed, and the incident log with its
// sources; for staff, the forms that add to them (relatives_forms.go) and
// the expedite letter and declarations (relatives_letters.go).

type relativesSection struct {
	Relatives []relView
	Staff     bool
	Write     bool   // the forms: the family's staff, or a partner's write share
	Letters   bool   // the expedite draft and declarations: the family's staff only
	Problem   string // why the last form was refused

	// Forms are the parts of the forms written once per language
	// (formFieldsIn).
	Forms     *formFields
	Documents []store.Document
}

// countryOptions writes the options of the country list once: the list is
// the same on every page (English names) and executing its 250 options was
// a large share of rendering the dashboard. The snippet is executed by
// html/template, so its escaping is the page's.
var countryOptions = sync.OnceValue(func() template.HTML {
	t := template.Must(template.New("").Parse(`{{range .}}<option value="{{.Code}}">{{.Name}}</option>{{end}}`))
	var b strings.Builder
	if err := t.Execute(&b, reunite.Countries()); err != nil {
		panic(err) // a constant template and list
	}
	return template.HTML(b.String())
})

type relView struct {
	Member, Name string
	Level        string // the level's code, "" when none was set
	LevelLabel   string
	History      []relChange
	Warnings     []string
	Steps        []string
	Drawing      timeline
	// DeclFields are the fields of the relative's declaration form, for
	// the family's staff (formFields.declaration).
	DeclFields declFields
	Entries    []relLine
	Incidents  []relIncident
}

type relChange struct {
	Day    reunite.Date
	Level  string
	Reason string
	Raised bool
}

type relLine struct {
	When reunite.Date
	Day  string // as known: a day, a month or a year
	Text string
}

type relIncident struct {
	relLine
	Kind        string
	Severity    string
	Description string
	Sources     []relSource
	By          string
}

type relSource struct {
	Document string // the document's name, for a document of the family
	DocID    string
	Report   string // title, publisher, date of a report
	Link     string
}

// relProblemKey carries a refused form's reason to the section.
type relProblemKey struct{}

// approxText writes a day as precisely as it is known, in the page's
// language: a day, "March 2025" or "2025".
func approxText(l *i18n.Lang, a risk.Approx) string {
	switch {
	case a.IsZero():
		return l.T("date.unknown")
	case !a.Partial():
		return l.Date(a.First())
	case a.First().Month() == a.Last().Month():
		return l.T("month."+strconv.Itoa(int(a.First().Month()))) + " " + strconv.Itoa(a.First().Year())
	}
	return strconv.Itoa(a.First().Year())
}

// relativesOf builds the section for a family as of today.
func (s *Server) relativesOf(r *http.Request, a store.Actor, rec *store.FamilyRecord, l *i18n.Lang, today reunite.Date) (*relativesSection, error) {
	// A partner lists the documents for the relatives shared only.
	docs, err := s.st.Documents(r.Context(), a, rec.ID)
	if err != nil {
		return nil, err
	}
	var staff []store.StaffMember
	if a.Role() != store.RoleClient {
		if staff, err = s.st.StaffMembers(r.Context(), a); err != nil {
			return nil, err
		}
	}
	return s.relativesWith(r, a, rec, l, today, docs, staff)
}

// relativesWith is relativesOf with the family's documents and the
// office's staff already read (the dashboard shows them elsewhere too).
func (s *Server) relativesWith(r *http.Request, a store.Actor, rec *store.FamilyRecord, l *i18n.Lang, today reunite.Date,
	docs []store.Document, staff []store.StaffMember) (*relativesSection, error) {
	logs, err := s.st.RelativeLogs(r.Context(), a, rec.ID)
	if err != nil {
		return nil, err
	}
	sec := &relativesSection{Staff: a.Role() != store.RoleClient}
	sec.Letters = sec.Staff && rec.Shared == nil
	sec.Write = sec.Letters || (sec.Staff && rec.Shared.Write)
	sec.Problem, _ = r.Context().Value(relProblemKey{}).(string)
	docNames := map[string]string{}
	for _, d := range docs {
		docNames[d.ID] = d.Name
	}
	names := map[string]string{}
	if sec.Staff {
		sec.Documents = docs
		for _, m := range staff {
			names[m.ID] = m.Name
		}
		sec.fillChoices(l)
	}
	// A relView is large: the list is allocated once, not grown.
	sec.Relatives = make([]relView, 0, len(rec.Family.Members))
	for _, m := range rec.Family.Members {
		v := relView{Member: m.ID, Name: m.Name.Full(), Level: string(logs.Level(m.ID))}
		if v.Name == "" {
			v.Name = m.ID
		}
		v.LevelLabel = l.T("rsk.level." + orNone(v.Level))
		var draw []tlMore
		for _, c := range logs.Risk[m.ID] {
			v.History = append(v.History, relChange{Day: c.Day, Level: l.T("rsk.level." + string(c.Level)), Reason: c.Reason, Raised: c.Raised})
			draw = append(draw, tlMore{Date: c.Day, Label: l.T("rsk.level_is", "level", l.T("rsk.level."+string(c.Level))), Cutoff: c.Level.Urgent()})
		}
		entries := logs.Entries(m.ID)
		for _, e := range risk.Sorted(entries) {
			line := relLine{When: e.When.First(), Day: approxText(l, e.When), Text: entryText(l, e)}
			v.Entries = append(v.Entries, line)
			draw = append(draw, tlMore{Date: line.When, When: partialDay(l, e.When), Label: line.Text})
		}
		for _, in := range logs.Incidents[m.ID] {
			ri := relIncident{relLine: relLine{When: in.Incident.When.First(), Day: approxText(l, in.Incident.When)},
				Kind: l.T("rsk.inc." + string(in.Incident.Kind)), Description: in.Incident.Description,
				Severity: l.T("rsk.sev." + strconv.Itoa(int(in.Incident.Severity))), By: names[in.CreatedBy]}
			for _, src := range in.Incident.Sources {
				if src.DocumentID != "" {
					ri.Sources = append(ri.Sources, relSource{Document: orID(docNames[src.DocumentID], src.DocumentID), DocID: src.DocumentID})
					continue
				}
				rep := src.Title
				if src.Publisher != "" {
					rep += ", " + src.Publisher
				}
				if !src.Date.IsZero() {
					rep += ", " + l.Date(src.Date)
				}
				ri.Sources = append(ri.Sources, relSource{Report: rep, Link: src.Link})
			}
			v.Incidents = append(v.Incidents, ri)
			draw = append(draw, tlMore{Date: ri.When, When: partialDay(l, in.Incident.When),
				Label: ri.Kind + ": " + ri.Description, Cutoff: in.Incident.Severity >= risk.Severe})
		}
		warnings := risk.Warnings(entries, today, s.riskRules())
		for _, w := range warnings {
			v.Warnings = append(v.Warnings, l.T("rsk.warn."+string(w.Kind), "n", w.Days, "date", l.Date(w.Day)))
		}
		for _, st := range risk.NextSteps(logs.Level(m.ID), entries, logs.IncidentLog(m.ID), warnings) {
			v.Steps = append(v.Steps, l.T("rsk.step."+string(st.Kind), "n", len(st.Incidents)))
		}
		if len(draw) > 0 {
			v.Drawing = layoutTimeline(l, today, draw)
		}
		if sec.Letters {
			if v.DeclFields, err = sec.Forms.declaration(v.Member); err != nil {
				return nil, err
			}
		}
		sec.Relatives = append(sec.Relatives, v)
	}
	return sec, nil
}

// riskRules are the server's settings for the warnings.
func (s *Server) riskRules() risk.Rules {
	if s.cfg.Risk == (risk.Rules{}) {
		return risk.DefaultRules
	}
	return s.cfg.Risk
}

func (sec *relativesSection) fillChoices(l *i18n.Lang) {
	sec.Forms = formFieldsIn(l)
}

// entryText says what a timeline entry records, in the page's language;
// places and notes are the team's words, as typed.
func entryText(l *i18n.Lang, e risk.Entry) string {
	text := l.T("rsk.kind." + string(e.Kind))
	add := func(s string) {
		if s != "" {
			text += ": " + s
		}
	}
	country, _ := reunite.CountryName(e.Country)
	switch e.Kind {
	case risk.Location:
		place := e.Place
		if e.Camp && place != "" {
			place = l.T("rsk.camp_named", "name", place)
		}
		add(joinNonEmpty(", ", place, country))
	case risk.Status:
		st := l.T("rsk.status." + string(e.Status))
		if country != "" {
			st += " (" + country + ")"
		}
		if !e.Expires.IsZero() {
			st += ", " + l.T("rsk.until", "date", l.Date(e.Expires))
		}
		add(st)
	case risk.Custody:
		add(e.Custodian)
	}
	if e.Note != "" {
		text += " — " + e.Note
	}
	return text
}

// partialDay is a day to show instead of the first day of a month or a
// year, which was never said; "" for a known day.
func partialDay(l *i18n.Lang, a risk.Approx) string {
	if a.Partial() {
		return approxText(l, a)
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orID(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

// withRelProblem returns a request whose dashboard shows why a form of the
// section was refused.
func withRelProblem(r *http.Request, problem string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), relProblemKey{}, problem))
}
