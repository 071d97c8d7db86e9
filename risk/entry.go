package risk

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/reunite/reunite"
)

// EntryKind is what a timeline entry records.
type EntryKind string

const (
	Location EntryKind = "location" // where the relative is: country, city or camp
	Status   EntryKind = "status"   // their status in that country, and its expiry
	Custody  EntryKind = "custody"  // who has custody or guardianship (of a child)
	Medical  EntryKind = "medical"  // medical needs
	Contact  EntryKind = "contact"  // the team heard from them (and how)
)

// EntryKinds lists the kinds in the order forms offer them.
var EntryKinds = []EntryKind{Location, Status, Custody, Medical, Contact}

// StatusKind is a relative's status in the country where they are.
type StatusKind string

const (
	Visa                StatusKind = "visa"
	RefugeeRegistration StatusKind = "refugee_registration"
	NoStatus            StatusKind = "none"
	AsylumSeeker        StatusKind = "asylum_seeker"
)

// StatusKinds lists the statuses in the order forms offer them.
var StatusKinds = []StatusKind{Visa, RefugeeRegistration, AsylumSeeker, NoStatus}

// Entry is one dated fact of a relative's timeline. Which fields matter
// depends on Kind; Note is free text for any kind.
type Entry struct {
	Kind      EntryKind    `json:"kind"`
	When      Approx       `json:"when"`
	Country   string       `json:"country,omitzero"` // location, status
	Place     string       `json:"place,omitzero"`   // location: a city or a camp
	Camp      bool         `json:"camp,omitzero"`    // location: Place is a camp
	Status    StatusKind   `json:"status,omitzero"`  // status
	Expires   reunite.Date `json:"expires,omitzero"` // status: when it ends, if it does
	Custodian string       `json:"custodian,omitzero"`
	Note      string       `json:"note,omitzero"`
}

// MaxText bounds every free text, as the case file does.
const MaxText = 5000

// Validate returns every problem of the entry, each naming its field.
func (e Entry) Validate() []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{field}, args...)...))
	}
	switch e.Kind {
	case Location, Status, Custody, Medical, Contact:
	default:
		bad("kind", "%q is not a kind of entry (expected %s)", e.Kind, joinKinds(EntryKinds))
	}
	if e.When.IsZero() {
		bad("when", "the day is needed (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)")
	}
	checkText := func(field, s string) {
		if utf8.RuneCountInString(s) > MaxText {
			bad(field, "longer than %d characters", MaxText)
		}
	}
	for f, s := range map[string]string{"country": e.Country, "place": e.Place, "custodian": e.Custodian, "note": e.Note} {
		checkText(f, s)
	}
	if _, ok := reunite.CountryName(e.Country); e.Country != "" && !ok {
		bad("country", "%q is not a country code (expected ISO 3166-1 alpha-2, such as AF)", e.Country)
	}
	switch e.Kind {
	case Location:
		if strings.TrimSpace(e.Country) == "" {
			bad("country", "a location needs the country")
		}
	case Status:
		switch e.Status {
		case Visa, RefugeeRegistration, AsylumSeeker, NoStatus:
		default:
			bad("status", "%q is not a status (expected %s)", e.Status, joinKinds(StatusKinds))
		}
		if e.Status == NoStatus && !e.Expires.IsZero() {
			bad("expires", "no status has no expiry")
		}
		if !e.Expires.IsZero() && !e.When.IsZero() && e.Expires.Before(e.When.First()) {
			bad("expires", "%s is before the entry's day %s", e.Expires, e.When)
		}
	case Custody:
		if strings.TrimSpace(e.Custodian) == "" {
			bad("custodian", "a custody entry names who has custody or guardianship")
		}
	case Medical, Contact:
		if e.Kind == Medical && strings.TrimSpace(e.Note) == "" {
			bad("note", "a medical entry says what the needs are")
		}
	}
	return errs
}

func joinKinds[K ~string](ks []K) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
