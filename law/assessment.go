package law

import "github.com/reunite/reunite"

// Outcome is what one rule says of one petition.
type Outcome string

const (
	Pass   Outcome = "pass"   // the rule is met; not listed among findings
	Warn   Outcome = "warn"   // informs, never changes the verdict
	Review Outcome = "review" // a person must decide
	Fail   Outcome = "fail"   // the relative cannot be petitioned for
)

// Verdict sums up the findings of one petition.
type Verdict string

const (
	Eligible    Verdict = "eligible"
	NeedsReview Verdict = "review"
	Ineligible  Verdict = "ineligible"
)

// Finding is what one rule found: a stable code, the outcome, the citation
// and a plain-language message naming the facts and dates it used
// (Message). In JSON the message is the "message" member.
type Finding struct {
	Code    Code
	Outcome Outcome
	Cite    string
	// Fact names the missing fact (for MISSING_FACT), as a case-file path.
	Fact string
	// Key and Vars() name the message template and the values it is
	// written with, so that the message can be shown in another language.
	Key string
	// Notable marks a passed rule worth telling a person about, because the
	// answer is not what they would expect (a child who is 22 but still
	// counts as a child).
	Notable bool

	// The message and its values are written out only when asked for: an
	// assessment applies every rule, but most findings (passed rules above
	// all) are never shown. values are what they are written from, in the
	// language of the case they come from (scopeTop.c), or for a finding
	// read from JSON, where there is nothing to write them from, the
	// message and values as read (readBack).
	values *scope
}

// readBack is the scope of a finding read from JSON: its message and
// values as they were written.
func readBack(vars Vars, text string) *scope {
	return &scope{top: &scopeTop{vars: vars, text: text}}
}

// Assessment is what the law engine says about a case file on a given day
// (format reunite.assessment/v1).
type Assessment struct {
	Format     string       `json:"format"`
	AsOf       reunite.Date `json:"as_of"`
	FilingDate reunite.Date `json:"filing_date"`
	Petitioner Petitioner   `json:"petitioner"`
	Deadline   Deadline     `json:"deadline"`
	Petitions  []Petition   `json:"petitions"`
}

// Petitioner says whether the principal can file at all.
type Petitioner struct {
	CanFile  bool      `json:"can_file"`
	Findings []Finding `json:"findings"`
	Checks   []Finding `json:"checks,omitzero"`
}

// Deadline is the end of the two-year filing period.
type Deadline struct {
	FileBy *reunite.Date `json:"file_by"`
	Late   *bool         `json:"late"`
	// DaysLeft counts the days from the assessment day to FileBy (negative
	// once it has passed). An addition to the contract.
	DaysLeft *int `json:"days_left,omitzero"`
	// OnWeekend is true when FileBy is a Saturday or Sunday.
	OnWeekend bool `json:"on_weekend,omitzero"`
}

// Petition is the assessment of one family member.
type Petition struct {
	Member   string    `json:"member"`
	Verdict  Verdict   `json:"verdict"`
	Sequence *string   `json:"sequence"`
	Findings []Finding `json:"findings"`
	// Additions to the contract, for people and the web application.
	KeyDates []KeyDate `json:"key_dates,omitzero"`
	Hints    []Hint    `json:"hints,omitzero"`
	Next     []Text    `json:"next,omitzero"`
	// Checks lists every rule applied, passed or not, for an attorney to
	// audit the reasoning (reunite check --explain).
	Checks []Finding `json:"checks,omitzero"`
}

// KeyDate is a day that matters for one petition (the day that fixed a
// child's age, the 21st birthday, the filing deadline), for timelines.
type KeyDate struct {
	Kind  string       `json:"kind"`
	Date  reunite.Date `json:"date"`
	Label Text         `json:"label"`
}

// Hint says what single fact or event would change a verdict.
type Hint struct {
	Kind    string        `json:"kind"`
	Date    *reunite.Date `json:"date,omitzero"`
	Message Text          `json:"message"`
}
