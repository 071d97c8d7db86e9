package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/store"
)

// intakePage is one step of the guided intake.
type intakePage struct {
	base
	FamilyID string
	Version  int
	Step     step
	Number   int // 1-based position of the step
	Count    int
	Heading  template.HTML
	Intro    template.HTML
	Fields   []field
	Back     string
	Members  []memberLink // the relatives step
	Add      []field      // the relatives step: the new relative
	Problems bool
}

type memberLink struct {
	ID, Name, Relationship, Path string
}

func (s *Server) intakeForm(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, st, ok := s.intakeStep(w, r, a)
	if !ok {
		return
	}
	fields := questions(s.lang(r), rec.Family, st)
	for i := range fields {
		fields[i].load()
	}
	s.renderIntake(w, r, rec, st, fields, http.StatusOK)
}

// intakeStep reads the family and the step named in the path.
func (s *Server) intakeStep(w http.ResponseWriter, r *http.Request, a store.Actor) (*store.FamilyRecord, step, bool) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return nil, step{}, false
	}
	st := step{ID: r.PathValue("step"), Member: r.PathValue("member")}
	if !slices.Contains(steps(rec.Family), st) {
		s.notFound(w, r)
		return nil, step{}, false
	}
	return rec, st, true
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, rec *store.FamilyRecord, st step, fields []field, status int) {
	s.renderIntakePage(w, r, rec, st, fields, nil, status)
}

func (s *Server) renderIntakeWith(w http.ResponseWriter, r *http.Request, rec *store.FamilyRecord, st step, add []field) {
	s.renderIntakePage(w, r, rec, st, nil, add, http.StatusUnprocessableEntity)
}

func (s *Server) renderIntakePage(w http.ResponseWriter, r *http.Request, rec *store.FamilyRecord, st step, fields, add []field, status int) {
	l := s.lang(r)
	all := steps(rec.Family)
	i := slices.Index(all, st)
	p := intakePage{base: s.base(r, "intake.title"), FamilyID: rec.ID, Version: rec.Version, Step: st,
		Number: i + 1, Count: len(all), Fields: fields, Add: add}
	name, sex := "", reunite.Sex("")
	if m := rec.Family.Member(st.Member); m != nil {
		name, sex = m.Name.Full(), m.Sex
	}
	p.Heading = l.H("step."+st.ID, "name", name, "sex", sex)
	p.Intro = l.H("step."+st.ID+".intro", "name", name, "sex", sex)
	if i > 0 {
		p.Back = all[i-1].Path(rec.ID)
	}
	for _, f := range append(fields, add...) {
		p.Problems = p.Problems || f.Problem != ""
	}
	if st.ID == "relatives" {
		for _, m := range rec.Family.Members {
			p.Members = append(p.Members, memberLink{ID: m.ID, Name: m.Name.Full(),
				Relationship: l.T("rel." + string(m.Relationship)), Path: step{"relative", m.ID}.Path(rec.ID)})
		}
		if p.Add == nil {
			p.Add = newRelativeFields(l, &reunite.Member{})
		}
	}
	s.render(w, r, status, "intake", p)
}

// intakeSave stores one step's answers as a new version of the family and
// goes on to the next step; with a problem, the step is shown again with
// the message next to its field. If an answer made a new question apply
// (a proxy marriage: was it consummated?), the same step is shown again.
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
	next := ""
	if st.ID == "relatives" {
		var fields []field
		var done bool
		next, fields, done = relativesAction(l, f, r.PostForm, rec.ID)
		if !done {
			s.renderIntakeWith(w, r, rec, st, fields)
			return
		}
	} else {
		fields := questions(l, f, st)
		if applyAll(fields, r.PostForm) || checkFamily(f, st, fields) {
			s.renderIntake(w, r, rec, st, fields, http.StatusUnprocessableEntity)
			return
		}
		for _, q := range questions(l, f, st) {
			if !slices.ContainsFunc(fields, func(a field) bool { return a.Name == q.Name }) {
				next = st.Path(rec.ID) // a question that now applies
			}
		}
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
		case r.PostForm.Get("stop") != "" || i < 0 || i+1 >= len(all):
			next = "/families/" + saved.ID
		default:
			next = all[i+1].Path(saved.ID)
		}
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
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
			if fe.Path == prefix+factPath[fields[i].Name] {
				fields[i].Problem, fields[i].Detail, bad = "form.inconsistent", fe.Problem, true
			}
		}
	}
	return bad
}

// factPath maps a form field to its path in the case file, where the
// case-file checks can name it.
var factPath = map[string]string{
	"asylum_filed": "asylum_filed", "refugee_interview": "refugee_interview", "status_date": "status_date",
	"marriage_ended": "marriage.ended", "custody": "child.custody_years", "adoption_date": "child.adoption_date",
	"child_marriage_ended": "child.marriage_ended", "child_married": "child.marriage_date",
	"a_number": "a_number",
}

// saveFamily writes a new version: staff through UpdateFamily, a client
// (the principal) through UpdateOwnFamily, which admits only their family.
func (s *Server) saveFamily(r *http.Request, a store.Actor, rec *store.FamilyRecord, f *reunite.Family) (*store.FamilyRecord, error) {
	if a.Role() == store.RoleClient {
		return s.st.UpdateOwnFamily(r.Context(), a, rec.ID, rec.Version, f)
	}
	return s.st.UpdateFamily(r.Context(), a, rec.ID, rec.Version, f)
}
