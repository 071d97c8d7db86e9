package remind

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/reunite/reunite/i18n"
)

// Mail is a message written out: a subject without names and a plain-text
// body.
type Mail struct {
	To      string
	Subject string
	Body    string
}

// Write writes m in l (English for staff, the client's language for a
// client). baseURL starts every link ("https://host", no trailing slash).
// Staff lines say what is due with the tracking pages' words and link to
// the family's page; a client's lines say it in plain words and link to
// their case. No line names a person: the link does.
func Write(m Message, l *i18n.Lang, baseURL string) Mail {
	var b strings.Builder
	para := func(s string) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s)
		b.WriteString("\n")
	}
	out := Mail{To: m.To.Email}
	switch m.Kind {
	case KindClient:
		out.Subject = l.T("rem.client.subject")
		para(l.T("rem.client.intro"))
		b.WriteString("\n")
		for _, ln := range m.Lines {
			writeLine(&b, l, "rem.client.kind."+ln.Kind, ln)
		}
		// Links stand on their own line, outside the translated sentence:
		// a right-to-left sentence isolates its values, and an isolate
		// control glued to an address breaks the link in mail programs.
		para(l.T("rem.client.contact"))
		b.WriteString(baseURL + "/families/" + url.PathEscape(m.To.FamilyID) + "\n")
		para(l.T("rem.client.footer"))
	case KindDigest, KindAlert:
		subject, intro := "rem.digest.subject", "rem.digest.intro"
		if m.Kind == KindAlert {
			subject, intro = "rem.alert.subject", "rem.alert.intro"
		}
		out.Subject = l.T(subject, "n", len(m.Lines))
		para(l.T(intro))
		for _, g := range groups(m) {
			para(l.T(g.title))
			for _, ln := range g.lines {
				writeLine(&b, l, "trk.due."+ln.Kind, ln)
				fmt.Fprintf(&b, "  %s\n", baseURL+"/families/"+url.PathEscape(ln.FamilyID))
			}
		}
		para(l.T("rem.all_due", "url", baseURL+"/due?assignee="+url.QueryEscape(m.To.ID)))
		para(l.T("rem.staff.footer", "url", baseURL+"/reminders"))
	}
	out.Body = b.String()
	return out
}

// writeLine writes "- what: date (in N days)" with its marks.
func writeLine(b *strings.Builder, l *i18n.Lang, whatKey string, ln Line) {
	when := l.T("rem.days", "n", ln.Days)
	if ln.Days < 0 {
		when = l.T("rem.late", "n", -ln.Days)
	}
	fmt.Fprintf(b, "- %s: %s (%s)", l.T(whatKey), l.Date(ln.Due), when)
	if ln.New {
		fmt.Fprintf(b, " [%s]", l.T("rem.new"))
	}
	if ln.CheckNotice {
		fmt.Fprintf(b, " [%s]", l.T("rem.check_notice"))
	}
	b.WriteString("\n")
}

type group struct {
	title string
	lines []Line
}

// groups splits a staff message into overdue, then due within 1, 7 and 30
// days; an alert has a single group.
func groups(m Message) []group {
	if m.Kind == KindAlert {
		return []group{{"rem.group.7", m.Lines}}
	}
	var out []group
	add := func(title string, keep func(n int) bool) {
		g := group{title: title}
		for _, ln := range m.Lines {
			if keep(ln.Days) {
				g.lines = append(g.lines, ln)
			}
		}
		if len(g.lines) > 0 {
			out = append(out, g)
		}
	}
	add("rem.group.overdue", func(n int) bool { return n < 0 })
	from := 0
	for _, to := range digestGroups {
		lo, hi := from, to
		add(fmt.Sprintf("rem.group.%d", to), func(n int) bool { return n >= lo && n <= hi })
		from = to + 1
	}
	return out
}
