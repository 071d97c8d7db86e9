package reunite

import "slices"

// Facts the Form I-730 asks for that the eligibility rules do not need.
// They are optional additions to the case file (reunite.case/v1 allows
// additions, never renames): a case file without them is still valid, and
// the form shows what is missing on the packet's checklist instead of a
// guess. docs/case-file-additions.md documents each field.

// Place is where something happened: a city, a state or province, a
// country (ISO 3166-1 alpha-2).
type Place struct {
	City    string `json:"city,omitzero"`
	State   string `json:"state,omitzero"`
	Country string `json:"country,omitzero" enum:"country"`
}

// PriorMarriage is a marriage that ended before the current one (Part 1 or
// Part 2 items 15 to 20).
type PriorMarriage struct {
	Spouse     Name  `json:"spouse,omitzero"`
	Ended      Date  `json:"ended,omitzero"`
	EndedPlace Place `json:"ended_place,omitzero"`
}

// GrantFacts says where and when the principal's status was given, beyond
// status_date (Part 1 items 21 to 26).
type GrantFacts struct {
	// AsylumPlace is the city and state of the asylum office or court that
	// granted asylum (items 21 and 22 use status_date as the date).
	AsylumPlace *Place `json:"asylum_place,omitzero"`
	// RefugeeApproved is the day refugee status was approved abroad, and
	// RefugeeApprovedPlace where (items 23 and 24).
	RefugeeApproved      Date   `json:"refugee_approved,omitzero"`
	RefugeeApprovedPlace *Place `json:"refugee_approved_place,omitzero"`
	// AdmittedPlace is the port where the refugee was admitted (item 26;
	// item 25 uses status_date).
	AdmittedPlace *Place `json:"admitted_place,omitzero"`
}

// ContactFacts holds the phone numbers and addresses the form asks for
// besides the residence address.
type ContactFacts struct {
	MailingAddress *Address `json:"mailing_address,omitzero"`
	// MailingSame is true when the person said their mail goes to the
	// residence address: the form repeats it with nothing to confirm.
	MailingSame *bool  `json:"mailing_same,omitzero"`
	Mobile      string `json:"mobile,omitzero"`
}

// SocialMediaAccount is one social-media identifier a person used (USCIS
// collects them on the I-730 since 2025-09-16, FR Doc. 2025-17816: each
// platform and user name of about the last five years). Optional: the
// form's page for them is not confirmed yet, and a password is never asked.
type SocialMediaAccount struct {
	Platform string `json:"platform,omitzero"`
	Handle   string `json:"handle,omitzero"`
}

// NativeFacts is a relative's name and mailing address written in the
// language of the country where they live (Part 2 item 22), structured.
// When only the member's native_address string is known, it is written in
// the street line.
type NativeFacts struct {
	Name    Name     `json:"name,omitzero"`
	Address *Address `json:"address,omitzero"`
}

// LanguageFacts are a relative's languages (Part 2 items 24 to 26).
type LanguageFacts struct {
	Native        string `json:"native,omitzero"`
	FluentEnglish *bool  `json:"fluent_english,omitzero"`
	Other         string `json:"other,omitzero"`
}

// Entry is one arrival of the relative in the United States (Part 2 items
// 27 to 48; the form has room for two, the rest go to the additional
// information sheet).
type Entry struct {
	Date             Date   `json:"date,omitzero"`
	City             string `json:"city,omitzero"`
	State            string `json:"state,omitzero"`
	Status           string `json:"status,omitzero"`
	I94              string `json:"i94,omitzero" pattern:"i94"`
	StatusExpires    Date   `json:"status_expires,omitzero"`
	Passport         string `json:"passport,omitzero"`
	PassportExpires  Date   `json:"passport_expires,omitzero"`
	PassportCountry  string `json:"passport_country,omitzero" enum:"country"`
	TravelDoc        string `json:"travel_doc,omitzero"`
	TravelDocExpires Date   `json:"travel_doc_expires,omitzero"`
	TravelDocCountry string `json:"travel_doc_country,omitzero" enum:"country"`
}

// EntriesNewestFirst returns the member's entries into the United States,
// the most recent first (an unknown date last), as the form asks for them
// (item 27 is the latest entry, item 30 the current I-94). The case file's
// own order is left as it is.
func (m *Member) EntriesNewestFirst() []Entry {
	entries := slices.Clone(m.Entries)
	slices.SortStableFunc(entries, func(a, b Entry) int { return b.Date.Compare(a.Date) })
	return entries
}

// CourtFacts is a relative's immigration-court history (Part 2 item 23);
// Where names the court for "now" and "past".
type CourtFacts struct {
	History CourtHistory `json:"history,omitzero"`
	Where   string       `json:"where,omitzero"`
}

// CourtHistory is one of the four answers of Part 2 item 23.
type CourtHistory string

// Allowed lists the answers: never in the United States (23.a), in
// proceedings now (23.b), never in proceedings (23.c), in the past (23.d).
func (CourtHistory) Allowed() []string { return []string{"never_in_us", "now", "never", "past"} }

// Helper is an interpreter or a preparer (Parts 7 and 8).
type Helper struct {
	Name     Name     `json:"name,omitzero"`
	Business string   `json:"business,omitzero"`
	Address  *Address `json:"address,omitzero"`
	Phone    string   `json:"phone,omitzero"`
	Mobile   string   `json:"mobile,omitzero"`
	Email    string   `json:"email,omitzero"`
	// Language is the language the interpreter translated from and into
	// English (Part 5 item 1.b and the Part 7 certification).
	Language string `json:"language,omitzero"`
	// Attorney is true for a preparer who is an attorney or accredited
	// representative (Part 8 item 7.b); ExtendsBeyond says whether the
	// representation extends beyond preparing this petition.
	Attorney      *bool `json:"attorney,omitzero"`
	ExtendsBeyond *bool `json:"extends_beyond,omitzero"`
}

// Representative is the attorney box on page 1 (a Form G-28 attached).
type Representative struct {
	G28          bool   `json:"g28,omitzero"`
	VolagNumber  string `json:"volag_number,omitzero"`
	StateBar     string `json:"state_bar_number,omitzero"`
	USCISAccount string `json:"uscis_account,omitzero"`
}

// Document is one piece of evidence for the exhibit index. Member is a
// family member's id, or "principal". A document not in English names its
// Language and the Translator who certifies the English translation.
type Document struct {
	Member     string       `json:"member,omitzero"`
	Kind       EvidenceKind `json:"kind,omitzero"`
	Title      string       `json:"title,omitzero"`
	Language   string       `json:"language,omitzero"`
	Translator *Helper      `json:"translator,omitzero"`
}

// EvidenceKind is what a document proves, which decides its exhibit tab.
// It is checked like every enum, so that a misspelt kind is an error rather
// than a document silently missing from the exhibit index.
type EvidenceKind string

// Allowed lists the kinds of evidence.
func (EvidenceKind) Allowed() []string {
	return []string{"status_proof", "marriage_certificate", "birth_certificate", "relationship",
		"prior_marriage_end", "adoption_decree", "name_change", "photo", "i94", "late_evidence", "other"}
}

// FilingFacts are the family-wide facts of the paper filing.
type FilingFacts struct {
	// Language is the family's language for the instruction sheet (a BCP 47
	// tag such as "ar", "ti", "fa-AF"); English is always included.
	Language       string          `json:"language,omitzero"`
	Interpreter    *Helper         `json:"interpreter,omitzero"`
	Preparer       *Helper         `json:"preparer,omitzero"`
	Representative *Representative `json:"representative,omitzero"`
	// LateExplanation is the Part 3 explanation of why the petitions are
	// filed more than two years after the grant or admission.
	LateExplanation string     `json:"late_explanation,omitzero"`
	Evidence        []Document `json:"evidence,omitzero"`
}
