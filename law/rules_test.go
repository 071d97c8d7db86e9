package law

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// base is an asylee mother with a husband and a daughter, all eligible on
// 2026-11-23. Each test changes one fact and looks at the finding it moves.
func base() *reunite.Family {
	no, yes := reunite.Bool(false), reunite.Bool(true)
	return &reunite.Family{
		Format: reunite.CaseFormat,
		Principal: reunite.Principal{
			Name: reunite.Name{Family: "Tesfaye", Given: "Selam"}, Sex: reunite.Female,
			Status: reunite.Asylee, AsylumFiled: d("2023-08-14"), StatusDate: d("2025-06-10"),
		},
		Members: []reunite.Member{
			{ID: "husband", Relationship: reunite.Spouse, Name: reunite.Name{Given: "Dawit"},
				BirthDate: reunite.BornOn(d("1983-09-01")), MaritalStatus: reunite.Married, Location: reunite.OutsideUS,
				Marriage:   &reunite.Marriage{Date: d("2012-06-20"), Form: reunite.CivilMarriage},
				Persecutor: no, ListedOnPrincipalApplication: yes},
			{ID: "daughter", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Ruth"},
				BirthDate: reunite.BornOn(d("2014-03-03")), MaritalStatus: reunite.Single, Location: reunite.OutsideUS,
				Child:      &reunite.Child{Kind: reunite.Biological, BornInWedlock: yes},
				Persecutor: no, ListedOnPrincipalApplication: yes},
		},
	}
}

const asOf = "2026-11-23"

func assess(t *testing.T, change func(f *reunite.Family)) *Assessment {
	t.Helper()
	f := base()
	change(f)
	errs := &reunite.ValidationError{}
	f.Validate(errs)
	if errs.Err() != nil {
		t.Fatalf("test family is invalid: %v", errs)
	}
	return Assess(f, d(asOf))
}

// outcome returns the outcome of code among a petition's findings, or Pass
// when it was checked and passed, or "" when the rule did not run.
func outcome(p Petition, code Code) Outcome {
	for _, f := range p.Findings {
		if f.Code == code {
			return f.Outcome
		}
	}
	for _, f := range p.Checks {
		if f.Code == code {
			return f.Outcome
		}
	}
	return ""
}

func missingFacts(p Petition) []string {
	var out []string
	for _, f := range p.Findings {
		if f.Code == MissingFact {
			out = append(out, f.Fact)
		}
	}
	return out
}

type ruleCase struct {
	name    string
	change  func(f *reunite.Family)
	member  int
	code    Code
	want    Outcome
	verdict Verdict
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := assess(t, tc.change)
			p := a.Petitions[tc.member]
			if got := outcome(p, tc.code); got != tc.want {
				t.Errorf("%s = %q, want %q; findings: %v", tc.code, got, tc.want, codesOf(p))
			}
			if tc.verdict != "" && p.Verdict != tc.verdict {
				t.Errorf("verdict = %s, want %s; findings: %v", p.Verdict, tc.verdict, codesOf(p))
			}
		})
	}
}

func codesOf(p Petition) []string {
	var out []string
	for _, f := range p.Findings {
		s := string(f.Code) + "/" + string(f.Outcome)
		if f.Fact != "" {
			s += "(" + f.Fact + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestBaseFamilyIsEligible(t *testing.T) {
	a := assess(t, func(*reunite.Family) {})
	if !a.Petitioner.CanFile || len(a.Petitioner.Findings) != 0 {
		t.Fatalf("petitioner: %+v", a.Petitioner)
	}
	for i, p := range a.Petitions {
		if p.Verdict != Eligible || len(p.Findings) != 0 {
			t.Errorf("petition %d: %s %v", i, p.Verdict, codesOf(p))
		}
	}
	if s := a.Petitions[1].Sequence; s == nil || *s != "2 of 2" {
		t.Errorf("sequence = %v", s)
	}
	if a.Deadline.FileBy.String() != "2027-06-10" || *a.Deadline.Late || *a.Deadline.DaysLeft != 199 {
		t.Errorf("deadline = %v %v %v", a.Deadline.FileBy, *a.Deadline.Late, *a.Deadline.DaysLeft)
	}
}

func TestDeadlineRules(t *testing.T) {
	filing := func(s string) func(*reunite.Family) { return func(f *reunite.Family) { f.FilingDate = d(s) } }
	runRuleCases(t, []ruleCase{
		{"day before the last day", filing("2027-06-09"), 0, FilingLate, Pass, Eligible},
		{"on the last day", filing("2027-06-10"), 0, FilingLate, Pass, Eligible},
		{"the day after", filing("2027-06-11"), 0, FilingLate, Review, NeedsReview},
		{"from 29 February, 28 February is on time", func(f *reunite.Family) {
			f.Principal.StatusDate = d("2024-02-29")
			f.FilingDate = d("2026-02-28")
		}, 0, FilingLate, Pass, Eligible},
		{"from 29 February, 1 March is late", func(f *reunite.Family) {
			f.Principal.StatusDate = d("2024-02-29")
			f.FilingDate = d("2026-03-01")
		}, 0, FilingLate, Review, NeedsReview},
		{"last day on a Saturday warns", func(f *reunite.Family) {
			f.Principal.StatusDate = d("2025-06-12") // 2027-06-12 is a Saturday
		}, 1, DeadlineOnWeekend, Warn, Eligible},
		{"last day on a weekday does not warn", func(*reunite.Family) {}, 1, DeadlineOnWeekend, "", Eligible},
	})
}

func TestFilingLateCitation(t *testing.T) {
	for _, tc := range []struct {
		status   reunite.Status
		location reunite.Location
		want     string
	}{
		{reunite.Asylee, reunite.InsideUS, "8 CFR 208.21(c)"},
		{reunite.Asylee, reunite.OutsideUS, "8 CFR 208.21(d)"},
		{reunite.Refugee, reunite.OutsideUS, "8 CFR 207.7(d)"},
	} {
		a := assess(t, func(f *reunite.Family) {
			f.Principal.Status = tc.status
			f.Principal.RefugeeInterview = d("2023-08-14")
			f.Members[0].Location = tc.location
			f.FilingDate = d("2027-07-01")
		})
		for _, fd := range a.Petitions[0].Findings {
			if fd.Code == FilingLate && fd.Cite != tc.want {
				t.Errorf("%s %s: cite %q, want %q", tc.status, tc.location, fd.Cite, tc.want)
			}
		}
	}
}

func TestSpouseRules(t *testing.T) {
	married := func(s string) func(*reunite.Family) {
		return func(f *reunite.Family) { f.Members[0].Marriage.Date = d(s) }
	}
	form := func(fm reunite.MarriageForm, valid, consummated *bool) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[0].Marriage.Form = fm
			f.Members[0].Marriage.ValidWhereCelebrated = valid
			f.Members[0].Marriage.Consummated = consummated
		}
	}
	yes, no := reunite.Bool(true), reunite.Bool(false)
	runRuleCases(t, []ruleCase{
		{"married the day before the grant", married("2025-06-09"), 0, MarriageAfterStatus, Pass, Eligible},
		{"married on the day of the grant", married("2025-06-10"), 0, MarriageAfterStatus, Pass, Eligible},
		{"married the day after the grant", married("2025-06-11"), 0, MarriageAfterStatus, Fail, Ineligible},
		{"divorced", func(f *reunite.Family) { f.Members[0].Marriage.Ended = d("2024-01-01") }, 0, MarriageEnded, Fail, Ineligible},
		{"widowed status", func(f *reunite.Family) { f.Members[0].MaritalStatus = reunite.Widowed }, 0, MarriageEnded, Fail, Ineligible},
		{"proxy consummated", form(reunite.ProxyMarriage, nil, yes), 0, MarriageProxyUnconsummated, Pass, Eligible},
		{"proxy unconsummated", form(reunite.ProxyMarriage, nil, no), 0, MarriageProxyUnconsummated, Fail, Ineligible},
		{"proxy, consummation unknown", form(reunite.ProxyMarriage, nil, nil), 0, MissingFact, Review, NeedsReview},
		{"customary, validity unknown", form(reunite.CustomaryMarriage, nil, nil), 0, MarriageInformal, Review, NeedsReview},
		{"informal, not valid", form(reunite.InformalMarriage, no, nil), 0, MarriageInformal, Fail, Ineligible},
		{"religious, valid", form(reunite.ReligiousMarriage, yes, nil), 0, MarriageInformal, Pass, Eligible},
		{"civil, not valid: the informal rule does not run", form(reunite.CivilMarriage, no, nil), 0, MarriageInformal, "", Ineligible},
		{"civil, not valid", form(reunite.CivilMarriage, no, nil), 0, MarriageNotValid, Fail, Ineligible},
		{"civil, valid", form(reunite.CivilMarriage, yes, nil), 0, MarriageNotValid, Pass, Eligible},
		{"civil, validity unknown: no finding", form(reunite.CivilMarriage, nil, nil), 0, MarriageNotValid, "", Eligible},
		{"proxy consummated, not valid", form(reunite.ProxyMarriage, no, yes), 0, MarriageNotValid, Fail, Ineligible},
		{"form unknown, not valid", form("", no, nil), 0, MarriageNotValid, Fail, Ineligible},
		{"religious, not valid: the informal rule says it", form(reunite.ReligiousMarriage, no, nil), 0, MarriageNotValid, "", Ineligible},
		{"asylee's spouse, fraud finding", func(f *reunite.Family) { f.Members[0].MarriageFraudFinding = yes }, 0, MarriageFraud, Review, NeedsReview},
		{"marriage form unknown", form("", nil, nil), 0, MissingFact, Review, NeedsReview},
	})
}

func TestSpouseMultiple(t *testing.T) {
	second := func(ended reunite.Date, status reunite.MaritalStatus) func(*reunite.Family) {
		return func(f *reunite.Family) {
			s := f.Members[0]
			s.ID, s.Marriage = "wife2", &reunite.Marriage{Date: d("2015-01-01"), Form: reunite.CivilMarriage, Ended: ended}
			s.MaritalStatus = status
			f.Members = append(f.Members, s)
		}
	}
	runRuleCases(t, []ruleCase{
		{"two live spouses: the first", second(reunite.Date{}, reunite.Married), 0, SpouseMultiple, Review, NeedsReview},
		{"two live spouses: the second", second(reunite.Date{}, reunite.Married), 2, SpouseMultiple, Review, NeedsReview},
		{"the other divorced", second(d("2016-01-01"), reunite.Divorced), 0, SpouseMultiple, "", Eligible},
	})
}

func TestChildAgeRules(t *testing.T) {
	born := func(s string) func(*reunite.Family) {
		return func(f *reunite.Family) { f.Members[1].BirthDate = reunite.BornOn(d(s)) }
	}
	// asylum_filed is 2023-08-14: the 21st birthday must come after it.
	runRuleCases(t, []ruleCase{
		{"21 the day after the I-589", born("2002-08-15"), 1, ChildAge, Pass, Eligible},
		{"21 on the day of the I-589", born("2002-08-14"), 1, ChildAge, Fail, Ineligible},
		{"21 the day before the I-589", born("2002-08-13"), 1, ChildAge, Fail, Ineligible},
		{"born 29 Feb, 21 on 1 March of a common year", func(f *reunite.Family) {
			f.Principal.AsylumFiled = d("2025-02-28")
			f.Principal.StatusDate = d("2025-06-10")
			f.Members[1].BirthDate = reunite.BornOn(d("2004-02-29"))
		}, 1, ChildAge, Pass, Eligible},
		{"born 29 Feb, 21 on 1 March", func(f *reunite.Family) {
			f.Principal.AsylumFiled = d("2025-03-01")
			f.Principal.StatusDate = d("2025-06-10")
			f.Members[1].BirthDate = reunite.BornOn(d("2004-02-29"))
		}, 1, ChildAge, Fail, Ineligible},
		{"refugee: the interview fixes the age, not the admission", func(f *reunite.Family) {
			f.Principal.Status = reunite.Refugee
			f.Principal.AsylumFiled = reunite.Date{}
			f.Principal.RefugeeInterview = d("2023-01-10")
			f.Members[1].BirthDate = reunite.BornOn(d("2002-01-11")) // 21 after the interview, before admission
		}, 1, ChildAge, Pass, Eligible},
		{"unknown day, under 21 at filing: not asked", func(f *reunite.Family) {
			f.Principal.AsylumFiled = reunite.Date{}
		}, 1, MissingFact, "", Eligible},
		{"unknown day, 21 at filing: asked", func(f *reunite.Family) {
			f.Principal.AsylumFiled = reunite.Date{}
			f.Members[1].BirthDate = reunite.BornOn(d("2005-11-23"))
		}, 1, MissingFact, Review, NeedsReview},
	})
}

func TestChildTimingAndMarriage(t *testing.T) {
	yes, no := reunite.Bool(true), reunite.Bool(false)
	runRuleCases(t, []ruleCase{
		{"born on the grant day", func(f *reunite.Family) { f.Members[1].BirthDate = reunite.BornOn(d("2025-06-10")) }, 1, ChildAfterStatus, Pass, Eligible},
		{"born after, conceived before", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2025-06-11"))
			f.Members[1].Child.ConceivedBeforeStatus = yes
		}, 1, ChildAfterStatus, Pass, Eligible},
		{"born after, conceived after", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2026-06-11"))
			f.Members[1].Child.ConceivedBeforeStatus = no
		}, 1, ChildAfterStatus, Fail, Ineligible},
		{"born after, conception unknown", func(f *reunite.Family) { f.Members[1].BirthDate = reunite.BornOn(d("2025-12-01")) }, 1, MissingFact, Review, NeedsReview},
		{"married", func(f *reunite.Family) { f.Members[1].MaritalStatus = reunite.Married }, 1, ChildMarried, Fail, Ineligible},
		{"divorced before the grant", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
			f.Members[1].Child.MarriageDate = d("2022-01-01")
			f.Members[1].Child.MarriageEnded = d("2025-06-10")
		}, 1, ChildPreviouslyMarried, Review, NeedsReview},
		{"married on the grant day, divorced after: in force", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
			f.Members[1].Child.MarriageDate = d("2025-06-10")
			f.Members[1].Child.MarriageEnded = d("2025-06-11")
		}, 1, ChildPreviouslyMarried, Fail, Ineligible},
		{"married and divorced after the grant: review", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
			f.Members[1].Child.MarriageDate = d("2025-06-11")
			f.Members[1].Child.MarriageEnded = d("2026-01-01")
		}, 1, ChildPreviouslyMarried, Review, NeedsReview},
		{"divorce after the grant", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
			f.Members[1].Child.MarriageDate = d("2022-01-01")
			f.Members[1].Child.MarriageEnded = d("2025-06-11")
		}, 1, ChildPreviouslyMarried, Fail, Ineligible},
		{"divorced is not married", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
		}, 1, ChildMarried, "", NeedsReview},
		{"not listed, born before the I-589", func(f *reunite.Family) { f.Members[1].ListedOnPrincipalApplication = no }, 1, ChildNotListed, Review, NeedsReview},
		{"not listed, born after the I-589", func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2024-01-01"))
			f.Members[1].ListedOnPrincipalApplication = no
		}, 1, ChildNotListed, "", Eligible},
	})
}

func TestChildPreviouslyMarriedAsksOnlyForDatesThatMatter(t *testing.T) {
	a := assess(t, func(f *reunite.Family) {
		f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
		f.Members[1].MaritalStatus = reunite.Widowed
		f.Members[1].Child.MarriageEnded = d("2024-01-01") // so the marriage too was before the grant
	})
	if got := missingFacts(a.Petitions[1]); len(got) != 0 {
		t.Errorf("asked for %v; the known end before the grant settles both dates", got)
	}
	a = assess(t, func(f *reunite.Family) {
		f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
		f.Members[1].MaritalStatus = reunite.Divorced
	})
	if got := strings.Join(missingFacts(a.Petitions[1]), " "); got != "family[1].child.marriage_date family[1].child.marriage_ended" {
		t.Errorf("asked for %q", got)
	}
	for _, tc := range []struct {
		name         string
		began, ended string
		want         string
		wantOutcome  Outcome
	}{
		{"began before the grant, end unknown", "2024-01-01", "", "family[1].child.marriage_ended", Review},
		{"began after the grant, end unknown", "2025-06-11", "", "", Review},
		{"ended after the grant, beginning unknown", "", "2025-07-01", "family[1].child.marriage_date", Review},
		{"ended on the grant day, beginning unknown", "", "2025-06-10", "", Review},
	} {
		a = assess(t, func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d("2004-01-01"))
			f.Members[1].MaritalStatus = reunite.Divorced
			if tc.began != "" {
				f.Members[1].Child.MarriageDate = d(tc.began)
			}
			if tc.ended != "" {
				f.Members[1].Child.MarriageEnded = d(tc.ended)
			}
		})
		if got := strings.Join(missingFacts(a.Petitions[1]), " "); got != tc.want {
			t.Errorf("%s: asked for %q, want %q", tc.name, got, tc.want)
		}
		if got := outcome(a.Petitions[1], ChildPreviouslyMarried); got != tc.wantOutcome {
			t.Errorf("%s: CHILD_PREVIOUSLY_MARRIED = %q, want %q", tc.name, got, tc.wantOutcome)
		}
	}
}

func TestWedlockRules(t *testing.T) {
	yes, no := reunite.Bool(true), reunite.Bool(false)
	father := func(sex reunite.Sex, legit, bonaFide *bool) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Principal.Sex = sex
			f.Members[1].Child.BornInWedlock = no
			f.Members[1].Child.Legitimated = legit
			f.Members[1].Child.BonaFideRelationship = bonaFide
		}
	}
	runRuleCases(t, []ruleCase{
		{"father, neither", father(reunite.Male, no, no), 1, ChildOutOfWedlockFather, Fail, Ineligible},
		{"father, legitimated", father(reunite.Male, yes, no), 1, ChildOutOfWedlockFather, Pass, Eligible},
		{"father, bona fide", father(reunite.Male, no, yes), 1, ChildOutOfWedlockFather, Pass, Eligible},
		{"father, unknown", father(reunite.Male, no, nil), 1, MissingFact, Review, NeedsReview},
		{"mother", father(reunite.Female, no, no), 1, ChildOutOfWedlockFather, Pass, Eligible},
		{"sex X", father(reunite.SexX, no, no), 1, MissingFact, Review, NeedsReview},
	})
}

func TestStepchildRules(t *testing.T) {
	step := func(born, married string) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d(born))
			f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild, ParentMarriageDate: d(married)}
		}
	}
	runRuleCases(t, []ruleCase{
		{"married the day before the 18th birthday", step("2005-05-16", "2023-05-15"), 1, StepchildAgeAtMarriage, Pass, Eligible},
		{"married on the 18th birthday", step("2005-05-16", "2023-05-16"), 1, StepchildAgeAtMarriage, Fail, Ineligible},
		{"married after the grant", step("2010-05-16", "2025-06-11"), 1, StepchildMarriageAfterStatus, Fail, Ineligible},
		{"married on the grant day", step("2010-05-16", "2025-06-10"), 1, StepchildMarriageAfterStatus, Pass, Eligible},
		{"marriage date unknown", func(f *reunite.Family) { f.Members[1].Child = &reunite.Child{Kind: reunite.Stepchild} }, 1, MissingFact, Review, NeedsReview},
	})
}

func TestAdoptionRules(t *testing.T) {
	adopt := func(born, adopted string, custody int, sibling, battered bool) func(*reunite.Family) {
		return func(f *reunite.Family) {
			f.Members[1].BirthDate = reunite.BornOn(d(born))
			f.Members[1].Child = &reunite.Child{Kind: reunite.Adopted, AdoptionDate: d(adopted),
				CustodyYears: reunite.Int(custody), SiblingAdoptedUnder16: reunite.Bool(sibling),
				BatteredByAdoptiveFamily: reunite.Bool(battered)}
		}
	}
	runRuleCases(t, []ruleCase{
		{"the day before the 16th birthday", adopt("2008-03-10", "2024-03-09", 3, false, false), 1, AdoptedAfter16, Pass, Eligible},
		{"on the 16th birthday", adopt("2008-03-10", "2024-03-10", 3, false, false), 1, AdoptedAfter16, Fail, Ineligible},
		{"sibling, at 17", adopt("2007-03-10", "2024-03-10", 3, true, false), 1, AdoptedAfter16, Pass, Eligible},
		{"sibling, on the 18th birthday", adopt("2006-03-10", "2024-03-10", 3, true, false), 1, AdoptedAfter16, Fail, Ineligible},
		{"one year of custody", adopt("2010-01-01", "2020-01-01", 1, false, false), 1, AdoptionCustody, Fail, Ineligible},
		{"two years of custody", adopt("2010-01-01", "2020-01-01", 2, false, false), 1, AdoptionCustody, Pass, Eligible},
		{"battered waives custody", adopt("2010-01-01", "2020-01-01", 0, false, true), 1, AdoptionCustody, Pass, Eligible},
		{"adopted after the grant", adopt("2012-01-01", "2025-06-11", 3, false, false), 1, AdoptionAfterStatus, Fail, Ineligible},
	})
}

func TestBarRules(t *testing.T) {
	yes := reunite.Bool(true)
	runRuleCases(t, []ruleCase{
		{"already protected", func(f *reunite.Family) { f.Members[0].AlreadyProtected = yes }, 0, MemberAlreadyProtected, Fail, Ineligible},
		{"persecutor", func(f *reunite.Family) { f.Members[0].Persecutor = yes }, 0, PersecutorBar, Fail, Ineligible},
		{"persecutor unknown", func(f *reunite.Family) { f.Members[0].Persecutor = nil }, 0, MissingFact, Review, NeedsReview},
		{"other bars", func(f *reunite.Family) { f.Members[0].OtherBars = yes }, 0, OtherBar, Review, NeedsReview},
		{"removal, inside the US: a warning", func(f *reunite.Family) {
			f.Members[0].RemovalProceedings, f.Members[0].Location = yes, reunite.InsideUS
		}, 0, RemovalProceedings, Warn, Eligible},
		{"removal, asylee's relative abroad: nothing", func(f *reunite.Family) { f.Members[0].RemovalProceedings = yes }, 0, OtherBar, "", Eligible},
		{"removal, refugee's relative abroad", func(f *reunite.Family) {
			f.Principal.Status, f.Principal.RefugeeInterview = reunite.Refugee, d("2023-08-14")
			f.Members[0].RemovalProceedings = yes
		}, 0, OtherBar, Review, NeedsReview},
		{"a parent never qualifies", func(f *reunite.Family) { f.Members[0].Relationship = reunite.Parent }, 0, RelationshipNotQualifying, Fail, Ineligible},
	})
}

func TestPetitionerRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(*reunite.Family)
		code    Code
		canFile bool
	}{
		{"derivative", func(f *reunite.Family) { f.Principal.Status = reunite.DerivativeAsylee }, PetitionerDerivative, false},
		{"former derivative", func(f *reunite.Family) { f.Principal.Status = reunite.LPRFormerDerivative }, PetitionerDerivative, false},
		{"no status", func(f *reunite.Family) { f.Principal.Status = reunite.NoStatus }, PetitionerStatus, false},
		{"terminated", func(f *reunite.Family) { f.Principal.StatusTerminated = reunite.Bool(true) }, PetitionerStatus, false},
		{"citizen before filing", func(f *reunite.Family) {
			f.Principal.Status, f.Principal.NaturalizedOn = reunite.Citizen, d("2026-11-23")
		}, PetitionerStatus, false},
		{"citizen, day unknown", func(f *reunite.Family) { f.Principal.Status = reunite.Citizen }, PetitionerStatus, false},
		{"citizen after filing", func(f *reunite.Family) {
			f.Principal.Status, f.Principal.NaturalizedOn = reunite.Citizen, d("2026-11-24")
		}, PetitionerNaturalizedAfterFiling, true},
		{"died before filing", func(f *reunite.Family) { f.Principal.DeceasedOn = d("2026-01-01") }, PetitionerDeceased, false},
		{"died the day before filing", func(f *reunite.Family) {
			f.FilingDate, f.Principal.DeceasedOn = d("2026-03-01"), d("2026-02-28")
		}, PetitionerDeceased, false},
		{"died on the filing day", func(f *reunite.Family) {
			f.FilingDate, f.Principal.DeceasedOn = d("2026-03-01"), d("2026-03-01")
		}, PetitionerDeceased, true},
		{"died after filing", func(f *reunite.Family) {
			f.FilingDate, f.Principal.DeceasedOn = d("2026-03-01"), d("2026-03-02")
		}, PetitionerDeceased, true},
		{"status unknown", func(f *reunite.Family) { f.Principal.Status = "" }, MissingFact, true},
		{"status date unknown", func(f *reunite.Family) { f.Principal.StatusDate = reunite.Date{} }, MissingFact, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := assess(t, tc.change)
			if a.Petitioner.CanFile != tc.canFile {
				t.Errorf("can_file = %v, want %v", a.Petitioner.CanFile, tc.canFile)
			}
			found := false
			for _, f := range a.Petitioner.Findings {
				found = found || f.Code == tc.code
			}
			if !found {
				t.Errorf("petitioner findings lack %s: %+v", tc.code, a.Petitioner.Findings)
			}
			for _, p := range a.Petitions {
				if !tc.canFile && (p.Verdict != Ineligible || p.Sequence != nil) {
					t.Errorf("%s: %s %v, want ineligible with no sequence", p.Member, p.Verdict, p.Sequence)
				}
				if outcome(p, tc.code) == "" {
					t.Errorf("%s: the petitioner's %s was not copied: %v", p.Member, tc.code, codesOf(p))
				}
			}
		})
	}
}

func TestMessagesNameTheirFactsAndDates(t *testing.T) {
	a := assess(t, func(f *reunite.Family) {
		f.Members[1].BirthDate = reunite.BornOn(d("2002-09-01"))
		f.Members[1].Name.Given = "Ruth"
	})
	var msg string
	for _, c := range a.Petitions[1].Checks {
		if c.Code == ChildAge {
			msg = c.Message()
		}
	}
	for _, want := range []string{"Ruth", "20", "2023-08-14", "24 now"} {
		if !strings.Contains(msg, want) {
			t.Errorf("CHILD_AGE message %q does not name %q", msg, want)
		}
	}
	for _, p := range a.Petitions {
		for _, c := range p.Checks {
			if strings.Contains(c.Message(), "{") || c.Cite == "" || c.Message() == "" {
				t.Errorf("%s: message %q cite %q", c.Code, c.Message(), c.Cite)
			}
		}
	}
}

func TestSequenceSkipsIneligible(t *testing.T) {
	a := assess(t, func(f *reunite.Family) {
		f.Members[0].Marriage.Date = d("2025-07-01") // after the grant
	})
	if a.Petitions[0].Sequence != nil || a.Petitions[1].Sequence == nil || *a.Petitions[1].Sequence != "1 of 1" {
		t.Errorf("sequences: %v, %v", a.Petitions[0].Sequence, a.Petitions[1].Sequence)
	}
}
