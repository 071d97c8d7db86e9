package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// fill answers the page's questions in the browser: each radio button
// named and valued is clicked, each select and text box set, as a person
// would; then the primary button is pressed.
func fill(vals url.Values) chromedp.Action[chromedp.Void] {
	data, _ := json.Marshal(vals)
	return chromedp.Steps(chromedp.Evaluate[chromedp.Void](`(() => {
		const vals = `+string(data)+`;
		for (const [name, list] of Object.entries(vals)) {
			const v = list[0];
			for (const el of document.querySelectorAll('[name="' + name + '"]')) {
				if (el.type === 'radio' || el.type === 'checkbox') { if (el.value === v) el.click(); }
				else if (el.tagName === 'SELECT' || el.type === 'text') { el.value = v; }
			}
		}
	})()`), next())
}

// TestBrowserCaseworkerCompletesFamily: a caseworker signs in to an office
// with no family yet, creates one and answers every page in Chromium
// (axe-core on each kind of page), checks the answers, and downloads a
// packet whose checklists ask nothing by hand that the intake could have
// asked.
func TestBrowserCaseworkerCompletesFamily(t *testing.T) {
	e := packetEnv(t)
	ctx := t.Context()
	admin, err := e.st.CreateOrg(ctx, "Empty office", store.NewUser{Login: "boss", Name: "Boss"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateUser(ctx, admin, store.NewUser{Login: "cw", Name: "Case Worker", Role: store.RoleCaseworker}); err != nil {
		t.Fatal(err)
	}
	setPassword(t, e, "cw")

	b := e.tab(1280, 900, "complete-en")
	b.open("/login")
	b.do("sign in", typeIn("login", "cw"), typeIn("password", testPassword), next())
	b.open("/families/new")
	b.do("new family", typeIn("given", "Farid"), typeIn("family", "Rahimi"), next())
	base := strings.TrimSuffix(b.location(), "/principal")
	answers := map[string]url.Values{
		"principal": {"given": {"Farid"}, "family": {"Rahimi"}, "sex": {"M"}, "a_number": {"A201234567"}, "birth_d": {"3"}, "birth_m": {"7"}, "birth_y": {"1980"}},
		"status":    {"status": {"asylee"}},
		"dates":     {"asylum_filed_d": {"10"}, "asylum_filed_m": {"5"}, "asylum_filed_y": {"2023"}, "status_date_d": {"15"}, "status_date_m": {"1"}, "status_date_y": {"2026"}},
		"relative/r1": {"relationship": {"spouse"}, "given": {"Mariam"}, "family": {"Rahimi"}, "sex": {"F"}, "marital": {"married"},
			"location": {"outside_us"}, "birth_d": {"1"}, "birth_m": {"1"}, "birth_y": {"1985"}},
		"ties/r1": {"marriage_form": {"civil"}, "marriage_place_city": {"Kabul"}, "marriage_place_country": {"AF"},
			"marriage_date_d": {"10"}, "marriage_date_m": {"5"}, "marriage_date_y": {"2005"}},
		"relative/r2": {"relationship": {"child"}, "given": {"Omid"}, "family": {"Rahimi"}, "sex": {"M"}, "marital": {"single"},
			"location": {"inside_us"}, "birth_d": {"2"}, "birth_m": {"2"}, "birth_y": {"2008"}},
		"ties/r2": {"kind": {"biological"}, "wedlock": {"yes"}, "listed": {"yes"}},
		"filing":  {"language": {"fa-AF"}},
		"helpers": helperAnswers(),
	}
	checked := map[string]bool{}
	for n := 0; ; n++ {
		if n > 60 {
			t.Fatal("the intake does not end")
		}
		at := b.location()
		if strings.Contains(at, "/review") {
			break
		}
		page := strings.TrimPrefix(at, base+"/")
		kind, _, _ := strings.Cut(page, "/")
		if !checked[kind] {
			checked[kind] = true
			b.check(kind)
		}
		if page == "relatives" {
			b.do("add the wife", pick("relationship", "spouse"), typeIn("given", "Mariam"), typeIn("family", "Rahimi"),
				chromium.ClickAndWait(`button[name="add"]`))
			b.do("add the son", pick("relationship", "child"), typeIn("given", "Omid"), typeIn("family", "Rahimi"),
				chromium.ClickAndWait(`button[name="add"]`))
			b.do("relatives: continue", chromium.ClickAndWait(`button[name="next"]`))
			continue
		}
		v, ok := answers[page]
		if !ok {
			v = detailAnswers(kind)
			if kind == "bars" {
				v = allNo()
			}
			if kind == "entries" {
				v = url.Values{"entry1_date_d": {"3"}, "entry1_date_m": {"4"}, "entry1_date_y": {"2024"}, "entry1_city": {"New York"},
					"entry1_state": {"NY"}, "entry1_status": {"parolee"}, "entry1_i94": {"12345678901"}}
			}
		}
		b.do(page, fill(v))
		if b.location() == at && !strings.HasPrefix(page, "ties/") {
			t.Fatalf("%s: not saved: %s", page, b.text("main"))
		}
	}
	b.wantText("main", "Check the answers", "Mariam Rahimi", "Omid Rahimi", "Kabul")
	b.check("review")
	if strings.Contains(b.text("main"), "Not answered yet") {
		t.Error("the review lists a question not answered")
	}
	b.do("done", chromium.ClickAndWait(`a.button.primary`))
	b.wantText("main", "Download the packet")
	b.check("dashboard")

	// The packet, downloaded by the same caseworker.
	h := e.browser()
	h.post("/login", url.Values{"login": {"cw"}, "password": {testPassword}})
	id := strings.TrimPrefix(strings.TrimSuffix(base, "/intake"), "/families/")
	p := h.get("/families/" + id + "/packet.zip")
	wantStatus(t, p, http.StatusOK)
	for name, lines := range handWritten(t, []byte(p.Body)) {
		for _, l := range lines {
			t.Errorf("%s: to write by hand: %s", name, l)
		}
	}
}

// TestBrowserDariPhoneDatesAndUnknown: a principal on a 360-pixel phone in
// Dari types her birth date from her tazkira in the Solar Hijri calendar,
// her husband's year of birth only, and "I don't know" to a question;
// reopened, each page shows what she gave.
func TestBrowserDariPhoneDatesAndUnknown(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.tab(360, 740, "phone-fa")
	fam := "/families/" + e.east.family
	b.open("/login")
	b.do("Dari", chromium.ClickAndWait(`.langs button[value="fa-AF"]`))
	b.do("sign in", typeIn("login", e.east.logins[store.RoleClient]), typeIn("password", testPassword), next())
	b.open(fam + "/intake/principal")
	b.check("principal")
	// 22 Saratan 1367 is 13 July 1988.
	b.do("Solar Hijri birth date", chromedp.Clear(chromedp.CSS(`[name="birth_d"]`)), chromedp.Clear(chromedp.CSS(`[name="birth_y"]`)),
		typeIn("birth_d", "۲۲"), chromedp.SetValue(chromedp.CSS(`select[name="birth_m"]`), "sh4"), typeIn("birth_y", "۱۳۶۷"), next())
	b.open(fam + "/intake/principal")
	b.wantText(`fieldset.date`, "1988", "سرطان", "1367")
	if d := b.value(`[name="birth_d"]`); d != "13" {
		t.Errorf("the birth day shows %q, want 13 (July)", d)
	}
	b.check("principal-saved")

	b.open(fam + "/intake/relative/husband")
	b.do("year only", chromedp.Clear(chromedp.CSS(`[name="birth_d"]`)), chromedp.SetValue(chromedp.CSS(`select[name="birth_m"]`), ""),
		chromedp.Clear(chromedp.CSS(`[name="birth_y"]`)), typeIn("birth_y", "1983"), next())
	b.open(fam + "/intake/relative/husband")
	if d, y := b.value(`[name="birth_d"]`), b.value(`[name="birth_y"]`); d != "" || y != "1983" {
		t.Errorf("year-only birth date shows day %q year %q", d, y)
	}
	b.wantText(`fieldset.date`, "1983")
	b.check("relative-year-only")

	b.open(fam + "/intake/bars/husband")
	b.do("bars with I don't know", fill(url.Values{"persecutor": {"no"}, "other_bars": {"no"}, "removal": {"unknown"}, "protected": {"no"}, "fraud": {"no"}}))
	b.open(fam + "/intake/bars/husband")
	on, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector('input[name="removal"][value="unknown"]').checked`))
	if err != nil || !on {
		t.Errorf("I don't know is not selected on reopening: %v %v", on, err)
	}
	b.check("bars-reopened")
	b.open(fam)
	b.wantText("main", "اخراج")
	b.check("dashboard-unknowns")
}

// TestBrowserReviewChangesOneAnswer: from the answers' list, Change opens
// the page, and saving comes back to the list with the new answer.
func TestBrowserReviewChangesOneAnswer(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.tab(1280, 900, "review-en")
	fam := "/families/" + e.east.family
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	b.open(fam)
	b.do("open the answers", chromium.ClickAndWait(`a[href$="/review"]`))
	b.check("review")
	b.do("change the status", chromium.ClickAndWait(`a[href*="/intake/status?return=review"]`))
	b.check("change-status")
	b.do("refugee", pick("status", "refugee"), next())
	if loc := b.location(); !strings.HasPrefix(loc, fam+"/review") {
		t.Fatalf("after saving: at %s, want the answers' list", loc)
	}
	b.wantText("#a-status", "refugee")
}

func (b *tab) value(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`').value`))
	if err != nil {
		b.t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// setPassword gives a user the test password through a reset link.
func setPassword(t *testing.T, e *env, login string) {
	t.Helper()
	a, err := e.st.ActorByLogin(t.Context(), login)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := testArgon2.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetOwnPassword(t.Context(), a, hash); err != nil {
		t.Fatal(err)
	}
	_ = time.Second
}
