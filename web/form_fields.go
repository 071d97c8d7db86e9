package web

import (
	"embed"
	"html/template"
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
	EventFields    template.HTML // dashboard.html, "record an event": from the kind to the button
	EntryFields    template.HTML // partials/relatives.html, a timeline entry: from the kind to the button
	IncidentFields template.HTML // an incident: from the kind to the documents' legend
	IncidentRest   template.HTML // an incident: from the upload to the button
	RiskFields     template.HTML // a risk level: from the level to the button
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
		IncidentFields: write("incident_fields"), IncidentRest: write("incident_rest"), RiskFields: write("risk_fields")}
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
