package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/internal/pdftest"
	"github.com/reunite/reunite/store"
)

// submitForm sets the named fields of a form and submits it, waiting for
// the next page.
func submitForm(form string, vals ...string) []chromedp.Action[chromedp.Void] {
	var acts []chromedp.Action[chromedp.Void]
	for i := 0; i+1 < len(vals); i += 2 {
		acts = append(acts, chromedp.SetValue(chromedp.CSS(form+` [name="`+vals[i]+`"]`), vals[i+1]))
	}
	return append(acts, chromium.ClickAndWait(form+` button`))
}

// TestBrowserPartnerRecordsRisk: in Chromium, a representative of the US
// office shares one relative read-write with a partner office; the
// partner records a displacement and an incident corroborated by a photo
// of a clinic letter it uploads with it and a published report, on the
// shared family's page, and raises the risk; the US office's caseworker
// finds the raised risk on /due and downloads the expedite draft, whose
// text (pdftotext) cites the partner's incident, its document as an
// exhibit and the report; the client's status page renders in Dari.
// Nothing of the husband, not shared, reaches the partner.
func TestBrowserPartnerRecordsRisk(t *testing.T) {
	printer := NewLetterPrinter()
	t.Cleanup(printer.Close)
	e := newEnvWith(t, func(c *Config) { c.Printer = printer }).withOffices()
	fam := "/families/" + e.east.family
	const incident = "the camp at Kakuma was cleared at night; Ruth was moved to Kalobeyei"

	us := e.tab(1280, 1000, "partnerlog-us")
	us.open("/login")
	us.do("sign in (US representative)", typeIn("login", e.east.logins[store.RoleRepresentative]), typeIn("password", testPassword), next())
	us.open(fam + "/shares")
	us.do("share the daughter with west, read-write", typeIn("partner", e.west.admin.OrgID()), pick("scope", "members"),
		chromedp.Click(chromedp.CSS(`#share-m-daughter`)), pick("access", "write"), chromium.ClickAndWait(`#share button.primary`))
	us.wantText("table.shares tbody", "Ruth Haile", "active")

	abroad := e.tab(1280, 1000, "partnerlog-abroad")
	abroad.open("/login")
	abroad.do("sign in (partner)", typeIn("login", e.west.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	letter := clinicLetterPhoto(t, abroad.ctx)
	abroad.open(fam)
	abroad.wantText("#relatives", "Ruth Haile")
	abroad.do("displaced to a camp", submitForm("#rel-entry", "member", "daughter", "kind", "location", "when", "2026-02",
		"country", "KE", "place", "Kalobeyei")...)
	abroad.do("the incident, with the clinic's letter", append([]chromedp.Action[chromedp.Void]{
		chromedp.SetUploadFiles(chromedp.CSS(`#ri-file`), []string{letter})}, submitForm("#rel-incident", "member", "daughter", "kind", "displacement", "when", "2026-02-03",
		"severity", "3", "description", incident, "report_title", "Kenya: Kakuma camp relocations",
		"report_publisher", "UNHCR", "report_date", "2026-02-06", "report_link", "https://example.org/kakuma", "document_title", "Kalobeyei clinic letter")...)...)
	abroad.wantText("#relative-daughter .incidents", "Displacement", incident, "UNHCR", "IMG_clinic_letter")
	abroad.do("raise the risk", submitForm("#rel-risk", "member", "daughter", "level", "high", "reason", "camp cleared")...)
	abroad.wantText("#relative-daughter .risk-line", "high")
	if got := abroad.text("main"); strings.Contains(got, "Dawit") {
		t.Errorf("the partner's page names the husband, who is not shared: %q", got)
	}
	if n, err := chromedp.Run(abroad.ctx, chromedp.Evaluate[int](
		`document.querySelectorAll('#relative-husband, a.expedite, details.declaration, #re-member option[value="husband"]').length`)); err != nil || n != 0 {
		t.Errorf("the partner's page offers the husband or the letters: %d, %v", n, err)
	}
	abroad.check("partner-recorded-risk")

	// The US office: the caseworker is told, and drafts the letter.
	worker := e.tab(1280, 1000, "partnerlog-us-worker")
	worker.open("/login")
	worker.do("sign in (US caseworker)", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	worker.open("/due")
	worker.wantText("#risk-notes", "risk raised to high", "Selam Tesfaye")
	worker.check("us-notified")
	worker.open(fam)
	worker.wantText("#relative-daughter .incidents", incident)
	href, err := chromedp.Run(worker.ctx, chromedp.Evaluate[string](`document.querySelector('#relative-daughter a.expedite').getAttribute('href')`))
	if err != nil {
		t.Fatal(err)
	}
	// The document is the US office's, for Ruth, sealed under its key.
	docs, err := e.st.Documents(t.Context(), e.east.worker, e.east.family)
	if err != nil {
		t.Fatal(err)
	}
	var docName string
	for _, d := range docs {
		if d.Serves("daughter") && d.CreatedBy == e.west.worker.UserID() {
			docName = d.Name
		}
	}
	if docName == "" {
		t.Fatalf("the partner's document is not among the family's: %+v", docs)
	}
	p := e.browser().login(e.east.logins[store.RoleCaseworker]).get(href)
	wantStatus(t, p, 200)
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(p.Body))), " ")
	for _, want := range []string{"Request to expedite Form I-730", "Beneficiary: Ruth Haile", "Kalobeyei, Kenya",
		"February 3, 2026: displacement", incident, "Exhibit 1, " + docName, "Exhibit 1: " + docName,
		"“Kenya: Kakuma camp relocations”, UNHCR, February 6, 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the expedite draft lacks %q:\n%s", want, text)
		}
	}

	// A read share shows the log without its forms.
	us.open(fam + "/shares")
	us.do("revoke", chromium.ClickAndWait(`table.shares form button`))
	us.do("share the daughter with west, read only", typeIn("partner", e.west.admin.OrgID()), pick("scope", "members"),
		chromedp.Click(chromedp.CSS(`#share-m-daughter`)), pick("access", "read"), chromium.ClickAndWait(`#share button.primary`))
	abroad.open(fam)
	abroad.wantText("#relative-daughter .incidents", incident)
	if n, err := chromedp.Run(abroad.ctx, chromedp.Evaluate[int](`document.querySelectorAll('#rel-entry, #rel-incident, #rel-risk').length`)); err != nil || n != 0 {
		t.Errorf("a read share offers the forms: %d, %v", n, err)
	}

	client := e.clientStatusInDari(t, "partnerlog-client-fa", fam)
	client.wantText("main", "Ruth Haile")
	if got := client.text("main"); strings.Contains(got, incident) {
		t.Error("the client's status page shows the incident's description")
	}
	client.check("status-fa")
}

// clinicLetterPhoto is a phone photo of a clinic's letter, drawn by
// Chromium: the JPEG a partner's phone would send.
func clinicLetterPhoto(t *testing.T, ctx context.Context) string {
	t.Helper()
	page := `<html><body style="font:28px serif;background:#f4ecd8;padding:40px">` +
		`<h1>Kalobeyei Health Post</h1><p>Ruth Haile was treated on 4 February 2026 after the relocation.</p></body></html>`
	chromium.Step(t, ctx, "draw the letter", chromedp.Navigate("data:text/html;charset=utf-8,"+page))
	jpg, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "IMG_clinic_letter.jpg")
	if err := os.WriteFile(path, jpg, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// clientStatusInDari signs the east office's client in on a phone-sized
// tab, switches to Dari and opens the family's status page, checking that
// it is the Dari page, right to left.
func (e *env) clientStatusInDari(t *testing.T, shot, fam string) *tab {
	t.Helper()
	client := e.tab(360, 740, shot)
	client.open("/login")
	client.do("sign in (client)", typeIn("login", e.east.logins[store.RoleClient]), typeIn("password", testPassword), next())
	client.do("switch to Dari", chromium.ClickAndWait(`.langs button[value="fa-AF"]`))
	client.open(fam + "/status")
	client.wantText("h1", "وضعیت پروندهٔ شما")
	dir, err := chromedp.Run(client.ctx, chromedp.Evaluate[string](`document.documentElement.dir`))
	if err != nil || dir != "rtl" {
		t.Errorf("dir = %q, %v", dir, err)
	}
	return client
}
