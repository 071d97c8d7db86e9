package web

import (
	"strconv"

	"github.com/reunite/reunite/internal/msgfmt"
	"github.com/reunite/reunite/policy"
)

// The dashboard's content is written in Go (writeContent) exactly as the
// "content" template of templates/dashboard.html wrote it (the template is
// kept in testdata/dashboard-before, and TestDashboardAsTemplate and
// TestDashboardContentAsTemplate compare): some 250 template actions per
// page, each looked up, called and escaped through reflection, were half
// of the dashboard's time. It is written straight into the page's buffer
// (executePage). Every value is escaped as html/template escaped it where
// it stands (escape.go); template.HTML values (H, the isolated texts, the
// notices, the forms' parts) are written as they are, as the template
// wrote them in text.

// contentSize is about the bytes of the content, so that the page's buffer
// grows once.
func (p *dashPage) contentSize() int {
	size := 12_000 + len(p.PetitionerNoticesHTML) + p.petitionsSize() + timelineSize(&p.Timeline)
	if p.After != nil {
		size += len(p.After.Petitions) * 600
	}
	if p.Forms != nil {
		size += len(p.Forms.EventFields)
	}
	if p.Relatives != nil {
		size += p.Relatives.size()
	}
	return size
}

// writeContent writes the dashboard's content, between the layout's parts.
func (p *dashPage) writeContent(b htmlWriter) {
	l := p.L
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	raw("\n<h1>")
	raw(string(l.H("dash.heading", "name", p.Principal)))
	raw("</h1>\n")
	if p.Resume != "" {
		raw("<p class=\"notice\"><a href=\"")
		escapeURL(b, p.Resume)
		raw("\">")
		raw(string(l.H("dash.resume_n", "n", p.Missing)))
		raw("</a></p>")
	}
	raw("\n")
	for _, s := range p.SameA {
		raw("<p class=\"notice\" role=\"alert\">")
		t("dash.same_anumber")
		raw(" <a href=\"/families/")
		escapeURLPath(b, s.ID)
		raw("\"><bdi>")
		escapeText(b, s.Name)
		raw("</bdi></a></p>")
	}
	raw("\n")
	if len(p.Unknowns) > 0 {
		raw("<section class=\"notice\" aria-labelledby=\"unk-h\">\n  <h2 id=\"unk-h\">")
		raw(string(l.H("dash.unknowns", "n", len(p.Unknowns))))
		raw("</h2>\n  <p>")
		t("dash.unknowns_help")
		raw("</p>\n  <ul class=\"unknowns\">")
		for _, u := range p.Unknowns {
			raw("<li>")
			raw(string(u.Page))
			raw(": <a href=\"")
			escapeURL(b, u.Change)
			raw("\">")
			raw(string(u.Question))
			raw("</a></li>")
		}
		raw("</ul>\n</section>")
	}
	raw("\n")
	for _, f := range p.Problems {
		raw("<div class=\"verdict ineligible\" role=\"alert\"><p>")
		raw(msgfmt.IsolatesToHTML(f.Message))
		raw("</p><p class=\"cite\" dir=\"ltr\">")
		escapeText(b, f.Cite)
		raw("</p></div>")
	}
	raw("\n")
	if len(p.PetitionerNotices) > 0 {
		raw("<section class=\"notices\" aria-labelledby=\"pn-h\"><h2 id=\"pn-h\">")
		escapeText(b, policy.Label(l.Code, "web.about_principal"))
		raw("</h2>\n")
		raw(string(p.PetitionerNoticesHTML))
		raw("</section>")
	}
	p.writeDeadline(b)
	raw("\n\n<section aria-labelledby=\"rel-h\">\n  <h2 id=\"rel-h\">")
	raw(string(l.H("dash.relatives", "k", p.Eligible, "n", len(p.Petitions))))
	raw("</h2>\n  ")
	if len(p.Petitions) == 0 {
		raw("<p>")
		t("dash.no_relatives")
		raw("</p>")
	}
	raw("\n  <ul class=\"petitions\">\n  ")
	p.writePetitionItems(b)
	raw("\n  </ul>\n</section>\n\n")
	if p.After != nil {
		p.writeAfter(b)
	}
	raw("\n\n")
	// The template's {{with .Timeline}}: a struct, always there.
	if len(p.Timeline.Events) > 0 {
		raw("\n<section aria-labelledby=\"tl-h\">\n  <h2 id=\"tl-h\">")
		t("dash.timeline")
		raw("</h2>\n  ")
		writeTimeline(b, tlArgs{L: l, T: p.Timeline, ID: "tl", Title: l.T("dash.timeline_alt")})
		raw("\n</section>\n")
	}
	raw("\n\n")
	if p.Relatives != nil {
		p.Relatives.write(b, l, p.ID)
	}
	p.writeActions(b)
}

// writeDeadline writes the section of the deadline to file, from the
// blank line before it.
func (p *dashPage) writeDeadline(b htmlWriter) {
	l, d := p.L, &p.Deadline
	raw := b.WriteString
	raw("\n\n<section class=\"deadline")
	if d.Late {
		raw(" late")
	} else if d.Known && d.DaysLeft <= 90 {
		raw(" soon")
	}
	raw("\" aria-labelledby=\"deadline-h\">\n  <h2 id=\"deadline-h\">")
	escapeText(b, l.T("dash.deadline"))
	raw("</h2>\n  ")
	if d.Known {
		raw("\n    <p class=\"big\">")
		escapeText(b, l.Date(d.FileBy))
		raw("</p>\n    ")
		if d.Late {
			raw("<p><strong>")
			raw(string(l.H("dash.late", "n", -d.DaysLeft)))
			raw("</strong></p>\n    ")
		} else {
			raw("<p><strong>")
			raw(string(l.H("dash.days_left", "n", d.DaysLeft)))
			raw("</strong></p>")
		}
		raw("\n    ")
		if d.Weekend {
			raw("<p>")
			escapeText(b, l.T("dash.weekend"))
			raw("</p>")
		}
		raw("\n  ")
	} else {
		raw("<p>")
		escapeText(b, l.T("dash.deadline_unknown"))
		raw("</p>")
	}
	raw("\n</section>")
}

// writeAfter writes the "after filing" section, with its forms for staff.
func (p *dashPage) writeAfter(b htmlWriter) {
	l, a := p.L, p.After
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	raw("\n<section id=\"after-filing\" aria-labelledby=\"after-h\">\n  <h2 id=\"after-h\">")
	t("trk.heading")
	raw("</h2>\n  ")
	if a.Problem != "" {
		raw("<div class=\"verdict ineligible\" role=\"alert\"><p>")
		t("trk.refused")
		raw("</p><p dir=\"ltr\">")
		escapeText(b, a.Problem)
		raw("</p></div>")
	}
	raw("\n  <ul class=\"petitions after\">\n  ")
	p.writeAfterItems(b)
	raw("\n  </ul>\n  ")
	if p.Staff {
		raw("\n  <form method=\"post\" action=\"/families/")
		escapeURLPath(b, p.ID)
		raw("/events\" class=\"card\" id=\"record-event\">\n    <h3>")
		t("trk.record")
		raw("</h3>\n    <div class=\"field\"><label for=\"ev-member\">")
		t("trk.f.member")
		raw("</label>\n    <select id=\"ev-member\" name=\"member\">")
		for i := range a.Petitions {
			writeOption(b, a.Petitions[i].Member, a.Petitions[i].Name, false)
		}
		raw("</select></div>\n")
		if p.Forms != nil {
			raw(string(p.Forms.EventFields))
		}
		raw("\n  </form>\n  ")
		if len(a.Mailed) > 0 {
			raw("\n  <form method=\"post\" action=\"/families/")
			escapeURLPath(b, p.ID)
			raw("/receipts\" class=\"card\" id=\"receipts\">\n    <h3>")
			t("trk.bulk")
			raw("</h3>\n    <p class=\"help\">")
			t("trk.bulk_help")
			raw("</p>\n    <div class=\"field\"><label for=\"rc-date\">")
			t("trk.f.notice_date")
			raw("</label><input type=\"date\" id=\"rc-date\" name=\"date\" required></div>\n    ")
			for i := range a.Mailed {
				m := &a.Mailed[i]
				raw("<input type=\"hidden\" name=\"member\" value=\"")
				escapeText(b, m.Member)
				raw("\">\n    <div class=\"field\"><label for=\"rc-")
				escapeText(b, m.Member)
				raw("\">")
				escapeText(b, l.T("trk.f.receipt_of", "name", m.Name))
				raw("</label><input type=\"text\" id=\"rc-")
				escapeText(b, m.Member)
				raw("\" name=\"receipt.")
				escapeText(b, m.Member)
				raw("\" dir=\"ltr\" autocomplete=\"off\"></div>")
			}
			raw("\n    <button type=\"submit\">")
			t("trk.bulk_submit")
			raw("</button>\n  </form>\n  ")
		}
		raw("\n  <form method=\"post\" action=\"/families/")
		escapeURLPath(b, p.ID)
		raw("/assign\" class=\"card\" id=\"assign\">\n    <h3>")
		t("trk.assign")
		raw("</h3>\n    <div class=\"field\"><label for=\"as-cw\">")
		t("trk.caseworker")
		raw("</label>\n    <select id=\"as-cw\" name=\"caseworker\"><option value=\"\">")
		t("trk.nobody")
		raw("</option>")
		for _, s := range a.Staff {
			writeOption(b, s.ID, s.Name, s.ID == a.Assigned.CaseworkerID)
		}
		raw("</select></div>\n    <div class=\"field\"><label for=\"as-at\">")
		t("trk.attorney")
		raw("</label>\n    <select id=\"as-at\" name=\"attorney\"><option value=\"\">")
		t("trk.nobody")
		raw("</option>")
		for _, s := range a.Attorneys {
			writeOption(b, s.ID, s.Name, s.ID == a.Assigned.AttorneyID)
		}
		raw("</select></div>\n    <button type=\"submit\">")
		t("trk.assign_submit")
		raw("</button>\n  </form>\n  <p><a href=\"/families/")
		escapeURLPath(b, p.ID)
		raw("/reminders\">")
		t("rem.client_page.title")
		raw("</a></p>\n  ")
	}
	raw("\n</section>\n")
}

// writeOption writes an option of a select, selected or not.
func writeOption(b htmlWriter, value, label string, selected bool) {
	b.WriteString("<option value=\"")
	escapeText(b, value)
	b.WriteString("\"")
	if selected {
		b.WriteString(" selected")
	}
	b.WriteString(">")
	escapeText(b, label)
	b.WriteString("</option>")
}

// writeActions writes the section of what can be done with the family,
// from the blank line before it.
func (p *dashPage) writeActions(b htmlWriter) {
	l := p.L
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	// link writes an item's link to the family's page at path.
	link := func(path, attrs string) {
		raw("<li><a href=\"/families/")
		escapeURLPath(b, p.ID)
		raw(path)
		raw("\"")
		raw(attrs)
		raw(">")
	}
	raw("\n\n<section aria-labelledby=\"act-h\">\n  <h2 id=\"act-h\">")
	t("dash.actions")
	raw("</h2>\n  <ul class=\"actions\">\n    ")
	link("/documents", "")
	if p.Staff {
		t("docs.dash_link")
	} else {
		t("docs.need_heading")
	}
	raw("</a></li>\n    ")
	link("/review", "")
	t("dash.review")
	raw("</a></li>\n    ")
	link("/intake/principal", "")
	t("dash.edit")
	raw("</a></li>\n    ")
	if p.Staff {
		link("/versions", "")
		t("dash.versions")
		raw("</a></li>")
	}
	raw("\n    ")
	if p.Staff {
		link("/notes", "")
		t("team.notes")
		raw("</a></li>\n    ")
		link("/tasks", "")
		t("team.tasks")
		raw("</a></li>\n    ")
		link("/activity", "")
		t("team.activity")
		raw("</a></li>\n    ")
		link("/shares", "")
		t("share.title")
		raw("</a></li>")
	}
	raw("\n    ")
	link("/status", "")
	t("cs.title")
	raw("</a></li>\n    ")
	if p.Staff && p.Dossier {
		link("/dossier.pdf", " download")
		t("docs.dossier")
		raw("</a> <span class=\"help\">")
		t("docs.dossier_help")
		raw("</span></li>")
	}
	raw("\n    ")
	link("/case.json", " download")
	t("dash.download")
	raw("</a></li>\n    ")
	if p.Packet && p.Eligible != 0 {
		link("/packet.zip", " download")
		t("dash.packet")
		raw("</a> <span class=\"help\">")
		t("dash.packet_help")
		raw("</span></li>")
	}
	raw("\n  </ul>\n  ")
	if p.Staff {
		raw("\n  <form method=\"post\" action=\"/families/")
		escapeURLPath(b, p.ID)
		raw("/case.json\" enctype=\"multipart/form-data\" class=\"card\">\n    <h3>")
		t("dash.upload")
		raw("</h3>\n    <p class=\"help\" id=\"upload-help\">")
		t("dash.upload_help")
		raw("</p>\n    <input type=\"hidden\" name=\"version\" value=\"")
		raw(strconv.Itoa(p.Version))
		raw("\">\n    <div class=\"field\"><label for=\"upload-file\">")
		t("dash.upload_file")
		raw("</label>\n    <input type=\"file\" id=\"upload-file\" name=\"file\" accept=\"application/json,.json\" aria-describedby=\"upload-help\"></div>\n    <button type=\"submit\">")
		t("dash.upload_submit")
		raw("</button>\n  </form>\n  ")
		if inv := p.Invite; inv != nil {
			raw("<div class=\"notice\" role=\"status\"><p>")
			t("dash.invite_made")
			raw("</p><p><code dir=\"ltr\">")
			escapeText(b, inv.Link)
			raw("</code></p>\n  <p>")
			t("dash.invite_login")
			raw(": <code dir=\"ltr\" class=\"client-login\">")
			escapeText(b, inv.Login)
			raw("</code></p></div>")
		}
		raw("\n  <form method=\"post\" action=\"/families/")
		escapeURLPath(b, p.ID)
		raw("/invite\" class=\"card\">\n    <h3>")
		t("dash.invite")
		raw("</h3>\n    <button type=\"submit\">")
		t("dash.invite_submit")
		raw("</button>\n  </form>\n  ")
	}
	raw("\n</section>\n")
}
