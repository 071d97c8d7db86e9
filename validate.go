package reunite

import "fmt"

// Validate adds to errs every fact of the family that contradicts another:
// duplicate member ids, a marriage that ends before it begins, an adoption
// before birth. It does not ask for missing facts (unknown is allowed; the
// law engine says what it needs) and does not judge eligibility.
func (f *Family) Validate(errs *ValidationError) {
	p := &f.Principal
	if !p.AsylumFiled.IsZero() && !p.StatusDate.IsZero() && p.StatusDate.Before(p.AsylumFiled) {
		errs.Add("principal.status_date", "%s is before principal.asylum_filed %s: asylum is granted after the application", p.StatusDate, p.AsylumFiled)
	}
	if !p.BirthDate.IsZero() {
		for _, d := range []struct {
			name string
			date Date
		}{{"asylum_filed", p.AsylumFiled}, {"refugee_interview", p.RefugeeInterview}, {"status_date", p.StatusDate}} {
			if !d.date.IsZero() && d.date.Before(p.BirthDate) {
				errs.Add("principal."+d.name, "%s is before the principal's birth date %s", d.date, p.BirthDate)
			}
		}
	}
	seen := map[string]int{}
	for i := range f.Members {
		m := &f.Members[i]
		path := fmt.Sprintf("family[%d]", i)
		if j, dup := seen[m.ID]; dup && m.ID != "" {
			errs.Add(path+".id", "%q is already the id of family[%d]; ids must be unique", m.ID, j)
		} else {
			seen[m.ID] = i
		}
		m.validate(path, errs)
	}
}

func (m *Member) validate(path string, errs *ValidationError) {
	if mar := m.Marriage; mar != nil && !mar.Date.IsZero() && !mar.Ended.IsZero() && mar.Ended.Before(mar.Date) {
		errs.Add(path+".marriage.ended", "%s is before the marriage date %s", mar.Ended, mar.Date)
	}
	c := m.Child
	if c == nil {
		return
	}
	if c.CustodyYears != nil && (*c.CustodyYears < 0 || *c.CustodyYears > 120) {
		errs.Add(path+".child.custody_years", "%d is not a number of years (expected 0 or more)", *c.CustodyYears)
	}
	if !c.AdoptionDate.IsZero() && !m.BirthDate.IsZero() && c.AdoptionDate.Before(m.BirthDate) {
		errs.Add(path+".child.adoption_date", "%s is before the child's birth date %s", c.AdoptionDate, m.BirthDate)
	}
	if !c.MarriageDate.IsZero() && !c.MarriageEnded.IsZero() && c.MarriageEnded.Before(c.MarriageDate) {
		errs.Add(path+".child.marriage_ended", "%s is before the child's marriage date %s", c.MarriageEnded, c.MarriageDate)
	}
	if !c.MarriageDate.IsZero() && !m.BirthDate.IsZero() && c.MarriageDate.Before(m.BirthDate) {
		errs.Add(path+".child.marriage_date", "%s is before the child's birth date %s", c.MarriageDate, m.BirthDate)
	}
}
