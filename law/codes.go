package law

// Code is a finding's stable code: the contract's vocabulary. Codes are
// added, never renamed.
type Code string

const (
	PetitionerDerivative             Code = "PETITIONER_DERIVATIVE"
	PetitionerStatus                 Code = "PETITIONER_STATUS"
	PetitionerNaturalizedAfterFiling Code = "PETITIONER_NATURALIZED_AFTER_FILING"
	PetitionerDeceased               Code = "PETITIONER_DECEASED"
	RelationshipNotQualifying        Code = "RELATIONSHIP_NOT_QUALIFYING"
	MarriageAfterStatus              Code = "MARRIAGE_AFTER_STATUS"
	MarriageEnded                    Code = "MARRIAGE_ENDED"
	MarriageProxyUnconsummated       Code = "MARRIAGE_PROXY_UNCONSUMMATED"
	MarriageInformal                 Code = "MARRIAGE_INFORMAL"
	SpouseMultiple                   Code = "SPOUSE_MULTIPLE"
	MarriageFraud                    Code = "MARRIAGE_FRAUD"
	ChildAfterStatus                 Code = "CHILD_AFTER_STATUS"
	ChildAge                         Code = "CHILD_AGE"
	ChildMarried                     Code = "CHILD_MARRIED"
	ChildPreviouslyMarried           Code = "CHILD_PREVIOUSLY_MARRIED"
	ChildNotListed                   Code = "CHILD_NOT_LISTED"
	ChildOutOfWedlockFather          Code = "CHILD_OUT_OF_WEDLOCK_FATHER"
	StepchildAgeAtMarriage           Code = "STEPCHILD_AGE_AT_MARRIAGE"
	StepchildMarriageAfterStatus     Code = "STEPCHILD_MARRIAGE_AFTER_STATUS"
	AdoptedAfter16                   Code = "ADOPTED_AFTER_16"
	AdoptionCustody                  Code = "ADOPTION_CUSTODY"
	AdoptionAfterStatus              Code = "ADOPTION_AFTER_STATUS"
	MemberAlreadyProtected           Code = "MEMBER_ALREADY_PROTECTED"
	PersecutorBar                    Code = "PERSECUTOR_BAR"
	OtherBar                         Code = "OTHER_BAR"
	FilingLate                       Code = "FILING_LATE"
	RemovalProceedings               Code = "REMOVAL_PROCEEDINGS"
	DeadlineOnWeekend                Code = "DEADLINE_ON_WEEKEND"
	MissingFact                      Code = "MISSING_FACT"

	// Added 2026-12.
	StepchildParentMarriage Code = "STEPCHILD_PARENT_MARRIAGE"
	MarriageNotValid        Code = "MARRIAGE_NOT_VALID"
	MemberUSCitizen         Code = "MEMBER_US_CITIZEN"
	SurvivorAbroad          Code = "SURVIVOR_ABROAD"
)
