package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

var versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

// answer opens a step, then posts the answers with the version the page
// carried, as a browser would.
func (b *browser) answer(path string, vals url.Values) page {
	b.e.t.Helper()
	p := b.get(path)
	wantStatus(b.e.t, p, http.StatusOK)
	m := versionRE.FindStringSubmatch(p.Body)
	if m == nil {
		b.e.t.Fatalf("%s: no version on the page", path)
	}
	if vals == nil {
		vals = url.Values{}
	}
	vals.Set("version", m[1])
	return b.post(path, vals)
}

func wantRedirect(t *testing.T, p page, to string) {
	t.Helper()
	wantStatus(t, p, http.StatusSeeOther)
	if loc := p.Header.Get("Location"); loc != to {
		t.Fatalf("%s %s: redirect to %q, want %q", p.Request.Method, p.Request.URL.Path, loc, to)
	}
}

func dateVals(v url.Values, name, d, m, y string) url.Values {
	v.Set(name+"_d", d)
	v.Set(name+"_m", m)
	v.Set(name+"_y", y)
	return v
}

func TestIntakeRefugeeWithSpouseAndStepchild(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.post("/families/new", url.Values{"given": {""}, "family": {"Rahimi"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "Please answer this question.", `aria-invalid="true"`)
	p = b.post("/families/new", url.Values{"given": {"Farid"}, "family": {"Rahimi"}})
	wantStatus(t, p, http.StatusSeeOther)
	base := strings.TrimSuffix(p.Header.Get("Location"), "/principal")
	id := strings.TrimPrefix(strings.TrimSuffix(base, "/intake"), "/families/")

	p = b.answer(base+"/principal", dateVals(url.Values{"given": {"Farid"}, "family": {"Rahimi"}, "sex": {"M"}}, "birth", "3", "7", "1980"))
	wantRedirect(t, p, base+"/status")
	wantRedirect(t, b.answer(base+"/status", url.Values{"status": {"refugee"}}), base+"/dates")

	// A refugee is asked the interview date, not the I-589 date.
	p = b.get(base + "/dates")
	wantBody(t, p, `name="refugee_interview_d"`, "refugee interview", "Step 3 of")
	if strings.Contains(p.Body, "asylum_filed") {
		t.Error("a refugee is asked for the asylum application date")
	}
	// An impossible date is refused next to its field; so is a date left blank.
	v := dateVals(url.Values{}, "refugee_interview", "31", "2", "2022")
	p = b.answer(base+"/dates", dateVals(v, "status_date", "", "", ""))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "This is not a date", "Please give the date, or tick", `id="e-refugee_interview"`)
	// Arabic-Indic digits are read as digits.
	v = dateVals(url.Values{}, "refugee_interview", "٢٠", "9", "٢٠٢٢")
	wantRedirect(t, b.answer(base+"/dates", dateVals(v, "status_date", "15", "1", "2025")), base+"/relatives")

	// Relatives: a wife married by proxy and her son, the principal's stepson.
	wantRedirect(t, b.answer(base+"/relatives", url.Values{"add": {"1"}, "relationship": {"spouse"}, "given": {"Mariam"}, "family": {"Rahimi"}}), base+"/relatives")
	wantRedirect(t, b.answer(base+"/relatives", url.Values{"add": {"1"}, "relationship": {"child"}, "given": {"Omid"}}), base+"/relatives")
	p = b.answer(base+"/relatives", url.Values{"add": {"1"}, "given": {"Nobody"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "Please choose one answer.")
	wantRedirect(t, b.answer(base+"/relatives", url.Values{"next": {"1"}}), base+"/relative/r1")

	rel := url.Values{"relationship": {"spouse"}, "given": {"Mariam"}, "family": {"Rahimi"}, "sex": {"F"}, "marital": {"married"}, "location": {"outside_us"}}
	wantRedirect(t, b.answer(base+"/relative/r1", dateVals(rel, "birth", "1", "1", "1985")), base+"/ties/r1")
	// A proxy marriage makes a new question apply: the step comes back.
	p = b.answer(base+"/ties/r1", dateVals(url.Values{"marriage_form": {"proxy"}}, "marriage_date", "10", "5", "2015"))
	wantRedirect(t, p, base+"/ties/r1")
	p = b.get(base + "/ties/r1")
	wantBody(t, p, `name="consummated"`, "live together")
	p = b.answer(base+"/ties/r1", dateVals(url.Values{"marriage_form": {"proxy"}, "consummated": {"yes"}}, "marriage_date", "10", "5", "2015"))
	wantRedirect(t, p, base+"/bars/r1")
	wantRedirect(t, b.answer(base+"/bars/r1", url.Values{"persecutor": {"no"}}), base+"/relative/r2")

	rel = url.Values{"relationship": {"child"}, "given": {"Omid"}, "sex": {"M"}, "marital": {"single"}, "location": {"outside_us"}}
	wantRedirect(t, b.answer(base+"/relative/r2", dateVals(rel, "birth", "2", "2", "2012")), base+"/ties/r2")
	// A stepchild is asked the day of the parent's marriage.
	p = b.answer(base+"/ties/r2", url.Values{"kind": {"stepchild"}, "listed": {"yes"}})
	wantRedirect(t, p, base+"/ties/r2")
	wantBody(t, b.get(base+"/ties/r2"), `name="parent_marriage_d"`, "marry <bdi>Omid</bdi>")
	p = b.answer(base+"/ties/r2", dateVals(url.Values{"kind": {"stepchild"}, "listed": {"yes"}}, "parent_marriage", "10", "5", "2015"))
	wantRedirect(t, p, base+"/bars/r2")
	wantRedirect(t, b.answer(base+"/bars/r2", url.Values{"persecutor": {"no"}}), base+"/filing")
	wantRedirect(t, b.answer(base+"/filing", nil), "/families/"+id)

	// Every step saved a version; the stored file has the answers.
	rec, err := e.st.Family(t.Context(), e.east.worker, id)
	if err != nil {
		t.Fatal(err)
	}
	f := rec.Family
	if f.Principal.RefugeeInterview != date("2022-09-20") || f.Principal.Status != reunite.Refugee {
		t.Errorf("principal: %+v", f.Principal)
	}
	if len(f.Members) != 2 || f.Members[0].Marriage == nil || !reunite.True(f.Members[0].Marriage.Consummated) {
		t.Fatalf("members: %+v", f.Members)
	}
	if c := f.Members[1].Child; c == nil || c.Kind != reunite.Stepchild || c.ParentMarriageDate != date("2015-05-10") {
		t.Errorf("stepchild: %+v", c)
	}
	if f.Members[1].Marriage != nil {
		t.Error("a child has a marriage part")
	}
	if rec.Version < 12 {
		t.Errorf("version %d: not every step was saved", rec.Version)
	}
	// Editing re-runs the assessment: the dashboard reflects the answers.
	p = b.get("/families/" + id)
	wantBody(t, p, "Mariam Rahimi", "Omid", "15 January 2027", "Relatives: 2 of 2")
}

func TestIntakeUnknownAndConflict(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	base := "/families/" + e.east.family + "/intake"
	// "I don't know" for the grant day: no deadline, and the engine asks.
	v := dateVals(url.Values{"status_date_unknown": {"1"}}, "status_date", "", "", "")
	wantRedirect(t, b.answer(base+"/dates", dateVals(v, "asylum_filed", "14", "8", "2023")), base+"/relatives")
	wantBody(t, b.get("/families/"+e.east.family), "Not known yet")

	// A stale version is refused rather than overwriting someone's answers.
	p := b.post(base+"/status", url.Values{"status": {"asylee"}, "version": {"1"}})
	wantStatus(t, p, http.StatusConflict)

	// Save and finish later goes to the dashboard.
	wantRedirect(t, b.answer(base+"/status", url.Values{"status": {"asylee"}, "stop": {"1"}}), "/families/"+e.east.family)
	wantStatus(t, b.get(base+"/nonsense"), http.StatusNotFound)
	wantStatus(t, b.get(base+"/relative/nobody"), http.StatusNotFound)
}

func TestClientIntakeOwnFamilyOnly(t *testing.T) {
	e := newEnv(t).withOffices()
	c := e.browser().login(e.east.logins["client"])
	c.lang = "ar"
	base := "/families/" + e.east.family + "/intake"
	p := c.get(base + "/principal")
	wantBody(t, p, `dir="rtl"`, "اسمك الأول")
	wantRedirect(t, c.answer(base+"/status", url.Values{"status": {"asylee"}}), base+"/dates")
	other := "/families/" + e.east.other + "/intake/status"
	wantStatus(t, c.get(other), http.StatusNotFound)
	wantStatus(t, c.post(other, url.Values{"status": {"none"}, "version": {"1"}}), http.StatusNotFound)
}

func TestParseDateParts(t *testing.T) {
	for _, tc := range []struct {
		d, m, y, want, problem string
	}{
		{"", "", "", "", ""},
		{"1", "2", "2020", "2020-02-01", ""},
		{" 29", "2", "2024 ", "2024-02-29", ""},
		{"29", "2", "2023", "", "date.invalid"},
		{"1", "", "2020", "", "date.incomplete"},
		{"1", "13", "2020", "", "date.invalid"},
		{"1", "1", "20", "", "date.invalid"},
		{"-1", "1", "2020", "", "date.invalid"},
		{"١٥", "٣", "٢٠٢٥", "2025-03-15", ""},
		{"۱۵", "۳", "۲۰۲۵", "2025-03-15", ""},
		{"1e1", "1", "2020", "", "date.invalid"},
	} {
		got, problem := parseDateParts(tc.d, tc.m, tc.y)
		gs := ""
		if !got.IsZero() {
			gs = got.String()
		}
		if gs != tc.want || problem != tc.problem {
			t.Errorf("parseDateParts(%q, %q, %q) = %q, %q; want %q, %q", tc.d, tc.m, tc.y, gs, problem, tc.want, tc.problem)
		}
	}
}

// FuzzParseDateParts: any typed date is either refused or a real date
// whose parts read back as typed.
func FuzzParseDateParts(f *testing.F) {
	f.Add("1", "2", "2020")
	f.Add("٣١", "12", "1999")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, d, m, y string) {
		got, problem := parseDateParts(d, m, y)
		if problem != "" && !got.IsZero() {
			t.Fatalf("a problem and a date: %v %q", got, problem)
		}
		if !got.IsZero() {
			if _, err := reunite.ParseDate(got.String()); err != nil {
				t.Fatalf("not a date: %v", got)
			}
		}
	})
}

// FuzzIntakeAnswers submits arbitrary answers to every question of every
// step: the answers are refused or give a case file that the contract's
// strict reader accepts.
func FuzzIntakeAnswers(f *testing.F) {
	f.Add("spouse", "proxy", "yes", "12", "3", "2020", "7")
	f.Add("child", "adopted", "no", "", "", "", "x")
	l := loadLangs(f)["en"]
	f.Fuzz(func(t *testing.T, a, b, c, d, m, y, n string) {
		fam := sampleFamily("A", "B")
		vals := url.Values{}
		for _, st := range steps(fam) {
			for _, q := range questions(l, fam, st) {
				for _, suffix := range []string{"", "_d", "_m", "_y", "_unknown"} {
					vals.Set(q.Name+suffix, a)
				}
				vals.Set(q.Name, b)
				vals.Set(q.Name+"_d", d)
				vals.Set(q.Name+"_m", m)
				vals.Set(q.Name+"_y", y)
				if q.Kind == "yesno" || q.Kind == "check" {
					vals.Set(q.Name, c)
				}
				if q.Kind == "number" {
					vals.Set(q.Name, n)
				}
			}
			// As the handler does: apply the step's answers to a copy, and
			// keep them only when no field and no check refuses them.
			try := cloneFamily(fam)
			fields := questions(l, try, st)
			bad := false
			for i := range fields {
				bad = fields[i].apply(vals) != "" || bad
			}
			if bad || checkFamily(try, st, fields) {
				continue
			}
			tidy(try)
			fam = try
		}
		checkCaseFile(t, fam)
	})
}

func TestIntakeResume(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.post("/families/new", url.Values{"given": {"Farid"}, "family": {"Rahimi"}})
	base := strings.TrimSuffix(p.Header.Get("Location"), "/principal")
	id := strings.TrimPrefix(strings.TrimSuffix(base, "/intake"), "/families/")
	// Nothing but the name: continue with the principal's birth date.
	wantBody(t, b.get("/families/"+id), `href="`+base+`/principal"`, "continue where you stopped")
	p = b.answer(base+"/principal", dateVals(url.Values{"given": {"Farid"}, "family": {"Rahimi"}, "sex": {"M"}}, "birth", "3", "7", "1980"))
	wantStatus(t, p, http.StatusSeeOther)
	wantBody(t, b.get("/families/"+id), `href="`+base+`/status"`)
}

func TestIntakeANumberChecked(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	base := "/families/" + e.east.family + "/intake"
	v := dateVals(url.Values{"given": {"Selam"}, "family": {"Tesfaye"}, "sex": {"F"}, "a_number": {"12345"}}, "birth", "12", "4", "1985")
	p := b.answer(base+"/principal", v)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, `id="e-a_number"`, "7 to 9 digits")
	v.Set("a_number", "A201234567")
	wantRedirect(t, b.answer(base+"/principal", v), base+"/status")
	// The A-Number finds the family in the office view.
	wantBody(t, b.post("/families", url.Values{"q": {"201234567"}}), "Selam Tesfaye", "1 of 2 families")
}
