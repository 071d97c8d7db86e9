package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// intakePage is one step of the guided intake.
type intakePage struct {
	base
	FamilyID string
	Version  int
	Step     step
	Progress progress
	Heading  template.HTML
	Intro    template.HTML
	Fields   []field
	Back     string
	Return   string       // "review": saving goes back to the answers' list
	Members  []memberLink // the relatives step
	Add      []field      // the relatives step: the new relative
	Confirm  *memberLink  // the relatives step: a removal to confirm
	Problems bool
}

type memberLink struct {
	ID, Name, Relationship, Path string
}

// progress says where a step is: its section (fixed in number) and its
// page within the section. Value/Max only grow as the intake goes on,
// even when a relative adds pages.
type progress struct {
	Section, Sections int
	SectionKey        string
	Page, Pages       int
	Value             string // for <progress>: sections done plus the share of this one
	Max               int
}

func progressOf(all []step, st step) progress {
	sec := st.section()
	p := progress{Sections: len(sections), Max: len(sections), SectionKey: "intake.section." + sec}
	p.Section = slices.Index(sections, sec) + 1
	for _, s := range all {
		if s.section() != sec {
			continue
		}
		p.Pages++
		if s == st {
			p.Page = p.Pages
		}
	}
	v := float64(p.Section-1) + float64(p.Page-1)/float64(max(p.Pages, 1))
	p.Value = strconv.FormatFloat(v, 'f', 3, 64)
	return p
}

// staffFor reports whether the actor fills the intake in for a principal.
func staffFor(a store.Actor) bool { return a.Role() != store.RoleClient }

func (s *Server) intakeForm(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, st, ok := s.intakeStep(w, r, a)
	if !ok {
		return
	}
	fields := questionsFor(s.lang(r), rec.Family, st, staffFor(a))
	for i := range fields {
		fields[i].load(rec.Family)
	}
	s.renderIntake(w, r, a, rec, st, fields, http.StatusOK)
}

// intakeStep reads the family and the step named in the path.
func (s *Server) intakeStep(w http.ResponseWriter, r *http.Request, a store.Actor) (*store.FamilyRecord, step, bool) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return nil, step{}, false
	}
	st := step{ID: r.PathValue("step"), Member: r.PathValue("member")}
	// A partner office reads what was shared; the intake is the family's
	// office's and the client's (store/shares.go).
	if rec.Shared != nil || !slices.Contains(steps(rec.Family), st) {
		s.notFound(w, r)
		return nil, step{}, false
	}
	return rec, st, true
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord, st step, fields []field, status int) {
	s.renderIntakePage(w, r, a, rec, st, intakePage{Fields: fields}, status)
}

func (s *Server) renderIntakePage(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord, st step, p intakePage, status int) {
	l := s.lang(r)
	all := steps(rec.Family)
	i := slices.Index(all, st)
	p.base, p.FamilyID, p.Version, p.Step = s.base(r, "intake.title"), rec.ID, rec.Version, st
	p.Progress = progressOf(all, st)
	if r.URL.Query().Get("return") == "review" || r.PostForm.Get("return") == "review" {
		p.Return = "review"
	}
	q := qb{l: l, staff: staffFor(a), who: "principal"}
	if m := rec.Family.Member(st.Member); m != nil {
		q.who, q.sex = m.ID, m.Sex
		q.name = m.Name.Full()
		if q.name == "" {
			q.name = l.T("q.this_relative")
		}
	} else if staffFor(a) {
		q.name = rec.Family.Principal.Name.Full()
	}
	p.Heading = q.label("step." + st.ID)
	if k := "step." + st.ID + ".intro"; l.Has(k) || l.Has(k+".staff") {
		p.Intro = q.label(k)
	}
	if i > 0 {
		p.Back = all[i-1].Path(rec.ID)
	}
	for _, f := range append(p.Fields, p.Add...) {
		p.Problems = p.Problems || f.Problem != ""
	}
	for i := range p.Fields {
		if f := &p.Fields[i]; f.Kind == "date" {
			f.Both = f.leftOpen(l)
		}
	}
	if st.ID == "relatives" {
		for _, m := range rec.Family.Members {
			link := memberLink{ID: m.ID, Name: m.Name.Full(),
				Relationship: l.T("rel." + string(m.Relationship)), Path: step{"relative", m.ID}.Path(rec.ID)}
			p.Members = append(p.Members, link)
			if r.URL.Query().Get("remove") == m.ID {
				p.Confirm = &link
			}
		}
		if p.Add == nil {
			p.Add = newRelativeFields(l, &reunite.Member{}, staffFor(a))
		}
	}
	s.render(w, r, status, "intake", p)
}

// intakeSave stores one step's answers as a new version of the family and
// goes on to the next step (or back to the answers' list when the change
// came from it); with a problem, the step is shown again with the message
// next to its field. If an answer made a new question apply (a proxy
// marriage: was it consummated?), the same step is shown again.
func (s *Server) intakeSave(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	rec, st, ok := s.intakeStep(w, r, a)
	if !ok {
		return
	}
	if v, err := strconv.Atoi(r.PostForm.Get("version")); err != nil || v != rec.Version {
		s.status(w, r, http.StatusConflict, "error.conflict")
		return
	}
	l := s.lang(r)
	f := rec.Family
	review := r.PostForm.Get("return") == "review"
	next := ""
	if st.ID == "relatives" {
		var fields []field
		var done bool
		next, fields, done = relativesAction(l, f, r.PostForm, rec.ID, staffFor(a))
		if done && r.PostForm.Get("remove") != "" && r.PostForm.Get("confirm") != "1" {
			http.Redirect(w, r, next, http.StatusSeeOther) // the confirmation; nothing is saved
			return
		}
		if !done {
			s.renderIntakePage(w, r, a, rec, st, intakePage{Add: fields}, http.StatusUnprocessableEntity)
			return
		}
	} else {
		fields := questionsFor(l, f, st, staffFor(a))
		if applyAll(f, fields, r.PostForm) || checkFamily(f, st, fields) {
			s.renderIntake(w, r, a, rec, st, fields, http.StatusUnprocessableEntity)
			return
		}
		for _, q := range questions(l, f, st) {
			if q.Kind != "" && !slices.ContainsFunc(fields, func(a field) bool { return a.Name == q.Name }) {
				next = st.Path(rec.ID) // a question that now applies
				if review {
					next += "?return=review"
				}
			}
		}
	}
	if st.ID == "filing" || st.ID == "principal" && f.Filing == nil {
		defaultLanguage(f, l)
	}
	tidy(f)
	saved, err := s.saveFamily(r, a, rec, f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if next == "" {
		all := steps(saved.Family)
		i := slices.Index(all, st)
		switch {
		case review:
			next = "/families/" + saved.ID + "/review#" + reviewAnchor(st)
		case r.PostForm.Get("stop") != "":
			next = "/families/" + saved.ID
		case i < 0 || i+1 >= len(all):
			next = "/families/" + saved.ID + "/review"
		default:
			next = all[i+1].Path(saved.ID)
		}
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// defaultLanguage sets the family's language, for the packet's
// instructions, to the language the intake is being done in, until
// someone chooses one on the filing page.
func defaultLanguage(f *reunite.Family, l *i18n.Lang) {
	if f.Filing == nil {
		f.Filing = &reunite.FilingFacts{}
	}
	if f.Filing.Language == "" {
		f.Filing.Language = l.Code
	}
}

// checkFamily runs the case file's checks (the contract's strict reader,
// which the store applies to every version, then the consistency checks)
// and puts each problem that concerns this step next to its field.
func checkFamily(f *reunite.Family, st step, fields []field) bool {
	var errs reunite.ValidationError
	if data, err := casefile.Encode(f); err != nil {
		errs.Add("", "%v", err)
	} else if _, err := casefile.Decode(data); err != nil {
		if ve, ok := err.(*reunite.ValidationError); ok {
			errs.Fields = append(errs.Fields, ve.Fields...)
		}
	}
	f.Validate(&errs)
	prefix := "principal."
	if st.Member != "" {
		prefix = fmt.Sprintf("family[%d].", slices.IndexFunc(f.Members, func(m reunite.Member) bool { return m.ID == st.Member }))
	}
	bad := false
	for _, fe := range errs.Fields {
		for i := range fields {
			if p, ok := factPath[fields[i].Name]; ok && fe.Path == prefix+p {
				fields[i].Problem, fields[i].Detail, bad = "form.inconsistent", fe.Problem, true
			}
		}
	}
	return bad
}

// saveFamily writes a new version: staff through UpdateFamily, a client
// (the principal) through UpdateOwnFamily, which admits only their family.
func (s *Server) saveFamily(r *http.Request, a store.Actor, rec *store.FamilyRecord, f *reunite.Family) (*store.FamilyRecord, error) {
	if a.Role() == store.RoleClient {
		return s.st.UpdateOwnFamily(r.Context(), a, rec.ID, rec.Version, f)
	}
	return s.st.UpdateFamily(r.Context(), a, rec.ID, rec.Version, f)
}
