package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/letters"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// The documents drafted from a relative's log: the expedite letter and a
// witness's declaration, printed to PDF (or, with no Chromium, served as
// HTML to print from the browser). Their file names carry no name.

// NewLetterPrinter returns a printer for Config.Printer, started at the
// first letter (see Browser); Close it when the server stops. A server
// that builds packets gives the packets' browser instead (NewBuildersOn).
func NewLetterPrinter() *Browser { return NewBrowser() }

// expediteLetter drafts the letter asking USCIS to expedite a relative's
// petition, from the relative's log, the family's documents and the
// petition's receipt number.
func (s *Server) expediteLetter(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id, member := r.PathValue("id"), r.PathValue("member")
	rec, err := s.st.Family(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	m := rec.Family.Member(member)
	if m == nil {
		s.notFound(w, r)
		return
	}
	logs, err := s.st.RelativeLogs(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	docs, err := s.st.Documents(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	events, err := s.st.PetitionEvents(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	x := letters.Expedite{Today: reunite.DateOf(s.today()), Petitioner: rec.Family.Principal.Name.Full(),
		ANumber: rec.Family.Principal.ANumber, Beneficiary: m.Name.Full(), Relationship: string(m.Relationship),
		Level: logs.Level(member), Timeline: logs.Entries(member), Incidents: logs.IncidentLog(member),
		Documents: map[string]string{}}
	for _, d := range docs {
		x.Documents[d.ID] = d.Name
	}
	for _, e := range events[member] {
		if e.Event.Kind == tracking.ReceiptNotice {
			x.Receipt = string(e.Event.Receipt)
		}
	}
	if len(x.Incidents) == 0 {
		s.relDone(w, r, a, "expedite: the incident log of this relative is empty: record the incidents the request rests on first")
		return
	}
	html, err := letters.ExpediteHTML(x)
	s.sendLetter(w, r, "expedite-request-draft.pdf", html, err)
}

// declaration makes a witness's declaration about a relative from the
// dashboard's form. It is not stored: the signed paper is, as a document.
func (s *Server) declaration(w http.ResponseWriter, r *http.Request, a store.Actor) {
	f, ok := s.relForm(w, r)
	if !ok {
		return
	}
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	m := rec.Family.Member(r.PathValue("member"))
	if m == nil {
		s.notFound(w, r)
		return
	}
	d := letters.Declaration{Today: reunite.DateOf(s.today()), Declarant: f.Get("declarant"), Relationship: f.Get("relationship"),
		About: m.Name.Full(), Petitioner: rec.Family.Principal.Name.Full(), ANumber: rec.Family.Principal.ANumber,
		Address: f.Get("address"), Language: f.Get("language"), LangCode: f.Get("lang_code"), Translator: f.Get("translator")}
	fact := letters.Fact{Place: f.Get("place"), English: f.Get("saw"), Original: f.Get("original")}
	problem := parseApprox(f.Get("when"), "when", &fact.When)
	d.Facts = []letters.Fact{fact}
	if errs := d.Validate(); problem == "" && errs != nil {
		problem = errors.Join(errs...).Error()
	}
	if problem != "" {
		s.relDone(w, r, a, strings.ReplaceAll(problem, "\n", "; "))
		return
	}
	html, err := letters.DeclarationHTML(d)
	s.sendLetter(w, r, "declaration.pdf", html, err)
}

// sendLetter prints a letter's HTML and sends the PDF, or, with no
// printer, sends the HTML for the browser to print.
func (s *Server) sendLetter(w http.ResponseWriter, r *http.Request, name, html string, err error) {
	var pdf []byte
	if err == nil && s.cfg.Printer != nil {
		pdf, err = letters.Print(r.Context(), s.cfg.Printer, html)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if pdf == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(pdf)
}
