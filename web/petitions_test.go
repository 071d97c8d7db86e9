package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	chromium "github.com/reunite/reunite/internal/browser"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// TestTrackingCatalog: every kind, stage and due date the tracking package
// can produce, and every "what is next" code, has its words.
func TestTrackingCatalog(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := langs["en"]
	var keys []string
	for _, k := range tracking.Kinds {
		keys = append(keys, "trk.kind."+string(k))
	}
	for _, s := range tracking.Stages {
		keys = append(keys, "trk.stage."+string(s))
	}
	for _, d := range []tracking.DueKind{tracking.DueRFE, tracking.DueNOID, tracking.DueMotion, tracking.DueAppoint,
		tracking.DueVisa, tracking.DueMedical, tracking.DueAdjustment} {
		keys = append(keys, "trk.due."+string(d))
	}
	keys = append(keys, "trk.due."+store.ActionFileBy, "trk.due."+store.ActionTurns21)
	for _, code := range []string{"prepare", "mail", "await_receipt", "refile", "await_decision", "await_motion",
		"consular", "travel", "arrive", "status_conferred"} {
		keys = append(keys, "trk.next."+code)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("no English text for %s", k)
		}
	}
	// Every stage's "what is next" code is one of those.
	for _, s := range tracking.Stages {
		p := &tracking.Petition{Stage: s}
		for _, n := range p.Next(reunite.DateOf(testNow)) {
			if !en.Has("trk.next." + n.Code) {
				t.Errorf("stage %s: next step %q has no text", s, n.Code)
			}
		}
	}
}

func TestPetitionFormsRefuseWithReason(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins[store.RoleCaseworker])
	fam := "/families/" + e.east.family
	p := b.post(fam+"/events", url.Values{"member": {"husband"}, "kind": {"receipt"}, "date": {"2026-02-10"}, "receipt": {"SRC2612345678"}})
	wantStatus(t, p, 422)
	if i := strings.Index(p.Body, `id="after-filing"`); i < 0 || !strings.Contains(p.Body[i:], "event 1 (receipt): the receipt notice cannot follow: the petition is not started") {
		t.Errorf("receipt before mailing: the page does not say why:\n%s", p.Body)
	}
	p = b.post(fam+"/events", url.Values{"member": {"husband"}, "kind": {"mailed"}, "date": {"2026-02-30"}})
	wantStatus(t, p, 422)
	if !strings.Contains(p.Body, "date: ") {
		t.Errorf("bad day: %.2000s", p.Body)
	}
	wantStatus(t, b.post(fam+"/events", url.Values{"member": {"husband"}, "kind": {"mailed"}, "date": {"2026-01-06"}}), 303)
	wantStatus(t, b.post(fam+"/events", url.Values{"member": {"daughter"}, "kind": {"mailed"}, "date": {"2026-01-06"}}), 303)
	// Receipts of the mailing, together; one bad number refuses both.
	p = b.post(fam+"/receipts", url.Values{"date": {"2026-02-10"}, "member": {"husband", "daughter"},
		"receipt.husband": {"SRC2612345678"}, "receipt.daughter": {"SRC26"}})
	wantStatus(t, p, 422)
	if !strings.Contains(p.Body, "daughter") {
		t.Errorf("bad receipt: %.2000s", p.Body)
	}
	wantStatus(t, b.post(fam+"/receipts", url.Values{"date": {"2026-02-10"}, "member": {"husband", "daughter"},
		"receipt.husband": {"SRC2612345678"}, "receipt.daughter": {"SRC-26-123-45679"}}), 303)
	p = b.get(fam)
	if strings.Count(p.Body, "pending with USCIS") != 2 {
		t.Errorf("both petitions pending: %.4000s", p.Body)
	}
	// The steps for preparing the petitions are done once they are mailed.
	if strings.Contains(p.Body, "Prepare Form I-730") {
		t.Errorf("the dashboard still says to prepare the mailed petitions")
	}
}

// TestBrowserTrackingPastFiling: a caseworker records a receipt, a request
// for evidence with the due date printed on it, the response, the approval
// and the visa; the dashboard's timeline and the office's "needs action"
// list follow.
func TestBrowserTrackingPastFiling(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.tab(1280, 1000, "tracking-en")
	b.open("/login")
	b.do("sign in", typeIn("login", e.east.logins[store.RoleCaseworker]), typeIn("password", testPassword), next())
	fam := "/families/" + e.east.family
	record := func(what, member, kind string, fields ...string) {
		t.Helper()
		acts := []chromedp.Action[chromedp.Void]{
			chromedp.SetValue(chromedp.CSS(`#ev-member`), member),
			chromedp.SetValue(chromedp.CSS(`#ev-kind`), kind),
		}
		for i := 0; i+1 < len(fields); i += 2 {
			acts = append(acts, chromedp.SetValue(chromedp.CSS(`#record-event [name="`+fields[i]+`"]`), fields[i+1]))
		}
		acts = append(acts, chromium.ClickAndWait(`#record-event button`))
		b.do(what, acts...)
	}
	b.open(fam)
	b.wantText("#petition-husband .stage-name", "not started")
	record("mailed", "husband", "mailed", "date", "2026-01-06", "carrier", "USPS", "tracking", "9400111899")
	b.wantText("#petition-husband .stage-name", "mailed, waiting for the receipt notice")
	b.check("mailed")
	b.do("receipt of the mailing", chromedp.SetValue(chromedp.CSS(`#rc-date`), "2026-02-10"),
		chromedp.SetValue(chromedp.CSS(`#rc-husband`), "SRC-26-123-45678"), chromium.ClickAndWait(`#receipts button`))
	b.wantText("#petition-husband .stage-name", "pending with USCIS")
	record("RFE", "husband", "rfe", "date", "2026-02-20", "due", "2026-05-15")
	b.wantText("#petition-husband .due", "Response to the request for evidence due", "15 May 2026", "printed on the notice")
	b.wantSVG("Request for evidence (RFE) (Dawit Haile)", "Response to the request for evidence due (Dawit Haile)")
	b.check("rfe")

	b.open("/due?days=90")
	b.wantText("tbody", "15 May 2026", "Response to the request for evidence due", "Selam Tesfaye")
	b.check("needs-action-rfe")

	b.open(fam)
	// An approval while the RFE waits is refused with the reason.
	record("approval too soon", "husband", "approved", "date", "2026-03-01")
	b.wantText("#after-filing [role=alert]", "(approved): the approval cannot follow", "waiting for a response to a request for evidence")
	record("response", "husband", "response_sent", "date", "2026-02-27")
	record("approval", "husband", "approved", "date", "2026-03-01")
	b.wantText("#petition-husband .stage-name", "approved")
	record("visa", "husband", "visa_issued", "date", "2026-03-02", "visa_class", "V92", "valid_until", "2026-04-30")
	b.wantText("#petition-husband .stage-name", "visa issued")
	b.wantText("#petition-husband .due", "Travel document expires", "30 April 2026")
	b.wantSVG("Approved (Dawit Haile)", "Visa issued (V92/V93) (Dawit Haile)", "Travel document expires (Dawit Haile)")
	if strings.Contains(b.svgText(), "Response to the request for evidence due") {
		t.Error("the timeline still shows the answered RFE's due date")
	}
	b.check("visa")

	b.open("/due?days=90")
	got := b.text("tbody")
	if strings.Contains(got, "request for evidence") || !strings.Contains(got, "Travel document expires") || !strings.Contains(got, "30 April 2026") {
		t.Errorf("needs action after the visa: %q", got)
	}
	// Filtered by caseworker: nobody is assigned yet, then the caseworker is.
	worker := e.east.worker.UserID()
	b.open("/due?days=90&assignee=" + worker)
	b.wantText("main", "Nothing is due")
	b.open(fam)
	b.do("assign", chromedp.SetValue(chromedp.CSS(`#as-cw`), worker), chromium.ClickAndWait(`#assign button`))
	b.open("/due?days=90&assignee=" + worker)
	b.wantText("tbody", "Travel document expires")
	b.check("needs-action-mine")
}

// svgText is the text drawn in the dashboard's timeline (an SVG, which has
// no innerText).
func (b *tab) svgText() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.TextContent(chromedp.CSS(`svg.timeline`)))
	if err != nil {
		b.t.Fatalf("timeline text: %v", err)
	}
	return s
}

func (b *tab) wantSVG(parts ...string) {
	b.t.Helper()
	got := b.svgText()
	for _, p := range parts {
		if !strings.Contains(got, p) {
			b.t.Errorf("timeline %q lacks %q", got, p)
		}
	}
}
