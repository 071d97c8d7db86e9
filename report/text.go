// Package report writes an assessment for a person to read: the filing
// deadline and the days left, then for each relative the verdict, "k of N",
// each finding with its reason and citation, and what to do next.
package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/policy"
)

// Options change what the text report shows.
type Options struct {
	// Explain lists every rule applied, passed or not, with its citation.
	Explain bool
	// Width is the line width to wrap at; 0 means 78.
	Width int
	// Lang is the language of the report's own words (a file name in
	// messages/, such as "ar"); "" means English. The findings come in
	// the language the assessment was made in (law.AssessIn).
	Lang string
	// Notices are the policy notices that reach the family on the day;
	// nil shows none.
	Notices *policy.Result
}

// WithoutChecks returns a copy of a without the per-rule audit trail, which
// the JSON output leaves out unless --explain asks for it.
func WithoutChecks(a *law.Assessment) *law.Assessment {
	out := *a
	out.Petitioner.Checks = nil
	out.Petitions = make([]law.Petition, len(a.Petitions))
	for i, p := range a.Petitions {
		p.Checks = nil
		out.Petitions[i] = p
	}
	return &out
}

// Text writes the assessment of fam as plain, aligned text.
func Text(w io.Writer, fam *reunite.Family, a *law.Assessment, o Options) {
	width := o.Width
	if width == 0 {
		width = 78
	}
	words := catalog(o.Lang)
	p := &printer{w: w, width: width, words: words, rtl: msgfmt.RTL(words["title"])}
	name := fam.Principal.Name.Full()
	if name == "" {
		name = p.say("the_principal")
	}
	p.line(p.say("title", "name", name, "as_of", a.AsOf.String()))
	if a.FilingDate != a.AsOf {
		p.line(p.say("filing_date", "date", a.FilingDate.String()))
	}
	p.line("")
	p.deadline(a)
	p.line("")

	if !a.Petitioner.CanFile {
		p.line(p.say("cannot_file"))
	}
	petitionerShown := a.Petitioner.Findings
	if o.Explain {
		petitionerShown = a.Petitioner.Checks
	}
	if len(petitionerShown) > 0 {
		p.line(p.say("about_you"))
		for _, f := range petitionerShown {
			p.finding(f)
		}
		p.line("")
	}
	if o.Notices != nil && len(o.Notices.Petitioner) > 0 {
		p.line(policy.Label(o.Lang, "heading.petitioner"))
		for _, n := range o.Notices.Petitioner {
			p.notice(n, o.Lang)
		}
		p.line("")
	}

	prepare := 0
	for _, pt := range a.Petitions {
		if pt.Sequence != nil {
			prepare++
		}
	}
	p.line(p.say("relatives", "listed", strconv.Itoa(len(a.Petitions)), "prepare", strconv.Itoa(prepare)))
	for i, pt := range a.Petitions {
		m := fam.Member(pt.Member)
		p.line("")
		p.petition(i, m, pt, o)
	}
}

type printer struct {
	w     io.Writer
	width int
	words map[string]string
	// rtl: the report is in a right-to-left language. Each line then
	// starts with a right-to-left mark, because a terminal or a text
	// editor that lays lines out by their first letter would otherwise
	// turn a line that starts with a Latin name, code or citation left to
	// right; names are isolated (U+2068 … U+2069) and citations and codes
	// kept left to right (U+2066 … U+2069).
	rtl bool
}

// say writes the report's own words from the catalog, with name/value pairs.
func (p *printer) say(key string, kv ...string) string {
	v := law.Vars{}
	for i := 0; i+1 < len(kv); i += 2 {
		v[kv[i]] = kv[i+1]
	}
	return law.Render(p.words, key, v)
}

func (p *printer) line(s string) {
	if p.rtl && strings.TrimSpace(s) != "" {
		s = msgfmt.RLM + s
	}
	fmt.Fprintln(p.w, s)
}

// name isolates a name or other value the report fills in by itself
// (outside a catalog template, which render isolates).
func (p *printer) name(s string) string {
	if p.rtl && s != "" {
		return msgfmt.FSI + s + msgfmt.PDI
	}
	return s
}

// ltr keeps a citation or a code left to right inside right-to-left text.
func (p *printer) ltr(s string) string {
	if p.rtl && s != "" {
		return msgfmt.LRI + s + msgfmt.PDI
	}
	return s
}

// wrapped writes text wrapped to the width, the first line after prefix and
// the next ones indented to line up under it.
func (p *printer) wrapped(prefix, text string) {
	indent := strings.Repeat(" ", width(prefix))
	lines := wrap(text, p.width-width(prefix))
	for i, l := range lines {
		if i == 0 {
			p.line(prefix + l)
		} else {
			p.line(indent + l)
		}
	}
}

func (p *printer) deadline(a *law.Assessment) {
	d := a.Deadline
	if d.FileBy == nil {
		p.wrapped(p.say("deadline"), p.say("deadline.unknown"))
		return
	}
	var when string
	switch {
	case *d.Late:
		when = p.say("deadline.passed", "filing", a.FilingDate.String(), "days", strconv.Itoa(d.FileBy.DaysUntil(a.FilingDate)))
	case d.DaysLeft != nil && *d.DaysLeft == 0:
		when = p.say("deadline.today")
	case d.DaysLeft != nil && *d.DaysLeft > 0:
		when = p.say("deadline.left", "days", strconv.Itoa(*d.DaysLeft))
	default:
		when = p.say("deadline.on_time")
	}
	extra := ""
	if d.OnWeekend {
		extra = p.say("deadline.weekend", "weekday", p.say("weekday."+d.FileBy.Weekday().String()))
	}
	p.wrapped(p.say("deadline"), fmt.Sprintf("%s (%s)%s", d.FileBy, when, extra))
}

func (p *printer) petition(i int, m *reunite.Member, pt law.Petition, o Options) {
	who := pt.Member
	rel := ""
	if m != nil {
		if n := m.Name.Full(); n != "" {
			who = n
		}
		rel = string(m.Relationship)
		if rel == "child" && m.Child != nil && m.Child.Kind != "" && m.Child.Kind != reunite.Biological {
			rel = string(m.Child.Kind)
		}
	}
	seq := p.say("no_petition")
	if pt.Sequence != nil {
		seq = p.say("petition", "sequence", *pt.Sequence)
	}
	head := fmt.Sprintf("%d. %s", i+1, p.name(who))
	if rel != "" {
		head += " (" + p.say("rel."+rel) + ")"
	}
	p.line(pad(head, 44) + " " + pad(p.say("verdict."+string(pt.Verdict)), 12) + " " + seq)
	shown := pt.Findings
	if o.Explain {
		shown = append(append([]law.Finding{}, inheritedOf(pt)...), pt.Checks...)
	} else {
		for _, c := range pt.Checks {
			if c.Notable {
				shown = append(shown, c)
			}
		}
	}
	if len(pt.Findings) == 0 {
		p.wrapped("   ", p.say("all_met"))
	}
	for _, f := range shown {
		p.finding(f)
	}
	for _, h := range pt.Hints {
		p.wrapped("   "+p.say("watch"), h.Message.String())
	}
	for _, n := range pt.Next {
		p.wrapped("   "+p.say("next"), n.String())
	}
	if o.Notices != nil {
		for _, n := range o.Notices.Petitions[pt.Member] {
			p.notice(n, o.Lang)
		}
	}
}

// notice writes a policy notice: how sure it is and its title, when it
// took effect, the text, and the instruments it rests on.
func (p *printer) notice(n policy.Shown, lang string) {
	prefix := "   " + policy.Label(lang, "notice")
	p.wrapped(prefix, fmt.Sprintf("[%s] %s (%s)", policy.Label(lang, string(n.Confidence)), n.Title, n.When(lang)))
	indent := strings.Repeat(" ", len([]rune(prefix)))
	if n.Current {
		// A past notice is named, not explained again.
		p.wrapped(indent, n.Text)
	}
	if len(n.Unknown) > 0 {
		p.wrapped(indent, policy.Label(lang, "unknown", "facts", strings.Join(n.Unknown, ", ")))
	}
	titles := make([]string, len(n.Sources))
	for i, s := range n.Sources {
		titles[i] = s.Title
	}
	p.wrapped(indent, "("+strings.Join(titles, "; ")+")")
}

// inheritedOf returns the findings a petition copied from the petitioner,
// which its own Checks do not hold.
func inheritedOf(pt law.Petition) []law.Finding {
	own := map[string]bool{}
	for _, c := range pt.Checks {
		own[string(c.Code)+c.Message()] = true
	}
	var out []law.Finding
	for _, f := range pt.Findings {
		if !own[string(f.Code)+f.Message()] {
			out = append(out, f)
		}
	}
	return out
}

func (p *printer) finding(f law.Finding) {
	prefix := "   " + pad("["+p.say("outcome."+string(f.Outcome))+"]", 8) + " "
	p.wrapped(prefix, fmt.Sprintf("%s: %s", p.ltr(string(f.Code)), f.Message()))
	p.wrapped(strings.Repeat(" ", width(prefix)), p.ltr("("+f.Cite+")"))
}

// pad fills s with spaces to n characters (runes, not bytes, so that
// Arabic and Ethiopic line up too; the invisible bidi controls do not
// count).
func pad(s string, n int) string {
	if k := width(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// width is the number of characters s takes on a line: its runes but the
// invisible bidi controls.
func width(s string) int {
	n := 0
	for _, r := range s {
		if !bidiControl(r) {
			n++
		}
	}
	return n
}

func bidiControl(r rune) bool {
	return r == '\u200e' || r == '\u200f' || (r >= '\u2066' && r <= '\u2069')
}

// wrap splits text into lines of at most max characters, at spaces, but
// never inside an isolate (a name or a citation of several words), which
// must open and close on the same line.
func wrap(text string, max int) []string {
	if max < 20 {
		max = 20
	}
	var lines []string
	var cur strings.Builder
	curWidth := 0
	for _, word := range words(text) {
		w := width(word)
		if curWidth > 0 && curWidth+1+w > max {
			lines = append(lines, cur.String())
			cur.Reset()
			curWidth = 0
		}
		if curWidth > 0 {
			cur.WriteByte(' ')
			curWidth++
		}
		cur.WriteString(word)
		curWidth += w
	}
	if curWidth > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// words splits text at spaces outside isolates.
func words(text string) []string {
	var out []string
	depth, start := 0, -1
	for i, r := range text {
		switch {
		case r >= '\u2066' && r <= '\u2068':
			depth++
		case r == '\u2069' && depth > 0:
			depth--
		}
		space := r == ' ' || r == '\t' || r == '\n'
		switch {
		case space && depth == 0 && start >= 0:
			out = append(out, text[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}
