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
			if !d.date.IsZero() && d.date.Before(p.BirthDate.First()) {
				errs.Add("principal."+d.name, "%s is before the principal's birth date %s", d.date, p.BirthDate)
			}
		}
	}
	validateSocialMedia("principal.social_media", p.SocialMedia, errs)
	seen := map[string]int{}
	for i := range f.Members {
		m := &f.Members[i]
		path := fmt.Sprintf("family[%d]", i)
		validateSocialMedia(path+".social_media", m.SocialMedia, errs)
		if j, dup := seen[m.ID]; dup && m.ID != "" {
			errs.Add(path+".id", "%q is already the id of family[%d]; ids must be unique", m.ID, j)
		} else {
			seen[m.ID] = i
		}
		m.validate(path, errs)
	}
	for i := range f.Members {
		f.validateParentLink(i, errs)
	}
}

// validateParentLink checks a stepchild's link to the spouse entry who is
// the child's parent: it must name a spouse, and the marriage is then
// described once, on that spouse (a second description could contradict it).
func (f *Family) validateParentLink(i int, errs *ValidationError) {
	c := f.Members[i].Child
	if c == nil || c.ParentMember == "" {
		return
	}
	path := fmt.Sprintf("family[%d].child", i)
	parent := f.Member(c.ParentMember)
	switch {
	case parent == nil:
		errs.Add(path+".parent_member", "%q is not the id of a member of this file (expected the id of the spouse who is the child's parent)", c.ParentMember)
		return
	case parent.Relationship != Spouse:
		errs.Add(path+".parent_member", "%q is a %s entry, not a spouse (expected the id of the spouse who is the child's parent)", c.ParentMember, describeRelationship(parent.Relationship))
		return
	}
	if c.ParentMarriageForm != "" {
		errs.Add(path+".parent_marriage_form", "given together with parent_member; the form of that marriage is %q's marriage.form", c.ParentMember)
	}
	if c.ParentMarriageValidWhereCelebrated != nil {
		errs.Add(path+".parent_marriage_valid_where_celebrated", "given together with parent_member; the validity of that marriage is %q's marriage.valid_where_celebrated", c.ParentMember)
	}
	if mar := parent.Marriage; mar != nil && !mar.Date.IsZero() && !c.ParentMarriageDate.IsZero() && mar.Date != c.ParentMarriageDate {
		errs.Add(path+".parent_marriage_date", "%s differs from the marriage date %s of %q (parent_member); give one date", c.ParentMarriageDate, mar.Date, c.ParentMember)
	}
}

func describeRelationship(r Relationship) string {
	if r == "" {
		return "member with no relationship"
	}
	return string(r)
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
	if !c.AdoptionDate.IsZero() && !m.BirthDate.IsZero() && c.AdoptionDate.Before(m.BirthDate.First()) {
		errs.Add(path+".child.adoption_date", "%s is before the child's birth date %s", c.AdoptionDate, m.BirthDate)
	}
	if !c.MarriageDate.IsZero() && !c.MarriageEnded.IsZero() && c.MarriageEnded.Before(c.MarriageDate) {
		errs.Add(path+".child.marriage_ended", "%s is before the child's marriage date %s", c.MarriageEnded, c.MarriageDate)
	}
	if !c.MarriageDate.IsZero() && !m.BirthDate.IsZero() && c.MarriageDate.Before(m.BirthDate.First()) {
		errs.Add(path+".child.marriage_date", "%s is before the child's birth date %s", c.MarriageDate, m.BirthDate)
	}
}

// validateSocialMedia checks that every social-media entry names both the
// platform and the user name: half an identifier cannot be written on the
// form, and an empty entry would read as "no accounts".
func validateSocialMedia(path string, list []SocialMediaAccount, errs *ValidationError) {
	for i, a := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		if a.Platform == "" {
			errs.Add(p+".platform", "the platform is missing (expected its name, such as \"Facebook\")")
		}
		if a.Handle == "" {
			errs.Add(p+".handle", "the user name is missing (expected the name or address shown on the platform)")
		}
	}
}
