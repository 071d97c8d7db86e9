package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

// dashPage is the family dashboard: the assessment as people understand it.
type dashPage struct {
	base
	ID        string
	Version   int
	Principal string
	As        *law.Assessment
	Deadline  deadlineView
	Petitions []petitionView
	Timeline  timeline
	Eligible  int // petitions that are not ineligible: the N of "k of N"
	Staff     bool
	Invite    *invite // a fresh invitation, shown once
	Problems  []finding
	Resume    string // the intake step to continue with, "" when every question has an answer
	Missing   int    // questions not answered yet
	Unknowns  []unknownAnswer
	SameA     []sameANumber // other families of the office with the same A-Number
	Packet    bool          // the packet can be built here
	// PetitionerNotices are the policy notices about the principal (their
	// status at risk, their own requests on hold).
	PetitionerNotices []policy.Shown
	// PetitionerNoticesHTML and each petition's notices are the notices
	// as the "notice" template writes them (noticesHTML, noticeHTMLList).
	PetitionerNoticesHTML template.HTML
	After                 *afterFiling // each petition after filing (petitions.go)
	// Relatives are each relative's timeline, incidents and risk
	// (relatives.go).
	Relatives *relativesSection
	// Docs is each relative's documents checklist, by member id
	// (documents.go): "6 of 9 documents".
	Docs    map[string]packet.RelativeChecklist
	Dossier bool // the dossier can be printed here
	// Forms are the parts of the staff forms written once per language
	// (formFieldsIn).
	Forms *formFields
}

type deadlineView struct {
	Known    bool
	FileBy   reunite.Date
	DaysLeft int
	Late     bool
	Weekend  bool
}

type petitionView struct {
	ID, Name, Relationship string
	Verdict                string
	Sequence               string
	K                      int // this petition's place among those to prepare; 0 for none
	Findings               []finding
	Next                   []string
	Notices                []policy.Shown // policy notices that reach this relative today
	noticesHTML            []template.HTML
}

// NoticesHTML are the relative's notices one after the other, as the
// dashboard's template wrote them before dashPage.writeContent (for
// TestDashboardAsTemplate).
func (v petitionView) NoticesHTML() template.HTML {
	var b strings.Builder
	for _, h := range v.noticesHTML {
		b.WriteString(string(h))
	}
	return template.HTML(b.String())
}

// finding is a law finding in the page's language.
type finding struct {
	Code, Outcome, Cite, Message string
}

// familyShow assesses the family's latest version as of today, so that the
// days left and any lateness are today's, whatever day it was saved.
func (s *Server) familyShow(w http.ResponseWriter, r *http.Request, a store.Actor) {
	// The page is made of several audited reads of the family: they are
	// logged as one entry and, on SQLite, made in one transaction
	// (store.GatherReads), which render logs and ends before sending the
	// page, and the deferred call if the page fails. With
	// --durable-reads that entry commits while the page is rendered, and
	// render waits for it before sending it (store.DeferReadAudit).
	r = r.WithContext(store.GatherReads(store.DeferReadAudit(r.Context())))
	defer s.st.LogGathered(r.Context())
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if rec.Shared != nil { // a partner office: what was shared (shared_family.go)
		s.renderSharedFamily(w, r, a, rec, http.StatusOK)
		return
	}
	s.renderDashboard(w, r, a, rec, nil)
}

// invite is an invitation just made for the principal: the one-time link
// and the generated login they sign in with.
type invite struct{ Link, Login string }

func (s *Server) renderDashboard(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord, inv *invite) {
	s.renderDashboardStatus(w, r, a, rec, inv, "", http.StatusOK)
}

// renderDashboardStatus is renderDashboard with why a form of the "after
// filing" section was refused, and the answer's status. The questions the
// dashboard counts may allocate empty parts of rec.Family (answerStateIn):
// callers pass a record read for the request, and do not use it after.
func (s *Server) renderDashboardStatus(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord, inv *invite, problem string, status int) {
	b := s.base(r, "dash.title")
	// The law engine writes its messages (findings, next steps) from the
	// language's catalog; keys its translators have not reached fall back
	// to English inside the engine.
	as := law.AssessIn(rec.Family, reunite.DateOf(s.today()), s.lawMsgs[b.L.Code])
	p := dashPage{base: b, ID: rec.ID, Version: rec.Version, Principal: rec.Family.Principal.Name.Full(), As: as,
		Staff: a.Role() != store.RoleClient, Invite: inv, Packet: s.cfg.Packet != nil}
	if d := as.Deadline; d.FileBy != nil {
		p.Deadline = deadlineView{Known: true, FileBy: *d.FileBy, Weekend: d.OnWeekend}
		if d.DaysLeft != nil {
			p.Deadline.DaysLeft = *d.DaysLeft
		}
		p.Deadline.Late = d.Late != nil && *d.Late
	}
	notices := s.cfg.Notices.Match(rec.Family, as.AsOf, b.L.Code)
	p.PetitionerNotices = notices.Petitioner
	var err error
	if p.PetitionerNoticesHTML, err = noticesHTML(s.pages["dashboard"], b.L.Code, notices.Petitioner, 3); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, f := range as.Petitioner.Findings {
		if f.Outcome == law.Fail {
			p.Problems = append(p.Problems, toFinding(f))
		}
	}
	for _, pe := range as.Petitions {
		m := rec.Family.Member(pe.Member)
		v := petitionView{ID: pe.Member, Verdict: string(pe.Verdict), Next: law.Strings(pe.Next), Notices: notices.Petitions[pe.Member]}
		if m != nil {
			v.Name, v.Relationship = m.Name.Full(), string(m.Relationship)
		}
		if pe.Sequence != nil {
			// "k of N" is written from the catalog, not the engine's
			// English string: k counts the petitions to prepare so far.
			p.Eligible++
			v.K = p.Eligible
		}
		for _, f := range pe.Findings {
			v.Findings = append(v.Findings, toFinding(f))
		}
		if v.noticesHTML, err = noticeHTMLList(s.pages["dashboard"], b.L.Code, v.Notices, 5); err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Petitions = append(p.Petitions, v)
	}
	for i := range p.Petitions {
		if p.Petitions[i].K > 0 {
			p.Petitions[i].Sequence = b.L.T("dash.sequence", "k", p.Petitions[i].K, "n", p.Eligible)
		}
	}
	// The documents and the staff are read once, for the sections that
	// show them (the documents' progress, "after filing", the relatives).
	docs, err := s.st.Documents(r.Context(), a, rec.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	var staff []store.StaffMember
	if p.Staff {
		if staff, err = s.st.StaffMembers(r.Context(), a); err != nil {
			s.storeError(w, r, err)
			return
		}
	}
	after, err := s.afterFilingOf(r, a, rec, b.L, staff)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	after.Problem, p.After = problem, after
	if p.Staff {
		p.Forms = formFieldsIn(b.L)
	}
	// Once a petition is mailed, the engine's steps for preparing it are
	// done: the "after filing" section says what comes next.
	for i := range p.Petitions {
		if after.filed(p.Petitions[i].ID) {
			p.Petitions[i].Next = nil
		}
	}
	p.Docs, p.Dossier = docsProgress(rec, as, docs), s.cfg.Dossier != nil
	p.Timeline = buildTimeline(b.L, rec.Family, as, timelineMore(after)...)
	if p.Relatives, err = s.relativesWith(r, a, rec, b.L, as.AsOf, docs, staff); err != nil {
		s.storeError(w, r, err)
		return
	}
	if p.Staff {
		p.SameA = s.sameANumber(r, a, rec)
	}
	// Last: the questions may allocate empty parts of the family.
	p.Resume, p.Missing, p.Unknowns = s.answerStateOf(b.L, rec, p.Staff)
	s.render(w, r, status, "dashboard", &p) // a writtenContent (dashboard_content.go)
}

// unknownAnswer is a question answered "I don't know", for the dashboard.
type unknownAnswer struct {
	Page, Question template.HTML
	Change         string
}

// answerState counts the questions not answered yet and names those
// answered "I don't know": the two are different, and the dashboard says
// which is which. resume is the path of the intake's page to continue
// with: the first with a question that has no answer yet ("I don't know"
// is an answer), "" when there is none. The rows are those of the review
// (collectAnswers), read on a copy of f.
func answerState(l *i18n.Lang, f *reunite.Family, staff bool, id string) (resume string, missing int, unknowns []unknownAnswer) {
	return answerStateIn(l, cloneFamily(f), staff, id)
}

// answerStateIn is answerState on a family the caller gives up: the
// questions may allocate its empty parts (a marriage, an address) to bind
// to, which changes no answer but changes the family. Copying the family
// through its case file was 40% of the answers' cost on the dashboard,
// which reads its family for the request; and the review's rows (each
// answer written out) are not built, only the missing and the unknown.
// The questions are built without their words (bareQuestions), those of
// a step with an answer "I don't know" again with them, for its label.
func answerStateIn(l *i18n.Lang, f *reunite.Family, staff bool, id string) (resume string, missing int, unknowns []unknownAnswer) {
	scratch := getScratch()
	defer scratch.release()
	for _, st := range steps(f) {
		if st.ID == "relatives" {
			continue // the list of relatives: never missing or unknown (collectAnswers)
		}
		var heading template.HTML // the step's, as the review writes it; for an unknown only
		var worded []field        // the step's questions with their words; for an unknown only
		scratch.reset()           // the last step's questions are done with
		for i, fl := range bareQuestions(l, f, st, staff, scratch) {
			if fl.Kind == "" {
				continue
			}
			fl.load(f)
			switch {
			case fl.IsUnknown || fl.Value == "unknown":
				if heading == "" {
					heading = stepHeading(l, f, st, staff)
					worded = questionsFor(l, f, st, staff)
				}
				unknowns = append(unknowns, unknownAnswer{Page: heading, Question: wordedLabel(worded, i, fl.Name),
					Change: st.Path(id) + "?return=review#f-" + fl.Name})
			case !fl.answered() && fl.Required:
				if missing == 0 {
					resume = st.Path(id)
				}
				missing++
			}
		}
	}
	return resume, missing, unknowns
}

// wordedLabel is the label of the question named name, the i-th of the
// step's bare questions, among the same questions with their words: the
// same list, the words aside (qb.bare), so the i-th; by its name should
// they ever part.
func wordedLabel(worded []field, i int, name string) template.HTML {
	if i < len(worded) && worded[i].Name == name {
		return worded[i].Label
	}
	for _, w := range worded {
		if w.Name == name && w.Kind != "" {
			return w.Label
		}
	}
	return ""
}

// stepHeading is a step's heading as the review writes it
// (collectAnswers): the step's title, with the relative's name.
func stepHeading(l *i18n.Lang, f *reunite.Family, st step, staff bool) template.HTML {
	q := qb{l: l, staff: staff, who: "principal"}
	if m := f.Member(st.Member); m != nil {
		q.who, q.name = m.ID, m.Name.Full()
		if q.name == "" {
			q.name = l.T("q.this_relative")
		}
	} else if staff {
		q.name = f.Principal.Name.Full()
	}
	return q.label("step." + st.ID)
}

func toFinding(f law.Finding) finding {
	return finding{Code: string(f.Code), Outcome: string(f.Outcome), Cite: f.Cite, Message: f.Message()}
}
