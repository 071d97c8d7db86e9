package tracking

import "github.com/reunite/reunite"

// ResponseRule is how long a family usually has to answer a notice, for the
// notices dated on or after From. Reunite only suggests a date from it: the
// date printed on the notice is what counts.
type ResponseRule struct {
	Notice     Kind
	From       reunite.Date
	Days       int // the period itself
	MailDays   int // added when the notice was mailed (8 CFR 103.8(b))
	AbroadDays int // added on top when it was mailed to an address abroad
	Source     string
}

// ResponseRules, newest last for each kind. Before 2026-08-05 an RFE gave
// 84 days (12 weeks, the regulatory maximum) plus 3 for mailing (the "87
// days" seen on notices) and more for an address abroad; a NOID at most 30
// days. Policy update PA-2026-05 (2026-08-05) lets USCIS set shorter RFE
// times and drops the extra days abroad: the suggestion becomes an upper
// bound, hence "check the notice". Whether PA-2026-05 reaches the I-730 is
// assumed (it follows 8 CFR 103.2), not stated by the alert.
var ResponseRules = []ResponseRule{
	{RFE, reunite.NewDate(1000, 1, 1), 84, 3, 14,
		"8 CFR 103.2(b)(8)(iv) (12 weeks at most); 8 CFR 103.8(b) (3 days for mail); USCIS memo PM-602-0040 (more time for addresses abroad)"},
	{RFE, reunite.NewDate(2026, 8, 5), 84, 3, 0,
		"USCIS policy update PA-2026-05 (effective 2026-08-05): 12 weeks is the maximum and may be shorter; 3 days for mail; no extra days abroad"},
	{NOID, reunite.NewDate(1000, 1, 1), 30, 3, 14,
		"8 CFR 103.2(b)(8)(iv) (30 days at most for a NOID); 8 CFR 103.8(b) (3 days for mail); USCIS memo PM-602-0040 (more time for addresses abroad)"},
	{NOID, reunite.NewDate(2026, 8, 5), 30, 3, 0,
		"USCIS policy update PA-2026-05 (effective 2026-08-05): NOIDs up to 30 days; 3 days for mail; no extra days abroad"},
}

// ruleFor returns the rule in force for a notice of kind k dated d.
func ruleFor(k Kind, d reunite.Date) (ResponseRule, bool) {
	var out ResponseRule
	found := false
	for _, r := range ResponseRules {
		if r.Notice == k && !d.Before(r.From) && (!found || r.From.After(out.From)) {
			out, found = r, true
		}
	}
	return out, found
}

// SuggestResponse returns the default last day to answer a notice of kind
// k (RFE or NOID) dated d and delivered as dl, carried past a weekend or
// holiday (8 CFR 1.2), with the rule it used. It is a suggestion: the due
// date printed on the notice is authoritative.
func SuggestResponse(k Kind, d reunite.Date, dl Delivery) (reunite.Date, ResponseRule, bool) {
	r, ok := ruleFor(k, d)
	if !ok || d.IsZero() {
		return reunite.Date{}, r, false
	}
	return lastDay(d, r.Days+mailDays(dl, r.MailDays, r.AbroadDays)), r, true
}

func mailDays(dl Delivery, mail, abroad int) int {
	switch dl {
	case InPerson:
		return 0
	case ByMailAbroad:
		return mail + abroad
	}
	return mail
}

// Motion windows after a denial: a motion to reopen or reconsider (Form
// I-290B) within 30 days of the decision, 33 if it was mailed. There is no
// appeal from an I-730 denial.
const (
	MotionDays   = 30
	MotionSource = "8 CFR 103.5(a)(1)(i) (30 days); 8 CFR 103.8(b) (3 more if mailed); 8 CFR 1.2 (a last day on a weekend or holiday moves to the next business day); Form I-290B instructions"
	NoAppeal     = "An I-730 denial cannot be appealed (8 CFR 207.7(g) for a refugee's relative, 8 CFR 208.21(e) for an asylee's): a motion on Form I-290B is the remaining route, and it has a fee."
)

// MotionLastDay returns the last day to file a motion after a denial dated
// d and delivered as dl.
func MotionLastDay(d reunite.Date, dl Delivery) reunite.Date {
	return lastDay(d, MotionDays+mailDays(dl, 3, 0))
}

// The adjustment window: a relative admitted as a refugee must, and one
// admitted or granted as an asylee may, apply for permanent residence after
// one year of physical presence, counted from admission (abroad) or from the
// approval that granted status (in the United States).
const AdjustmentSource = "INA 209(a), 8 CFR 209.1 (refugees: one year after admission); INA 209(b), 8 CFR 209.2 (asylees: one year after the grant); process.md 4.9"

// anniversary returns the same day one year later; 29 February gives 28
// February.
func anniversary(d reunite.Date) reunite.Date {
	y := d.Year() + 1
	return reunite.NewDate(y, d.Month(), min(d.Day(), reunite.DaysIn(y, d.Month())))
}
