package policy

import "github.com/reunite/reunite"

// Format is the format tag of a notice file.
const Format = "reunite.notices/v1"

// Confidence says how sure we are of what a notice states about a family.
type Confidence string

const (
	// Confirmed: the primary text (order, Federal Register, agency page)
	// was seen and says it.
	Confirmed Confidence = "confirmed"
	// Reported: secondary sources (law firms, NGOs, news, a tracker) say it,
	// and agree.
	Reported Confidence = "reported"
	// Unconfirmed: inferred, or the part that reaches this family is not
	// stated anywhere we found.
	Unconfirmed Confidence = "unconfirmed"
)

// Stage is where a petition stands. The case file alone can only tell
// before filing from filed (see StageOf); the later stages come with
// tracking.
type Stage string

const (
	BeforeFiling   Stage = "before_filing"
	Pending        Stage = "pending"
	Approved       Stage = "approved"
	AwaitingTravel Stage = "awaiting_travel"
)

var stages = []Stage{BeforeFiling, Pending, Approved, AwaitingTravel}

// Scope says whom a match reaches: one relative's petition, or the
// principal (the petitioner) in their own right.
type Scope string

const (
	PetitionScope   Scope = "petition"
	PetitionerScope Scope = "petitioner"
)

// Set is a notice file once read: its version and its notices.
type Set struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Checked is the day the notices were last checked against their
	// sources, unless a notice says otherwise.
	Checked reunite.Date `json:"checked"`
	// Lists are named country lists that matches refer to as "list:NAME".
	Lists   map[string][]string `json:"lists,omitzero"`
	Notices []Notice            `json:"notices"`
	// Origin names where the set was read from (the embedded file, an
	// office's file); not part of the file.
	Origin string `json:"-"`
	// SHA256 is the hex SHA-256 of the file as read, for the audit log.
	SHA256 string `json:"-"`
}

// Notice is one change of policy.
type Notice struct {
	ID string `json:"id"`
	// Title and Text are keyed by language ("en" required); NeedsReview
	// lists the languages whose wording is a draft a native speaker must
	// still check.
	Title       map[string]string `json:"title"`
	Text        map[string]string `json:"text"`
	NeedsReview []string          `json:"needs_review,omitzero"`
	Effective   reunite.Date      `json:"effective"`
	// Approximate marks an effective day known only roughly.
	Approximate bool `json:"approximate,omitzero"`
	// End is the last day the notice was in force; zero while it is.
	// ApproximateEnd marks an end known only roughly.
	End            reunite.Date `json:"end,omitzero"`
	ApproximateEnd bool         `json:"approximate_end,omitzero"`
	Confidence     Confidence   `json:"confidence"`
	// Mark is the research notes' own mark (P, S, S+, T, ?), kept as found.
	Mark    string       `json:"mark,omitzero"`
	Checked reunite.Date `json:"checked,omitzero"`
	Sources []Source     `json:"sources"`
	// Tie names the part of Reunite a notice feeds besides the lists of
	// notices: "signature" (packet checklist), "sex" (form sex items),
	// "social_media" (case-file facts), "rfe" (tracking).
	Tie   string  `json:"tie,omitzero"`
	Match []Match `json:"match"`
}

// Source is an instrument or publication a notice rests on. Title names
// the instrument as it is officially numbered ("Proclamation 10998",
// "PM-602-0194").
type Source struct {
	Title     string       `json:"title"`
	Publisher string       `json:"publisher"`
	Date      reunite.Date `json:"date,omitzero"`
	Link      string       `json:"link"`
}

// Match is one set of conditions, all of which must hold; a notice
// reaches a family when any of its matches does. An empty list means
// "any".
type Match struct {
	Scope Scope `json:"scope"`
	// PrincipalStatus: the principal's status is one of these.
	PrincipalStatus []reunite.Status `json:"principal_status,omitzero"`
	// StatusDate: the principal's status_date (admission day of a refugee,
	// grant day of an asylee) lies in this range, both ends included.
	StatusDate *Range `json:"status_date,omitzero"`
	// AsylumPending: the principal has no status yet and an asylum
	// application on file (status "none", asylum_filed known).
	AsylumPending bool `json:"asylum_pending,omitzero"`
	// Nationality: the principal or (for a petition) the relative is a
	// national of one of these; PrincipalNationality and
	// RelativeNationality look at one of them only.
	Nationality          []string `json:"nationality,omitzero"`
	PrincipalNationality []string `json:"principal_nationality,omitzero"`
	RelativeNationality  []string `json:"relative_nationality,omitzero"`
	// Location, Relationship, ChildKind: the relative's.
	Location     []reunite.Location     `json:"location,omitzero"`
	Relationship []reunite.Relationship `json:"relationship,omitzero"`
	ChildKind    []reunite.ChildKind    `json:"child_kind,omitzero"`
	// Sex: the relative's (petition scope) or the principal's.
	Sex []reunite.Sex `json:"sex,omitzero"`
	// Stages: the petition is at one of these stages.
	Stages []Stage `json:"stages,omitzero"`
}

// Range is a span of days, both ends included; a zero end is open.
type Range struct {
	From reunite.Date `json:"from,omitzero"`
	To   reunite.Date `json:"to,omitzero"`
}

// Contains reports whether d lies in the range.
func (r Range) Contains(d reunite.Date) bool {
	return (r.From.IsZero() || !d.Before(r.From)) && (r.To.IsZero() || !d.After(r.To))
}

// Lookup returns the notice with the given id, or nil.
func (s *Set) Lookup(id string) *Notice {
	for i := range s.Notices {
		if s.Notices[i].ID == id {
			return &s.Notices[i]
		}
	}
	return nil
}

// LastChecked is the day the notice was last checked against its sources.
func (n *Notice) LastChecked(s *Set) reunite.Date {
	if !n.Checked.IsZero() {
		return n.Checked
	}
	return s.Checked
}

// InForce says whether the notice has taken effect on day, and whether it
// is still current then.
func (n *Notice) InForce(day reunite.Date) (shown, current bool) {
	if day.Before(n.Effective) {
		return false, false
	}
	return true, n.End.IsZero() || !day.After(n.End)
}

// Words returns the title and text in lang, falling back to English, and
// whether the wording is a draft awaiting native review.
func (n *Notice) Words(lang string) (title, text string, draft bool) {
	title, ok := n.Title[lang]
	if !ok || title == "" {
		return n.Title["en"], n.Text["en"], false
	}
	text = n.Text[lang]
	if text == "" {
		text = n.Text["en"]
	}
	for _, l := range n.NeedsReview {
		if l == lang {
			draft = true
		}
	}
	return title, text, draft
}

// CheckEvery is how many days a notice may go unchecked against its
// sources before administrators are asked to check it is still current.
const CheckEvery = 90

// Stale reports whether more than CheckEvery days have passed on day since
// the notice was last checked.
func (n *Notice) Stale(s *Set, day reunite.Date) bool {
	return n.LastChecked(s).AddDays(CheckEvery).Before(day)
}
