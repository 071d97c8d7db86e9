package web

import (
	"html/template"
	"strings"

	"github.com/reunite/reunite/i18n"
)

// Items are the items of the "relatives abroad" list, one per relative,
// written in Go exactly as the loop of templates/partials/relatives.html
// wrote them, for the same reason as the dashboard's petitions
// (dashboard_html.go); TestDashboardAsTemplate compares. l is the page's
// language and id the family's.
func (sec *relativesSection) Items(l *i18n.Lang, id string) template.HTML {
	var b strings.Builder
	b.Grow(len(sec.Relatives) * 700)
	for i := range sec.Relatives {
		r := &sec.Relatives[i]
		b.WriteString("\n    <li class=\"petition\" id=\"relative-")
		escapeText(&b, r.Member)
		b.WriteString("\">\n      <h3><bdi>")
		escapeText(&b, r.Name)
		b.WriteString("</bdi></h3>\n      <p class=\"risk-line\">")
		escapeText(&b, l.T("rsk.level"))
		b.WriteString(": <strong class=\"badge risk-")
		if r.Level != "" {
			escapeText(&b, r.Level)
		} else {
			b.WriteString("none")
		}
		b.WriteString("\">")
		escapeText(&b, r.LevelLabel)
		b.WriteString("</strong></p>\n      ")
		if len(r.Warnings) > 0 {
			b.WriteString("<div role=\"status\"><ul class=\"warnings\">")
			for _, w := range r.Warnings {
				b.WriteString("<li>")
				escapeText(&b, w)
				b.WriteString("</li>")
			}
			b.WriteString("</ul></div>")
		}
		b.WriteString("\n      ")
		if len(r.Steps) > 0 {
			b.WriteString("<h4>")
			escapeText(&b, l.T("rsk.next"))
			b.WriteString("</h4><ul class=\"next\">")
			for _, s := range r.Steps {
				b.WriteString("<li>")
				escapeText(&b, s)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("\n      ")
		if sec.Letters && len(r.Incidents) > 0 {
			b.WriteString("<p><a href=\"/families/")
			escapeURLPath(&b, id)
			b.WriteString("/relatives/")
			escapeURLPath(&b, r.Member)
			b.WriteString("/expedite.pdf\" class=\"expedite\" download>")
			escapeText(&b, l.T("rsk.expedite_pdf"))
			b.WriteString("</a> <span class=\"help\">")
			escapeText(&b, l.T("rsk.expedite_help"))
			b.WriteString("</span></p>")
		}
		b.WriteString("\n      ")
		if len(r.Drawing.Events) > 0 {
			b.WriteString(string(timelineSVG(tlArgs{L: l, T: r.Drawing, ID: "rtl-" + r.Member, Title: l.T("rsk.drawing", "name", r.Name)})))
		}
		b.WriteString("\n      ")
		if len(r.Incidents) > 0 {
			b.WriteString("<h4>")
			escapeText(&b, l.T("rsk.incidents"))
			b.WriteString("</h4>\n      <ol class=\"incidents\">")
			for j := range r.Incidents {
				in := &r.Incidents[j]
				b.WriteString("<li><time datetime=\"")
				escapeText(&b, in.When.String())
				b.WriteString("\">")
				escapeText(&b, in.Day)
				b.WriteString("</time> — <strong>")
				escapeText(&b, in.Kind)
				b.WriteString("</strong> (")
				escapeText(&b, in.Severity)
				b.WriteString("): <bdi>")
				escapeText(&b, in.Description)
				b.WriteString("</bdi>\n        ")
				if len(in.Sources) > 0 {
					b.WriteString("<br><span class=\"help\">")
					escapeText(&b, l.T("rsk.sources"))
					b.WriteString(":</span> ")
					for k, s := range in.Sources {
						if k > 0 {
							b.WriteString("; ")
						}
						if s.Document != "" {
							b.WriteString("<span class=\"doc\"><bdi>")
							escapeText(&b, s.Document)
							b.WriteString("</bdi></span>")
							continue
						}
						b.WriteString("<bdi>")
						escapeText(&b, s.Report)
						b.WriteString("</bdi>")
						if s.Link != "" {
							b.WriteString(" <a href=\"")
							escapeURL(&b, s.Link)
							b.WriteString("\" rel=\"noreferrer noopener\" dir=\"ltr\">")
							escapeText(&b, s.Link)
							b.WriteString("</a>")
						}
					}
				}
				b.WriteString("\n        ")
				if in.By != "" {
					b.WriteString("<br><span class=\"help\">")
					escapeText(&b, l.T("rsk.recorded_by", "name", in.By))
					b.WriteString("</span>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ol>")
		}
		b.WriteString("\n      ")
		if len(r.History) > 0 {
			b.WriteString("<details><summary>")
			escapeText(&b, l.T("rsk.history", "n", len(r.History)))
			b.WriteString("</summary>\n      <ol class=\"history\">")
			for j := range r.History {
				h := &r.History[j]
				b.WriteString("<li><time datetime=\"")
				escapeText(&b, h.Day.String())
				b.WriteString("\">")
				escapeText(&b, l.Date(h.Day))
				b.WriteString("</time> — ")
				escapeText(&b, h.Level)
				if h.Raised {
					b.WriteString(" ↑")
				}
				if h.Reason != "" {
					b.WriteString(": <bdi>")
					escapeText(&b, h.Reason)
					b.WriteString("</bdi>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ol></details>")
		}
		b.WriteString("\n      ")
		if len(r.Entries) == 0 && len(r.Incidents) == 0 && len(r.History) == 0 {
			b.WriteString("<p>")
			escapeText(&b, l.T("rsk.nothing"))
			b.WriteString("</p>")
		}
		b.WriteString("\n    </li>\n  ")
	}
	return template.HTML(b.String())
}
