package web

import (
	"bytes"
	"context"
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// pageBefore parses a page as it was before parts of the dashboard were
// written in Go (timeline_html.go, dashboard_html.go, relatives_html.go):
// the layout, the partials and the page of today, with the dashboard, the
// relatives section and the timeline's template kept in
// testdata/dashboard-before. A change to what the dashboard shows is made
// in both.
func pageBefore(t *testing.T, name string) *template.Template {
	t.Helper()
	tmpl, err := template.New("layout.html").Funcs(templateFuncs()).
		Funcs(template.FuncMap{"tlArgs": func(l *i18n.Lang, t timeline, id, title string) tlArgs { return tlArgs{l, t, id, title} }}).
		ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html", "templates/"+name+".html")
	if err != nil {
		t.Fatal(err)
	}
	kept := []string{"relatives.html", "tlsvg.html"}
	if name == "dashboard" {
		kept = append(kept, "dashboard.html")
	}
	if tmpl, err = tmpl.ParseFS(os.DirFS("testdata/dashboard-before"), kept...); err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// HTML is the fields as the old relatives template wrote them
// ({{.DeclFields.HTML}} in testdata/dashboard-before/relatives.html).
func (d declFields) HTML() template.HTML {
	var b strings.Builder
	d.write(&b)
	return template.HTML(b.String())
}

// awkwardFamily adds a family whose names and records hold markup, quotes,
// '+', ampersands and right-to-left text, with what the dashboard's loops
// show: a risk level and its history, an incident with a document and a
// report for sources, petitions mailed, answered with a request for
// evidence, and corrected. It returns the family's id.
func awkwardFamily(t *testing.T, e *env) string {
	t.Helper()
	ctx, a := context.Background(), e.east.worker
	f := sampleFamily(`<b>"O'Neil" & Sons+</b>`, "حداد")
	f.Members[0].Name = reunite.Name{Family: "a+b=c <i>", Given: `"Nguyễn" Thị & 'x'`}
	f.Members[1].Name = reunite.Name{}
	rec, err := e.st.CreateFamily(ctx, a, f)
	if err != nil {
		t.Fatal(err)
	}
	id := rec.ID
	doc, err := e.st.AddEvidence(ctx, a, store.NewDocument{FamilyID: id, Name: `<x>&"report" +1.pdf`,
		Kind: reunite.EvidenceKind("marriage_certificate"), Members: []string{"husband"},
		ContentType: "application/pdf", Content: []byte("%PDF-1.4\n%%EOF\n"), Pages: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range []risk.Entry{
		{Kind: risk.Contact, When: risk.On(date("2026-02-01"))},
		{Kind: risk.Location, When: risk.On(date("2025-11-10")), Country: "KE", Place: `Kakuma <"1"> & +`, Camp: true},
	} {
		if _, err := e.st.AddTimelineEntry(ctx, a, id, "husband", en); err != nil {
			t.Fatal(err)
		}
	}
	for _, src := range [][]risk.Source{
		{{DocumentID: doc.ID}, {Title: `UN "report" <2025>`, Publisher: "UNHCR & co", Date: date("2025-10-01"),
			Link: "https://example.org/r?a=1&b=<2>+'x'"}},
		{{Title: "Report without a link", Publisher: "HRW"}},
	} {
		when, _ := risk.ParseApprox("2025-12")
		if _, err := e.st.AddIncident(ctx, a, id, "husband", risk.Incident{When: when, Kind: risk.Detention,
			Description: `Held at <the> "border" & +`, Severity: risk.Minor + 1, Sources: src}); err != nil {
			t.Fatal(err)
		}
	}
	for _, lv := range []risk.Level{risk.Moderate, risk.High} {
		if _, err := e.st.SetRiskLevel(ctx, a, id, "husband", lv, `detained <again> & "moved"`); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.st.AddPetitionEvents(ctx, a, []store.NewPetitionEvent{
		{FamilyID: id, MemberID: "husband", Event: tracking.Event{Kind: tracking.Mailed, Date: date("2025-07-01"), Carrier: "USPS <&>", Tracking: "9400+1"}},
		{FamilyID: id, MemberID: "husband", Event: tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2025-07-20"), Receipt: "IOE0912345678"}},
		{FamilyID: id, MemberID: "husband", Event: tracking.Event{Kind: tracking.RFE, Date: date("2025-12-01")}},
		{FamilyID: id, MemberID: "husband", Event: tracking.Event{Kind: tracking.ReceiptNotice, Date: date("2025-07-21"), Receipt: "IOE0912345679", Corrects: 2}},
		{FamilyID: id, MemberID: "daughter", Event: tracking.Event{Kind: tracking.Mailed, Date: date("2026-01-05")}},
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDashboardAsTemplate asks each dashboard twice, written by the old
// templates (dashboardBefore) and by today's, for the busy family of six,
// an awkward one, the sample and every case file, staff and client, in
// every language (the case files in three): the pages are the same, byte
// for byte.
func TestDashboardAsTemplate(t *testing.T) {
	e := newEnv(t).withOffices()
	every := map[string]string{"six": dashboardOfSix(t, e), "awkward": awkwardFamily(t, e), "sample": e.east.family}
	some := map[string]string{}
	for name, f := range caseFamilies(t) {
		if rec, err := e.st.CreateFamily(context.Background(), e.east.worker, f); err == nil {
			some[name] = rec.ID
		}
	}
	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	client := e.browser().login(e.east.logins[store.RoleClient])
	// A partner office sees the relatives' section of the families
	// shared with it (shared_family.html), with the forms if it may write.
	partner := e.browser().login(e.west.logins[store.RoleCaseworker])
	for i, name := range []string{"six", "awkward"} {
		if _, err := e.st.ShareFamily(t.Context(), e.east.admin, store.NewShare{FamilyID: every[name], PartnerOrgID: e.west.admin.OrgID(),
			Access: []store.Access{store.AccessRead, store.AccessWrite}[i], ExpiresAt: e.now.Add(48 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	before := map[string]*template.Template{"dashboard": pageBefore(t, "dashboard"), "shared_family": pageBefore(t, "shared_family")}
	now := map[string]*template.Template{"dashboard": e.app.pages["dashboard"], "shared_family": e.app.pages["shared_family"]}
	swap := func(pages map[string]*template.Template) {
		for name, tmpl := range pages {
			e.app.pages[name] = tmpl
		}
	}
	compare := func(who string, b *browser, name, id string) {
		t.Helper()
		swap(before)
		want := b.get("/families/" + id)
		swap(now)
		got := b.get("/families/" + id)
		if want.StatusCode != 200 || got.StatusCode != want.StatusCode {
			t.Fatalf("%s, %s, %s: status %d, before %d", name, who, b.lang, got.StatusCode, want.StatusCode)
		}
		if got.Body != want.Body {
			t.Errorf("%s, %s, %s: the page changed:\n%s", name, who, b.lang, firstDifference(got.Body, want.Body))
		}
		if who == "partner" && !strings.Contains(got.Body, `<ol class="incidents">`) && name == "awkward" {
			t.Errorf("%s, %s, %s: the partner sees no incidents", name, who, b.lang)
		}
		if name != "awkward" || who == "partner" {
			return
		}
		// The comparison means something only if the awkward family
		// shows every part of the loops.
		for _, part := range []string{`class="corrected"`, `<ul class="due">`, `<ul class="warnings" lang="en"`,
			`<ol class="incidents">`, `<span class="doc">`, `rel="noreferrer noopener"`, `<ol class="history"><li><time`,
			`class="expedite"`, `<ul class="findings">`, `class="seq"`, `<svg class="timeline"`, `class="label cut"`} {
			if !strings.Contains(got.Body, part) && (who == "staff" || who == "client" && part != `class="expedite"`) {
				t.Errorf("%s, %s, %s: no %s on the page", name, who, b.lang, part)
			}
		}
	}
	for _, code := range i18n.Codes {
		staff.lang, client.lang = code, code
		for name, id := range every {
			compare("staff", staff, name, id)
		}
		compare("client", client, "sample", e.east.family)
		partner.lang = code
		compare("partner", partner, "six", every["six"])
		compare("partner", partner, "awkward", every["awkward"])
		if code != "en" && code != "ar" && code != "fa-AF" {
			continue
		}
		for name, id := range some {
			compare("staff", staff, name, id)
		}
	}
}

// firstDifference shows where two pages part, with some context.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-200, 0)
	return "got:  …" + got[from:min(i+200, len(got))] + "\nwant: …" + want[from:min(i+200, len(want))]
}

// TestDashboardContentAsTemplate executes both templates on pages made
// up to reach what the families of TestDashboardAsTemplate do not: an
// invitation just made, a deadline passed, on a weekend or unknown, other
// families with the A-Number, answers "I don't know", refused forms, the
// dossier and the packet, no relative at all, and awkward values
// everywhere (ids in links included), in every language, staff or not.
func TestDashboardContentAsTemplate(t *testing.T) {
	e := newEnv(t)
	before := pageBefore(t, "dashboard")
	now := e.app.pages["dashboard"]
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range awkward {
		other := awkward[(i+5)%len(awkward)]
		for _, code := range i18n.Codes {
			l := langs[code]
			staff := i%2 == 0
			p := dashPage{base: base{L: l, Langs: e.app.langList, SignedIn: true, Role: store.RoleCaseworker, Here: s,
				Title: "dash.title", chrome: e.app.chrome},
				ID: s, Version: i, Principal: other, Staff: staff, Missing: i, Resume: other, Eligible: i % 3,
				Packet: i%3 == 0, Dossier: i%4 == 0, Invite: &invite{Link: s, Login: other},
				SameA:    []sameANumber{{ID: s, Name: other}, {ID: other, Name: s}},
				Unknowns: []unknownAnswer{{Page: template.HTML(s), Question: "<b>q</b>", Change: other + "?return=review#f-" + s}},
				Problems: []finding{{Code: s, Outcome: "fail", Cite: other, Message: "\u2068" + s + "\u2069 " + other}},
				Deadline: deadlineView{Known: i%4 != 3, FileBy: date("2026-03-14").AddDays(i), DaysLeft: 95 - 20*i, Late: i%5 == 1, Weekend: i%3 == 1},
				After: &afterFiling{Problem: s, Petitions: []trkPetition{{Member: s, Name: other, Stage: s, Error: other}},
					Mailed: []trkPetition{{Member: other, Name: s}}, Staff: []store.StaffMember{{ID: s, Name: other}, {ID: other, Name: s}},
					Attorneys: []store.StaffMember{{ID: other, Name: other}}, Assigned: store.Assignment{CaseworkerID: s, AttorneyID: other}},
				Relatives: &relativesSection{Problem: other, Write: staff, Letters: i%3 != 2, Staff: staff,
					Relatives: []relView{{Member: s, Name: other, DeclFields: declFields{html: "<p>decl</p>"}}}},
			}
			if staff {
				p.Forms = formFieldsIn(l)
				p.Relatives.Forms = p.Forms
			}
			if i%2 == 1 {
				p.Relatives.Documents = []store.Document{{ID: s, Name: other}}
			}
			var want, got strings.Builder
			if err := before.ExecuteTemplate(&want, "layout.html", p); err != nil {
				t.Fatal(err)
			}
			var page bytes.Buffer
			if err := executePage(&page, now, &p); err != nil {
				t.Fatal(err)
			}
			got.WriteString(page.String())
			if got.String() != want.String() {
				t.Errorf("%q, %s: the page changed:\n%s", s, code, firstDifference(got.String(), want.String()))
			}
		}
	}
}
