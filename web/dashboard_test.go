package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reunite/reunite/casefile"
)

func TestDashboard(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.get("/families/" + e.east.family)
	wantStatus(t, p, http.StatusOK)
	// Granted 2025-06-10: the deadline is 2027-06-10, 465 days after
	// 2026-03-02. The husband and the daughter (under 21 on the day her age
	// was fixed) are both eligible: 2 of 2, then "1 of 2", "2 of 2".
	wantBody(t, p, "10 June 2027", "465 days left", "Relatives: 2 of 2", "Dawit Haile", "Ruth Haile",
		"Petition 1 of 2", "Petition 2 of 2", `<svg class="timeline"`, "Ruth Haile turns 21", "Last day to file", "Marriage to Dawit Haile",
		"/families/"+e.east.family+"/case.json")

	// The same page in Arabic, right to left, with the law's messages.
	b.lang = "ar"
	p = b.get("/families/" + e.east.family)
	wantBody(t, p, `dir="rtl"`, "10 يونيو 2027", "بقي 465 يومًا", "يحتاج إلى مراجعة", "العريضة 2 من 2")

	// The case file downloads as the contract's JSON.
	p = b.get("/families/" + e.east.family + "/case.json")
	wantStatus(t, p, http.StatusOK)
	if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, e.east.family+".json") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	f, err := casefile.Decode([]byte(p.Body))
	if err != nil {
		t.Fatalf("downloaded case file: %v", err)
	}
	if f.Principal.Name.Given != "Selam" || len(f.Members) != 2 {
		t.Errorf("downloaded family: %+v", f.Principal.Name)
	}
}

func TestDashboardFindingsExplained(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	rec, err := e.st.Family(ctx, e.east.admin, e.east.family)
	if err != nil {
		t.Fatal(err)
	}
	// The daughter married: a child must be unmarried.
	rec.Family.Members[1].MaritalStatus = "married"
	if _, err := e.st.UpdateFamily(ctx, e.east.admin, rec.ID, rec.Version, rec.Family); err != nil {
		t.Fatal(err)
	}
	p := e.browser().login(e.east.logins["representative"]).get("/families/" + e.east.family)
	wantBody(t, p, "Relatives: 1 of 2", "Not eligible", "<details>")
	if !strings.Contains(p.Body, "INA") && !strings.Contains(p.Body, "CFR") {
		t.Error("no citation on the dashboard")
	}
}

func TestOfficeView(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	// A third family whose deadline has passed must come first; a family
	// of the other office must never show.
	late := sampleFamily("Rahimi", "Farid")
	late.Principal.StatusDate = date("2023-01-15")
	late.Principal.AsylumFiled = date("2021-05-10")
	if _, err := e.st.CreateFamily(ctx, e.east.admin, late); err != nil {
		t.Fatal(err)
	}
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.get("/families")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "Farid Rahimi", "Selam Tesfaye", "Ada Okonkwo", "3 of 3 families")
	if strings.Index(p.Body, "Farid Rahimi") > strings.Index(p.Body, "Selam Tesfaye") {
		t.Error("the family past its deadline is not first")
	}
	if strings.Contains(p.Body, e.west.family) {
		t.Error("another office's family is listed")
	}
	p = b.post("/families", url.Values{"q": {"Okonkwo"}})
	wantBody(t, p, "Ada Okonkwo", "1 of 3 families")
	// A search in the address is ignored: searches are posted.
	if p := b.get("/families?q=Okonkwo"); !strings.Contains(p.Body, "3 of 3 families") {
		t.Error("a search was read from the URL")
	}
	if strings.Contains(p.Body, "Selam Tesfaye") {
		t.Error("search shows a family that does not match")
	}
	p = b.get("/families?filter=late")
	wantBody(t, p, "Farid Rahimi", "1 of 3 families")
	p = b.post("/families", url.Values{"q": {"Okonkwo"}, "sort": {"name"}})
	wantBody(t, p, "Ada Okonkwo", "1 of 3 families")
	p = b.get("/families?sort=name")
	if strings.Index(p.Body, "Ada Okonkwo") > strings.Index(p.Body, "Selam Tesfaye") {
		t.Error("sort by name is not by name")
	}
	// Clients have no office view.
	wantStatus(t, e.browser().login(e.east.logins["client"]).get("/families"), http.StatusForbidden)
}

func TestOfficeViewPages(t *testing.T) {
	e := newEnv(t).withOffices()
	for i := range pageSize + 3 {
		f := sampleFamily("Family", "Number"+twoDigits(i%100))
		if _, err := e.st.CreateFamily(t.Context(), e.east.admin, f); err != nil {
			t.Fatal(err)
		}
	}
	b := e.browser().login(e.east.logins["caseworker"])
	p := b.get("/families?sort=name")
	wantBody(t, p, "55 of 55 families", "Page 1 of 2", `rel="next"`)
	if n := strings.Count(p.Body, `<tr class=`); n != pageSize {
		t.Errorf("page 1 has %d rows", n)
	}
	p = b.get("/families?sort=name&page=2")
	wantBody(t, p, "Page 2 of 2", `rel="prev"`, "sort=name")
	if n := strings.Count(p.Body, `<tr class=`); n != 5 {
		t.Errorf("page 2 has %d rows", n)
	}
}
