package web

import (
	"cmp"
	"slices"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/law"
)

// The timeline is an inline SVG drawn (timeline_html.go) from coordinates
// computed here: one row per day that matters, a dot on a time axis, so
// that the cut-offs (the filing deadline, a child's 21st birthday) stand
// next to the facts (application, grant, marriages). The same events are
// listed as text under the drawing for screen readers and small screens.
// In right-to-left languages time runs from right to left.

const (
	tlWidth  = 400 // close to a phone's width, so the labels stay legible
	tlMargin = 16
	tlRow    = 38
	tlTop    = 40
)

type timeline struct {
	Width, Height int
	AxisY         int
	Events        []tlEvent
	Years         []tlTick
	Today         tlTick
	HasToday      bool
	RTL           bool
	TextX         int
	Anchor        string
}

type tlEvent struct {
	X, Y    int
	Date    reunite.Date
	When    string // the day as known, when only its month or year is
	Label   string
	Cutoff  bool // a last day: drawn in the warning colour
	LineTop int
}

type tlTick struct {
	X     int
	Label string
}

// cutoffs are the kinds of day after which something is lost.
var cutoffs = map[string]bool{"file_by": true, "turns_21": true, "turns_18": true, "turns_16": true}

// tlMore is a day from outside the case file (a petition's event or due
// date after filing), with its label already in the page's language.
type tlMore struct {
	Date   reunite.Date
	When   string // shown instead of Date when only the month or year is known
	Label  string
	Cutoff bool
}

func buildTimeline(l *i18n.Lang, f *reunite.Family, as *law.Assessment, more ...tlMore) timeline {
	type ev struct {
		kind, name string
		d          reunite.Date
		label      string
		cut        bool
	}
	var evs []ev
	seen := map[string]bool{}
	add := func(kind, name string, d reunite.Date) {
		k := kind + "|" + name + "|" + d.String()
		if d.IsZero() || seen[k] {
			return
		}
		seen[k] = true
		evs = append(evs, ev{kind, name, d, "", false})
	}
	p := f.Principal
	add("asylum_filed", "", p.AsylumFiled)
	add("refugee_interview", "", p.RefugeeInterview)
	for _, pe := range as.Petitions {
		name := pe.Member
		if m := f.Member(pe.Member); m != nil && m.Name.Full() != "" {
			name = m.Name.Full()
		}
		for _, kd := range pe.KeyDates {
			switch kd.Kind {
			case "birth":
				continue // known to everyone, and it crowds the drawing
			case "status", "file_by":
				add(kd.Kind, "", kd.Date) // the same for every petition
			default:
				add(kd.Kind, name, kd.Date)
			}
		}
	}
	add("status", "", p.StatusDate)
	if as.Deadline.FileBy != nil {
		add("file_by", "", *as.Deadline.FileBy)
	}
	for _, m := range more {
		if !m.Date.IsZero() {
			evs = append(evs, ev{"", "", m.Date, m.Label, m.Cutoff})
		}
	}
	items := make([]tlMore, 0, len(evs))
	for _, e := range evs {
		label := e.label
		if label == "" {
			label = l.T("tl."+e.kind, "name", e.name)
		}
		items = append(items, tlMore{Date: e.d, Label: label, Cutoff: cutoffs[e.kind] || e.cut})
	}
	return layoutTimeline(l, as.AsOf, items)
}

// layoutTimeline places dated items, labelled in the page's language, on
// the drawing: the family's timeline and each relative's (relatives.go).
func layoutTimeline(l *i18n.Lang, today reunite.Date, evs []tlMore) timeline {
	slices.SortStableFunc(evs, func(a, b tlMore) int { return a.Date.Compare(b.Date) })
	t := timeline{Width: tlWidth, RTL: l.RTL(), AxisY: 24}
	if len(evs) == 0 {
		return t
	}
	first, last := evs[0].Date, evs[len(evs)-1].Date
	if today.Before(first) {
		first = today
	}
	if today.After(last) {
		last = today
	}
	span := max(first.DaysUntil(last), 1)
	x := func(d reunite.Date) int {
		v := tlMargin + first.DaysUntil(d)*(tlWidth-2*tlMargin)/span
		if t.RTL {
			v = tlWidth - v
		}
		return v
	}
	for i, e := range evs {
		t.Events = append(t.Events, tlEvent{X: x(e.Date), Y: tlTop + i*tlRow + 18, Date: e.Date, When: e.When, Label: e.Label,
			Cutoff: e.Cutoff, LineTop: t.AxisY})
	}
	for y := first.Year() + 1; y <= last.Year(); y++ {
		t.Years = append(t.Years, tlTick{X: x(reunite.NewDate(y, 1, 1)), Label: l.Num0(y)})
	}
	if len(t.Years) > 8 { // a long span: every other year keeps the labels apart
		var thin []tlTick
		for i, y := range t.Years {
			if i%2 == 0 {
				thin = append(thin, y)
			}
		}
		t.Years = thin
	}
	t.Today, t.HasToday = tlTick{X: x(today), Label: l.T("tl.today")}, true
	t.Height = tlTop + len(evs)*tlRow + 12
	// "start" follows the text's direction, which the SVG inherits from
	// the page: the left edge in English, the right edge in Arabic.
	t.TextX, t.Anchor = tlMargin, "start"
	if t.RTL {
		t.TextX = tlWidth - tlMargin
	}
	slices.SortStableFunc(t.Events, func(a, b tlEvent) int { return cmp.Compare(a.Y, b.Y) })
	return t
}
