package web

import (
	"html/template"
	"strings"

	"github.com/reunite/reunite/i18n"
)

// writeRelativeItems writes the items of the "relatives abroad" list, one
// per relative, as the loop of the "relatives" template wrote them (kept in
// testdata/dashboard-before; TestDashboardAsTemplate compares). l is the
// page's language and id the family's.
func (sec *relativesSection) writeRelativeItems(b htmlWriter, l *i18n.Lang, id string) {
	for i := range sec.Relatives {
		r := &sec.Relatives[i]
		b.WriteString("\n    <li class=\"petition\" id=\"relative-")
		escapeText(b, r.Member)
		b.WriteString("\">\n      <h3><bdi>")
		escapeText(b, r.Name)
		b.WriteString("</bdi></h3>\n      <p class=\"risk-line\">")
		escapeText(b, l.T("rsk.level"))
		b.WriteString(": <strong class=\"badge risk-")
		if r.Level != "" {
			escapeText(b, r.Level)
		} else {
			b.WriteString("none")
		}
		b.WriteString("\">")
		escapeText(b, r.LevelLabel)
		b.WriteString("</strong></p>\n      ")
		if len(r.Warnings) > 0 {
			b.WriteString("<div role=\"status\"><ul class=\"warnings\">")
			for _, w := range r.Warnings {
				b.WriteString("<li>")
				escapeText(b, w)
				b.WriteString("</li>")
			}
			b.WriteString("</ul></div>")
		}
		b.WriteString("\n      ")
		if len(r.Steps) > 0 {
			b.WriteString("<h4>")
			escapeText(b, l.T("rsk.next"))
			b.WriteString("</h4><ul class=\"next\">")
			for _, s := range r.Steps {
				b.WriteString("<li>")
				escapeText(b, s)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("\n      ")
		if sec.Letters && len(r.Incidents) > 0 {
			b.WriteString("<p><a href=\"/families/")
			escapeURLPath(b, id)
			b.WriteString("/relatives/")
			escapeURLPath(b, r.Member)
			b.WriteString("/expedite.pdf\" class=\"expedite\" download>")
			escapeText(b, l.T("rsk.expedite_pdf"))
			b.WriteString("</a> <span class=\"help\">")
			escapeText(b, l.T("rsk.expedite_help"))
			b.WriteString("</span></p>")
		}
		b.WriteString("\n      ")
		if len(r.Drawing.Events) > 0 {
			writeTimeline(b, tlArgs{L: l, T: r.Drawing, ID: "rtl-" + r.Member, Title: l.T("rsk.drawing", "name", r.Name)})
		}
		b.WriteString("\n      ")
		if len(r.Incidents) > 0 {
			b.WriteString("<h4>")
			escapeText(b, l.T("rsk.incidents"))
			b.WriteString("</h4>\n      <ol class=\"incidents\">")
			for j := range r.Incidents {
				in := &r.Incidents[j]
				b.WriteString("<li><time datetime=\"")
				escapeText(b, in.When.String())
				b.WriteString("\">")
				escapeText(b, in.Day)
				b.WriteString("</time> — <strong>")
				escapeText(b, in.Kind)
				b.WriteString("</strong> (")
				escapeText(b, in.Severity)
				b.WriteString("): <bdi>")
				escapeText(b, in.Description)
				b.WriteString("</bdi>\n        ")
				if len(in.Sources) > 0 {
					b.WriteString("<br><span class=\"help\">")
					escapeText(b, l.T("rsk.sources"))
					b.WriteString(":</span> ")
					for k, s := range in.Sources {
						if k > 0 {
							b.WriteString("; ")
						}
						if s.Document != "" {
							b.WriteString("<span class=\"doc\"><bdi>")
							escapeText(b, s.Document)
							b.WriteString("</bdi></span>")
							continue
						}
						b.WriteString("<bdi>")
						escapeText(b, s.Report)
						b.WriteString("</bdi>")
						if s.Link != "" {
							b.WriteString(" <a href=\"")
							escapeURL(b, s.Link)
							b.WriteString("\" rel=\"noreferrer noopener\" dir=\"ltr\">")
							escapeText(b, s.Link)
							b.WriteString("</a>")
						}
					}
				}
				b.WriteString("\n        ")
				if in.By != "" {
					b.WriteString("<br><span class=\"help\">")
					escapeText(b, l.T("rsk.recorded_by", "name", in.By))
					b.WriteString("</span>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ol>")
		}
		b.WriteString("\n      ")
		if len(r.History) > 0 {
			b.WriteString("<details><summary>")
			escapeText(b, l.T("rsk.history", "n", len(r.History)))
			b.WriteString("</summary>\n      <ol class=\"history\">")
			for j := range r.History {
				h := &r.History[j]
				b.WriteString("<li><time datetime=\"")
				escapeText(b, h.Day.String())
				b.WriteString("\">")
				escapeText(b, l.Date(h.Day))
				b.WriteString("</time> — ")
				escapeText(b, h.Level)
				if h.Raised {
					b.WriteString(" ↑")
				}
				if h.Reason != "" {
					b.WriteString(": <bdi>")
					escapeText(b, h.Reason)
					b.WriteString("</bdi>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ol></details>")
		}
		b.WriteString("\n      ")
		if len(r.Entries) == 0 && len(r.Incidents) == 0 && len(r.History) == 0 {
			b.WriteString("<p>")
			escapeText(b, l.T("rsk.nothing"))
			b.WriteString("</p>")
		}
		b.WriteString("\n    </li>\n  ")
	}
}

// HTML is the "relatives abroad" section as the "relatives" template of
// templates/partials/relatives.html wrote it, for the pages that show it
// in a template (a partner's shared family); the dashboard writes it with
// its content (dashPage.writeContent). l is the page's language and id the
// family's.
func (sec *relativesSection) HTML(l *i18n.Lang, id string) template.HTML {
	var b strings.Builder
	b.Grow(sec.size())
	sec.write(&b, l, id)
	return template.HTML(b.String())
}

// size is about the bytes of the section, to grow a builder once.
func (sec *relativesSection) size() int {
	size := 2000 + len(sec.Relatives)*900 + len(sec.Documents)*200
	for i := range sec.Relatives {
		size += timelineSize(&sec.Relatives[i].Drawing) + sec.Relatives[i].DeclFields.size()
	}
	if sec.Write && sec.Forms != nil {
		size += len(sec.Forms.EntryFields) + len(sec.Forms.IncidentFields) + len(sec.Forms.IncidentRest) + len(sec.Forms.RiskFields)
	}
	return size
}

// write writes the section: the relatives, and the forms that add to
// their records for those who may.
func (sec *relativesSection) write(b htmlWriter, l *i18n.Lang, id string) {
	raw := b.WriteString
	raw("\n<section id=\"relatives\" aria-labelledby=\"rel-risk-h\">\n  <h2 id=\"rel-risk-h\">")
	escapeText(b, l.T("rsk.heading"))
	raw("</h2>\n  <p class=\"help\">")
	escapeText(b, l.T("rsk.help"))
	raw("</p>\n  ")
	if sec.Problem != "" {
		raw("<div class=\"verdict ineligible\" role=\"alert\"><p>")
		escapeText(b, l.T("trk.refused"))
		raw("</p><p dir=\"ltr\">")
		escapeText(b, sec.Problem)
		raw("</p></div>")
	}
	raw("\n  <ul class=\"petitions relatives\">\n  ")
	sec.writeRelativeItems(b, l, id)
	raw("\n  </ul>\n  ")
	if sec.Write {
		sec.writeForms(b, l, id)
	}
	raw("\n</section>\n")
}

// writeForms writes the forms of the section: an entry of a relative's
// timeline, an incident, a risk level, and each relative's declaration
// for the family's staff.
func (sec *relativesSection) writeForms(b htmlWriter, l *i18n.Lang, id string) {
	raw := b.WriteString
	t := func(key string) { escapeText(b, l.T(key)) }
	fields := func(h func(*formFields) template.HTML) {
		if sec.Forms != nil {
			raw(string(h(sec.Forms)))
		}
	}
	// form writes a form's start, its heading and the choice of the
	// relative.
	form := func(path, extra, heading, sel string) {
		raw("\n  <form method=\"post\" action=\"/families/")
		escapeURLPath(b, id)
		raw(path)
		raw(extra)
		raw(">\n    <h3>")
		t(heading)
		raw("</h3>\n    <div class=\"field\"><label for=\"")
		raw(sel)
		raw("\">")
		t("rsk.f.member")
		raw("</label>\n    <select id=\"")
		raw(sel)
		raw("\" name=\"member\">")
		for i := range sec.Relatives {
			writeOption(b, sec.Relatives[i].Member, sec.Relatives[i].Name, false)
		}
		raw("</select></div>\n")
	}
	form("/relatives/timeline\"", " class=\"card\" id=\"rel-entry\"", "rsk.f.entry", "re-member")
	fields(func(f *formFields) template.HTML { return f.EntryFields })
	raw("\n  </form>")
	form("/relatives/incidents\"", " class=\"card\" id=\"rel-incident\" enctype=\"multipart/form-data\"", "rsk.f.incident", "ri-member")
	fields(func(f *formFields) template.HTML { return f.IncidentFields })
	raw("\n    ")
	for _, d := range sec.Documents {
		raw("<div class=\"field\"><input type=\"checkbox\" id=\"ri-doc-")
		escapeText(b, d.ID)
		raw("\" name=\"document\" value=\"")
		escapeText(b, d.ID)
		raw("\"> <label for=\"ri-doc-")
		escapeText(b, d.ID)
		raw("\"><bdi>")
		escapeText(b, d.Name)
		raw("</bdi></label></div>")
	}
	if len(sec.Documents) == 0 && sec.Letters {
		raw("<p class=\"help\">")
		t("rsk.no_documents")
		raw("</p>")
	}
	raw("\n")
	fields(func(f *formFields) template.HTML { return f.IncidentRest })
	raw("\n  </form>")
	form("/relatives/risk\"", " class=\"card\" id=\"rel-risk\"", "rsk.f.risk", "rk-member")
	fields(func(f *formFields) template.HTML { return f.RiskFields })
	raw("\n  </form>\n  ")
	if sec.Letters {
		for i := range sec.Relatives {
			r := &sec.Relatives[i]
			raw("\n  <details class=\"card declaration\"><summary>")
			escapeText(b, l.T("rsk.f.declaration", "name", r.Name))
			raw("</summary>\n  <form method=\"post\" action=\"/families/")
			escapeURLPath(b, id)
			raw("/relatives/")
			escapeURLPath(b, r.Member)
			raw("/declaration.pdf\" id=\"decl-")
			escapeText(b, r.Member)
			raw("\">\n")
			r.DeclFields.write(b)
			raw("\n  </form>\n  </details>\n  ")
		}
	}
	raw("\n")
}
