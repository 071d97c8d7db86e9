package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// overviewOffice gives east an RFE (rfeOffice), an approved petition and
// a family whose filing deadline is 18 days away.
func overviewOffice(t *testing.T, e *env) {
	t.Helper()
	rfeOffice(t, e)
	recordEvents(t, e, e.east.other,
		tracking.Event{Kind: tracking.Mailed, Date: date("2025-06-02")},
		tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2025-06-12"), Receipt: "IOE0912345679"},
		tracking.Event{Kind: tracking.Approved, Date: date("2025-12-09")})
	late := sampleFamily("Rahimi", "Farid")
	late.Principal.StatusDate = date("2024-03-20") // the deadline: 2026-03-20
	if _, err := e.st.CreateFamily(context.Background(), e.east.admin, late); err != nil {
		t.Fatal(err)
	}
}

func TestOverviewForProgramManagers(t *testing.T) {
	e := newEnv(t).withOffices()
	overviewOffice(t, e)
	worker := e.browser().login(e.east.logins[store.RoleCaseworker])
	wantStatus(t, worker.get("/overview"), http.StatusForbidden)
	admin := e.browser().login(e.east.logins[store.RoleAdmin])
	wantStatus(t, admin.post("/overview/managers", url.Values{"user": {e.east.worker.UserID()}, "on": {"1"}}), http.StatusSeeOther)
	p := worker.get("/overview")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, `data-key="stage/rfe_issued">1</td>`, `data-key="stage/approved">1</td>`,
		// 180 days from the receipt to the approval: 5.9 months, beside 28.6.
		`data-key="decision/median">5.9</td>`, `data-key="published/0/median">28.6</td>`, `data-key="published/1/slowest">12–30</td>`,
		"https://egov.uscis.gov/processing-times/")
	for _, name := range []string{"Tesfaye", "Okonkwo", "Rahimi"} {
		if strings.Contains(p.Body, name) {
			t.Errorf("the overview names the %s family", name)
		}
	}
	wantStatus(t, e.browser().login(e.west.logins[store.RoleAdmin]).post("/overview/managers",
		url.Values{"user": {e.east.worker.UserID()}, "on": {"0"}}), http.StatusNotFound)
}

// TestBrowserOverviewChartsMatchTables: in Chromium, every bar of the
// overview's SVG charts shows the figure of the table cell with its key,
// a bar is drawn exactly when its figure is not zero, and the page passes
// axe-core.
func TestBrowserOverviewChartsMatchTables(t *testing.T) {
	e := newEnv(t).withOffices()
	overviewOffice(t, e)
	b := e.tab(1280, 900, "overview")
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleAdmin]), typeIn("password", testPassword), next())
	b.open("/overview")
	b.wantText("h1", "Office overview")
	b.check("overview")
	type figure struct {
		Key, Bar, Cell string
		Width          float64
		Charts         int
	}
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]figure](`(() => {
		const out = [];
		for (const g of document.querySelectorAll('svg[data-chart] g[data-key]')) {
			const key = g.dataset.key;
			const cell = document.querySelector('table td[data-key="' + key + '"]');
			out.push({Key: key, Bar: g.querySelector('text.value').textContent, Cell: cell ? cell.textContent : null,
				Width: g.querySelector('rect').getBBox().width, Charts: document.querySelectorAll('svg[data-chart]').length});
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, f := range got {
		keys[f.Key] = f.Cell
		if f.Bar != f.Cell {
			t.Errorf("%s: the chart shows %q, the table %q", f.Key, f.Bar, f.Cell)
		}
		n, err := strconv.ParseFloat(f.Cell, 64)
		if drawn := f.Width > 0; err == nil && drawn != (n > 0) {
			t.Errorf("%s: figure %s, bar width %v", f.Key, f.Cell, f.Width)
		}
	}
	if len(got) == 0 || got[0].Charts != 5 {
		t.Fatalf("figures = %+v", got)
	}
	for key, want := range map[string]string{"stage/rfe_issued": "1", "stage/approved": "1", "week/1": "1", "decision/median": "5.9", "published/0/median": "28.6"} {
		if keys[key] != want {
			t.Errorf("%s = %q, want %q", key, keys[key], want)
		}
	}
	// Farid Rahimi's relatives: two filing deadlines 18 days away.
	if keys["risk/30"] == "0" || keys["risk/30"] == "" {
		t.Errorf("risk/30 = %q, want the Rahimi family's deadlines", keys["risk/30"])
	}
}
