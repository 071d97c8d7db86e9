package web

import (
	"html/template"
	"strings"
)

// officeWords are the two texts of the office view's rows that are not the
// row's own: a family without a name yet, a deadline not known.
type officeWords struct {
	NoName, NoDate string
}

// officeRowsHTML writes the office view's rows, each exactly as the
// template's loop over the lines used to write it (TestOfficeRowsAsTemplate
// keeps that loop to compare): with the labels and counts worked out
// before (lines), the template's ~15 reflective calls per row were still
// about half of a page's rendering at 10,000 families. Every value is
// escaped for where it stands (escape.go); the counts and days are
// catalog HTML and go in as they are, as the template put them.
func officeRowsHTML(lines []officeLine, words officeWords) template.HTML {
	var b strings.Builder
	b.Grow(len(lines) * 300)
	for i := range lines {
		l := &lines[i]
		b.WriteString("\n  <tr class=\"")
		escapeText(&b, l.Class)
		b.WriteString("\">\n    <th scope=\"row\"><a href=\"/families/")
		escapeURLPath(&b, l.ID)
		b.WriteString("\">")
		if l.Label != "" {
			b.WriteString("<bdi>")
			escapeText(&b, l.Label)
			b.WriteString("</bdi>")
		} else {
			escapeText(&b, words.NoName)
		}
		b.WriteString("</a></th>\n    <td>")
		if l.HasDeadline {
			escapeText(&b, l.Date)
			b.WriteString("<br>")
			if l.Late {
				b.WriteString("<strong>")
				b.WriteString(string(l.Left))
				b.WriteString("</strong>")
			} else {
				b.WriteString(string(l.Left))
			}
		} else {
			escapeText(&b, words.NoDate)
		}
		b.WriteString("</td>\n    <td>")
		if l.Review != "" {
			b.WriteString("<span class=\"badge review\">")
			b.WriteString(string(l.Review))
			b.WriteString("</span> ")
		}
		b.WriteString(string(l.Eligible))
		if l.Ineligible != "" {
			b.WriteString(", ")
			b.WriteString(string(l.Ineligible))
		}
		b.WriteString("</td>\n  </tr>\n  ")
	}
	return template.HTML(b.String())
}
