package risk

import "github.com/reunite/reunite"

// Criterion is one of the circumstances in which USCIS says it may expedite
// a benefit request. The list is USCIS's, not ours: it is kept as data with
// where it was published and when, so that a change of policy is an edit
// of this table with its new source, not a change of code.
type Criterion struct {
	Code string
	Text string
	// Fits says when the criterion may fit a relative in danger abroad,
	// for the person who decides; "" when it rarely fits an I-730 family.
	Fits string
}

// ExpediteCriteria is USCIS's published list, with its source.
type ExpediteCriteria struct {
	Source    string
	Link      string
	Effective reunite.Date // the last update of the guidance we relied on
	Checked   reunite.Date // when this table was compared with it
	Criteria  []Criterion
	// Caveats are what the same guidance says against expediting.
	Caveats []string
}

// Expedite is the guidance of the USCIS Policy Manual on expedite requests
// (Volume 1, Part A, Chapter 5), as updated on 2022-01-25 (the list of
// criteria) and clarified on 2024-03-21 (government interests, travel,
// clear error, how to ask). Checked on 2026-12-02 against the USCIS alert
// "USCIS Updates Policy Guidance Clarifying Expedite Requests" and law-firm
// summaries of the chapter; the Policy Manual itself was not reachable from
// here, so a person must compare the letter with the chapter before sending.
var Expedite = ExpediteCriteria{
	Source:    "USCIS Policy Manual, Volume 1, Part A, Chapter 5 (Requests to Expedite Applications or Petitions)",
	Link:      "https://www.uscis.gov/policy-manual/volume-1-part-a-chapter-5",
	Effective: reunite.NewDate(2024, 3, 21),
	Checked:   reunite.NewDate(2026, 12, 2),
	Criteria: []Criterion{
		{"severe_financial_loss", "Severe financial loss to a company or person, provided that the need for urgent action is not the result of the petitioner's failure to file the request or to answer a request for evidence on time.", ""},
		{"urgent_humanitarian", "Emergencies and urgent humanitarian reasons: circumstances of human welfare such as illness, disability, extreme living conditions, a death in the family, or a critical need to obtain medical treatment in a limited time.",
			"the relative's safety or health is in danger now: a threat, an attack, detention, displacement, a medical emergency, an expiring status that leaves them unprotected"},
		{"nonprofit", "A nonprofit organization (as designated by the IRS) whose request furthers the cultural or social interests of the United States.", ""},
		{"government_interest", "U.S. government interests: cases identified as urgent by a federal, state, tribal, territorial or local government of the United States (public interest, public safety, national interest or national security); USCIS generally defers to a federal agency's assessment.", ""},
		{"clear_error", "Clear USCIS error.", "USCIS made a clear mistake in this petition (a wrong notice, a lost file) that delays it"},
	},
	Caveats: []string{
		"USCIS decides each request case by case, at its sole discretion, and usually asks for documents that support it.",
		"Every benefit request for humanitarian relief involves urgency by its nature: the request must show why this relative's situation is more urgent than that.",
	},
}

// Humanitarian is the code of the criterion a relative in danger meets,
// when any: emergencies and urgent humanitarian reasons.
const Humanitarian = "urgent_humanitarian"

// Find returns the criterion of a code.
func (x ExpediteCriteria) Find(code string) (Criterion, bool) {
	for _, c := range x.Criteria {
		if c.Code == code {
			return c, true
		}
	}
	return Criterion{}, false
}
