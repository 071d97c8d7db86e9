package web

import (
	"strconv"

	"github.com/reunite/reunite/internal/msgfmt"
)

// writeTimeline writes a timeline's drawing and the same days as a list,
// exactly as the "tlsvg" template did (TestDashboardAsTemplate executes
// that template to compare): a family's timeline has a dozen or more
// events of some twenty values each, which html/template looked up and
// escaped through reflection, the largest part of the dashboard's
// rendering. Every value is escaped for where it stands (escape.go).
func writeTimeline(b htmlWriter, a tlArgs) {
	t, l := &a.T, a.L
	num := func(n int) { b.WriteString(strconv.Itoa(n)) }
	cut := func(on bool) {
		if on {
			b.WriteString(" cut")
		}
	}
	// when is the day as known, or the date in the page's language.
	when := func(e *tlEvent) {
		if e.When != "" {
			escapeText(b, e.When)
		} else {
			escapeText(b, l.Date(e.Date))
		}
	}
	b.WriteString("\n  <svg class=\"timeline\" viewBox=\"0 0 ")
	num(t.Width)
	b.WriteString(" ")
	num(t.Height)
	b.WriteString("\" role=\"img\" aria-labelledby=\"")
	escapeText(b, a.ID)
	b.WriteString("-title\">\n    <title id=\"")
	escapeText(b, a.ID)
	b.WriteString("-title\">")
	escapeText(b, a.Title)
	b.WriteString("</title>\n    <line x1=\"16\" y1=\"")
	num(t.AxisY)
	b.WriteString("\" x2=\"")
	num(t.Width - 16)
	b.WriteString("\" y2=\"")
	num(t.AxisY)
	b.WriteString("\" class=\"axis\"/>\n    ")
	for _, y := range t.Years {
		b.WriteString("<line x1=\"")
		num(y.X)
		b.WriteString("\" y1=\"")
		num(t.AxisY - 6)
		b.WriteString("\" x2=\"")
		num(y.X)
		b.WriteString("\" y2=\"")
		num(t.AxisY + 6)
		b.WriteString("\" class=\"tick\"/><text x=\"")
		num(y.X)
		b.WriteString("\" y=\"")
		num(t.AxisY - 10)
		b.WriteString("\" text-anchor=\"middle\" class=\"year\">")
		escapeText(b, y.Label)
		b.WriteString("</text>")
	}
	b.WriteString("\n    <line x1=\"")
	num(t.Today.X)
	b.WriteString("\" y1=\"")
	num(t.AxisY)
	b.WriteString("\" x2=\"")
	num(t.Today.X)
	b.WriteString("\" y2=\"")
	num(t.Height)
	b.WriteString("\" class=\"today\"/>\n    ")
	for i := range t.Events {
		e := &t.Events[i]
		b.WriteString("\n      <line x1=\"")
		num(e.X)
		b.WriteString("\" y1=\"")
		num(e.LineTop)
		b.WriteString("\" x2=\"")
		num(e.X)
		b.WriteString("\" y2=\"")
		num(e.Y)
		b.WriteString("\" class=\"stem")
		cut(e.Cutoff)
		b.WriteString("\"/>\n      <circle cx=\"")
		num(e.X)
		b.WriteString("\" cy=\"")
		num(e.Y)
		b.WriteString("\" r=\"6\" class=\"dot")
		cut(e.Cutoff)
		b.WriteString("\"/>\n      <text x=\"")
		num(t.TextX)
		b.WriteString("\" y=\"")
		num(e.Y - 10)
		b.WriteString("\" text-anchor=\"")
		escapeText(b, t.Anchor)
		b.WriteString("\" class=\"label")
		cut(e.Cutoff)
		b.WriteString("\">")
		when(e)
		b.WriteString(" · ")
		escapeText(b, e.Label)
		b.WriteString("</text>\n    ")
	}
	b.WriteString("\n  </svg>\n  <details>\n    <summary>")
	escapeText(b, l.T("dash.timeline_list"))
	b.WriteString("</summary>\n    <ol class=\"keydates\">")
	for i := range t.Events {
		e := &t.Events[i]
		b.WriteString("<li")
		if e.Cutoff {
			b.WriteString(" class=\"cut\"")
		}
		b.WriteString("><time datetime=\"")
		escapeText(b, e.Date.String())
		b.WriteString("\">")
		when(e)
		b.WriteString("</time> — ")
		b.WriteString(msgfmt.IsolatesToHTML(e.Label)) // as the template's isolated
		b.WriteString("</li>")
	}
	b.WriteString("</ol>\n  </details>\n")
}

// timelineSize is about the bytes of writeTimeline's t, to grow a builder
// once.
func timelineSize(t *timeline) int { return 700 + len(t.Years)*150 + len(t.Events)*450 }
