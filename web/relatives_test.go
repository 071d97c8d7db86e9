package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
)

// TestRiskCatalog: every kind, status, level, severity, warning, step and
// needs-action item of the risk package has its words.
func TestRiskCatalog(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range risk.EntryKinds {
		keys = append(keys, "rsk.kind."+string(k))
	}
	for _, k := range risk.StatusKinds {
		keys = append(keys, "rsk.status."+string(k))
	}
	for _, k := range risk.IncidentKinds {
		keys = append(keys, "rsk.inc."+string(k))
	}
	for _, k := range append([]risk.Level{"none"}, risk.Levels...) {
		keys = append(keys, "rsk.level."+string(k))
	}
	for _, k := range []string{"1", "2", "3", "4"} {
		keys = append(keys, "rsk.sev."+k)
	}
	for _, k := range []risk.WarningKind{risk.NoContactYet, risk.NotHeardFrom, risk.StatusExpiring, risk.StatusExpired} {
		keys = append(keys, "rsk.warn."+string(k))
	}
	for _, k := range []risk.StepKind{risk.StepExpedite, risk.StepNewEvidence, risk.StepContact, risk.StepRenewStatus, risk.StepTellTeam} {
		keys = append(keys, "rsk.step."+string(k))
	}
	for _, k := range []string{risk.DueContact, risk.DueStatus, risk.DueUrgent} {
		keys = append(keys, "trk.due."+k)
	}
	for code, l := range langs {
		for _, k := range keys {
			if !l.Has(k) {
				t.Errorf("%s: no text for %s", code, k)
			}
		}
	}
}

// TestRelativeFormsAndLetter goes through the section without a browser:
// entries, an incident citing a document, a raised risk; the dashboard,
// the needs-action page, the letter (as HTML: no printer here); and every
// refusal names its field and stores nothing.
func TestRelativeFormsAndLetter(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	doc, err := e.st.AddDocument(ctx, e.east.worker, e.east.family, "Herat hospital report.pdf", "application/pdf", []byte("%PDF-1.4 x"))
	if err != nil {
		t.Fatal(err)
	}
	b := e.browser().login(e.east.logins[store.RoleCaseworker])
	fam := "/families/" + e.east.family
	post := func(path string, form url.Values, code int) page {
		t.Helper()
		p := b.post(fam+path, form)
		wantStatus(t, p, code)
		return p
	}
	// Refusals first: each names the field, and nothing is stored.
	p := post("/relatives/timeline", url.Values{"member": {"husband"}, "kind": {"location"}, "when": {"March 2026"}, "country": {"AF"}}, 422)
	wantBody(t, p, "when: &#34;March 2026&#34; is not a date")
	p = post("/relatives/timeline", url.Values{"member": {"husband"}, "kind": {"location"}, "when": {"2026-02"}}, 422)
	wantBody(t, p, "country: a location needs the country")
	p = post("/relatives/incidents", url.Values{"member": {"husband"}, "kind": {"attack"}, "when": {"2026-02-10"}, "severity": {"3"},
		"description": {"x"}, "report_title": {"r"}, "report_link": {"ftp://x"}}, 422)
	wantBody(t, p, "sources[0].link")
	post("/relatives/risk", url.Values{"member": {"husband"}, "level": {"extreme"}}, 422)
	logs, err := e.st.RelativeLogs(ctx, e.east.rep, e.east.family)
	if err != nil || len(logs.Timeline)+len(logs.Incidents)+len(logs.Risk) != 0 {
		t.Fatalf("refused forms stored something: %+v, %v", logs, err)
	}

	post("/relatives/timeline", url.Values{"member": {"husband"}, "kind": {"location"}, "when": {"2026-01"}, "country": {"AF"},
		"place": {"Shahrak-e Sabz"}, "camp": {"1"}}, 303)
	post("/relatives/timeline", url.Values{"member": {"husband"}, "kind": {"status"}, "when": {"2025-12-01"}, "country": {"IR"},
		"status": {"visa"}, "expires": {"2026-03-20"}}, 303)
	post("/relatives/timeline", url.Values{"member": {"husband"}, "kind": {"contact"}, "when": {"2026-01-05"}, "note": {"WhatsApp"}}, 303)
	post("/relatives/incidents", url.Values{"member": {"husband"}, "kind": {"displacement"}, "when": {"2026-02-10"}, "severity": {"3"},
		"description": {"forced out of the camp by armed men"}, "document": {doc.ID},
		"report_title": {"Afghanistan returnees update"}, "report_publisher": {"UNHCR"}, "report_date": {"2026-02-01"},
		"report_link": {"https://example.org/unhcr"}}, 303)
	post("/relatives/risk", url.Values{"member": {"husband"}, "level": {"high"}, "reason": {"displaced, no news"}}, 303)

	p = b.get(fam)
	wantStatus(t, p, 200)
	wantBody(t, p, `id="relatives"`, "Risk level", ">high<", "January 2026", "Shahrak-e Sabz (camp), Afghanistan",
		"visa (Iran), until 20 March 2026", "Displacement", "forced out of the camp by armed men", "Herat hospital report.pdf",
		"Afghanistan returnees update, UNHCR, 1 February 2026", "Not heard from for 56 days (last contact 5 January 2026).",
		"Their status ends in 18 days (20 March 2026).", "Consider asking USCIS to expedite", "relatives/husband/expedite.pdf",
		"Timeline of Dawit Haile")
	// A partial day is never drawn as the first of its month.
	if strings.Contains(p.Body, "1 January 2026") {
		t.Error("the month-only location shows as 1 January 2026")
	}

	p = b.get("/due?days=365")
	wantStatus(t, p, 200)
	wantBody(t, p, "Risk raised", "risk raised to high", "nobody assigned", "A relative is at high risk",
		"No news from a relative", "A relative&#39;s status in their country ends")

	p = b.get(fam + "/relatives/husband/expedite.pdf")
	wantStatus(t, p, 200)
	wantBody(t, p, "Request to expedite Form I-730", "Beneficiary: <bdi>Dawit Haile</bdi>", "forced out of the camp by armed men",
		"Exhibit 1, <bdi>Herat hospital report.pdf</bdi>", "urgent humanitarian reasons")
	if p.Header.Get("Cache-Control") != "no-store" {
		t.Error("the letter may be cached")
	}

	// The client sees the section, without the forms or the letter.
	c := e.browser().login(e.east.logins[store.RoleClient])
	p = c.get(fam)
	wantBody(t, p, "forced out of the camp by armed men", ">high<")
	if strings.Contains(p.Body, `id="rel-entry"`) || strings.Contains(p.Body, "expedite.pdf") {
		t.Error("the client is offered the staff's forms")
	}
	// In Dari, the section's words are Dari; the team's words stay as typed.
	c.lang = "fa-AF"
	p = c.get(fam)
	wantBody(t, p, "اقارب در خارج: جدول زمانی و خطر", "سطح خطر", "بی‌جا شدن", "forced out of the camp by armed men")
	// Spanish, French, Pashto and Swahili have their own words too (not
	// the English a missing subject file falls back to), and the days are
	// counted with each catalog's plural choice.
	for lang, want := range map[string][]string{
		"es": {"Familiares en el extranjero: línea de tiempo y riesgo", ">alto<", "Desplazamiento forzado",
			"El estatus de este familiar termina en 18 días (20 de marzo de 2026).", "Sin noticias desde hace 56 días"},
		"fr": {"Proches à l", "étranger : frise chronologique et risque", ">élevé<", "Déplacement forcé",
			"Son statut prend fin dans 18 jours (20 mars 2026).", "Pas de nouvelles depuis 56 jours"},
		"ps": {"په بهر کې خپلوان: د وخت کرښه او خطر", ">لوړ<", "بې ځایه کېدل",
			"د اوسېدو حیثیت یې په 18 ورځو کې پای ته رسېږي (", "56 ورځې کېږي چې هېڅ خبر نشته"},
		"sw": {"Ndugu walio nje ya nchi: mstari wa wakati na hatari", ">kubwa<", "Kulazimishwa kuhama",
			"Hali yake ya ukaaji inaisha baada ya siku 18 (20 Machi 2026).", "Hakuna habari zake kwa siku 56"},
	} {
		c.lang = lang
		p = c.get(fam)
		wantBody(t, p, want...)
		if strings.Contains(p.Body, "Relatives abroad") {
			t.Errorf("%s: the section's heading is still English", lang)
		}
	}
	// Dismissed, the notice leaves /due.
	ns, err := e.st.RiskNotifications(ctx, e.east.worker)
	if err != nil || len(ns) != 1 {
		t.Fatalf("notifications %v, %v", ns, err)
	}
	wantStatus(t, b.post("/due/risk/"+ns[0].ID+"/dismiss", nil), 303)
	if p := b.get("/due"); strings.Contains(p.Body, "Risk raised") {
		t.Error("the dismissed notice is still shown")
	}
}

// TestDeclarationForm: the witness's declaration from the dashboard's
// form, with the original words beside the English and the translator's
// certification; a form without what the witness saw is refused naming
// the field.
func TestDeclarationForm(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins[store.RoleRepresentative])
	path := "/families/" + e.east.family + "/relatives/daughter/declaration.pdf"
	form := url.Values{"declarant": {"Farid Ahmadi"}, "relationship": {"neighbour"}, "when": {"2026-01"}, "place": {"Herat"},
		"saw": {"Two armed men came to the house asking for her."}, "original": {"دو مرد مسلح به خانه آمدند و او را پرسیدند."},
		"language": {"Dari"}, "lang_code": {"fa-AF"}, "translator": {"Maryam Karimi"}}
	p := b.post(path, form)
	wantStatus(t, p, 200)
	wantBody(t, p, "Declaration of <bdi>Farid Ahmadi</bdi>", "am the <bdi>neighbour</bdi> of <bdi>Ruth Haile</bdi>",
		"January 2026 (exact day not known)", "Two armed men came to the house asking for her.", `lang="fa-AF" dir="rtl"`,
		"دو مرد مسلح", "Certification of translation", "Maryam Karimi", "competent to translate from <b>Dari</b> into English")
	form.Del("saw")
	p = b.post(path, form)
	wantStatus(t, p, 422)
	wantBody(t, p, "facts[0].english")
	wantStatus(t, b.post("/families/"+e.east.family+"/relatives/nobody/declaration.pdf", form), 404)
}
