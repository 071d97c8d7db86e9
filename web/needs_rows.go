package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// needsRowsHTML writes the rows of the "needs action" table, each exactly
// as the template's loop over the items used to write it (TestNeedsRowsAsTemplate
// keeps that loop to compare): a page of 50 rows made about 600 calls of
// html/template's escapers through reflection, half of the page's time.
// Every value is escaped for where it stands (escape.go).
func needsRowsHTML(rows []needsRow, words needsWords) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 420)
	for i := range rows {
		r := &rows[i]
		b.WriteString("\n  <tr class=\"")
		escapeText(&b, r.Class)
		b.WriteString("\">\n    <td><time datetime=\"")
		escapeText(&b, r.DueISO)
		b.WriteString("\">")
		escapeText(&b, r.DueText)
		b.WriteString("</time>")
		if r.Overdue {
			b.WriteString("<br><strong>")
			escapeText(&b, words.Overdue)
			b.WriteString("</strong>")
		}
		b.WriteString("</td>\n    <td>")
		escapeText(&b, r.What)
		if r.CheckNotice {
			b.WriteString("<br><span class=\"badge review\">")
			escapeText(&b, words.CheckNotice)
			b.WriteString("</span>")
		}
		b.WriteString("</td>\n    <th scope=\"row\"><a href=\"/families/")
		escapeURLPath(&b, r.FamilyID)
		escapeURLPath(&b, r.Anchor)
		b.WriteString("\">")
		escapeText(&b, r.Label)
		b.WriteString("</a>")
		if r.MemberID != "" {
			b.WriteString(" <span class=\"rel\">(")
			escapeText(&b, r.MemberID)
			b.WriteString(")</span>")
		}
		b.WriteString("</th>\n    <td>")
		escapeText(&b, r.Caseworker)
		b.WriteString("</td>\n  </tr>\n  ")
	}
	return template.HTML(b.String())
}

// staffOptionsHTML writes the caseworker filter's options, one per member
// of the staff, selected the one filtered on, as the template did.
func staffOptionsHTML(staff []store.StaffMember, selected string) template.HTML {
	var b strings.Builder
	for _, m := range staff {
		b.WriteString("<option value=\"")
		escapeText(&b, m.ID)
		b.WriteString("\"")
		if m.ID == selected {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		escapeText(&b, m.Name)
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

// dayOptionsHTML writes the options of how far ahead to look (needsDays),
// selected the one shown, as the template did.
func dayOptionsHTML(l *i18n.Lang, days int) template.HTML {
	var b strings.Builder
	for _, d := range needsDays {
		n := strconv.Itoa(d)
		b.WriteString("<option value=\"")
		b.WriteString(n)
		b.WriteString("\"")
		if d == days {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		escapeText(&b, l.T("trk.n_days", "n", n))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}
