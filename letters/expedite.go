package letters

import (
	"context"
	"fmt"
	"slices"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/risk"
)

// Expedite is what the expedite letter is drawn from: the family, the
// relative's log and the documents the incidents cite. Missing facts stay
// blank in the letter for the signer to fill.
type Expedite struct {
	Today        reunite.Date
	Petitioner   string
	ANumber      string
	Beneficiary  string
	Relationship string // "spouse", "child"
	Receipt      string // the petition's receipt number, "" when not known yet
	Level        risk.Level
	Timeline     []risk.Entry
	Incidents    []risk.Incident
	// Documents names the family's documents by id, for the incidents'
	// sources; a cited document becomes an exhibit.
	Documents map[string]string
}

// Exhibit is a document of the family the letter encloses.
type Exhibit struct {
	N    int
	ID   string
	Name string
}

// cited is an incident with its exhibits and reports, as the letter lists it.
type cited struct {
	risk.Incident
	Exhibits []Exhibit
	Reports  []risk.Source
}

// expediteView is what the template receives.
type expediteView struct {
	Expedite
	Criterion risk.Criterion
	Guidance  risk.ExpediteCriteria
	Location  *risk.Entry
	Status    *risk.Entry
	Custody   *risk.Entry
	Medical   []risk.Entry
	LastHeard reunite.Date
	Cited     []cited
	Exhibits  []Exhibit
	Approx    bool // some day is only approximately known
}

// ErrNoIncident is returned for a letter with nothing to rest on.
var ErrNoIncident = fmt.Errorf("letters: an expedite request rests on the incident log, which is empty")

func (x Expedite) view() (expediteView, error) {
	if len(x.Incidents) == 0 {
		return expediteView{}, ErrNoIncident
	}
	c, ok := risk.Expedite.Find(risk.Humanitarian)
	if !ok {
		return expediteView{}, fmt.Errorf("letters: no %s criterion in the expedite table", risk.Humanitarian)
	}
	v := expediteView{Expedite: x, Criterion: c, Guidance: risk.Expedite}
	pick := func(k risk.EntryKind) *risk.Entry {
		if e, ok := risk.Current(x.Timeline, k); ok {
			v.Approx = v.Approx || e.When.Partial()
			return &e
		}
		return nil
	}
	v.Location, v.Status, v.Custody = pick(risk.Location), pick(risk.Status), pick(risk.Custody)
	for _, e := range risk.Sorted(x.Timeline) {
		if e.Kind == risk.Medical {
			v.Medical = append(v.Medical, e)
		}
	}
	v.LastHeard, _ = risk.LastHeard(x.Timeline)
	numbers := map[string]int{}
	log := slices.Clone(x.Incidents)
	slices.SortStableFunc(log, func(a, b risk.Incident) int { return a.When.Compare(b.When) })
	for _, in := range log {
		v.Approx = v.Approx || in.When.Partial()
		ci := cited{Incident: in}
		for _, s := range in.Sources {
			if s.DocumentID == "" {
				ci.Reports = append(ci.Reports, s)
				continue
			}
			n, ok := numbers[s.DocumentID]
			if !ok {
				n = len(v.Exhibits) + 1
				numbers[s.DocumentID] = n
				name := x.Documents[s.DocumentID]
				if name == "" {
					name = "[document " + s.DocumentID + "]"
				}
				v.Exhibits = append(v.Exhibits, Exhibit{N: n, ID: s.DocumentID, Name: name})
			}
			ci.Exhibits = append(ci.Exhibits, v.Exhibits[n-1])
		}
		v.Cited = append(v.Cited, ci)
	}
	return v, nil
}

// ExpediteHTML writes the draft letter as HTML.
func ExpediteHTML(x Expedite) (string, error) {
	v, err := x.view()
	if err != nil {
		return "", err
	}
	return HTML("expedite", v)
}

// ExpeditePDF prints the draft letter.
func ExpeditePDF(ctx context.Context, p Printer, x Expedite) ([]byte, error) {
	html, err := ExpediteHTML(x)
	if err != nil {
		return nil, err
	}
	return Print(ctx, p, html)
}
