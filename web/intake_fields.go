package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
)

// A field is one question of the intake, bound to the fact of the case
// file it fills. Questions are built from the family as it stands, so a
// question that does not apply is never asked, and answering one can make
// another apply (the step is then shown again with it).
type field struct {
	Name    string
	Kind    string        // text, date, choice, yesno, check, number
	Label   template.HTML // in the page's language, names in <bdi>
	Help    string
	Value   string // text, number, choice value; "yes"/"no"/"unknown"
	Day     string // the parts of a date, as typed
	Month   string
	Year    string
	Choices []choice
	// Unknown offers "I don't know": the fact stays unknown and the law
	// engine says review with the fact named.
	Unknown   bool
	IsUnknown bool
	Required  bool
	Problem   string // catalog key of what is wrong, shown next to the field
	Detail    string // the case-file check's own words, in English

	text      *string
	date      *reunite.Date
	birth     *reunite.BirthDate // a date field that takes a year or a month and year too
	flag      **bool
	num       **int
	getChoice func() string
	setChoice func(string)
}

type choice struct{ Value, Label string }

// load fills the field's displayed value from the case file.
func (f *field) load() {
	switch f.Kind {
	case "text":
		f.Value = *f.text
	case "date":
		if f.birth != nil {
			f.Day, f.Month, f.Year = birthParts(*f.birth)
		} else if d := *f.date; !d.IsZero() {
			f.Day, f.Month, f.Year = strconv.Itoa(d.Day()), strconv.Itoa(int(d.Month())), strconv.Itoa(d.Year())
		}
	case "choice":
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
	case "check":
		if reunite.True(*f.flag) {
			f.Value = "yes"
		}
	case "number":
		if *f.num != nil {
			f.Value = strconv.Itoa(**f.num)
		}
	}
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
// problem next to its field, and reports whether there was any.
func applyAll(fields []field, form url.Values) (bad bool) {
	for i := range fields {
		if k := fields[i].apply(form); k != "" {
			fields[i].Problem, bad = k, true
		}
	}
	return bad
}

// apply reads the field's answer from a submitted form into the case file,
// and returns the catalog key of a problem, or "".
func (f *field) apply(form url.Values) string {
	get := func(suffix string) string { return strings.TrimSpace(form.Get(f.Name + suffix)) }
	f.IsUnknown = form.Get(f.Name+"_unknown") == "1"
	switch f.Kind {
	case "text":
		f.Value = get("")
		if k := textProblem(f.Value); k != "" {
			return k
		}
		if f.Required && f.Value == "" {
			return "form.required"
		}
		*f.text = f.Value
	case "date":
		f.Day, f.Month, f.Year = get("_d"), get("_m"), get("_y")
		if f.birth != nil {
			return f.applyBirth()
		}
		d, problem := parseDateParts(f.Day, f.Month, f.Year)
		if problem != "" {
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
		}
		*f.date = d
	case "choice":
		f.Value = get("")
		if f.Value == "unknown" && f.Unknown {
			f.setChoice("")
			return ""
		}
		for _, c := range f.Choices {
			if c.Value == f.Value && c.Value != "unknown" {
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
			*f.flag = nil
		default:
			return "form.choose"
		}
	case "check":
		f.Value = get("")
		*f.flag = nil // a default-false fact is recorded only when true
		if f.Value == "yes" {
			*f.flag = reunite.Bool(true)
		}
	case "number":
		f.Value = get("")
		if f.Value == "" || f.IsUnknown {
			if f.Required && !f.IsUnknown {
				return "form.number_or_unknown"
			}
			*f.num = nil
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
// as the same numbers.
func parseDateParts(day, month, year string) (reunite.Date, string) {
	day, month, year = latinDigits(strings.TrimSpace(day)), latinDigits(strings.TrimSpace(month)), latinDigits(strings.TrimSpace(year))
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
