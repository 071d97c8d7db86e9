package web

import (
	"strconv"

	"github.com/reunite/reunite/internal/msgfmt"
	"github.com/reunite/reunite/policy"
)

// The dashboard's two lists of petitions (what each relative's petition
// needs, and where each stands after filing), part of its content
// (dashboard_content.go), as the loops of the dashboard's template wrote
// them: with some thirty values per petition, looked up, called and
// escaped through reflection, they were a large part of the page's time.

// petitionsSize is about the bytes of the list of petitions: the notices
// are most of them.
func (p *dashPage) petitionsSize() int {
	size := len(p.Petitions) * 1200
	for i := range p.Petitions {
		for _, h := range p.Petitions[i].noticesHTML {
			size += len(h)
		}
	}
	return size
}

// writePetitionItems writes the items of the "relatives" list, one per
// petition.
func (p *dashPage) writePetitionItems(b htmlWriter) {
	l := p.L
	for i := range p.Petitions {
		v := &p.Petitions[i]
		b.WriteString("\n    <li class=\"petition ")
		escapeText(b, v.Verdict)
		b.WriteString("\">\n      <h3>")
		if v.Name != "" {
			b.WriteString("<bdi>")
			escapeText(b, v.Name)
			b.WriteString("</bdi>")
		} else {
			escapeText(b, l.T("q.this_relative"))
		}
		b.WriteString(" <span class=\"rel\">(")
		escapeText(b, l.T("rel."+v.Relationship))
		b.WriteString(")</span></h3>\n      <p class=\"verdict-line\"><span class=\"badge ")
		escapeText(b, v.Verdict)
		b.WriteString("\">")
		escapeText(b, l.T("verdict."+v.Verdict))
		b.WriteString("</span>\n        ")
		if v.Sequence != "" {
			b.WriteString(" <span class=\"seq\">")
			b.WriteString(msgfmt.IsolatesToHTML(v.Sequence))
			b.WriteString("</span>")
		}
		// The template's {{with index $.Docs .ID}}: a missing relative
		// gives the checklist's zero value, a struct, which is shown.
		d := p.Docs[v.ID]
		b.WriteString("</p>\n      <p class=\"docs-progress\"><a href=\"/families/")
		escapeURLPath(b, p.ID)
		b.WriteString("/documents#m-")
		escapeURLQuery(b, d.Member)
		b.WriteString("\">")
		escapeText(b, l.T("docs.dash_progress", "k", d.Have, "n", d.Total))
		b.WriteString("</a></p>\n      ")
		if len(v.Findings) > 0 {
			b.WriteString("\n      <details>\n        <summary>")
			b.WriteString(string(l.H("dash.reasons", "n", len(v.Findings))))
			b.WriteString("</summary>\n        <ul class=\"findings\">\n        ")
			for j := range v.Findings {
				f := &v.Findings[j]
				b.WriteString("<li class=\"finding ")
				escapeText(b, f.Outcome)
				b.WriteString("\"><span class=\"badge ")
				escapeText(b, f.Outcome)
				b.WriteString("\">")
				escapeText(b, l.T("outcome."+f.Outcome))
				b.WriteString("</span> ")
				b.WriteString(msgfmt.IsolatesToHTML(f.Message))
				b.WriteString(" <span class=\"cite\" dir=\"ltr\">")
				escapeText(b, f.Cite)
				b.WriteString("</span></li>")
			}
			b.WriteString("\n        </ul>\n      </details>\n      ")
		}
		b.WriteString("\n      ")
		if len(v.Next) > 0 {
			b.WriteString("\n      <h4>")
			escapeText(b, l.T("dash.next"))
			b.WriteString("</h4>\n      <ul class=\"next\">")
			for _, n := range v.Next {
				b.WriteString("<li>")
				b.WriteString(msgfmt.IsolatesToHTML(n))
				b.WriteString("</li>")
			}
			b.WriteString("</ul>\n      ")
		}
		b.WriteString("\n      ")
		if len(v.Notices) > 0 {
			b.WriteString("<h4>")
			escapeText(b, policy.Label(l.Code, "web.for_relative"))
			b.WriteString("</h4>\n      ")
			for _, h := range v.noticesHTML {
				b.WriteString(string(h))
			}
		}
		b.WriteString("\n    </li>\n  ")
	}
}

// writeAfterItems writes the items of the "after filing" list, one per
// petition.
func (p *dashPage) writeAfterItems(b htmlWriter) {
	l := p.L
	for i := range p.After.Petitions {
		v := &p.After.Petitions[i]
		b.WriteString("\n    <li class=\"petition\" id=\"petition-")
		escapeText(b, v.Member)
		b.WriteString("\">\n      <h3>")
		escapeText(b, v.Name)
		b.WriteString("</h3>\n      <p class=\"stage\">")
		escapeText(b, l.T("trk.stage_is"))
		b.WriteString(" <strong class=\"stage-name\">")
		escapeText(b, v.Stage)
		b.WriteString("</strong></p>\n      ")
		if v.Error != "" {
			b.WriteString("<p class=\"notice\" dir=\"ltr\">")
			escapeText(b, v.Error)
			b.WriteString("</p>")
		}
		b.WriteString("\n      ")
		if len(v.Due) > 0 {
			b.WriteString("\n      <ul class=\"due\">\n      ")
			for j := range v.Due {
				d := &v.Due[j]
				b.WriteString("<li class=\"")
				if d.Overdue {
					b.WriteString("late")
				} else if d.CheckNotice {
					b.WriteString("soon")
				}
				b.WriteString("\"><strong>")
				escapeText(b, d.Label)
				b.WriteString(": <time datetime=\"")
				escapeText(b, d.Date.String())
				b.WriteString("\">")
				escapeText(b, l.Date(d.Date))
				b.WriteString("</time></strong>\n        ")
				if d.Overdue {
					b.WriteString(" <span class=\"badge ineligible\">")
					escapeText(b, l.T("trk.overdue"))
					b.WriteString("</span>")
				}
				b.WriteString("\n        ")
				if d.Printed {
					b.WriteString(" <span class=\"help\">")
					escapeText(b, l.T("trk.printed"))
					b.WriteString("</span>")
				}
				b.WriteString("\n        ")
				if d.CheckNotice {
					b.WriteString("<br><span class=\"badge review\">")
					escapeText(b, l.T("trk.check_notice_short"))
					b.WriteString("</span> ")
					escapeText(b, l.T("trk.check_notice"))
				}
				b.WriteString("\n        ")
				if len(d.Warnings) > 0 {
					b.WriteString("<ul class=\"warnings\" lang=\"en\" dir=\"ltr\">")
					for _, w := range d.Warnings {
						b.WriteString("<li>")
						escapeText(b, w)
						b.WriteString("</li>")
					}
					b.WriteString("</ul>")
				}
				b.WriteString("\n        <span class=\"cite\" dir=\"ltr\">")
				escapeText(b, d.Rule)
				b.WriteString("</span></li>")
			}
			b.WriteString("\n      </ul>\n      ")
		}
		b.WriteString("\n      ")
		if len(v.Next) > 0 {
			b.WriteString("<ul class=\"next\">")
			for _, n := range v.Next {
				b.WriteString("<li>")
				escapeText(b, n.Text)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("\n      ")
		if len(v.History) > 0 {
			b.WriteString("\n      <details>\n        <summary>")
			escapeText(b, l.T("trk.history", "n", len(v.History)))
			b.WriteString("</summary>\n        <ol class=\"history\">")
			for j := range v.History {
				h := &v.History[j]
				b.WriteString("<li value=\"")
				b.WriteString(strconv.Itoa(h.Seq))
				b.WriteString("\"")
				if h.CorrectedBy != 0 {
					b.WriteString(" class=\"corrected\"")
				}
				b.WriteString("><time datetime=\"")
				escapeText(b, h.Date.String())
				b.WriteString("\">")
				escapeText(b, l.Date(h.Date))
				b.WriteString("</time> — ")
				escapeText(b, h.Kind)
				if h.Detail != "" {
					b.WriteString(" <span dir=\"ltr\">")
					escapeText(b, h.Detail)
					b.WriteString("</span>")
				}
				if h.Corrects != 0 {
					b.WriteString(" ")
					escapeText(b, l.T("trk.corrects", "n", h.Corrects))
				}
				if h.CorrectedBy != 0 {
					b.WriteString(" <em>")
					escapeText(b, l.T("trk.corrected_by", "n", h.CorrectedBy))
					b.WriteString("</em>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ol>\n      </details>\n      ")
		}
		b.WriteString("\n    </li>\n  ")
	}
}
