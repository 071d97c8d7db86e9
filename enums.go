package reunite

import "slices"

// Each enumerated fact of the case file is a string type with the list of
// values the contract allows. The case-file reader checks values against
// Allowed, so a new value is added in one place.

// Sex is F, M or X.
type Sex string

const (
	Female Sex = "F"
	Male   Sex = "M"
	SexX   Sex = "X"
)

func (Sex) Allowed() []string { return []string{"F", "M", "X"} }

// Status is the principal's immigration status.
type Status string

const (
	Asylee              Status = "asylee"
	Refugee             Status = "refugee"
	LPRFormerAsylee     Status = "lpr_former_asylee"
	LPRFormerRefugee    Status = "lpr_former_refugee"
	DerivativeAsylee    Status = "derivative_asylee"
	DerivativeRefugee   Status = "derivative_refugee"
	LPRFormerDerivative Status = "lpr_former_derivative"
	Citizen             Status = "citizen"
	NoStatus            Status = "none"
)

func (Status) Allowed() []string {
	return []string{"asylee", "refugee", "lpr_former_asylee", "lpr_former_refugee",
		"derivative_asylee", "derivative_refugee", "lpr_former_derivative", "citizen", "none"}
}

// IsAsylum reports whether the status came from a grant of asylum (the
// asylee branch of the law: 8 CFR 208.21, INA 208(b)(3)).
func (s Status) IsAsylum() bool { return s == Asylee || s == LPRFormerAsylee }

// IsRefugee reports whether the status came from admission as a refugee (8
// CFR 207.7, INA 207(c)(2)).
func (s Status) IsRefugee() bool { return s == Refugee || s == LPRFormerRefugee }

// IsDerivative reports whether the status came through someone else.
func (s Status) IsDerivative() bool {
	return s == DerivativeAsylee || s == DerivativeRefugee || s == LPRFormerDerivative
}

// Relationship is the member's relationship to the principal.
type Relationship string

const (
	Spouse        Relationship = "spouse"
	ChildOf       Relationship = "child"
	Parent        Relationship = "parent"
	Sibling       Relationship = "sibling"
	OtherRelative Relationship = "other"
)

func (Relationship) Allowed() []string {
	return []string{"spouse", "child", "parent", "sibling", "other"}
}

// MaritalStatus is a member's own marital status now.
type MaritalStatus string

const (
	Single   MaritalStatus = "single"
	Married  MaritalStatus = "married"
	Divorced MaritalStatus = "divorced"
	Widowed  MaritalStatus = "widowed"
	Annulled MaritalStatus = "annulled"
)

func (MaritalStatus) Allowed() []string {
	return []string{"single", "married", "divorced", "widowed", "annulled"}
}

// Ended reports whether the status says a marriage ended (divorced, widowed
// or annulled).
func (m MaritalStatus) Ended() bool { return m == Divorced || m == Widowed || m == Annulled }

// Location says whether a member is in the United States.
type Location string

const (
	InsideUS  Location = "inside_us"
	OutsideUS Location = "outside_us"
)

func (Location) Allowed() []string { return []string{"inside_us", "outside_us"} }

// MarriageForm is how a marriage was celebrated.
type MarriageForm string

const (
	CivilMarriage     MarriageForm = "civil"
	ReligiousMarriage MarriageForm = "religious"
	CustomaryMarriage MarriageForm = "customary"
	ProxyMarriage     MarriageForm = "proxy"
	InformalMarriage  MarriageForm = "informal"
)

func (MarriageForm) Allowed() []string {
	return []string{"civil", "religious", "customary", "proxy", "informal"}
}

// ChildKind is how a child is the principal's child.
type ChildKind string

const (
	Biological ChildKind = "biological"
	Stepchild  ChildKind = "stepchild"
	Adopted    ChildKind = "adopted"
)

func (ChildKind) Allowed() []string { return []string{"biological", "stepchild", "adopted"} }

// Enum is implemented by every enumerated type of the case file.
type Enum interface{ Allowed() []string }

// ValidEnum reports whether v is one of e's allowed values.
func ValidEnum(e Enum, v string) bool { return slices.Contains(e.Allowed(), v) }
