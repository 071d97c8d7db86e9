package web

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/reunite/reunite"
)

// The form's details: facts Form I-730 asks that the eligibility rules do
// not need (addresses, birthplace, other names, prior marriages...), one
// topic per page, asked only where the form needs them for this family.
// They are stored in the case file's optional fields (formfacts.go).

// appendPrincipalDetailSteps appends the pages about the principal's form
// details.
func appendPrincipalDetailSteps(out []step, f *reunite.Family) []step {
	p := &f.Principal
	out = append(out, step{ID: "contact"})
	if p.Contact != nil && p.Contact.MailingSame != nil && !*p.Contact.MailingSame {
		out = append(out, step{ID: "mailing"})
	}
	out = append(out, step{ID: "birth"}, step{ID: "names"}, step{ID: "marriages"}, step{ID: "social"})
	if p.Status.IsAsylum() || p.Status.IsRefugee() {
		out = append(out, step{ID: "grant"})
	}
	return out
}

// appendMemberDetailSteps appends the pages about a relative's form
// details: the native-script name and address only for a relative abroad,
// prior marriages only for a spouse or a child who was married, entries
// only for a relative in the United States.
func appendMemberDetailSteps(out []step, m *reunite.Member) []step {
	out = append(out, step{"contact", m.ID})
	if m.Contact != nil && m.Contact.MailingSame != nil && !*m.Contact.MailingSame {
		out = append(out, step{"mailing", m.ID})
	}
	if m.Location != reunite.InsideUS {
		out = append(out, step{"native", m.ID})
	}
	out = append(out, step{"birth", m.ID}, step{"names", m.ID})
	if m.Relationship == reunite.Spouse || m.MaritalStatus.Ended() {
		out = append(out, step{"marriages", m.ID})
	}
	out = append(out, step{"social", m.ID}, step{"languages", m.ID})
	if m.Location == reunite.InsideUS {
		out = append(out, step{"entries", m.ID})
	}
	return out
}

// person is what the principal and a relative share on the form.
type personFacts struct {
	address    **reunite.Address
	contact    **reunite.ContactFacts
	phone      *string
	email      *string
	birthCity  *string
	birthCtry  *string
	nation     *string
	otherNames *[]reunite.Name
	prior      *[]reunite.PriorMarriage
	social     *[]reunite.SocialMediaAccount
}

func principalFacts(p *reunite.Principal) personFacts {
	return personFacts{&p.Address, &p.Contact, &p.Phone, &p.Email, &p.BirthCity, &p.BirthCountry, &p.Nationality, &p.OtherNames, &p.PriorMarriages, &p.SocialMedia}
}

func memberFacts(m *reunite.Member) personFacts {
	return personFacts{&m.Address, &m.Contact, &m.Phone, &m.Email, &m.BirthCity, &m.BirthCountry, &m.Nationality, &m.OtherNames, &m.PriorMarriages, &m.SocialMedia}
}

func principalDetails(q qb, f *reunite.Family, id string) []field {
	p := &f.Principal
	if id == "grant" {
		return grantQuestions(q, p)
	}
	return personDetails(q, principalFacts(p), id)
}

func memberDetails(q qb, f *reunite.Family, m *reunite.Member, id string) []field {
	switch id {
	case "native":
		return nativeQuestions(q, m)
	case "languages":
		if m.Languages == nil {
			m.Languages = &reunite.LanguageFacts{}
		}
		l := m.Languages
		return q.list(
			q.text("native_language", "q.lang.native", &l.Native, true),
			q.yesnoOnly("english", "q.lang.english", &l.FluentEnglish),
			q.helped(q.text("other_languages", "q.lang.other", &l.Other, false), "q.lang.other.help"),
		)
	case "entries":
		return entryQuestions(q, m)
	case "birth":
		out := personDetails(q, memberFacts(m), id)
		return append(out, q.helped(q.text("a_number", "q.member.a_number", &m.ANumber, false), "q.principal.a_number.help"))
	}
	return personDetails(q, memberFacts(m), id)
}

// personDetails asks the pages the principal and a relative share.
func personDetails(q qb, pf personFacts, id string) []field {
	if *pf.contact == nil {
		*pf.contact = &reunite.ContactFacts{}
	}
	c := *pf.contact
	switch id {
	case "contact":
		if *pf.address == nil {
			*pf.address = &reunite.Address{}
		}
		// Room for the address and the four questions after it: growing
		// the slice copied the address's fields on every dashboard.
		out := appendAddressFields(q.fields(15), q, "home", "q.addr.home", *pf.address, false)
		out = append(out,
			q.yesnoOnly("mailing_same", "q.addr.mailing_same", &c.MailingSame),
			phoneField(q, "phone", "q.contact.phone", pf.phone),
			phoneField(q, "mobile", "q.contact.mobile", &c.Mobile),
			emailField(q, "email", "q.contact.email", pf.email))
		return out
	case "mailing":
		if c.MailingAddress == nil {
			c.MailingAddress = &reunite.Address{}
		}
		return appendAddressFields(q.fields(11), q, "mail", "q.addr.mailing", c.MailingAddress, true) // eight or nine questions and two commits
	case "birth":
		return q.list(
			q.text("birth_city", "q.birth.city", pf.birthCity, true),
			countryField(q, "birth_country", "q.birth.country", pf.birthCtry, true),
			countryField(q, "nationality", "q.birth.nationality", pf.nation, true),
		)
	case "names":
		return otherNameFields(q, pf.otherNames)
	case "marriages":
		return priorMarriageFields(q, pf.prior)
	case "social":
		return socialFields(q, pf.social)
	}
	return nil
}

// listAnswer binds a "has there been any?" question to a list: absent is
// not asked, empty is "no", some items is "yes".
func listAnswer[T any](q qb, name, key string, list *[]T, answer *string) field {
	f := field{Name: name, Kind: "choice", Label: q.label(key), Required: true,
		Choices: []choice{{"yes", q.t("form.yes")}, {"no", q.t("form.no")}}}
	f.getChoice = func() string {
		switch {
		case *list == nil:
			return ""
		case len(*list) == 0:
			return "no"
		}
		return "yes"
	}
	f.setChoice = func(s string) { *answer = s }
	return f
}

// otherNameFields asks for other names used (the form has room for two).
func otherNameFields(q qb, list *[]reunite.Name) []field {
	var answer string
	var rows [2]reunite.Name
	copy(rows[:], *list)
	// The slice made to its final length (the answer, two rows of two,
	// the commit): a field is large, and growing the slice by appends
	// copied them several times; the dashboard builds these for every
	// person on every request (answerStateIn).
	out := q.fields(1 + len(rows)*2 + 1)
	out = append(out, listAnswer(q, "other_names", "q.names.any", list, &answer))
	for i := range rows {
		n := string(rune('1' + i))
		g := q.text("other"+n+"_given", "q.names.given", &rows[i].Given, false)
		g.Group = q.h("q.names.row", "n", i+1)
		out = append(out, g, q.text("other"+n+"_family", "q.names.family", &rows[i].Family, false))
	}
	return append(out, listCommit("other1_given", "form.names_needed", list, &answer, rows[:]))
}

// listCommit writes a list from its "any?" answer and its rows: "no" is an
// empty list (asked: none), "yes" the rows that hold something, and at
// least one must.
func listCommit[T comparable](on, problem string, list *[]T, answer *string, rows []T) field {
	return field{commitOn: on, commit: func() string {
		if *answer == "no" {
			*list = []T{}
			return ""
		}
		var zero T
		var kept []T
		for _, r := range rows {
			if r != zero {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			return problem
		}
		*list = kept
		return ""
	}}
}

// socialFields asks for social-media identifiers of about the last five
// years, which USCIS collects with the I-730 (two rows; more can be added
// to the case file).
func socialFields(q qb, list *[]reunite.SocialMediaAccount) []field {
	var answer string
	var rows [2]reunite.SocialMediaAccount
	copy(rows[:], *list)
	out := q.fields(1 + len(rows)*2 + 1) // its final length, as otherNameFields
	out = append(out, listAnswer(q, "social", "q.social.any", list, &answer))
	for i := range rows {
		n := string(rune('1' + i))
		pl := q.text("social"+n+"_platform", "q.social.platform", &rows[i].Platform, false)
		pl.Group = q.h("q.social.row", "n", i+1)
		out = append(out, pl, q.text("social"+n+"_handle", "q.social.handle", &rows[i].Handle, false))
	}
	return append(out, listCommit("social1_platform", "form.social_needed", list, &answer, rows[:]))
}

// priorMarriageFields asks for earlier marriages and how they ended (the
// form has room for two).
func priorMarriageFields(q qb, list *[]reunite.PriorMarriage) []field {
	var answer string
	var rows [2]reunite.PriorMarriage
	copy(rows[:], *list)
	out := q.fields(1 + len(rows)*5 + 1) // its final length, as otherNameFields
	out = append(out, listAnswer(q, "prior", "q.prior.any", list, &answer))
	for i := range rows {
		n := string(rune('1' + i))
		r := &rows[i]
		g := q.text("prior"+n+"_given", "q.prior.given", &r.Spouse.Given, false)
		g.Group = q.h("q.prior.row", "n", i+1)
		end := q.date("prior"+n+"_ended", "q.prior.ended", &r.Ended, false)
		end.Required = false
		out = append(out, g, q.text("prior"+n+"_family", "q.prior.family", &r.Spouse.Family, false), end,
			q.text("prior"+n+"_city", "q.prior.city", &r.EndedPlace.City, false),
			countryField(q, "prior"+n+"_country", "q.prior.country", &r.EndedPlace.Country, false))
	}
	return append(out, listCommit("prior1_given", "form.marriage_needed", list, &answer, rows[:]))
}

// appendAddressFields appends the questions of an address to out. A
// United States address needs a state (two letters) and a ZIP code; the
// check is next to the field.
func appendAddressFields(out []field, q qb, prefix, key string, a *reunite.Address, careOf bool) []field {
	start := len(out)
	if careOf {
		out = append(out, q.text(prefix+"_careof", "q.addr.careof", &a.InCareOf, false))
	}
	street := q.text(prefix+"_street", "q.addr.street", &a.Street, true)
	street.Auto = "address-line1"
	out = append(out, street)
	unit := q.helped(q.text(prefix+"_unit", "q.addr.unit", &a.Unit, false), "q.addr.unit.help")
	unit.Auto = "address-line2"
	city := q.text(prefix+"_city", "q.addr.city", &a.City, true)
	city.Auto = "address-level2"
	state := q.helped(q.text(prefix+"_state", "q.addr.state", &a.State, false), "q.addr.state.help")
	state.Auto = "address-level1"
	zip := q.text(prefix+"_zip", "q.addr.zip", &a.Zip, false)
	zip.Auto = "postal-code"
	province := q.text(prefix+"_province", "q.addr.province", &a.Province, false)
	postal := q.text(prefix+"_postal", "q.addr.postal", &a.Postal, false)
	ctry := countryField(q, prefix+"_country", "q.addr.country", &a.Country, true)
	out = append(out, unit, city, state, zip, province, postal, ctry)
	out[start].Group = q.label(key)
	out = append(out, field{commitOn: prefix + "_state", commit: func() string {
		if a.Country != "US" {
			return ""
		}
		a.State = strings.ToUpper(strings.TrimSpace(a.State))
		if !usState.MatchString(a.State) {
			return "form.us_state"
		}
		return ""
	}}, field{commitOn: prefix + "_zip", commit: func() string {
		if a.Country == "US" && !usZip.MatchString(a.Zip) {
			return "form.us_zip"
		}
		return ""
	}})
	return out
}

var (
	usState = regexp.MustCompile(`^[A-Z]{2}$`)
	usZip   = regexp.MustCompile(`^[0-9]{5}(-?[0-9]{4})?$`)
	phoneRE = regexp.MustCompile(`^\+?[0-9 ().-]{7,25}$`)
	emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

func phoneField(q qb, name, key string, v *string) field {
	f := q.helped(q.text(name, key, v, false), "q.contact.phone.help")
	f.Auto = "tel"
	f.valid = func(s string) string {
		if !phoneRE.MatchString(latinDigits(s)) {
			return "form.phone"
		}
		return ""
	}
	return f
}

func emailField(q qb, name, key string, v *string) field {
	f := q.text(name, key, v, false)
	f.Auto = "email"
	f.valid = func(s string) string {
		if !emailRE.MatchString(s) {
			return "form.email"
		}
		return ""
	}
	return f
}

// countryField asks for a country from the list of ISO codes (the names
// are the English ones the form is written with).
func countryField(q qb, name, key string, v *string, required bool) field {
	return field{Name: name, Kind: "select", Label: q.label(key), Required: required, Choices: countryChoices(),
		getChoice: func() string { return *v }, setChoice: func(s string) { *v = s }}
}

// countryChoices is the country list as choices, made once and shared by
// every country question (a family's intake asks about thirty). Its
// capacity is its length, so an append copies it; nothing changes it.
var countryChoices = sync.OnceValue(func() []choice {
	var out []choice
	for _, c := range reunite.Countries() {
		out = append(out, choice{c.Code, c.Name})
	}
	return slices.Clip(out)
})

// placeFields asks a city, a state or province, and a country.
func placeFields(q qb, prefix, key string, p *reunite.Place, state bool) []field {
	city := q.text(prefix+"_city", "q.place.city", &p.City, true)
	city.Group = q.label(key)
	out := q.list(city)
	if state {
		out = append(out, q.text(prefix+"_state", "q.place.state", &p.State, false))
	}
	return append(out, countryField(q, prefix+"_country", "q.place.country", &p.Country, true))
}

// grantQuestions asks where the principal's status was given (Part 1
// items 21 to 26).
func grantQuestions(q qb, p *reunite.Principal) []field {
	if p.Grant == nil {
		p.Grant = &reunite.GrantFacts{}
	}
	g := p.Grant
	if p.Status.IsAsylum() {
		if g.AsylumPlace == nil {
			g.AsylumPlace = &reunite.Place{}
		}
		pl := g.AsylumPlace
		city := q.text("asylum_city", "q.grant.asylum_city", &pl.City, true)
		return q.list(city, q.helped(q.text("asylum_state", "q.grant.asylum_state", &pl.State, true), "q.addr.state.help"))
	}
	if g.RefugeeApprovedPlace == nil {
		g.RefugeeApprovedPlace = &reunite.Place{}
	}
	if g.AdmittedPlace == nil {
		g.AdmittedPlace = &reunite.Place{}
	}
	out := q.list(q.date("refugee_approved", "q.grant.refugee_approved", &g.RefugeeApproved, true))
	out = append(out, placeFields(q, "approved", "q.grant.approved_place", g.RefugeeApprovedPlace, false)...)
	return append(out, q.text("admitted_city", "q.grant.admitted_city", &g.AdmittedPlace.City, true),
		q.helped(q.text("admitted_state", "q.grant.admitted_state", &g.AdmittedPlace.State, true), "q.addr.state.help"))
}

// nativeQuestions asks a relative abroad for their name and address in
// the language of the country where they live (Part 2 item 22), and the
// U.S. office nearest them (item 21).
func nativeQuestions(q qb, m *reunite.Member) []field {
	if m.Native == nil {
		m.Native = &reunite.NativeFacts{}
	}
	n := m.Native
	if n.Address == nil {
		n.Address = &reunite.Address{}
	}
	a := n.Address
	given := q.text("native_given", "q.native.given", &n.Name.Given, true)
	given.Group = q.label("q.native.heading")
	street := q.text("native_street", "q.native.street", &a.Street, true)
	return q.list(given, q.text("native_family", "q.native.family", &n.Name.Family, false),
		street, q.text("native_city", "q.native.city", &a.City, true),
		q.text("native_province", "q.addr.province", &a.Province, false),
		countryField(q, "native_country", "q.addr.country", &a.Country, true),
		q.helped(q.text("uscis_office", "q.native.office", &m.USCISOffice, true), "q.native.office.help"))
}

// entryQuestions asks a relative in the United States for their arrivals,
// newest first (the form has room for two).
func entryQuestions(q qb, m *reunite.Member) []field {
	var rows [2]reunite.Entry
	copy(rows[:], m.Entries)
	out := q.fields(len(rows)*5 + 1) // five a row and the commit
	for i := range rows {
		n := string(rune('1' + i))
		e := &rows[i]
		d := q.date("entry"+n+"_date", "q.entry.date", &e.Date, i == 0)
		d.Required = i == 0
		d.Group = q.h("q.entry.row", "n", i+1)
		d.Help = q.t("q.entry.help")
		city := q.text("entry"+n+"_city", "q.entry.city", &e.City, i == 0)
		state := q.helped(q.text("entry"+n+"_state", "q.entry.state", &e.State, i == 0), "q.addr.state.help")
		status := q.helped(q.text("entry"+n+"_status", "q.entry.status", &e.Status, i == 0), "q.entry.status.help")
		i94 := q.helped(q.text("entry"+n+"_i94", "q.entry.i94", &e.I94, false), "q.entry.i94.help")
		i94.valid = func(s string) string {
			if !i94RE.MatchString(s) {
				return "form.i94"
			}
			return ""
		}
		out = append(out, d, city, state, status, i94)
	}
	out = append(out, field{commitOn: "entry2_date", commit: func() string {
		var es []reunite.Entry
		for _, e := range rows {
			if e != (reunite.Entry{}) {
				es = append(es, e)
			}
		}
		if len(es) == 2 && es[1].Date.After(es[0].Date) {
			return "form.entries_order"
		}
		m.Entries = es
		return ""
	}})
	return out
}

var i94RE = regexp.MustCompile(`^[0-9A-Za-z]{11}$`)

// filingQuestions asks the family's language (for the packet's
// instructions) and the day of filing.
func filingQuestions(q qb, f *reunite.Family) []field {
	if f.Filing == nil {
		f.Filing = &reunite.FilingFacts{}
	}
	fl := f.Filing
	lang := field{Name: "language", Kind: "choice", Label: q.label("q.filing.language"), Required: true,
		getChoice: func() string { return fl.Language }, setChoice: func(s string) { fl.Language = s }}
	for _, l := range filingLanguages {
		lang.Choices = append(lang.Choices, choice{l, q.t("lang." + l)})
	}
	fd := q.date("filing_date", "q.filing_date", &f.FilingDate, false)
	fd.Required, fd.Help = false, q.t("q.filing_date.help")
	return q.list(lang, fd)
}

// filingLanguages are the languages the packet's instruction sheet can be
// written in.
var filingLanguages = []string{"en", "es", "ar", "fa-AF", "ps", "fr", "sw"}

// helperQuestions asks who helped: an interpreter, a preparer, and an
// attorney or accredited representative (Form G-28).
func helperQuestions(q qb, f *reunite.Family) []field {
	if f.Filing == nil {
		f.Filing = &reunite.FilingFacts{}
	}
	fl := f.Filing
	// Its final length, as otherNameFields: 23 questions about the
	// interpreter and the preparer with their addresses (two commits
	// each), 4 about the representative, and 4 commits.
	out := q.fields(43)
	// Whether there is an interpreter, a preparer, a representative: "no"
	// is only known once the page was answered.
	var hasInt, hasPrep, hasRep *bool
	if f.Intake != nil && f.Intake.HelpersAsked {
		hasInt, hasPrep, hasRep = reunite.Bool(fl.Interpreter != nil), reunite.Bool(fl.Preparer != nil), reunite.Bool(fl.Representative != nil)
	}
	interp, prep := fl.Interpreter, fl.Preparer
	if interp == nil {
		interp = &reunite.Helper{}
	}
	if prep == nil {
		prep = &reunite.Helper{}
	}
	if prep.Address == nil {
		prep.Address = &reunite.Address{}
	}
	rep := fl.Representative
	if rep == nil {
		rep = &reunite.Representative{}
	}
	out = append(out, q.yesnoOnly("interpreter", "q.help.interpreter", &hasInt))
	ig := q.text("interp_given", "q.help.given", &interp.Name.Given, false)
	ig.Group = q.label("q.help.interpreter_heading")
	if interp.Address == nil {
		interp.Address = &reunite.Address{}
	}
	out = append(out, ig, q.text("interp_family", "q.help.family", &interp.Name.Family, false),
		q.text("interp_language", "q.help.language", &interp.Language, false),
		q.text("interp_business", "q.help.business", &interp.Business, false),
		phoneField(q, "interp_phone", "q.contact.phone", &interp.Phone),
		emailField(q, "interp_email", "q.contact.email", &interp.Email))
	n := len(out)
	out = appendAddressFields(out, q, "interp", "q.help.interpreter_address", interp.Address, false)
	for i := n; i < len(out); i++ {
		out[i].Required = false
	}
	out = append(out, q.yesnoOnly("preparer", "q.help.preparer", &hasPrep))
	pg := q.text("prep_given", "q.help.given", &prep.Name.Given, false)
	pg.Group = q.label("q.help.preparer_heading")
	out = append(out, pg, q.text("prep_family", "q.help.family", &prep.Name.Family, false),
		q.text("prep_business", "q.help.business", &prep.Business, false),
		phoneField(q, "prep_phone", "q.contact.phone", &prep.Phone),
		emailField(q, "prep_email", "q.contact.email", &prep.Email))
	n = len(out)
	out = appendAddressFields(out, q, "prep", "q.help.preparer_address", prep.Address, false)
	for i := n; i < len(out); i++ {
		out[i].Required = false
	}
	att := q.yesnoOnly("prep_attorney", "q.help.attorney", &prep.Attorney)
	att.Required = false
	ext := q.yesnoOnly("prep_extends", "q.help.extends", &prep.ExtendsBeyond)
	ext.Required = false
	out = append(out, att, ext)
	out = append(out, q.yesnoOnly("representative", "q.help.g28", &hasRep))
	vol := q.text("rep_volag", "q.help.volag", &rep.VolagNumber, false)
	vol.Group = q.label("q.help.g28_heading")
	out = append(out, vol, q.text("rep_bar", "q.help.bar", &rep.StateBar, false),
		q.text("rep_account", "q.help.account", &rep.USCISAccount, false))
	out = append(out, field{commit: func() string {
		if f.Intake == nil {
			f.Intake = &reunite.IntakeFacts{}
		}
		f.Intake.HelpersAsked = true
		return ""
	}}, field{commitOn: "interp_given", commit: func() string {
		if !reunite.True(hasInt) {
			fl.Interpreter = nil
			return ""
		}
		if interp.Name.Given == "" || interp.Name.Family == "" || interp.Language == "" {
			return "form.helper_needed"
		}
		if *interp.Address == (reunite.Address{}) {
			interp.Address = nil
		}
		fl.Interpreter = interp
		return ""
	}}, field{commitOn: "prep_given", commit: func() string {
		if !reunite.True(hasPrep) {
			fl.Preparer = nil
			return ""
		}
		if prep.Name.Given == "" || prep.Name.Family == "" || prep.Attorney == nil {
			return "form.helper_needed"
		}
		if *prep.Address == (reunite.Address{}) {
			prep.Address = nil
		}
		if !*prep.Attorney {
			prep.ExtendsBeyond = nil
		}
		fl.Preparer = prep
		return ""
	}}, field{commitOn: "rep_volag", commit: func() string {
		if !reunite.True(hasRep) {
			fl.Representative = nil
			return ""
		}
		rep.G28 = true
		fl.Representative = rep
		return ""
	}})
	return out
}

// tidyDetails removes empty parts the questions allocated.
func tidyAddress(a **reunite.Address) {
	if *a != nil && **a == (reunite.Address{}) {
		*a = nil
	}
}

func tidyContact(c **reunite.ContactFacts) {
	if *c == nil {
		return
	}
	tidyAddress(&(*c).MailingAddress)
	if (*c).MailingSame != nil && *(*c).MailingSame {
		(*c).MailingAddress = nil
	}
	if *c != nil && **c == (reunite.ContactFacts{}) {
		*c = nil
	}
}

func tidyPrincipalDetails(p *reunite.Principal) {
	tidyAddress(&p.Address)
	tidyContact(&p.Contact)
	if g := p.Grant; g != nil {
		for _, pl := range []**reunite.Place{&g.AsylumPlace, &g.RefugeeApprovedPlace, &g.AdmittedPlace} {
			if *pl != nil && **pl == (reunite.Place{}) {
				*pl = nil
			}
		}
		if *g == (reunite.GrantFacts{}) {
			p.Grant = nil
		}
	}
}

func tidyMemberDetails(m *reunite.Member) {
	tidyAddress(&m.Address)
	tidyContact(&m.Contact)
	if n := m.Native; n != nil {
		tidyAddress(&n.Address)
		if n.Name == (reunite.Name{}) && n.Address == nil {
			m.Native = nil
		}
	}
	if m.Languages != nil && *m.Languages == (reunite.LanguageFacts{}) {
		m.Languages = nil
	}
}

func tidyFiling(f *reunite.Family) {
	if fl := f.Filing; fl != nil && fl.Language == "" && fl.Interpreter == nil && fl.Preparer == nil &&
		fl.Representative == nil && fl.LateExplanation == "" && len(fl.Evidence) == 0 {
		f.Filing = nil
	}
}
