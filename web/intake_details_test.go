package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// allNo answers every bar "no".
func allNo() url.Values {
	return url.Values{"persecutor": {"no"}, "other_bars": {"no"}, "removal": {"no"}, "protected": {"no"}, "fraud": {"no"}}
}

// addressVals is an address with the given prefix.
func addressVals(v url.Values, prefix, street, city, state, zip, country string) url.Values {
	v.Set(prefix+"_street", street)
	v.Set(prefix+"_city", city)
	v.Set(prefix+"_state", state)
	v.Set(prefix+"_zip", zip)
	v.Set(prefix+"_country", country)
	return v
}

// detailAnswers are answers to a page of the form's details, for a
// relative abroad or in the United States, or the principal.
func detailAnswers(id string) url.Values {
	switch id {
	case "contact":
		return addressVals(url.Values{"mailing_same": {"yes"}, "phone": {"+1 510 555 0100"}, "email": {"someone@example.org"}},
			"home", "12 Elm St", "Oakland", "CA", "94607", "US")
	case "native":
		return url.Values{"native_given": {"مريم"}, "native_family": {"رحيمي"}, "native_street": {"کوچه ۳"}, "native_city": {"کابل"},
			"native_country": {"AF"}, "uscis_office": {"Islamabad, Pakistan"}}
	case "birth":
		return url.Values{"birth_city": {"Herat"}, "birth_country": {"AF"}, "nationality": {"AF"}}
	case "names":
		return url.Values{"other_names": {"no"}}
	case "marriages":
		return url.Values{"prior": {"no"}}
	case "social":
		return url.Values{"social": {"no"}}
	case "languages":
		return url.Values{"native_language": {"Dari"}, "english": {"no"}, "other_languages": {"Pashto"}}
	case "entries":
		return dateVals(url.Values{"entry1_city": {"New York"}, "entry1_state": {"NY"}, "entry1_status": {"parolee"}, "entry1_i94": {"12345678901"}},
			"entry1_date", "3", "4", "2024")
	case "grant":
		return dateVals(url.Values{"asylum_city": {"San Francisco"}, "asylum_state": {"CA"}, "approved_city": {"Islamabad"},
			"approved_country": {"PK"}, "admitted_city": {"Chicago"}, "admitted_state": {"IL"}}, "refugee_approved", "1", "6", "2024")
	}
	return nil
}

// skipDetails answers a relative's detail pages, following the redirects
// from contact/ID until the pages about that relative end.
func skipDetails(t *testing.T, b *browser, base, id string) {
	t.Helper()
	at := base + "/contact/" + id
	for strings.HasSuffix(at, "/"+id) {
		page := strings.TrimSuffix(strings.TrimPrefix(at, base+"/"), "/"+id)
		p := b.answer(at, detailAnswers(page))
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", at, p.StatusCode, problems(p.Body))
		}
		at = p.Header.Get("Location")
	}
}

// answerPrincipalDetails answers the principal's detail pages.
func answerPrincipalDetails(t *testing.T, b *browser, base string) {
	t.Helper()
	at := base + "/contact"
	for !strings.HasSuffix(at, "/filing") {
		p := b.answer(at, detailAnswers(strings.TrimPrefix(at, base+"/")))
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", at, p.StatusCode, problems(p.Body))
		}
		at = p.Header.Get("Location")
	}
}

// problems extracts the messages next to fields, for a failure message.
func problems(body string) string {
	var out []string
	for _, part := range strings.Split(body, `class="problem" id="`)[1:] {
		out = append(out, part[:min(len(part), 200)])
	}
	return strings.Join(out, "\n")
}

// TestUnknownIsAnAnswer: "I don't know" is stored, shown selected when
// the page opens again, counted as answered, and named on the dashboard
// apart from the questions not answered yet.
func TestUnknownIsAnAnswer(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	fam := "/families/" + e.east.family
	base := fam + "/intake"
	ties := dateVals(url.Values{"marriage_form": {"religious"}, "valid": {"unknown"},
		"marriage_place_city": {"Asmara"}, "marriage_place_country": {"ER"}}, "marriage_date", "20", "6", "2010")
	wantRedirect(t, b.answer(base+"/ties/husband", ties), base+"/ties/husband") // religious: is it valid? applies
	wantRedirect(t, b.answer(base+"/ties/husband", ties), base+"/bars/husband")
	v := allNo()
	v.Set("removal", "unknown")
	wantRedirect(t, b.answer(base+"/bars/husband", v), base+"/contact/husband")
	v = dateVals(url.Values{"asylum_filed_unknown": {"1"}}, "asylum_filed", "", "", "")
	wantRedirect(t, b.answer(base+"/dates", dateVals(v, "status_date", "10", "6", "2025")), base+"/relatives")

	rec, err := e.st.Family(t.Context(), e.east.worker, e.east.family)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []reunite.FactRef{{Member: "husband", Fact: "marriage.valid_where_celebrated"},
		{Member: "husband", Fact: "removal_proceedings"}, {Member: "principal", Fact: "asylum_filed"}} {
		if !rec.Family.UnknownAnswer(ref) {
			t.Errorf("%+v is not remembered as unknown", ref)
		}
	}
	if rec.Family.Members[0].RemovalProceedings != nil {
		t.Error("I don't know was stored as a value")
	}
	// Reopened: the answers are selected.
	wantBody(t, b.get(base+"/bars/husband"), `name="removal" value="unknown" checked`, `name="other_bars" value="no" checked`)
	wantBody(t, b.get(base+"/dates"), `name="asylum_filed_unknown" value="1" checked`)
	wantBody(t, b.get(base+"/ties/husband"), `name="valid" value="unknown" checked`)

	// A known answer replaces the unknown one.
	v = allNo()
	wantRedirect(t, b.answer(base+"/bars/husband", v), base+"/contact/husband")
	if body := b.get(base + "/bars/husband").Body; strings.Contains(body, `value="unknown" checked`) {
		t.Error("the old I don't know is still shown")
	}

	// The dashboard names what is unknown, apart from what is unanswered.
	p := b.get(fam)
	wantBody(t, p, "Answered “I don&#39;t know” (2)", "Is this marriage legally valid", "questions are not answered yet")
	if strings.Contains(p.Body, "removal (deportation)") {
		t.Error("an answer changed to no is still listed as unknown")
	}
}

// TestReviewChangeReturns: the answers' list links each answer to its
// page, and saving there comes back to the list.
func TestReviewChangeReturns(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	fam := "/families/" + e.east.family
	p := b.get(fam + "/review")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "Dawit Haile", "Ruth Haile", `href="`+fam+`/intake/status?return=review#f-status"`, "Not answered yet")
	form := b.get(fam + "/intake/status?return=review")
	wantBody(t, form, `name="return" value="review"`, "Save and go back to the answers")
	p = b.answer(fam+"/intake/status?return=review", url.Values{"status": {"refugee"}, "return": {"review"}})
	wantRedirect(t, p, fam+"/review#a-status")
	wantBody(t, b.get(fam+"/review"), "I was admitted to the United States as a refugee")
}

// TestRemoveRelativeConfirmedAndUndone: Remove asks first; the removal is
// a version, and restoring the one before brings the relative back.
func TestRemoveRelativeConfirmedAndUndone(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	fam := "/families/" + e.east.family
	rel := fam + "/intake/relatives"
	p := b.answer(rel, url.Values{"remove": {"daughter"}})
	wantRedirect(t, p, rel+"?remove=daughter")
	rec, _ := e.st.Family(t.Context(), e.east.worker, e.east.family)
	if len(rec.Family.Members) != 2 {
		t.Fatal("removed without confirmation")
	}
	wantBody(t, b.get(rel+"?remove=daughter"), "Remove <bdi>Ruth Haile</bdi> from this family?", `name="confirm" value="1"`)
	wantRedirect(t, b.answer(rel, url.Values{"remove": {"daughter"}, "confirm": {"1"}}), rel)
	rec, _ = e.st.Family(t.Context(), e.east.worker, e.east.family)
	if len(rec.Family.Members) != 1 {
		t.Fatalf("after confirming: %d relatives", len(rec.Family.Members))
	}
	before := rec.Version - 1
	p = b.get(fam + "/versions")
	wantBody(t, p, "Restore version", "Ruth Haile")
	p = b.post(fam+"/versions/"+itoa(before)+"/restore", url.Values{"current": {itoa(rec.Version)}})
	wantRedirect(t, p, fam)
	rec, _ = e.st.Family(t.Context(), e.east.worker, e.east.family)
	if len(rec.Family.Members) != 2 || rec.Family.Member("daughter") == nil {
		t.Errorf("restoring did not bring the daughter back: %+v", rec.Family.Members)
	}
	// A client may not restore.
	c := e.browser().login(e.east.logins["client"])
	wantStatus(t, c.get(fam+"/versions"), http.StatusForbidden)
}

// TestStaffWordingAndSkippedPages: staff read "the principal", the
// principal reads "you"; a married child is asked nothing beyond who they
// are.
func TestStaffWordingAndSkippedPages(t *testing.T) {
	e := newEnv(t).withOffices()
	fam := "/families/" + e.east.family
	b := e.browser().login(e.east.logins["caseworker"])
	wantBody(t, b.get(fam+"/intake/principal"), "The principal&#39;s first (given) name")
	wantBody(t, b.get("/families/new"), "The principal&#39;s first (given) name")
	c := e.browser().login(e.east.logins["client"])
	wantBody(t, c.get(fam+"/intake/principal"), "Your first (given) name")

	v := dateVals(url.Values{"relationship": {"child"}, "given": {"Ruth"}, "family": {"Haile"}, "sex": {"F"}, "marital": {"married"},
		"location": {"outside_us"}}, "birth", "29", "2", "2004")
	p := b.answer(fam+"/intake/relative/daughter", v)
	wantRedirect(t, p, fam+"/intake/contact") // no ties, bars or details for a married child
	wantStatus(t, b.get(fam+"/intake/ties/daughter"), http.StatusNotFound)
}

// TestProgressNeverGoesBack walks a family's intake and checks that the
// progress bar's value only grows, even as relatives add pages.
func TestProgressNeverGoesBack(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.post("/families/new", url.Values{"given": {"Farid"}, "family": {"Rahimi"}})
	loc := p.Header.Get("Location")
	base := strings.TrimSuffix(loc, "/principal")
	last := -1.0
	seen := 0
	check := func(path string) {
		t.Helper()
		body := b.get(path).Body
		i := strings.Index(body, `<progress max="3" value="`)
		if i < 0 {
			t.Fatalf("%s: no progress bar", path)
		}
		var v float64
		if _, err := fmtSscan(body[i+len(`<progress max="3" value="`):], &v); err != nil {
			t.Fatal(err)
		}
		if v < last {
			t.Errorf("%s: progress %.3f after %.3f", path, v, last)
		}
		last = v
		seen++
	}
	check(base + "/principal")
	wantRedirect(t, b.answer(base+"/principal", dateVals(url.Values{"given": {"Farid"}, "family": {"Rahimi"}, "sex": {"M"}}, "birth", "3", "7", "1980")), base+"/status")
	check(base + "/status")
	b.answer(base+"/status", url.Values{"status": {"asylee"}})
	check(base + "/dates")
	b.answer(base+"/dates", dateVals(dateVals(url.Values{}, "asylum_filed", "1", "1", "2023"), "status_date", "1", "1", "2025"))
	check(base + "/relatives")
	for _, g := range []string{"Mariam", "Omid", "Sara"} {
		rel := "child"
		if g == "Mariam" {
			rel = "spouse"
		}
		b.answer(base+"/relatives", url.Values{"add": {"1"}, "relationship": {rel}, "given": {g}})
		check(base + "/relatives")
	}
	check(base + "/relative/r1")
	check(base + "/ties/r1")
	check(base + "/relative/r3")
	check(base + "/contact")
	check(base + "/filing")
	if seen < 10 {
		t.Fatal("too few pages checked")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func fmtSscan(s string, v *float64) (int, error) {
	end := strings.IndexByte(s, '"')
	f, err := strconv.ParseFloat(s[:end], 64)
	*v = f
	return 1, err
}

// completeFamilyOverHTTP creates a family and answers every page of its
// intake: an asylee with a husband abroad and a son in the United States.
func completeFamilyOverHTTP(t *testing.T, b *browser) string {
	t.Helper()
	p := b.post("/families/new", url.Values{"given": {"Farid"}, "family": {"Rahimi"}})
	base := strings.TrimSuffix(p.Header.Get("Location"), "/principal")
	id := strings.TrimPrefix(strings.TrimSuffix(base, "/intake"), "/families/")
	at := base + "/principal"
	answers := map[string]url.Values{
		"principal": dateVals(url.Values{"given": {"Farid"}, "family": {"Rahimi"}, "sex": {"M"}, "a_number": {"A201234567"}}, "birth", "3", "7", "1980"),
		"status":    {"status": {"asylee"}},
		"dates":     dateVals(dateVals(url.Values{}, "asylum_filed", "10", "5", "2023"), "status_date", "15", "1", "2026"),
		"relative/r1": dateVals(url.Values{"relationship": {"spouse"}, "given": {"Mariam"}, "family": {"Rahimi"}, "sex": {"F"},
			"marital": {"married"}, "location": {"outside_us"}}, "birth", "1", "1", "1985"),
		"ties/r1": dateVals(url.Values{"marriage_form": {"civil"}, "marriage_place_city": {"Kabul"}, "marriage_place_country": {"AF"}},
			"marriage_date", "10", "5", "2005"),
		"relative/r2": dateVals(url.Values{"relationship": {"child"}, "given": {"Omid"}, "family": {"Rahimi"}, "sex": {"M"},
			"marital": {"single"}, "location": {"inside_us"}}, "birth", "2", "2", "2008"),
		"ties/r2":   {"kind": {"biological"}, "wedlock": {"yes"}, "listed": {"yes"}},
		"filing":    {"language": {"fa-AF"}},
		"helpers":   helperAnswers(),
		"relatives": {"next": {"1"}},
	}
	wantRedirect(t, b.answer(base+"/principal", answers["principal"]), base+"/status")
	b.answer(base+"/status", answers["status"])
	b.answer(base+"/dates", answers["dates"])
	b.answer(base+"/relatives", url.Values{"add": {"1"}, "relationship": {"spouse"}, "given": {"Mariam"}, "family": {"Rahimi"}})
	b.answer(base+"/relatives", url.Values{"add": {"1"}, "relationship": {"child"}, "given": {"Omid"}, "family": {"Rahimi"}})
	at = base + "/relatives"
	for n := 0; !strings.HasSuffix(at, "/review"); n++ {
		if n > 60 {
			t.Fatal("the intake does not end")
		}
		page := strings.TrimPrefix(at, base+"/")
		v, ok := answers[page]
		if !ok {
			short, _, _ := strings.Cut(page, "/")
			v = detailAnswers(short)
			if short == "bars" {
				v = allNo()
			}
		}
		p := b.answer(at, v)
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", at, p.StatusCode, problems(p.Body))
		}
		at = p.Header.Get("Location")
	}
	return id
}

// TestFamilyLanguageFollowsIntake: the family's language (for the packet's
// instructions) starts as the language the intake is done in, and the
// filing page asks it once, with that answer chosen.
func TestFamilyLanguageFollowsIntake(t *testing.T) {
	e := newEnv(t).withOffices()
	c := e.browser().login(e.east.logins["client"])
	c.lang = "prs"
	base := "/families/" + e.east.family + "/intake"
	v := dateVals(url.Values{"given": {"Selam"}, "family": {"Tesfaye"}, "sex": {"F"}}, "birth", "12", "4", "1985")
	wantRedirect(t, c.answer(base+"/principal", v), base+"/status")
	rec, _ := e.st.Family(t.Context(), e.east.worker, e.east.family)
	if rec.Family.Filing == nil || rec.Family.Filing.Language != "fa-AF" {
		t.Fatalf("family language after a Dari intake: %+v", rec.Family.Filing)
	}
	wantBody(t, c.get(base+"/filing"), `name="language" value="fa-AF" checked`)
	// Chosen on the filing page, it stays whatever language the pages are in.
	b := e.browser().login(e.east.logins["caseworker"])
	wantRedirect(t, b.answer(base+"/filing", url.Values{"language": {"ps"}}), base+"/helpers")
	wantRedirect(t, c.answer(base+"/principal", v), base+"/status")
	rec, _ = e.st.Family(t.Context(), e.east.worker, e.east.family)
	if rec.Family.Filing.Language != "ps" {
		t.Errorf("family language %q, want ps", rec.Family.Filing.Language)
	}
}

// helperAnswers: an interpreter and a preparer (not a lawyer) helped, with
// their addresses; no representative.
func helperAnswers() url.Values {
	v := url.Values{"interpreter": {"yes"}, "interp_given": {"Nasrin"}, "interp_family": {"Karimi"},
		"interp_language": {"Dari"}, "interp_phone": {"510 555 0111"}, "preparer": {"yes"}, "prep_given": {"Ana"},
		"prep_family": {"Lopez"}, "prep_business": {"East Legal Aid"}, "prep_phone": {"510 555 0122"}, "prep_attorney": {"no"},
		"representative": {"no"}}
	return addressVals(addressVals(v, "interp", "5 Oak St", "Oakland", "CA", "94607", "US"), "prep", "9 Pine St", "Oakland", "CA", "94612", "US")
}
