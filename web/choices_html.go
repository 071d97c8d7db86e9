package web

import (
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/tracking"
)

// The <option>s of the dashboard's staff forms (an event's kind, a
// timeline entry's kind, a status, an incident's kind and severity, a risk
// level) are the same on every dashboard in a language: they are written
// once per catalog, as countryOptions is, instead of 40 options executed
// by the template on each page. optionsTmpl is what the forms' templates
// had inline, executed by html/template: its escaping is the page's.
var optionsTmpl = template.Must(template.New("options").Parse(`{{range .}}<option value="{{.Value}}">{{.Label}}</option>{{end}}`))

// formChoices are a language's options, each list as HTML.
type formChoices struct {
	EventKinds, EntryKinds, Statuses, IncidentKinds, Levels, Severities template.HTML
}

// choicesByLang holds each catalog's formChoices, by its *i18n.Lang (the
// catalogs are loaded once, a few dozen).
var choicesByLang sync.Map

// choicesIn returns the forms' options in l's words.
func choicesIn(l *i18n.Lang) *formChoices {
	if c, ok := choicesByLang.Load(l); ok {
		return c.(*formChoices)
	}
	opts := func(prefix string, values []string) template.HTML {
		list := make([]trkOption, len(values))
		for i, v := range values {
			list[i] = trkOption{v, l.T(prefix + v)}
		}
		var b strings.Builder
		if err := optionsTmpl.Execute(&b, list); err != nil {
			panic(err) // a constant template over strings
		}
		return template.HTML(b.String())
	}
	var sev []string
	for n := risk.Minor; n <= risk.LifeThreatening; n++ {
		sev = append(sev, strconv.Itoa(int(n)))
	}
	c := &formChoices{
		EventKinds:    opts("trk.kind.", strs(tracking.Kinds)),
		EntryKinds:    opts("rsk.kind.", strs(risk.EntryKinds)),
		Statuses:      opts("rsk.status.", strs(risk.StatusKinds)),
		IncidentKinds: opts("rsk.inc.", strs(risk.IncidentKinds)),
		Levels:        opts("rsk.level.", strs(risk.Levels)),
		Severities:    opts("rsk.sev.", sev),
	}
	got, _ := choicesByLang.LoadOrStore(l, c)
	return got.(*formChoices)
}

// strs is a list of string kinds as strings.
func strs[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}
