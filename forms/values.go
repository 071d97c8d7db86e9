package forms

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// Petition is one I-730 to fill: the family, the relative it is for, and
// what the law engine said about it.
type Petition struct {
	Family   *reunite.Family
	Member   *reunite.Member
	Sequence string       // "k of N", from the assessment
	Late     bool         // filed after the two-year deadline
	On       reunite.Date // the filing day; Part 6 counts the relative's age on it
}

// Note is something a person must look at on the filled form: a fact the
// case file does not give (left blank) or one Reunite inferred.
type Note struct {
	Page     int
	Part     string
	Item     string
	Key      string
	Text     string
	Inferred bool // false: missing, fill by hand
}

// Prepared is what BuildValues decided for one petition.
type Prepared struct {
	Values Values
	Notes  []Note
	// Extra is information the form has no room for (a third other name, a
	// third entry): it goes to the additional-information sheet.
	Extra []Overflow
	// Part6 is true when the relative must complete and sign Part 6: in
	// the United States and 14 or older on the filing day.
	Part6 bool
}

// builder collects values. unknown marks facts the form needs that the
// case file lacks: they stay blank (never "N/A") and become notes; blank
// marks fields left empty on purpose.
type builder struct {
	m       *FieldMap
	v       Values
	unknown map[string]string
	blank   map[string]bool
	notes   []Note
	extra   []Overflow
}

func (b *builder) set(key, val string) {
	if val != "" {
		b.v[key] = val
	}
}

// need sets key to val, or records it as missing with a description.
func (b *builder) need(key, val, what string) {
	if val == "" {
		b.unknown[key] = what
		return
	}
	b.v[key] = val
}

func (b *builder) infer(key, val, why string) {
	b.v[key] = val
	f := b.m.ByKey(key)
	if f == nil {
		f = b.m.ByKey(key + "=" + val)
	}
	n := Note{Key: key, Text: why, Inferred: true}
	if f != nil {
		n.Page, n.Part, n.Item = f.Page, f.Part, f.Item
	}
	b.notes = append(b.notes, n)
}

func (b *builder) addExtra(key, text string) {
	f := b.m.ByKey(key)
	o := Overflow{Key: key, Text: text}
	if f != nil {
		o.Page, o.Part, o.Item = f.Page, f.Part, f.Item
	}
	b.extra = append(b.extra, o)
}

// BuildValues maps a petition onto the edition's fields with USCIS's
// conventions: dates MM/DD/YYYY, digits only in numeric fields, the A-Number
// padded to 9 digits, "None" where the answer is none, "N/A" in text items
// that do not apply and blank numeric items, one box per choice group,
// Part 3 only when late, Part 6 only for a relative in the United States
// aged 14 or more, and every signature left for a wet signature.
func BuildValues(e *Edition, p Petition) (*Prepared, error) {
	if p.Family == nil || p.Member == nil {
		return nil, fmt.Errorf("forms: petition without family or member")
	}
	b := &builder{m: e.Map, v: Values{}, unknown: map[string]string{}, blank: map[string]bool{}}
	pr, m := &p.Family.Principal, p.Member
	filing := p.Family.Filing
	if filing == nil {
		filing = &reunite.FilingFacts{}
	}

	b.start(p)
	b.attorney(filing.Representative)
	b.petitioner(p.Family, m)
	b.beneficiary(p.Family, m)
	b.part3(p.Late, filing.LateExplanation)
	b.part5(pr, filing)
	// A partial birth date decides only when its last possible day does
	// (the youngest the relative can be).
	youngest := m.BirthDate.Last()
	part6 := m.Location == reunite.InsideUS && !youngest.IsZero() && !p.On.IsZero() && law.AgeOn(youngest, p.On) >= 14
	if part6 {
		b.part6(m, filing)
	} else if m.Location == reunite.InsideUS && (m.BirthDate.IsZero() || law.AgeOn(m.BirthDate.First(), p.On) >= 14) {
		b.notes = append(b.notes, Note{Page: 9, Part: "6", Text: "the relative's date of birth is unknown: if they are 14 or older they must complete and sign Part 6"})
	}
	if filing.Interpreter != nil {
		b.helper("p7", filing.Interpreter)
		b.set("p7.language", filing.Interpreter.Language)
	}
	if filing.Preparer != nil {
		b.helper("p8", filing.Preparer)
		switch a, known := reunite.Known(filing.Preparer.Attorney); {
		case known && a:
			b.v["p8.attorney"] = "yes"
			if x, ok := reunite.Known(filing.Preparer.ExtendsBeyond); ok {
				b.v["p8.extends"] = map[bool]string{true: "yes", false: "no"}[x]
			} else {
				b.unknown["p8.extends=yes"] = "whether the attorney's or accredited representative's representation extends beyond preparing this petition"
			}
		case known:
			b.v["p8.attorney"] = "no"
		default:
			b.unknown["p8.attorney=no"] = "whether the preparer is an attorney or accredited representative"
		}
	}

	// Conventions for whatever is still empty, part by part.
	naParts := map[string]bool{"1": true, "2": true, "3": true, "5": true,
		"6": part6, "7": filing.Interpreter != nil, "8": filing.Preparer != nil}
	for _, f := range e.Map.Fields {
		// Signatures stay empty for a wet signature; the signature dates
		// too, since they are written on the day of signing.
		if !f.Fillable() || f.Type != "text" || b.blank[f.Key] || strings.HasSuffix(f.Key, ".signature") {
			continue
		}
		if _, ok := b.v[f.Key]; ok {
			continue
		}
		if what, ok := b.unknown[f.Key]; ok {
			b.notes = append(b.notes, Note{Page: f.Page, Part: f.Part, Item: f.Item, Key: f.Key, Text: what})
			continue
		}
		if naParts[f.Part] && f.Kind == "text" {
			b.v[f.Key] = "N/A"
		}
	}
	for key, what := range b.unknown {
		// Choice groups left without a box: the text items were noted in
		// the pass above.
		if fact, _, ok := strings.Cut(key, "="); ok {
			n := Note{Key: fact, Text: what}
			if f := e.Map.ByKey(key); f != nil {
				n.Page, n.Part, n.Item = f.Page, f.Part, f.Item
			}
			b.notes = append(b.notes, n)
		}
	}
	sortNotes(b.notes)
	return &Prepared{Values: b.v, Notes: b.notes, Extra: b.extra, Part6: part6}, nil
}

func (b *builder) start(p Petition) {
	pr, m := &p.Family.Principal, p.Member
	switch pr.Status {
	case reunite.Asylee:
		b.v["start.status"] = "asylee"
	case reunite.Refugee:
		b.v["start.status"] = "refugee"
	case reunite.LPRFormerAsylee:
		b.v["start.status"] = "lpr_asylee"
	case reunite.LPRFormerRefugee:
		b.v["start.status"] = "lpr_refugee"
	default:
		b.notes = append(b.notes, Note{Page: 1, Part: "start", Key: "start.status",
			Text: fmt.Sprintf("the petitioner's status %q is not one of the form's four boxes: ask a lawyer which box applies", pr.Status)})
	}
	switch m.Relationship {
	case reunite.Spouse:
		b.v["start.relationship"] = "spouse"
	case reunite.ChildOf:
		b.v["start.relationship"] = "child"
		if m.Child != nil && m.Child.Kind != "" {
			b.v["start.child"] = string(m.Child.Kind)
		} else {
			b.notes = append(b.notes, Note{Page: 1, Part: "start", Key: "start.child", Text: "whether the child is biological, a stepchild or adopted"})
		}
	}
	if k, n, ok := parseSequence(p.Sequence); ok {
		b.v["start.count"], b.v["start.seq"], b.v["start.total"] = strconv.Itoa(n), strconv.Itoa(k), strconv.Itoa(n)
	} else {
		b.notes = append(b.notes, Note{Page: 1, Part: "start", Key: "start.seq", Text: "the number of this petition (k of N)"})
	}
}

// parseSequence reads the assessment's "k of N".
func parseSequence(s string) (k, n int, ok bool) {
	a, c, found := strings.Cut(s, " of ")
	if !found {
		return 0, 0, false
	}
	k, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(c))
	if err1 != nil || err2 != nil || k < 1 || k > n {
		return 0, 0, false
	}
	return k, n, true
}

func (b *builder) attorney(r *reunite.Representative) {
	if r == nil {
		return
	}
	if r.G28 {
		b.v["atty.g28"] = "yes"
	}
	b.set("atty.volag", r.VolagNumber)
	b.set("atty.bar", r.StateBar)
	b.set("atty.account", r.USCISAccount)
}

func (b *builder) petitioner(f *reunite.Family, m *reunite.Member) {
	pr := &f.Principal
	b.person("p1", "the petitioner", person{name: pr.Name, otherNames: pr.OtherNames, address: pr.Address,
		contact: pr.Contact, phone: pr.Phone, email: pr.Email, sex: pr.Sex, birthDate: pr.BirthDate,
		birthCountry: pr.BirthCountry, nationality: pr.Nationality, ssn: pr.SSN})
	b.need("p1.anumber", ANumber(pr.ANumber), "the petitioner's A-Number")

	// The current spouse is the spouse member whose marriage has not ended.
	var spouse *reunite.Member
	for i := range f.Members {
		s := &f.Members[i]
		if s.Relationship == reunite.Spouse && s.Marriage != nil && s.Marriage.Ended.IsZero() && !s.MaritalStatus.Ended() {
			spouse = s
			break
		}
	}
	if spouse != nil {
		b.name("p1.spouse", spouse.Name, "the name of the petitioner's spouse")
		b.need("p1.marriage.date", USDate(spouse.Marriage.Date), "the date of the petitioner's marriage")
		b.place("p1.marriage", spouse.Marriage.Place, "the place of the petitioner's marriage")
	} else {
		b.infer("p1.spouse.family", "None", "no current spouse is listed in the case file, so \"None\" was written: correct it if the petitioner is married")
	}
	b.priorMarriages("p1", "the petitioner", pr.PriorMarriages)

	if pr.Status.IsAsylum() {
		b.need("p1.asylum.date", USDate(pr.StatusDate), "the date asylum was granted")
		var pl *reunite.Place
		if pr.Grant != nil {
			pl = pr.Grant.AsylumPlace
		}
		if pl == nil {
			b.unknown["p1.asylum.city"] = "the city where asylum was granted (asylum office or court)"
			b.unknown["p1.asylum.state"] = "the state where asylum was granted"
		} else {
			b.need("p1.asylum.city", pl.City, "the city where asylum was granted")
			b.need("p1.asylum.state", pl.State, "the state where asylum was granted")
		}
	}
	if pr.Status.IsRefugee() {
		g := pr.Grant
		if g == nil {
			g = &reunite.GrantFacts{}
		}
		b.need("p1.refugee.date", USDate(g.RefugeeApproved), "the date refugee status was approved abroad")
		b.place("p1.refugee", g.RefugeeApprovedPlace, "the place refugee status was approved")
		b.need("p1.admitted.date", USDate(pr.StatusDate), "the date of admission to the United States as a refugee")
		if g.AdmittedPlace == nil {
			b.unknown["p1.admitted.city"] = "the city (port of entry) where the petitioner was admitted as a refugee"
			b.unknown["p1.admitted.state"] = "the state where the petitioner was admitted as a refugee"
		} else {
			b.need("p1.admitted.city", g.AdmittedPlace.City, "the city where the petitioner was admitted as a refugee")
			b.need("p1.admitted.state", g.AdmittedPlace.State, "the state where the petitioner was admitted as a refugee")
		}
	}
}

// person holds the facts items 1 to 11 of Parts 1 and 2 share: the
// petitioner's and the relative's.
type person struct {
	name         reunite.Name
	otherNames   []reunite.Name
	address      *reunite.Address
	contact      *reunite.ContactFacts
	phone, email string
	sex          reunite.Sex
	birthDate    reunite.BirthDate
	birthCountry string
	nationality  string
	ssn          string
}

// person writes the name, addresses, contact details, sex, birth, SSN and
// other names of part ("p1" or "p2"); who is "the petitioner" or "the
// relative". The A-Number is left to the caller: required of the
// petitioner only. Without a separate mailing address the residence is
// repeated, and a note says so.
func (b *builder) person(part, who string, p person) {
	b.name(part+".name", p.name, who+"'s name")
	b.address(part+".res", p.address, who+"'s address of residence")
	var mail *reunite.Address
	if p.contact != nil {
		mail = p.contact.MailingAddress
	}
	same := p.contact != nil && reunite.True(p.contact.MailingSame)
	if mail == nil && p.address != nil && same {
		mail = p.address // the person said so: nothing to confirm
	} else if mail == nil && p.address != nil {
		mail = p.address
		n := Note{Key: part + ".mail.street", Inferred: true,
			Text: "no separate mailing address recorded for " + who + ": the residence address is repeated as the mailing address"}
		if f := b.m.ByKey(n.Key); f != nil {
			n.Page, n.Part, n.Item = f.Page, f.Part, f.Item
		}
		b.notes = append(b.notes, n)
	}
	b.address(part+".mail", mail, who+"'s mailing address")
	b.set(part+".phone", phoneDigits(p.phone))
	b.set(part+".email", p.email)
	b.sex(part+".sex", p.sex, who+"'s sex")
	if p.birthDate.Partial() {
		// Never an invented day on a form signed under penalty of perjury:
		// left blank for the person to write as their documents give it.
		b.unknown[part+".dob"] = who + "'s date of birth (only " + p.birthDate.String() + " is known: write it as " + who + "'s documents give it)"
	} else {
		day, _ := p.birthDate.Day()
		b.need(part+".dob", USDate(day), who+"'s date of birth")
	}
	b.need(part+".birth_country", country(p.birthCountry), who+"'s country of birth")
	b.need(part+".nationality", country(p.nationality), who+"'s country of citizenship or nationality")
	b.set(part+".ssn", digitsOnly(p.ssn))
	b.otherNames(part, who, p.otherNames)
}

func (b *builder) beneficiary(f *reunite.Family, m *reunite.Member) {
	b.person("p2", "the relative", person{name: m.Name, otherNames: m.OtherNames, address: m.Address,
		contact: m.Contact, phone: m.Phone, email: m.Email, sex: m.Sex, birthDate: m.BirthDate,
		birthCountry: m.BirthCountry, nationality: m.Nationality, ssn: m.SSN})
	b.set("p2.anumber", ANumber(m.ANumber))

	switch {
	case m.Relationship == reunite.Spouse && m.Marriage != nil:
		b.name("p2.spouse", f.Principal.Name, "the petitioner's name")
		b.need("p2.marriage.date", USDate(m.Marriage.Date), "the date of the marriage")
		b.place("p2.marriage", m.Marriage.Place, "the place of the marriage")
	case m.MaritalStatus == reunite.Married:
		b.unknown["p2.spouse.family"] = "the name of the relative's current spouse"
	default:
		b.v["p2.spouse.family"] = "None"
	}
	prior := m.PriorMarriages
	if prior == nil && m.MaritalStatus == reunite.Single {
		prior = []reunite.PriorMarriage{} // never married: the answer is None
	}
	if len(prior) == 0 && m.Child != nil && !m.Child.MarriageDate.IsZero() {
		b.unknown["p2.prior1.family"] = "the name of the child's former spouse"
		b.v["p2.prior1.ended"] = USDate(m.Child.MarriageEnded)
	} else {
		b.priorMarriages("p2", "the relative", prior)
	}

	if m.Location == reunite.InsideUS {
		b.v["p2.where"] = "inside"
	} else if m.Location == reunite.OutsideUS {
		b.v["p2.where"] = "outside"
		b.need("p2.office", m.USCISOffice, "the city and country of the USCIS office or U.S. embassy or consulate nearest the relative")
	} else {
		b.unknown["p2.where=inside"] = "whether the relative is in the United States"
	}
	b.native(m)
	b.court(m)
	if l := m.Languages; l != nil {
		b.need("p2.native_language", l.Native, "the relative's native language")
		if v, ok := reunite.Known(l.FluentEnglish); ok {
			b.v["p2.english"] = map[bool]string{true: "yes", false: "no"}[v]
		} else {
			b.unknown["p2.english=yes"] = "whether the relative is fluent in English"
		}
		if l.Other != "" {
			b.v["p2.other_languages"] = l.Other
		} else {
			b.v["p2.other_languages"] = "None"
		}
	} else {
		b.unknown["p2.native_language"] = "the relative's native language"
		b.unknown["p2.other_languages"] = "other languages the relative speaks fluently"
		b.unknown["p2.english=yes"] = "whether the relative is fluent in English"
	}
	// The form asks for the most recent entry first (item 27), and item 30
	// for the current I-94: newest first, whatever the case file's order.
	for i, en := range m.EntriesNewestFirst() {
		if i >= 2 {
			b.addExtra("p2.entry2.date", entryText(i+1, en))
			continue
		}
		k := fmt.Sprintf("p2.entry%d.", i+1)
		b.set(k+"date", USDate(en.Date))
		b.set(k+"city", en.City)
		b.set(k+"state", en.State)
		b.set(k+"status", en.Status)
		b.set(k+"i94", en.I94)
		b.set(k+"status_expires", USDate(en.StatusExpires))
		b.set(k+"passport", en.Passport)
		b.set(k+"passport_expires", USDate(en.PassportExpires))
		b.set(k+"passport_country", country(en.PassportCountry))
		b.set(k+"traveldoc", en.TravelDoc)
		b.set(k+"traveldoc_expires", USDate(en.TravelDocExpires))
		b.set(k+"traveldoc_country", country(en.TravelDocCountry))
	}
	if m.Location == reunite.InsideUS && len(m.Entries) == 0 {
		b.notes = append(b.notes, Note{Page: 6, Part: "2", Item: "27-37", Key: "p2.entry1.date",
			Text: "the relative is in the United States but no entry (date, place, status, I-94) is recorded"})
	}
}

// native fills item 22: name and mailing address in the language of the
// country where the relative lives. A relative in the United States has
// none to give.
func (b *builder) native(m *reunite.Member) {
	if m.Location == reunite.InsideUS {
		return // N/A pass fills the text items
	}
	if m.Native != nil && (m.Native.Name != reunite.Name{}) {
		b.need("p2.native.name.family", m.Native.Name.Family, "the relative's family name in their native script")
		b.need("p2.native.name.given", m.Native.Name.Given, "the relative's given name in their native script")
		b.set("p2.native.name.middle", m.Native.Name.Middle)
	} else {
		b.unknown["p2.native.name.family"] = "the relative's name written in the language of the country where they live (write it by hand, or add family[].native.name)"
		b.unknown["p2.native.name.given"] = "the relative's given name in the native language"
		b.blank["p2.native.name.middle"] = true
	}
	switch {
	case m.Native != nil && m.Native.Address != nil:
		a := m.Native.Address
		b.set("p2.native.careof", a.InCareOf)
		b.need("p2.native.street", a.Street, "the relative's street address in the native language")
		b.unit("p2.native", a.Unit)
		b.need("p2.native.city", a.City, "the relative's city in the native language")
		b.set("p2.native.province", a.Province)
		b.set("p2.native.postal", a.Postal)
		b.need("p2.native.country", country(a.Country), "the relative's country")
	case m.NativeAddress != "":
		// One free-text line: it goes in the street line (continued on the
		// additional sheet if long) and the other parts stay empty rather
		// than claim "N/A".
		b.v["p2.native.street"] = m.NativeAddress
		for _, k := range []string{"careof", "unitnum", "city", "province", "postal", "country"} {
			b.blank["p2.native."+k] = true
		}
	default:
		b.unknown["p2.native.street"] = "the relative's mailing address in the language of the country where they live (instructions warn that leaving it out delays the case)"
		for _, k := range []string{"careof", "unitnum", "city", "province", "postal", "country"} {
			b.blank["p2.native."+k] = true
		}
	}
}

func (b *builder) court(m *reunite.Member) {
	if m.Court != nil && m.Court.History != "" {
		b.v["p2.court"] = string(m.Court.History)
		switch m.Court.History {
		case "now":
			b.need("p2.court.now_where", m.Court.Where, "where the relative's court proceedings are")
		case "past":
			b.need("p2.court.past_where", m.Court.Where, "where the relative's past court proceedings were")
		}
		return
	}
	switch {
	case reunite.True(m.RemovalProceedings):
		b.unknown["p2.court=now"] = "whether the relative's immigration-court proceedings are pending now or were in the past, and where"
	case m.Location == reunite.OutsideUS && len(m.Entries) == 0:
		b.infer("p2.court", "never_in_us", "no entry to the United States is recorded, so item 23.a (never in the United States) was checked: correct it if the relative has been in the United States")
	default:
		b.infer("p2.court", "never", "no removal proceedings are recorded, so item 23.c (never in immigration proceedings) was checked")
	}
}

func (b *builder) part3(late bool, explanation string) {
	if !late {
		b.v["p3.late"] = "no"
		return
	}
	b.v["p3.late"] = "yes"
	b.need("p3.explanation", explanation, "why the petition is filed more than two years after the grant or admission (humanitarian reasons; attach evidence)")
}

func (b *builder) part5(pr *reunite.Principal, f *reunite.FilingFacts) {
	if f.Interpreter != nil {
		b.v["p5.statement"] = "interpreter"
		b.need("p5.language", f.Interpreter.Language, "the language the interpreter used")
	} else {
		b.v["p5.statement"] = "english"
	}
	b.contacts("p5", f.Preparer, pr.Phone, pr.Contact, pr.Email)
	if f.Interpreter == nil {
		b.blank["p5.language"] = true
	}
}

// contacts writes item 2 (the preparer) and items 3 to 5 (phones and
// email) of Part 5 or Part 6.
func (b *builder) contacts(part string, preparer *reunite.Helper, phone string, c *reunite.ContactFacts, email string) {
	if preparer != nil {
		b.v[part+".preparer"] = "yes"
		b.set(part+".preparer_name", preparer.Name.Full())
	} else {
		b.blank[part+".preparer_name"] = true
	}
	b.set(part+".day_phone", phoneDigits(phone))
	if c != nil {
		b.set(part+".mobile", phoneDigits(c.Mobile))
	}
	b.set(part+".email", email)
}

func (b *builder) part6(m *reunite.Member, f *reunite.FilingFacts) {
	fluent := m.Languages != nil && reunite.True(m.Languages.FluentEnglish)
	switch {
	case fluent:
		b.v["p6.statement"] = "english"
		b.blank["p6.language"] = true
	case f.Interpreter != nil:
		b.v["p6.statement"] = "interpreter"
		b.need("p6.language", f.Interpreter.Language, "the language the interpreter used with the relative")
	default:
		b.unknown["p6.statement=english"] = "whether the relative read the form in English or through an interpreter (Part 6 item 1)"
		// Item 1.b's language is written by hand if a person checks 1.b:
		// "N/A" there would contradict that box.
		b.blank["p6.language"] = true
	}
	b.contacts("p6", f.Preparer, m.Phone, m.Contact, m.Email)
}

func (b *builder) helper(part string, h *reunite.Helper) {
	b.need(part+".name.family", h.Name.Family, "family name")
	b.need(part+".name.given", h.Name.Given, "given name")
	b.set(part+".business", h.Business)
	b.address(part+".addr", h.Address, "mailing address")
	b.set(part+".day_phone", phoneDigits(h.Phone))
	b.set(part+".mobile", phoneDigits(h.Mobile))
	b.set(part+".email", h.Email)
}

func (b *builder) name(prefix string, n reunite.Name, what string) {
	b.need(prefix+".family", n.Family, what+" (family name)")
	b.need(prefix+".given", n.Given, what+" (given name)")
	b.set(prefix+".middle", n.Middle)
}

func (b *builder) sex(key string, s reunite.Sex, what string) {
	switch s {
	case reunite.Male, reunite.Female:
		b.v[key] = string(s)
	case reunite.SexX:
		b.notes = append(b.notes, Note{Key: key, Text: what + " is X; this edition has only Male and Female boxes: ask a lawyer how to answer"})
	default:
		b.unknown[key+"=M"] = what
	}
}

func (b *builder) place(prefix string, p *reunite.Place, what string) {
	if p == nil {
		b.unknown[prefix+".city"] = what + " (city)"
		b.unknown[prefix+".country"] = what + " (country)"
		return
	}
	b.need(prefix+".city", p.City, what+" (city)")
	b.set(prefix+".state", p.State)
	b.need(prefix+".country", country(p.Country), what+" (country)")
}

// address writes an address block. A US address fills state and ZIP and
// leaves province and postal code N/A; a foreign one the reverse.
func (b *builder) address(prefix string, a *reunite.Address, what string) {
	if a == nil {
		// One note for the whole block; the other lines wait for it.
		b.unknown[prefix+".street"] = what + " (street, city, country)"
		for _, k := range []string{"careof", "unitnum", "city", "state", "zip", "province", "postal", "country"} {
			b.blank[prefix+"."+k] = true
		}
		return
	}
	b.set(prefix+".careof", a.InCareOf)
	b.need(prefix+".street", a.Street, what+" (street)")
	b.unit(prefix, a.Unit)
	b.need(prefix+".city", a.City, what+" (city)")
	if a.Country == "US" || a.Country == "" && a.State != "" {
		st := strings.ToUpper(strings.TrimSpace(a.State))
		if len(st) != 2 {
			// The form's list holds USPS codes only.
			b.unknown[prefix+".state"] = fmt.Sprintf("%s (state: %q is not a two-letter USPS code)", what, a.State)
			st = ""
		}
		b.need(prefix+".state", st, what+" (state)")
		b.need(prefix+".zip", digitsOnly(a.Zip), what+" (ZIP code)")
	} else {
		b.set(prefix+".province", a.Province)
		b.set(prefix+".postal", a.Postal)
	}
	b.need(prefix+".country", country(a.Country), what+" (country)")
}

// unit reads "Apt 3", "Suite 200", "Fl 2" or "#4" into the box and number.
func (b *builder) unit(prefix, u string) {
	u = strings.TrimSpace(u)
	if u == "" {
		return
	}
	kinds := []struct{ prefix, box string }{
		{"apartment", "apt"}, {"apt", "apt"}, {"#", "apt"}, {"suite", "ste"}, {"ste", "ste"},
		{"floor", "flr"}, {"flr", "flr"}, {"fl", "flr"},
	}
	low := strings.ToLower(u)
	for _, k := range kinds {
		if strings.HasPrefix(low, k.prefix) {
			b.v[prefix+".unit"] = k.box
			b.v[prefix+".unitnum"] = strings.Trim(strings.TrimSpace(u[len(k.prefix):]), ".# ")
			return
		}
	}
	b.infer(prefix+".unit", "apt", fmt.Sprintf("the unit %q was written as an apartment number", u))
	b.v[prefix+".unitnum"] = u
}

// otherNames writes items 11 to 12 of Part 1 or 2. An empty list is an
// answer ("None"); no list at all means nobody was asked, so the items
// stay blank and the checklist asks for them.
func (b *builder) otherNames(part, who string, names []reunite.Name) {
	if names == nil {
		b.unknown[part+".other1.family"] = "other names " + who + " has used (or write \"None\"): never asked"
		for _, k := range []string{"other1.given", "other1.middle", "other2.family", "other2.given", "other2.middle"} {
			b.blank[part+"."+k] = true
		}
		return
	}
	if len(names) == 0 {
		b.v[part+".other1.family"] = "None"
		return
	}
	for i, n := range names {
		if i >= 2 {
			b.addExtra(part+".other2.family", "Other name used: "+n.Full())
			continue
		}
		k := fmt.Sprintf("%s.other%d", part, i+1)
		b.set(k+".family", n.Family)
		b.set(k+".given", n.Given)
		b.set(k+".middle", n.Middle)
	}
}

// priorMarriages writes the former spouses. As for other names, an
// empty list is "None" and no list leaves the items blank and listed.
func (b *builder) priorMarriages(part, who string, pm []reunite.PriorMarriage) {
	if pm == nil {
		b.unknown[part+".prior1.family"] = "the former husbands or wives of " + who + " and how each marriage ended (or write \"None\"): never asked"
		for _, k := range []string{"prior1.given", "prior1.middle", "prior1.ended", "prior1.city", "prior1.state", "prior1.country",
			"prior2.family", "prior2.given", "prior2.middle", "prior2.ended", "prior2.city", "prior2.state", "prior2.country"} {
			b.blank[part+"."+k] = true
		}
		return
	}
	if len(pm) == 0 {
		b.v[part+".prior1.family"] = "None"
		return
	}
	for i, p := range pm {
		if i >= 2 {
			b.addExtra(part+".prior2.family", fmt.Sprintf("Prior spouse: %s; marriage ended %s in %s",
				p.Spouse.Full(), USDate(p.Ended), placeText(p.EndedPlace)))
			continue
		}
		k := fmt.Sprintf("%s.prior%d", part, i+1)
		b.name(k, p.Spouse, "the prior spouse's name")
		b.need(k+".ended", USDate(p.Ended), "the date the prior marriage ended")
		pl := p.EndedPlace
		b.place(k, &pl, "where the prior marriage ended")
	}
}

func entryText(n int, e reunite.Entry) string {
	parts := []string{fmt.Sprintf("Entry %d: arrived %s at %s, %s", n, USDate(e.Date), e.City, e.State)}
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+" "+v)
		}
	}
	add("status", e.Status)
	add("I-94", e.I94)
	add("status expires", USDate(e.StatusExpires))
	add("passport", e.Passport)
	add("passport expires", USDate(e.PassportExpires))
	add("passport country", country(e.PassportCountry))
	add("travel document", e.TravelDoc)
	add("travel document expires", USDate(e.TravelDocExpires))
	add("travel document country", country(e.TravelDocCountry))
	return strings.Join(parts, "; ")
}

func placeText(p reunite.Place) string {
	var s []string
	for _, x := range []string{p.City, p.State, country(p.Country)} {
		if x != "" {
			s = append(s, x)
		}
	}
	return strings.Join(s, ", ")
}
