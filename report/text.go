// Package report writes an assessment for a person to read: the filing
// deadline and the days left, then for each relative the verdict, "k of N",
// each finding with its reason and citation, and what to do next.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// Options change what the text report shows.
type Options struct {
	// Explain lists every rule applied, passed or not, with its citation.
	Explain bool
	// Width is the line width to wrap at; 0 means 78.
	Width int
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

var verdictWords = map[law.Verdict]string{
	law.Eligible:    "ELIGIBLE",
	law.NeedsReview: "REVIEW",
	law.Ineligible:  "NOT ELIGIBLE",
}

var outcomeMarks = map[law.Outcome]string{
	law.Pass:   "ok",
	law.Warn:   "note",
	law.Review: "review",
	law.Fail:   "fail",
}

// Text writes the assessment of fam as plain, aligned text.
func Text(w io.Writer, fam *reunite.Family, a *law.Assessment, o Options) {
	width := o.Width
	if width == 0 {
		width = 78
	}
	p := &printer{w: w, width: width}
	name := fam.Principal.Name.Full()
	if name == "" {
		name = "the principal"
	}
	p.line(fmt.Sprintf("Form I-730 assessment for the family of %s, as of %s", name, a.AsOf))
	if a.FilingDate != a.AsOf {
		p.line(fmt.Sprintf("Filing date: %s", a.FilingDate))
	}
	p.line("")
	p.deadline(a)
	p.line("")

	if !a.Petitioner.CanFile {
		p.line("You cannot file Form I-730:")
	}
	petitionerShown := a.Petitioner.Findings
	if o.Explain {
		petitionerShown = a.Petitioner.Checks
	}
	if len(petitionerShown) > 0 {
		p.line("About you (the petitioner):")
		for _, f := range petitionerShown {
			p.finding(f)
		}
		p.line("")
	}

	prepare := 0
	for _, pt := range a.Petitions {
		if pt.Sequence != nil {
			prepare++
		}
	}
	p.line(fmt.Sprintf("Relatives: %d listed, %d petition(s) to prepare", len(a.Petitions), prepare))
	for i, pt := range a.Petitions {
		m := fam.Member(pt.Member)
		p.line("")
		p.petition(i, m, pt, o)
	}
}

type printer struct {
	w     io.Writer
	width int
}

func (p *printer) line(s string) { fmt.Fprintln(p.w, s) }

// wrapped writes text wrapped to the width, the first line after prefix and
// the next ones indented to line up under it.
func (p *printer) wrapped(prefix, text string) {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	lines := wrap(text, p.width-len([]rune(prefix)))
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
		p.wrapped("Filing deadline: ", "unknown (the status date is not recorded)")
		return
	}
	var when string
	switch {
	case *d.Late:
		when = fmt.Sprintf("passed: filing on %s is %d day(s) late", a.FilingDate, d.FileBy.DaysUntil(a.FilingDate))
	case d.DaysLeft != nil && *d.DaysLeft == 0:
		when = "today is the last day"
	case d.DaysLeft != nil && *d.DaysLeft > 0:
		when = fmt.Sprintf("%d day(s) left", *d.DaysLeft)
	default:
		when = "on time for the recorded filing date"
	}
	extra := ""
	if d.OnWeekend {
		extra = fmt.Sprintf(", a %s: it is not moved", d.FileBy.Weekday())
	}
	p.wrapped("Filing deadline: ", fmt.Sprintf("%s (%s)%s", d.FileBy, when, extra))
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
	seq := "no petition"
	if pt.Sequence != nil {
		seq = "petition " + *pt.Sequence
	}
	head := fmt.Sprintf("%d. %s", i+1, who)
	if rel != "" {
		head += " (" + rel + ")"
	}
	p.line(fmt.Sprintf("%-44s %-12s %s", head, verdictWords[pt.Verdict], seq))
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
		p.wrapped("   ", "Every rule is met.")
	}
	for _, f := range shown {
		p.finding(f)
	}
	for _, h := range pt.Hints {
		p.wrapped("   watch: ", h.Message)
	}
	for _, n := range pt.Next {
		p.wrapped("   next:  ", n)
	}
}

// inheritedOf returns the findings a petition copied from the petitioner,
// which its own Checks do not hold.
func inheritedOf(pt law.Petition) []law.Finding {
	own := map[string]bool{}
	for _, c := range pt.Checks {
		own[string(c.Code)+c.Message] = true
	}
	var out []law.Finding
	for _, f := range pt.Findings {
		if !own[string(f.Code)+f.Message] {
			out = append(out, f)
		}
	}
	return out
}

func (p *printer) finding(f law.Finding) {
	prefix := fmt.Sprintf("   %-9s", "["+outcomeMarks[f.Outcome]+"]")
	p.wrapped(prefix, fmt.Sprintf("%s: %s", f.Code, f.Message))
	p.wrapped(strings.Repeat(" ", len(prefix)), "("+f.Cite+")")
}

// wrap splits text into lines of at most width runes, at spaces.
func wrap(text string, width int) []string {
	if width < 20 {
		width = 20
	}
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(text) {
		w := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(w) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, w...)
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
