// Package overview computes the program manager's view of an office from
// plain values: petitions by stage, dates due per week for the next 12
// weeks, filing deadlines at risk, and the time each stage has taken
// (median and slowest) beside the processing times published for Form
// I-730 (processing_times.json, with its date and source). Pure functions
// of a day; the store gives the figures and the web draws them.
package overview

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/tracking"
)

// Weeks is how many weeks ahead the dates due are counted; RiskDays how
// far ahead a filing deadline is at risk.
const (
	Weeks    = 12
	RiskDays = 90
)

// Due is one open due date of the office: its kind and day, no names.
type Due struct {
	Kind string
	Due  reunite.Date
}

// Input is what the overview is computed from.
type Input struct {
	Today     reunite.Date
	Stages    map[tracking.Stage]int // petitions by stage
	Due       []Due                  // open due dates through Today+RiskDays, overdue included
	Histories [][]tracking.Event     // every petition's events, in order
}

// Count is a labelled figure of a chart and its table.
type Count struct {
	Key  string       // a stage, a risk bucket
	From reunite.Date // the first day of a week
	N    int
}

// Duration is how long petitions stayed in a stage, in days.
type Duration struct {
	Stage   tracking.Stage
	Done    int // petitions that left the stage
	Median  int
	Slowest int
	Open    int // petitions in it now
}

// Overview is the office's figures.
type Overview struct {
	Today     reunite.Date
	Stages    []Count // in the order of the road, stages with petitions only
	Weeks     []Count // Weeks weeks from Today
	Overdue   int
	Risk      []Count // filing deadlines: passed, within 30, 31-60, 61-90 days
	Durations []Duration
	// Decision is the time from the receipt notice to the approval or
	// denial, the span USCIS's published figures measure.
	Decision Duration
	// Unreadable counts histories that no longer replay (left out).
	Unreadable int
}

// notOverdue is a due kind that opens a window rather than closing one.
const notOverdue = "adjustment_opens"

// Build computes the overview.
func Build(in Input) Overview {
	o := Overview{Today: in.Today}
	for _, st := range tracking.Stages {
		if n := in.Stages[st]; n > 0 {
			o.Stages = append(o.Stages, Count{Key: string(st), N: n})
		}
	}
	for w := range Weeks {
		o.Weeks = append(o.Weeks, Count{From: in.Today.AddDays(7 * w)})
	}
	o.Risk = []Count{{Key: "passed"}, {Key: "30"}, {Key: "60"}, {Key: "90"}}
	for _, d := range in.Due {
		n := in.Today.DaysUntil(d.Due)
		if n < 0 && d.Kind != notOverdue {
			o.Overdue++
		}
		if n >= 0 && n < 7*Weeks {
			o.Weeks[n/7].N++
		}
		if d.Kind == "file_by" && n <= RiskDays {
			switch {
			case n < 0:
				o.Risk[0].N++
			case n <= 30:
				o.Risk[1].N++
			case n <= 60:
				o.Risk[2].N++
			default:
				o.Risk[3].N++
			}
		}
	}
	done := map[tracking.Stage][]int{}
	open := map[tracking.Stage]int{}
	var decision []int
	for _, h := range in.Histories {
		p, err := tracking.Replay("", h)
		if err != nil {
			o.Unreadable++
			continue
		}
		var received reunite.Date
		decided := false
		for _, sp := range p.Spans() {
			if n, ok := sp.Days(); ok {
				done[sp.Stage] = append(done[sp.Stage], n)
			} else {
				open[sp.Stage]++
			}
			switch {
			case sp.Stage == tracking.StPending && received.IsZero():
				received = sp.From
			case (sp.Stage == tracking.StApproved || sp.Stage == tracking.StDenied) && !received.IsZero() && !decided:
				decision, decided = append(decision, received.DaysUntil(sp.From)), true
			}
		}
	}
	for _, st := range tracking.Stages {
		if len(done[st]) == 0 && open[st] == 0 {
			continue
		}
		d := spread(done[st])
		d.Stage, d.Open = st, open[st]
		o.Durations = append(o.Durations, d)
	}
	o.Decision = spread(decision)
	return o
}

// spread is the median and the slowest of days.
func spread(days []int) Duration {
	d := Duration{Done: len(days)}
	if len(days) == 0 {
		return d
	}
	s := slices.Sorted(slices.Values(days))
	m := len(s) / 2
	d.Median, d.Slowest = s[m], s[len(s)-1]
	if len(s)%2 == 0 {
		d.Median = (s[m-1] + s[m]) / 2
	}
	return d
}

// Months says days as months, to one decimal (a month of 30.44 days, the
// mean of the Gregorian calendar), to compare with published figures.
func Months(days int) string { return fmt.Sprintf("%.1f", float64(days)/30.44) }

// Published is one processing-time figure and where it comes from.
type Published struct {
	Form         string  `json:"form"`
	MonthsMedian float64 `json:"months_median,omitzero"`
	MonthsFrom   float64 `json:"months_from,omitzero"`
	MonthsTo     float64 `json:"months_to,omitzero"`
	Scope        string  `json:"scope"`
	Period       string  `json:"period"`
	Source       string  `json:"source"`
	SourceURL    string  `json:"source_url"`
	Recorded     string  `json:"recorded"`
}

// PublishedTimes are the figures of processing_times.json.
type PublishedTimes struct {
	About    string      `json:"about"`
	CheckURL string      `json:"check_url"`
	Figures  []Published `json:"figures"`
}

//go:embed processing_times.json
var publishedJSON []byte

// Times returns the published processing times shipped with Reunite.
func Times() (PublishedTimes, error) {
	var t PublishedTimes
	if err := json.Unmarshal(publishedJSON, &t); err != nil {
		return t, fmt.Errorf("overview: processing_times.json: %w", err)
	}
	for i, f := range t.Figures {
		if f.Source == "" || f.SourceURL == "" || f.Period == "" || (f.MonthsMedian == 0 && f.MonthsTo == 0) {
			return t, fmt.Errorf("overview: processing_times.json: figure %d lacks its figure, period or source", i+1)
		}
	}
	return t, nil
}
