package law

// vname is the name of a value ({name} in a template) as a number, its
// index in vnames: a scope holds one value, and the name as a string would
// be a third of it. 0 is no value's name.
type vname uint8

// The names of the values messages are written with: every {placeholder}
// of the English catalog (TestEveryPlaceholderNamed), and limit.
const (
	vNone vname = iota
	vName
	vStatusDay
	vStatusWhat
	vFixDay
	vFixWhat
	vFiling
	vFileBy
	vWeekday
	vDaysLate
	vBirth
	vBirthGiven
	vAgeNow
	vStatus
	vNaturalized
	vDeceased
	vMarried
	vEnded
	vForm
	vMaritalStatus
	vOthers
	vTurns21
	vAgeFix
	vChildMarried
	vChildMarriageEnded
	vParentMarried
	vTurns18
	vAgeAtMarriage
	vAdopted
	vAgeAtAdoption
	vLimit
	vLimitDay
	vCustody
	vCountry
	vRelationship
	vFact
	vFirst
	vLast
	vSequence
	vFrom
	vTo
)

var vnames = [...]string{
	vName:               "name",
	vStatusDay:          "status_day",
	vStatusWhat:         "status_what",
	vFixDay:             "fix_day",
	vFixWhat:            "fix_what",
	vFiling:             "filing",
	vFileBy:             "file_by",
	vWeekday:            "weekday",
	vDaysLate:           "days_late",
	vBirth:              "birth",
	vBirthGiven:         "birth_given",
	vAgeNow:             "age_now",
	vStatus:             "status",
	vNaturalized:        "naturalized",
	vDeceased:           "deceased",
	vMarried:            "married",
	vEnded:              "ended",
	vForm:               "form",
	vMaritalStatus:      "marital_status",
	vOthers:             "others",
	vTurns21:            "turns21",
	vAgeFix:             "age_fix",
	vChildMarried:       "child_married",
	vChildMarriageEnded: "child_marriage_ended",
	vParentMarried:      "parent_married",
	vTurns18:            "turns18",
	vAgeAtMarriage:      "age_at_marriage",
	vAdopted:            "adopted",
	vAgeAtAdoption:      "age_at_adoption",
	vLimit:              "limit",
	vLimitDay:           "limit_day",
	vCustody:            "custody",
	vCountry:            "country",
	vRelationship:       "relationship",
	vFact:               "fact",
	vFirst:              "first",
	vLast:               "last",
	vSequence:           "sequence",
	vFrom:               "from",
	vTo:                 "to",
}

// vnameOf finds the number of a name; vNone when no value has it.
var vnameOf = func() map[string]vname {
	out := make(map[string]vname, len(vnames))
	for n, s := range vnames {
		if s != "" {
			out[s] = vname(n)
		}
	}
	return out
}()
