package law

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
)

// The contract's changes of 2026-12, each with the day before, on and after
// where a date decides. The base family (rules_test.go) is an asylee mother
// granted on 2025-06-10, I-589 received 2023-08-14, assessed on 2026-11-23.

func TestStepchildParentMarriage(t *testing.T) {
	yes, no := reunite.Bool(true), reunite.Bool(false)
	// linked makes daughter the stepchild of the husband entry (married
	// 2012-06-20, civil), then lets change adjust the marriage.
	linked := func(change func(m *reunite.Marriage, sp *reunite.Member)) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMember: "husband"}
			change(f.Members[0].Marriage, &f.Members[0])
		}
	}
	unlinked := func(form reunite.MarriageForm, valid *bool) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMarriageDate: d("2012-06-20"),
				ParentMarriageForm: form, ParentMarriageValidWhereCelebrated: valid}
		}
	}
	runRuleCases(t, []ruleCase{
		{"linked civil marriage counts", linked(func(*reunite.Marriage, *reunite.Member) {}), 1, StepchildParentMarriage, Pass, Eligible},
		{"linked religious, validity unknown", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.Form = reunite.ReligiousMarriage }), 1, StepchildParentMarriage, Review, NeedsReview},
		{"linked customary, valid", linked(func(m *reunite.Marriage, _ *reunite.Member) {
			m.Form, m.ValidWhereCelebrated = reunite.CustomaryMarriage, yes
		}), 1, StepchildParentMarriage, Pass, Eligible},
		{"linked informal, not valid", linked(func(m *reunite.Marriage, _ *reunite.Member) {
			m.Form, m.ValidWhereCelebrated = reunite.InformalMarriage, no
		}), 1, StepchildParentMarriage, Fail, Ineligible},
		{"linked civil, void", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.ValidWhereCelebrated = no }), 1, StepchildParentMarriage, Fail, Ineligible},
		{"linked proxy, unconsummated", linked(func(m *reunite.Marriage, _ *reunite.Member) {
			m.Form, m.Consummated = reunite.ProxyMarriage, no
		}), 1, StepchildParentMarriage, Fail, Ineligible},
		{"linked proxy, consummation unknown", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.Form = reunite.ProxyMarriage }), 1, StepchildParentMarriage, Review, NeedsReview},
		{"linked proxy, consummated", linked(func(m *reunite.Marriage, _ *reunite.Member) {
			m.Form, m.Consummated = reunite.ProxyMarriage, yes
		}), 1, StepchildParentMarriage, Pass, Eligible},
		{"linked marriage ended", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.Ended = d("2024-01-01") }), 1, StepchildParentMarriage, Review, NeedsReview},
		{"linked spouse divorced", linked(func(_ *reunite.Marriage, sp *reunite.Member) { sp.MaritalStatus = reunite.Divorced }), 1, StepchildParentMarriage, Review, NeedsReview},
		{"linked, ended and void: the worst", linked(func(m *reunite.Marriage, _ *reunite.Member) {
			m.Ended, m.ValidWhereCelebrated = d("2024-01-01"), no
		}), 1, StepchildParentMarriage, Fail, Ineligible},
		{"linked marriage after the grant", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.Date = d("2025-06-11") }), 1, StepchildMarriageAfterStatus, Fail, Ineligible},
		{"linked marriage on the grant day", linked(func(m *reunite.Marriage, _ *reunite.Member) { m.Date = d("2025-06-10") }), 1, StepchildMarriageAfterStatus, Pass, Eligible},
		{"unlinked proxy: consummation never known", unlinked(reunite.ProxyMarriage, nil), 1, StepchildParentMarriage, Review, NeedsReview},
		{"unlinked religious, validity unknown", unlinked(reunite.ReligiousMarriage, nil), 1, StepchildParentMarriage, Review, NeedsReview},
		{"unlinked civil, void", unlinked(reunite.CivilMarriage, no), 1, StepchildParentMarriage, Fail, Ineligible},
		{"unlinked form unknown, void", unlinked("", no), 1, StepchildParentMarriage, Fail, Ineligible},
		{"unlinked form unknown: no finding", unlinked("", nil), 1, StepchildParentMarriage, Pass, Eligible},
	})
}

// The stepchild's petition asks for a linked marriage's missing date on the
// spouse entry, and the spouse's date stands for parent_marriage_date.
func TestStepchildLinkedMarriageDate(t *testing.T) {
	a := assess(t, func(f *reunite.Family) {
		f.Members[0].Marriage.Date = reunite.Date{}
		f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMember: "husband"}
	})
	if got := missingFacts(a.Petitions[1]); !slices.Contains(got, "family[0].marriage.date") {
		t.Errorf("stepchild asks for %v, want family[0].marriage.date", got)
	}
	// Born 2005-05-16: 18 on 2023-05-16. The spouse's marriage on the 18th
	// birthday is too late, the day before is not.
	for _, tc := range []struct {
		married string
		want    Outcome
	}{{"2023-05-15", Pass}, {"2023-05-16", Fail}, {"2023-05-17", Fail}} {
		a := assess(t, func(f *reunite.Family) {
			f.Members[0].Marriage.Date = d(tc.married)
			f.Members[1].BirthDate = reunite.BornOn(d("2005-05-16"))
			f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMember: "husband"}
		})
		if got := outcome(a.Petitions[1], StepchildAgeAtMarriage); got != tc.want {
			t.Errorf("married %s: STEPCHILD_AGE_AT_MARRIAGE = %q, want %q", tc.married, got, tc.want)
		}
	}
}

func TestParentLinkValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(f *reunite.Family)
		path   string
	}{
		{"not an id", func(f *reunite.Family) { f.Members[1].Child.ParentMember = "nobody" }, "family[1].child.parent_member"},
		{"not a spouse", func(f *reunite.Family) {
			f.Members = append(f.Members, reunite.Member{ID: "son", Relationship: reunite.ChildOf})
			f.Members[1].Child.ParentMember = "son"
		}, "family[1].child.parent_member"},
		{"form with the link", func(f *reunite.Family) {
			f.Members[1].Child.ParentMember = "husband"
			f.Members[1].Child.ParentMarriageForm = reunite.CivilMarriage
		}, "family[1].child.parent_marriage_form"},
		{"validity with the link", func(f *reunite.Family) {
			f.Members[1].Child.ParentMember = "husband"
			f.Members[1].Child.ParentMarriageValidWhereCelebrated = reunite.Bool(true)
		}, "family[1].child.parent_marriage_valid_where_celebrated"},
		{"another date with the link", func(f *reunite.Family) {
			f.Members[1].Child.ParentMember = "husband"
			f.Members[1].Child.ParentMarriageDate = d("2012-06-21")
		}, "family[1].child.parent_marriage_date"},
	} {
		f := base()
		f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild}
		tc.change(f)
		errs := &reunite.ValidationError{}
		f.Validate(errs)
		if !strings.Contains(errs.Error(), tc.path) {
			t.Errorf("%s: %v, want an error naming %s", tc.name, errs.Err(), tc.path)
		}
	}
	f := base()
	f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMember: "husband", ParentMarriageDate: d("2012-06-20")}
	errs := &reunite.ValidationError{}
	if f.Validate(errs); errs.Err() != nil {
		t.Errorf("the same date given twice is refused: %v", errs)
	}
}

func TestStepchildInUtero(t *testing.T) {
	yes := reunite.Bool(true)
	in := func(kind reunite.ChildKind) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2025-06-11"))
			f.Members[1].Child = &reunite.Child{Kind: kind, ConceivedBeforeStatus: yes, BornInWedlock: yes,
				ParentMarriageDate: d("2012-06-20")}
		}
	}
	runRuleCases(t, []ruleCase{
		{"own child in utero", in(reunite.Biological), 1, ChildAfterStatus, Pass, Eligible},
		{"stepchild in utero", in(reunite.Stepchild), 1, ChildAfterStatus, Review, NeedsReview},
	})
}

func TestMarriageFraud(t *testing.T) {
	fraud := func(status reunite.Status, member int) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Principal.Status = status
			if status.IsRefugee() {
				f.Principal.AsylumFiled, f.Principal.RefugeeInterview = reunite.Date{}, d("2023-08-14")
			}
			f.Members[member].MarriageFraudFinding = reunite.Bool(true)
		}
	}
	citizenRefugee := func(f *reunite.Family) {
		f.Principal.Status, f.Principal.NaturalizedOn, f.FilingDate = reunite.Citizen, d("2026-12-01"), d("2026-11-01")
		f.Principal.AsylumFiled, f.Principal.RefugeeInterview = reunite.Date{}, d("2023-08-14")
		f.Members[0].MarriageFraudFinding = reunite.Bool(true)
	}
	runRuleCases(t, []ruleCase{
		{"refugee's spouse", fraud(reunite.Refugee, 0), 0, MarriageFraud, Fail, Ineligible},
		{"former refugee's spouse", fraud(reunite.LPRFormerRefugee, 0), 0, MarriageFraud, Fail, Ineligible},
		{"citizen refugee's spouse", citizenRefugee, 0, MarriageFraud, Fail, Ineligible},
		{"asylee's spouse", fraud(reunite.Asylee, 0), 0, MarriageFraud, Review, NeedsReview},
		{"refugee's child", fraud(reunite.Refugee, 1), 1, MarriageFraud, Review, NeedsReview},
		{"unknown status", fraud("", 0), 0, MarriageFraud, Review, NeedsReview},
	})
}

func TestMemberUSCitizen(t *testing.T) {
	born := func(country string) func(*reunite.Family) {
		return func(f *reunite.Family) { f.Members[1].BirthCountry = country }
	}
	runRuleCases(t, []ruleCase{
		{"born in the US", born("US"), 1, MemberUSCitizen, Fail, Ineligible},
		{"born in Puerto Rico", born("PR"), 1, MemberUSCitizen, Fail, Ineligible},
		{"born in Guam", born("GU"), 1, MemberUSCitizen, Fail, Ineligible},
		{"born in the US Virgin Islands", born("VI"), 1, MemberUSCitizen, Fail, Ineligible},
		{"born in the Northern Mariana Islands", born("MP"), 1, MemberUSCitizen, Fail, Ineligible},
		{"born in American Samoa (nationals, not citizens)", born("AS"), 1, MemberUSCitizen, "", Eligible},
		{"born in Eritrea", born("ER"), 1, MemberUSCitizen, "", Eligible},
		{"birth country unknown", born(""), 1, MemberUSCitizen, "", Eligible},
	})
}

func TestSurvivorAbroad(t *testing.T) {
	died := func(day string, loc reunite.Location) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.FilingDate, f.Principal.DeceasedOn = d("2026-03-01"), d(day)
			f.Members[1].Location = loc
		}
	}
	runRuleCases(t, []ruleCase{
		{"died the day before filing: no one can file", died("2026-02-28", reunite.InsideUS), 1, PetitionerDeceased, Fail, Ineligible},
		{"died on the filing day, relative abroad", died("2026-03-01", reunite.OutsideUS), 1, SurvivorAbroad, Fail, Ineligible},
		{"died on the filing day, relative in the US", died("2026-03-01", reunite.InsideUS), 1, SurvivorAbroad, Pass, NeedsReview},
		{"died after filing, relative abroad", died("2026-03-02", reunite.OutsideUS), 1, SurvivorAbroad, Fail, Ineligible},
		{"died after filing, location unknown", died("2026-03-02", ""), 1, MissingFact, Review, NeedsReview},
		{"died after filing, relative in the US", died("2026-03-02", reunite.InsideUS), 1, PetitionerDeceased, Review, NeedsReview},
	})
	// The filing day is the assessment day when filing_date is null.
	a := assess(t, func(f *reunite.Family) { f.Principal.DeceasedOn = d(asOf) })
	if !a.Petitioner.CanFile {
		t.Errorf("died on the assessment day with no filing date: can_file = false, want true")
	}
}

// TestPartialBirthDates: a year or a month decides only when its first and
// last days agree. The I-589 was received 2023-08-14, so a child born in
// 2002 was 21 on it if born by 2002-08-14, 20 if born after.
func TestPartialBirthDates(t *testing.T) {
	for _, tc := range []struct {
		birth       reunite.BirthDate
		verdict     Verdict
		missingBirt bool
	}{
		{reunite.BornIn(2002, 0), NeedsReview, true},            // the day decides
		{reunite.BornIn(2002, time.August), NeedsReview, true},  // 14 August decides
		{reunite.BornIn(2002, time.July), Ineligible, false},    // 21 whatever the day
		{reunite.BornIn(2002, time.September), Eligible, false}, // 20 whatever the day
		{reunite.BornIn(2003, 0), Eligible, false},              // 20 at most
		{reunite.BornIn(2001, 0), Ineligible, false},            // 21 at least
		{reunite.BornIn(2025, time.June), NeedsReview, true},    // born before or after the grant (2025-06-10)
		{reunite.BornOn(d("2002-08-15")), Eligible, false},      // the full date decides
		{reunite.BornOn(d("2002-08-14")), Ineligible, false},
	} {
		a := assess(t, func(f *reunite.Family) { f.Members[1].BirthDate = tc.birth })
		p := a.Petitions[1]
		if p.Verdict != tc.verdict {
			t.Errorf("born %s: verdict %s, want %s (%v)", tc.birth, p.Verdict, tc.verdict, codesOf(p))
		}
		if got := slices.Contains(missingFacts(p), "family[1].birth_date"); got != tc.missingBirt {
			t.Errorf("born %s: asks for the birth date = %v, want %v (%v)", tc.birth, got, tc.missingBirt, codesOf(p))
		}
		for _, f := range p.Findings {
			if tc.birth.Partial() && strings.Contains(f.Message(), tc.birth.First().String()) && f.Fact != "family[1].birth_date" {
				t.Errorf("born %s: %s shows the invented day %s: %q", tc.birth, f.Code, tc.birth.First(), f.Message())
			}
		}
	}
}

// A finding both ends give keeps the values that differ as a range, never
// one end's invented day.
func TestPartialBirthMessageShowsRange(t *testing.T) {
	a := assess(t, func(f *reunite.Family) { f.Members[1].BirthDate = reunite.BornIn(2001, 0) })
	var msg string
	for _, f := range a.Petitions[1].Findings {
		if f.Code == ChildAge {
			msg = f.Message()
		}
	}
	if !strings.Contains(msg, "21 to 22") {
		t.Errorf("CHILD_AGE message = %q, want the age as the range \"21 to 22\"", msg)
	}
}
