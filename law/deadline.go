package law

// deadlineRules are the two-year filing period (8 CFR 207.7(d), 208.21(c),
// (d); rules.md R2), applied to one petition. The period ends on the same
// month and day two years after status_date; filing on that day is on time.
// A last day on a weekend is not moved, only pointed out.
func deadlineRules(out []Finding, c *caseFacts, s *subject) []Finding {
	if c.fileBy.IsZero() {
		return out // status_date is unknown: the petitioner's MISSING_FACT says so
	}
	v := c.vars(s) // file_by, weekday and days_late are the case's (subject.lookup)
	if c.late {
		out = append(out, c.finding(FilingLate, Review, lateCite(c, s), "deadline.late", v))
	} else {
		out = append(out, c.finding(FilingLate, Pass, lateCite(c, s), "deadline.on_time", v))
	}
	if c.weekend {
		out = append(out, c.finding(DeadlineOnWeekend, Warn, citeWeekend, "deadline.weekend", v))
	}
	return out
}

// lateCite picks the waiver's citation: for asylees it depends on where the
// relative is (208.21(c) in the United States, (d) abroad).
func lateCite(c *caseFacts, s *subject) string {
	switch c.branch {
	case branchRefugee:
		return citeLateRefugee
	case branchAsylum:
		switch s.m.Location {
		case "inside_us":
			return citeLateAsyleeInUS
		case "outside_us":
			return citeLateAsyleeAbroad
		}
		return citeLateAsylee
	}
	return citeLateUnknown
}
