package web

import (
	"embed"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/tracking"
)

// Most of the dashboard's staff forms (recording an event; a relative's
// timeline entry, incident and risk level) is the same on every dashboard
// in a language: labels, help and the options of their lists. Those parts
// are templates of their own (templates/forms/fields.html), written once
// per language and shown as HTML, as the country list already was: the
// template executed some 60 labels and 50 options on each page. They are
// executed by html/template in the context they had in the page (between
// elements), so their escaping is the page's.

//go:embed templates/forms/fields.html
var formFieldsFile embed.FS

var formFieldsTmpl = template.Must(template.ParseFS(formFieldsFile, "templates/forms/fields.html"))

// formFields are a language's parts of the forms, by where they go.
type formFields struct {
	EventFields    template.HTML // the dashboard's "record an event" (dashboard_content.go): from the kind to the button
	EntryFields    template.HTML // the relatives' forms (relatives_html.go), a timeline entry: from the kind to the button
	IncidentFields template.HTML // an incident: from the kind to the documents' legend
	IncidentRest   template.HTML // an incident: from the upload to the button
	RiskFields     template.HTML // a risk level: from the level to the button

	// declParts are a declaration's fields (under its form's tag, to the
	// button) cut where the relative's id goes (at memberMark); declOK
	// says that writing an id between them writes what the template
	// writes.
	declParts []string
	declOK    bool
	l         *i18n.Lang
}

// memberMark stands for a relative's id in the declaration's fields, where
// declParts are cut: letters and digits, which html/template writes as
// they are, and found in no catalog (checked).
const memberMark = "m7q2member0x9k"

// plainID is an id that html/template writes as it is in an attribute
// (the fields' ids and labels' for): letters, digits, '-' and '_'.
var plainID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// declData is what a declaration's fields are written from.
type declData struct {
	L      *i18n.Lang
	Member string
}

// declaration returns the fields of the declaration form of a relative:
// the fields are the same for every relative but for the relative's id in
// their ids, 20 times, with 12 labels, once per relative on every staff
// dashboard. For a plain id they are written from the cut copy when the
// page is written (declFields.write); an id that is not plain is written
// by the template, now.
func (f *formFields) declaration(member string) (declFields, error) {
	if f.declOK && plainID.MatchString(member) {
		return declFields{parts: f.declParts, member: member}, nil
	}
	var b strings.Builder
	if err := formFieldsTmpl.ExecuteTemplate(&b, "declaration_fields", declData{f.l, member}); err != nil {
		return declFields{}, err
	}
	return declFields{html: b.String()}, nil
}

// declFields are a relative's declaration fields, as declaration chose to
// write them: the cut copy with the id between its parts, or the
// template's output. Each relative's fields were a copy of the whole (a
// strings.ReplaceAll), some 2.5 KB per relative on every staff dashboard,
// made only to be written into the page.
type declFields struct {
	parts  []string // the cut copy, the id between each two
	member string
	html   string // the template's output, when parts is nil
}

// write writes the fields into the page.
func (d declFields) write(b htmlWriter) {
	if d.parts == nil {
		b.WriteString(d.html)
		return
	}
	for i, p := range d.parts {
		if i > 0 {
			b.WriteString(d.member) // plain (plainID): written as html/template writes it
		}
		b.WriteString(p)
	}
}

// size is the fields' bytes.
func (d declFields) size() int {
	n := len(d.html) + len(d.member)*max(len(d.parts)-1, 0)
	for _, p := range d.parts {
		n += len(p)
	}
	return n
}

// formFieldsData is what the parts are written from.
type formFieldsData struct {
	L                                                                   *i18n.Lang
	EventKinds, EntryKinds, Statuses, IncidentKinds, Levels, Severities []trkOption
	Countries                                                           template.HTML
}

// formFieldsByLang holds each language's formFields, by its code: the
// catalogs are the binary's own, the same for every server.
var formFieldsByLang sync.Map

// formFieldsIn returns the forms' parts in l's words.
func formFieldsIn(l *i18n.Lang) *formFields {
	if f, ok := formFieldsByLang.Load(l.Code); ok {
		return f.(*formFields)
	}
	opts := func(prefix string, values []string) []trkOption {
		out := make([]trkOption, len(values))
		for i, v := range values {
			out[i] = trkOption{v, l.T(prefix + v)}
		}
		return out
	}
	var sev []string
	for n := risk.Minor; n <= risk.LifeThreatening; n++ {
		sev = append(sev, strconv.Itoa(int(n)))
	}
	d := formFieldsData{L: l, Countries: countryOptions(),
		EventKinds:    opts("trk.kind.", strs(tracking.Kinds)),
		EntryKinds:    opts("rsk.kind.", strs(risk.EntryKinds)),
		Statuses:      opts("rsk.status.", strs(risk.StatusKinds)),
		IncidentKinds: opts("rsk.inc.", strs(risk.IncidentKinds)),
		Levels:        opts("rsk.level.", strs(risk.Levels)),
		Severities:    opts("rsk.sev.", sev),
	}
	write := func(name string) template.HTML {
		var b strings.Builder
		if err := formFieldsTmpl.ExecuteTemplate(&b, name, d); err != nil {
			panic(err) // templates checked by every test that shows a dashboard
		}
		return template.HTML(b.String())
	}
	f := &formFields{EventFields: write("event_fields"), EntryFields: write("entry_fields"),
		IncidentFields: write("incident_fields"), IncidentRest: write("incident_rest"), RiskFields: write("risk_fields"), l: l}
	var mark, probe strings.Builder
	errMark := formFieldsTmpl.ExecuteTemplate(&mark, "declaration_fields", declData{l, memberMark})
	errProbe := formFieldsTmpl.ExecuteTemplate(&probe, "declaration_fields", declData{l, "Son_2-b"})
	f.declParts = strings.Split(mark.String(), memberMark)
	// The mark must stand exactly where the id goes: a catalog's words
	// that held it would be changed too.
	f.declOK = errMark == nil && errProbe == nil && strings.Join(f.declParts, "Son_2-b") == probe.String()
	got, _ := formFieldsByLang.LoadOrStore(l.Code, f)
	return got.(*formFields)
}

// strs is a list of string kinds as strings.
func strs[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}
