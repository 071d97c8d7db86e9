package reunite

// Formats of the public contract (shared/spec/case-format.md).
const (
	CaseFormat       = "reunite.case/v1"
	AssessmentFormat = "reunite.assessment/v1"
)

// Family is one case file: the principal (the petitioner) and the relatives
// they want to bring or keep with them. Field order is the canonical key
// order of the file. A zero Date, an empty string or a nil pointer is an
// unknown fact.
type Family struct {
	Format    string    `json:"format"`
	Principal Principal `json:"principal"`
	Members   []Member  `json:"family"`
	// FilingDate is the day the petitions were or will be filed; unknown
	// means the day of the assessment.
	FilingDate Date `json:"filing_date,omitzero"`
	// Filing holds the optional facts of the paper filing (formfacts.go).
	Filing *FilingFacts `json:"filing,omitzero"`
}

// Name is a person's name as written on USCIS forms.
type Name struct {
	Family string `json:"family,omitzero"`
	Given  string `json:"given,omitzero"`
	Middle string `json:"middle,omitzero"`
}

// Full returns "Given Middle Family", skipping the unknown parts.
func (n Name) Full() string {
	s := ""
	for _, p := range []string{n.Given, n.Middle, n.Family} {
		if p == "" {
			continue
		}
		if s != "" {
			s += " "
		}
		s += p
	}
	return s
}

// Address is a postal address.
type Address struct {
	InCareOf string `json:"in_care_of,omitzero"`
	Street   string `json:"street,omitzero"`
	Unit     string `json:"unit,omitzero"`
	City     string `json:"city,omitzero"`
	State    string `json:"state,omitzero"`
	Zip      string `json:"zip,omitzero"`
	Province string `json:"province,omitzero"`
	Postal   string `json:"postal_code,omitzero"`
	Country  string `json:"country,omitzero" enum:"country"`
}

// Principal is the refugee or asylee who files the petitions.
type Principal struct {
	Name         Name      `json:"name,omitzero"`
	OtherNames   []Name    `json:"other_names,omitzero"`
	BirthDate    BirthDate `json:"birth_date,omitzero"`
	Sex          Sex       `json:"sex,omitzero"`
	BirthCity    string    `json:"birth_city,omitzero"`
	BirthCountry string    `json:"birth_country,omitzero" enum:"country"`
	Nationality  string    `json:"nationality,omitzero" enum:"country"`
	ANumber      string    `json:"a_number,omitzero" pattern:"anumber"`
	SSN          string    `json:"ssn,omitzero" pattern:"ssn"`
	USCISAccount string    `json:"uscis_account,omitzero"`
	Address      *Address  `json:"address,omitzero"`
	Phone        string    `json:"phone,omitzero"`
	Email        string    `json:"email,omitzero"`

	Status           Status `json:"status,omitzero"`
	AsylumFiled      Date   `json:"asylum_filed,omitzero"`
	RefugeeInterview Date   `json:"refugee_interview,omitzero"`
	// StatusDate is the day asylum was granted (final), or the day the
	// refugee was admitted to the United States.
	StatusDate       Date  `json:"status_date,omitzero"`
	StatusTerminated *bool `json:"status_terminated,omitzero"`
	NaturalizedOn    Date  `json:"naturalized_on,omitzero"`
	DeceasedOn       Date  `json:"deceased_on,omitzero"`

	// Optional facts for Form I-730 (formfacts.go).
	Contact        *ContactFacts   `json:"contact,omitzero"`
	Grant          *GrantFacts     `json:"grant,omitzero"`
	PriorMarriages []PriorMarriage `json:"prior_marriages,omitzero"`
	// SocialMedia lists the principal's social-media identifiers.
	SocialMedia []SocialMediaAccount `json:"social_media,omitzero"`
}

// Member is a relative of the principal, one petition each.
type Member struct {
	ID            string        `json:"id"`
	Relationship  Relationship  `json:"relationship,omitzero"`
	Name          Name          `json:"name,omitzero"`
	OtherNames    []Name        `json:"other_names,omitzero"`
	BirthDate     BirthDate     `json:"birth_date,omitzero"`
	Sex           Sex           `json:"sex,omitzero"`
	BirthCity     string        `json:"birth_city,omitzero"`
	BirthCountry  string        `json:"birth_country,omitzero" enum:"country"`
	Nationality   string        `json:"nationality,omitzero" enum:"country"`
	ANumber       string        `json:"a_number,omitzero" pattern:"anumber"`
	SSN           string        `json:"ssn,omitzero" pattern:"ssn"`
	USCISAccount  string        `json:"uscis_account,omitzero"`
	MaritalStatus MaritalStatus `json:"marital_status,omitzero"`
	Location      Location      `json:"location,omitzero"`
	Address       *Address      `json:"address,omitzero"`
	// NativeAddress is the mailing address written in the language of the
	// country where the member lives (form item Part 2, 22).
	NativeAddress string    `json:"native_address,omitzero"`
	Marriage      *Marriage `json:"marriage,omitzero"`
	Child         *Child    `json:"child,omitzero"`

	ListedOnPrincipalApplication *bool `json:"listed_on_principal_application,omitzero"`
	Persecutor                   *bool `json:"persecutor,omitzero"`
	OtherBars                    *bool `json:"other_bars,omitzero"`
	RemovalProceedings           *bool `json:"removal_proceedings,omitzero"`
	AlreadyProtected             *bool `json:"already_protected,omitzero"`
	MarriageFraudFinding         *bool `json:"marriage_fraud_finding,omitzero"`

	// Optional facts for Form I-730 (formfacts.go).
	Phone          string          `json:"phone,omitzero"`
	Email          string          `json:"email,omitzero"`
	Contact        *ContactFacts   `json:"contact,omitzero"`
	Native         *NativeFacts    `json:"native,omitzero"`
	Languages      *LanguageFacts  `json:"languages,omitzero"`
	Entries        []Entry         `json:"entries,omitzero"`
	Court          *CourtFacts     `json:"court,omitzero"`
	USCISOffice    string          `json:"uscis_office,omitzero"`
	PriorMarriages []PriorMarriage `json:"prior_marriages,omitzero"`
	// SocialMedia lists the relative's social-media identifiers.
	SocialMedia []SocialMediaAccount `json:"social_media,omitzero"`
}

// Marriage is a spouse's marriage to the principal.
type Marriage struct {
	Date                 Date         `json:"date,omitzero"`
	Form                 MarriageForm `json:"form,omitzero"`
	ValidWhereCelebrated *bool        `json:"valid_where_celebrated,omitzero"`
	Consummated          *bool        `json:"consummated,omitzero"`
	// Ended is the day of divorce, death or annulment; zero if it has not ended.
	Ended Date `json:"ended,omitzero"`
	// Place is where the marriage took place (optional, formfacts.go).
	Place *Place `json:"place,omitzero"`
}

// Child holds the facts that make a relative the principal's child.
type Child struct {
	Kind                  ChildKind `json:"kind,omitzero"`
	BornInWedlock         *bool     `json:"born_in_wedlock,omitzero"`
	Legitimated           *bool     `json:"legitimated,omitzero"`
	BonaFideRelationship  *bool     `json:"bona_fide_relationship,omitzero"`
	ConceivedBeforeStatus *bool     `json:"conceived_before_status,omitzero"`
	ParentMarriageDate    Date      `json:"parent_marriage_date,omitzero"`
	// ParentMember is the id of the spouse entry who is a stepchild's
	// parent: that entry's marriage is the one that made the stepchild.
	ParentMember string `json:"parent_member,omitzero"`
	// ParentMarriageForm and ParentMarriageValidWhereCelebrated describe
	// that marriage when the parent is not a spouse entry of the file.
	ParentMarriageForm                 MarriageForm `json:"parent_marriage_form,omitzero"`
	ParentMarriageValidWhereCelebrated *bool        `json:"parent_marriage_valid_where_celebrated,omitzero"`
	AdoptionDate                       Date         `json:"adoption_date,omitzero"`
	CustodyYears                       *int         `json:"custody_years,omitzero"`
	SiblingAdoptedUnder16              *bool        `json:"sibling_adopted_under_16,omitzero"`
	BatteredByAdoptiveFamily           *bool        `json:"battered_by_adoptive_family,omitzero"`
	MarriageDate                       Date         `json:"marriage_date,omitzero"`
	MarriageEnded                      Date         `json:"marriage_ended,omitzero"`
}

// Known returns the value of a yes/no fact and whether it is known.
func Known(b *bool) (value, known bool) {
	if b == nil {
		return false, false
	}
	return *b, true
}

// True reports whether a yes/no fact is known and true. Use it for the flags
// the contract marks "default false".
func True(b *bool) bool { return b != nil && *b }

// Bool returns a pointer to v, for building case files in code.
func Bool(v bool) *bool { return &v }

// Int returns a pointer to v, for building case files in code.
func Int(v int) *int { return &v }

// Member returns the member with the given id, or nil.
func (f *Family) Member(id string) *Member {
	for i := range f.Members {
		if f.Members[i].ID == id {
			return &f.Members[i]
		}
	}
	return nil
}
