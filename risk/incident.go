package risk

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/reunite/reunite"
)

// IncidentKind is what happened to a relative.
type IncidentKind string

const (
	Threat       IncidentKind = "threat"
	Attack       IncidentKind = "attack"
	Detention    IncidentKind = "detention"
	Displacement IncidentKind = "displacement"
	MedicalEvent IncidentKind = "medical"
	Other        IncidentKind = "other"
)

// IncidentKinds lists the kinds in the order forms offer them.
var IncidentKinds = []IncidentKind{Threat, Attack, Detention, Displacement, MedicalEvent, Other}

// Severity of an incident, from 1 (minor) to 4 (life-threatening).
type Severity int

const (
	Minor Severity = iota + 1
	Serious
	Severe
	LifeThreatening
)

// Source corroborates an incident: a document of the family (by its id in
// the store) or an external report (a human-rights report, a news article,
// a UNHCR update) named by title, publisher, date and link.
type Source struct {
	DocumentID string       `json:"document_id,omitzero"`
	Title      string       `json:"title,omitzero"`
	Publisher  string       `json:"publisher,omitzero"`
	Date       reunite.Date `json:"date,omitzero"`
	Link       string       `json:"link,omitzero"`
}

// Incident is one entry of a relative's incident log.
type Incident struct {
	When        Approx       `json:"when"`
	Kind        IncidentKind `json:"kind"`
	Description string       `json:"description"`
	Severity    Severity     `json:"severity"`
	Sources     []Source     `json:"sources,omitzero"`
}

// MaxDescription bounds an incident's description: a short account, the
// full statement belongs in an affidavit or a document.
const MaxDescription = 2000

// Validate returns every problem of the incident, each naming its field.
func (in Incident) Validate() []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{field}, args...)...))
	}
	if in.When.IsZero() {
		bad("when", "the day is needed (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)")
	}
	switch in.Kind {
	case Threat, Attack, Detention, Displacement, MedicalEvent, Other:
	default:
		bad("kind", "%q is not a kind of incident (expected %s)", in.Kind, joinKinds(IncidentKinds))
	}
	if strings.TrimSpace(in.Description) == "" {
		bad("description", "say briefly what happened")
	} else if utf8.RuneCountInString(in.Description) > MaxDescription {
		bad("description", "longer than %d characters", MaxDescription)
	}
	if in.Severity < Minor || in.Severity > LifeThreatening {
		bad("severity", "%d is not a severity (expected 1 to 4)", in.Severity)
	}
	for i, s := range in.Sources {
		f := fmt.Sprintf("sources[%d]", i)
		if s.DocumentID == "" && strings.TrimSpace(s.Title) == "" {
			bad(f, "a source is a document of the family or a report with a title")
		}
		if s.DocumentID != "" && (s.Title != "" || s.Link != "") {
			bad(f, "a source is either a document of the family or an external report, not both")
		}
		if s.Link != "" {
			u, err := url.Parse(s.Link)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				bad(f+".link", "%q is not a web address (expected https://...)", s.Link)
			}
		}
		for name, t := range map[string]string{"title": s.Title, "publisher": s.Publisher, "link": s.Link} {
			if utf8.RuneCountInString(t) > MaxText {
				bad(f+"."+name, "longer than %d characters", MaxText)
			}
		}
	}
	return errs
}

// Documents returns the ids of the family's documents the incident cites.
func (in Incident) Documents() []string {
	var out []string
	for _, s := range in.Sources {
		if s.DocumentID != "" {
			out = append(out, s.DocumentID)
		}
	}
	return out
}
