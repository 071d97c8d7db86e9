package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
)

// A field is one question of the intake, bound to the fact of the case
// file it fills. Questions are built from the family as it stands, so a
// question that does not apply is never asked, and answering one can make
// another apply (the step is then shown again with it).
type field struct {
	Name    string
	Kind    string        // text, date, choice, yesno, number, select; "" for a commit (not shown)
	Label   template.HTML // in the page's language, names in <bdi>
	Help    string
	Group   template.HTML // a sub-heading shown before the field (an address block)
	Value   string        // text, number, choice value; "yes"/"no"/"unknown"
	Day     string        // the parts of a date, as typed
	Month   string
	Year    string
	Both    string // a date known, written in the page's language (both calendars for Dari and Pashto)
	Choices []choice
	// Unknown offers "I don't know": the fact stays unknown and the law
	// engine says review with the fact named; Ref names the fact, so that
	// the answer is remembered (Family.Intake).
	Unknown   bool
	IsUnknown bool
	Ref       reunite.FactRef
	Required  bool
	Auto      string // the autocomplete token of a text field
	Problem   string // catalog key of what is wrong, shown next to the field
	Detail    string // the case-file check's own words, in English

	text      *string
	date      *reunite.Date
	birth     *reunite.BirthDate // a date field that takes a year or a month and year too
	flag      **bool
	num       **int
	getChoice func() string
	setChoice func(string)
	// valid checks a typed text answer and returns a problem's catalog key.
	valid func(string) string
	// commit runs after the step's other fields were applied (a list built
	// from several fields) and returns a problem's catalog key.
	commit func() string
	// commitOn names the field a commit's problem is shown next to.
	commitOn string
	// onlyIf, when set, is asked after the fields before it were applied:
	// false skips the field (a question another answer on the same page
	// made moot, such as the marriage of a stepchild just linked).
	onlyIf func() bool
}

type choice struct{ Value, Label string }

// answered reports whether the question has an answer, "I don't know"
// included.
func (f *field) answered() bool {
	switch {
	case f.Kind == "":
		return true
	case f.IsUnknown || f.Value == "unknown":
		return true
	case f.Kind == "date":
		return f.Year != ""
	}
	return f.Value != ""
}

// load fills the field's displayed value from the case file; fam tells
// which unknown facts were answered "I don't know".
func (f *field) load(fam *reunite.Family) {
	switch f.Kind {
	case "text":
		f.Value = *f.text
	case "date":
		if f.birth != nil {
			f.Day, f.Month, f.Year = birthParts(*f.birth)
		} else if d := *f.date; !d.IsZero() {
			f.Day, f.Month, f.Year = strconv.Itoa(d.Day()), strconv.Itoa(int(d.Month())), strconv.Itoa(d.Year())
		}
	case "choice", "select":
		f.Value = f.getChoice()
	case "yesno":
		switch {
		case *f.flag == nil:
			f.Value = ""
		case **f.flag:
			f.Value = "yes"
		default:
			f.Value = "no"
		}
	case "number":
		if *f.num != nil {
			f.Value = strconv.Itoa(**f.num)
		}
	}
	if f.Unknown && f.Ref.Fact != "" && !f.answered() && fam.UnknownAnswer(f.Ref) {
		switch f.Kind {
		case "choice", "yesno":
			f.Value = "unknown"
		default:
			f.IsUnknown = true
		}
	}
}

// remember records in the family whether the answer was "I don't know".
func (f *field) remember(fam *reunite.Family) {
	if !f.Unknown || f.Ref.Fact == "" {
		return
	}
	fam.SetUnknownAnswer(f.Ref, f.IsUnknown || f.Value == "unknown")
}

// maxText bounds a typed answer; names and places are short.
const maxText = 200

// textProblem is the catalog key of what is wrong with a typed line of
// text, or "": too long, or holding a bidirectional control character
// (U+202E and its kin), which has no place in a name or a short answer
// and would make it show as another in the office's lists.
func textProblem(v string) string {
	if len([]rune(v)) > maxText {
		return "form.too_long"
	}
	if _, ok := reunite.BidiControl(v); ok {
		return "form.direction_control"
	}
	return ""
}

// applyAll applies every field of a step to the case file, putting each
// problem next to its field, remembers the answers "I don't know" in fam,
// and reports whether there was any problem.
func applyAll(fam *reunite.Family, fields []field, form url.Values) (bad bool) {
	for i := range fields {
		if fields[i].Kind == "" {
			continue
		}
		if fields[i].onlyIf != nil && !fields[i].onlyIf() {
			fields[i].Unknown = false // nothing to remember either
			continue
		}
		if k := fields[i].apply(form); k != "" {
			fields[i].Problem, bad = k, true
		}
	}
	for i := range fields {
		if fields[i].commit == nil {
			continue
		}
		if k := fields[i].commit(); k != "" {
			bad = true
			for j := range fields {
				if fields[j].Name == fields[i].commitOn && fields[j].Problem == "" {
					fields[j].Problem = k
				}
			}
		}
	}
	if !bad && fam != nil {
		for i := range fields {
			fields[i].remember(fam)
		}
	}
	return bad
}

// apply reads the field's answer from a submitted form into the case file,
// and returns the catalog key of a problem, or "".
func (f *field) apply(form url.Values) string {
	get := func(suffix string) string { return strings.TrimSpace(form.Get(f.Name + suffix)) }
	f.IsUnknown = f.Unknown && form.Get(f.Name+"_unknown") == "1"
	switch f.Kind {
	case "text":
		f.Value = get("")
		if k := textProblem(f.Value); k != "" {
			return k
		}
		if f.Required && f.Value == "" {
			return "form.required"
		}
		if f.Value != "" && f.valid != nil {
			if k := f.valid(f.Value); k != "" {
				return k
			}
		}
		*f.text = f.Value
	case "date":
		f.Day, f.Month, f.Year = get("_d"), get("_m"), get("_y")
		if f.birth != nil {
			return f.applyBirth()
		}
		d, problem := parseDateParts(f.Day, f.Month, f.Year)
		if problem != "" && !f.IsUnknown {
			return problem
		}
		if d.IsZero() && f.Required && !f.IsUnknown {
			if f.Unknown {
				return "form.date_or_unknown"
			}
			return "form.required"
		}
		if f.IsUnknown {
			d = reunite.Date{}
			f.Day, f.Month, f.Year = "", "", ""
		}
		*f.date = d
	case "choice", "select":
		f.Value = get("")
		if f.Value == "unknown" && f.Unknown {
			f.setChoice("")
			return ""
		}
		for _, c := range f.Choices {
			if c.Value == f.Value && c.Value != "unknown" && c.Value != "" {
				f.setChoice(f.Value)
				return ""
			}
		}
		if f.Value == "" && !f.Required {
			f.setChoice("")
			return ""
		}
		return "form.choose"
	case "yesno":
		f.Value = get("")
		switch f.Value {
		case "yes":
			*f.flag = reunite.Bool(true)
		case "no":
			*f.flag = reunite.Bool(false)
		case "unknown":
			if !f.Unknown {
				return "form.choose"
			}
			*f.flag = nil
		case "":
			if f.Required {
				return "form.choose"
			}
			*f.flag = nil
		default:
			return "form.choose"
		}
	case "number":
		f.Value = get("")
		if f.Value == "" || f.IsUnknown {
			if f.Required && !f.IsUnknown {
				return "form.number_or_unknown"
			}
			*f.num = nil
			f.Value = ""
			return ""
		}
		n, err := strconv.Atoi(latinDigits(f.Value))
		if err != nil || n < 0 || n > 120 {
			return "form.number"
		}
		*f.num = reunite.Int(n)
	}
	return ""
}

// parseDateParts reads a date typed as day, month and year. All three
// empty is no answer; some empty is incomplete. Arabic-Indic and Persian
// digits, which phone keyboards in Arabic, Dari and Pashto type, are read
// as the same numbers. A month "sh1" to "sh12" is a Solar Hijri month (a
// tazkira's date): day and year are then of that calendar, and the date
// is converted to the Gregorian one the form needs.
func parseDateParts(day, month, year string) (reunite.Date, string) {
	day, month, year = latinDigits(strings.TrimSpace(day)), latinDigits(strings.TrimSpace(month)), latinDigits(strings.TrimSpace(year))
	if rest, ok := strings.CutPrefix(month, "sh"); ok {
		if day == "" || year == "" {
			return reunite.Date{}, "date.incomplete"
		}
		d, err1 := strconv.Atoi(day)
		m, err2 := strconv.Atoi(rest)
		y, err3 := strconv.Atoi(year)
		if err1 != nil || err2 != nil || err3 != nil || len(year) != 4 || len(day) > 2 {
			return reunite.Date{}, "date.invalid"
		}
		g, ok := i18n.FromSolarHijri(y, m, d)
		if !ok {
			return reunite.Date{}, "date.invalid_sh"
		}
		return g, ""
	}
	if day == "" && month == "" && year == "" {
		return reunite.Date{}, ""
	}
	if day == "" || month == "" || year == "" {
		return reunite.Date{}, "date.incomplete"
	}
	d, err1 := strconv.Atoi(day)
	m, err2 := strconv.Atoi(month)
	y, err3 := strconv.Atoi(year)
	if err1 != nil || err2 != nil || err3 != nil || len(year) != 4 || len(day) > 2 || len(month) > 2 {
		return reunite.Date{}, "date.invalid"
	}
	dt, err := reunite.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	if err != nil {
		return reunite.Date{}, "date.invalid"
	}
	return dt, ""
}

// birthParts splits a birth date into the parts the form shows: a partial
// one leaves the unknown parts empty.
func birthParts(b reunite.BirthDate) (day, month, year string) {
	if b.IsZero() {
		return "", "", ""
	}
	year = strconv.Itoa(b.Year())
	if m := b.Month(); m != 0 {
		month = strconv.Itoa(int(m))
	}
	if d, ok := b.Day(); ok {
		day = strconv.Itoa(d.Day())
	}
	return day, month, year
}

// applyBirth reads a birth date typed as day, month and year, or as a
// month and year, or a year alone (the contract's partial birth dates).
func (f *field) applyBirth() string {
	day, month, year := latinDigits(f.Day), latinDigits(f.Month), latinDigits(f.Year)
	var b reunite.BirthDate
	switch {
	case day == "" && month == "" && year == "":
	case day != "":
		d, problem := parseDateParts(day, month, year)
		if problem != "" {
			return problem
		}
		b = reunite.BornOn(d)
	case year == "":
		return "date.incomplete"
	case strings.HasPrefix(month, "sh"):
		// A Solar Hijri month runs across two Gregorian months: without
		// the day there is no month of the form's calendar to write.
		return "date.sh_needs_day"
	default:
		s := year
		if month != "" {
			m, err := strconv.Atoi(month)
			if err != nil || len(month) > 2 {
				return "date.invalid"
			}
			s = fmt.Sprintf("%s-%02d", year, m)
		}
		var err error
		if b, err = reunite.ParseBirthDate(s); err != nil {
			return "date.invalid"
		}
	}
	if !b.IsZero() && b.Year() < 1900 && !f.IsUnknown {
		// 1300 to 1420 is a Solar Hijri year typed as a Gregorian one.
		return "date.year_sh"
	}
	if b.IsZero() && f.Required && !f.IsUnknown {
		if f.Unknown {
			return "form.date_or_unknown"
		}
		return "form.required"
	}
	if f.IsUnknown {
		b = reunite.BirthDate{}
	}
	*f.birth = b
	return ""
}

// known reports whether a date field holds a date (a partial birth date
// included).
func (f *field) known() bool {
	if f.birth != nil {
		return !f.birth.IsZero()
	}
	return f.date != nil && !f.date.IsZero()
}

// dateText writes a date field's value in the language: a partial birth
// date as the month and year, or the year, that is known.
func (f *field) dateText(l *i18n.Lang) string {
	if f.birth == nil {
		if f.date == nil || f.date.IsZero() {
			return ""
		}
		return l.Date(*f.date)
	}
	b := *f.birth
	switch {
	case b.IsZero():
		return ""
	case b.Precision() == reunite.YearKnown:
		return strconv.Itoa(b.Year())
	case b.Precision() == reunite.MonthKnown:
		return l.T("date.month_year", "month", l.T("month."+strconv.Itoa(int(b.Month()))), "y", strconv.Itoa(b.Year()))
	}
	d, _ := b.Day()
	return l.Date(d)
}

// leftOpen says what a saved date leaves open: for a partial birth date,
// that the results hold for every possible day and that the form's date
// is left for the person to write; in Dari and Pashto, a full date in both
// calendars.
func (f *field) leftOpen(l *i18n.Lang) string {
	switch {
	case !f.known() || f.Problem != "":
		return ""
	case f.birth != nil && f.birth.Precision() == reunite.YearKnown:
		return l.T("date.partial_year", "date", f.dateText(l))
	case f.birth != nil && f.birth.Precision() == reunite.MonthKnown:
		return l.T("date.partial_month", "date", f.dateText(l))
	case l.SolarHijri():
		return l.T("date.saved_as", "date", f.dateText(l))
	}
	return ""
}

// latinDigits replaces Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹)
// digits with 0-9.
func latinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}
