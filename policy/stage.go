package policy

import "github.com/reunite/reunite"

// StageOf derives a petition's possible stages from the case file alone:
// before filing when filing_date is unknown or after the day, else filed.
// A filed petition may be pending, approved or awaiting travel; without
// tracking Reunite cannot tell which, so all three are possible and a
// notice for any of them matches. Tracking will narrow this.
func StageOf(fam *reunite.Family, day reunite.Date) []Stage {
	if fam.FilingDate.IsZero() || fam.FilingDate.After(day) {
		return []Stage{BeforeFiling}
	}
	return []Stage{Pending, Approved, AwaitingTravel}
}
