package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite/internal/pdftest"
	"github.com/reunite/reunite/store"
)

// TestBrowserRelativeAtRisk: in Chromium, a caseworker records that a
// relative was displaced to a camp, an incident corroborated by a document
// of the family and a report, and raises the risk; the page shows the
// risk, the warning and the steps; the office's "needs action" page shows
// the raised risk; the expedite draft, printed by Chromium, cites the
// incident and the document (read back with pdftotext).
func TestBrowserRelativeAtRisk(t *testing.T) {
	printer := NewLetterPrinter()
	t.Cleanup(printer.Close)
	e := newEnvWith(t, func(c *Config) { c.Printer = printer }).withOffices()
	doc, err := e.st.AddDocument(t.Context(), e.east.worker, e.east.family, "Kassala clinic letter.pdf", "application/pdf", []byte("%PDF-1.4 x"))
	if err != nil {
		t.Fatal(err)
	}
	b := e.tab(1280, 1000, "relatives-en")
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	fam := "/families/" + e.east.family
	b.open(fam)
	b.wantText("#relative-husband", "not assessed", "No contact with this relative is recorded.")

	set := submitForm
	b.do("displaced to a camp", set("#rel-entry", "member", "husband", "kind", "location", "when", "2026-02",
		"country", "SD", "place", "Shagarab")...)
	b.do("contact", set("#rel-entry", "member", "husband", "kind", "contact", "when", "2026-02-20", "note", "phone call")...)
	b.do("the incident", append([]chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(`#ri-doc-` + doc.ID))},
		set("#rel-incident", "member", "husband", "kind", "displacement", "when", "2026-02-01", "severity", "3",
			"description", "militia burned the houses; he fled to Shagarab camp", "report_title", "Sudan: eastern camps update",
			"report_publisher", "UNHCR", "report_date", "2026-02-05", "report_link", "https://example.org/sudan")...)...)
	b.wantText("#relative-husband .incidents", "Displacement", "militia burned the houses", "Kassala clinic letter.pdf", "UNHCR")
	b.do("raise the risk", set("#rel-risk", "member", "husband", "level", "critical", "reason", "camp unsafe")...)
	b.wantText("#relative-husband .risk-line", "critical")
	b.wantText("#relative-husband .next", "expedite")
	b.check("relative-at-risk")

	b.open("/due")
	b.wantText("#risk-notes", "risk raised to critical", "Selam Tesfaye")
	b.wantText("tbody", "A relative is at high risk")
	b.check("needs-action-risk")

	b.open(fam)
	href, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('#relative-husband a.expedite').getAttribute('href')`))
	if err != nil {
		t.Fatal(err)
	}
	// The download, as the caseworker's browser would fetch it.
	c := e.browser().login(e.east.logins[store.RoleCaseworker])
	p := c.get(href)
	wantStatus(t, p, 200)
	if ct := p.Header.Get("Content-Type"); ct != "application/pdf" || strings.Contains(p.Header.Get("Content-Disposition"), "Haile") {
		t.Errorf("letter served as %q, %q", ct, p.Header.Get("Content-Disposition"))
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(p.Body))), " ")
	for _, want := range []string{"Request to expedite Form I-730", "Beneficiary: Dawit Haile", "Shagarab, Sudan, since February 2026",
		"February 1, 2026: displacement", "militia burned the houses; he fled to Shagarab camp", "Exhibit 1, Kassala clinic letter.pdf",
		"“Sudan: eastern camps update”, UNHCR, February 5, 2026", "Exhibit 1: Kassala clinic letter.pdf", "urgent humanitarian reasons"} {
		if !strings.Contains(text, want) {
			t.Errorf("the expedite draft lacks %q:\n%s", want, text)
		}
	}
}
