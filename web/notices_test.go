package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite"
	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
)

// kabulFamily is an asylee whose husband, an Afghan national, is in Kabul.
func kabulFamily() *reunite.Family {
	f := sampleFamily("Rahimi", "Farida")
	f.Members[0].Nationality, f.Members[0].BirthCountry = "AF", "AF"
	f.Members[1].Location = reunite.InsideUS
	return f
}

// TestBrowserProgramManagerFiltersByNotice: a program manager opens the
// office's policy notices, sees how many families the travel ban reaches,
// filters the office view by it and opens the affected family; the notice
// shows its source and how sure it is, in English and in Dari.
func TestBrowserProgramManagerFiltersByNotice(t *testing.T) {
	e := newEnv(t).withOffices()
	if _, err := e.st.CreateFamily(t.Context(), e.east.admin, kabulFamily()); err != nil {
		t.Fatal(err)
	}
	b := e.tab(1280, 900, "notices-en")
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleAdmin]), typeIn("password", testPassword), next())
	b.do("open the notices", chromium.ClickAndWait(`a[href="/families/notices"]`))
	b.wantText("h1", "Policy notices")
	ban := `a[href="/families?notice=proclamation-10949-travel-ban"]`
	b.wantText("li:has("+ban+")", "Proclamation 10949", "1 families affected", "confirmed")
	b.check("notices")
	b.do("filter by the travel ban", chromium.ClickAndWait(ban))
	b.wantText("main", "Affected by: Travel ban on nationals of 19 countries (Proclamation 10949)", "Farida Rahimi")
	if got := b.text("tbody"); strings.Contains(got, "Selam Tesfaye") || strings.Contains(got, "Ada Okonkwo") {
		t.Errorf("the filter kept families the ban does not reach: %q", got)
	}
	b.check("office-filtered")
	b.do("open the family", chromium.ClickAndWait(`tbody a`))
	husband := `li.petition:first-child`
	b.wantText(husband, "Policy notices", "Travel ban on nationals of 19 countries", "Proclamation 10949", "The White House; Federal Register, 90 FR 24497", "confirmed", "in force since 2025-06-09")
	if got := b.text(`li.petition:nth-child(2)`); strings.Contains(got, "Proclamation 10949") {
		t.Errorf("the travel ban reaches the daughter in the United States: %q", got)
	}
	b.check("dashboard")
	b.do("switch to Dari", chromium.ClickAndWait(`.langs button[value="fa-AF"]`))
	b.wantText(husband, "اطلاعیه‌های پالیسی", "منع سفر اتباع 19 کشور (Proclamation 10949)", "تأیید شده", "Proclamation 10949", "از 2025-06-09 نافذ است", "ترجمه در انتظار بازبینی")
	b.check("dashboard-fa")
	b.open("/families/notices")
	b.wantText("li:has("+ban+")", "منع سفر اتباع 19 کشور", "1 فامیل متأثر", "تأیید شده", "Proclamation 10949")
	b.check("notices-fa")
	b.do("filter in Dari", chromium.ClickAndWait(ban))
	b.wantText("main", "متأثر از: منع سفر اتباع 19 کشور")
	b.do("open the family in Dari", chromium.ClickAndWait(`tbody a`), chromedp.WaitVisible(`li.petition`))
	b.wantText(husband, "Proclamation 10949", "تأیید شده")
}

// TestNoticesForAdmins: the office view filtered by a notice keeps only
// the families it reaches (an unknown notice is a 404), and an
// administrator, but not a caseworker, is told which notices were not
// checked for 90 days.
func TestNoticesForAdmins(t *testing.T) {
	e := newEnv(t).withOffices()
	e.now = time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC) // shipped notices last checked 2026-09-30
	if _, err := e.st.CreateFamily(t.Context(), e.east.admin, kabulFamily()); err != nil {
		t.Fatal(err)
	}
	admin := e.browser().login(e.east.logins[store.RoleAdmin])
	worker := e.browser().login(e.east.logins[store.RoleCaseworker])
	p := admin.get("/families?notice=proclamation-10949-travel-ban")
	wantStatus(t, p, 200)
	wantBody(t, p, "Farida Rahimi", "Affected by: Travel ban on nationals of 19 countries", "16 policy notices were not checked")
	if strings.Contains(p.Body, "Selam Tesfaye") || strings.Contains(p.Body, "Ada Okonkwo") {
		t.Error("the filter kept families the travel ban does not reach")
	}
	wantStatus(t, admin.get("/families?notice=no-such-notice"), 404)
	wantBody(t, admin.get("/families/notices"), "Not checked against its sources for more than 90 days")
	for _, path := range []string{"/families", "/families/notices"} {
		if body := worker.get(path).Body; strings.Contains(body, "for more than 90 days") {
			t.Errorf("%s: a caseworker is shown the administrators' check flag", path)
		}
	}
	// The west office's families are never counted in the east's notices.
	wantBody(t, e.browser().login(e.west.logins[store.RoleAdmin]).get("/families?notice=proclamation-10949-travel-ban"), "0 of 2")
}
