package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/overview"
	"github.com/reunite/reunite/store"
)

// The program manager's overview of the office: each figure is drawn as
// inline SVG (no JavaScript) and given in a table beside it; a bar and its
// table cell carry the same data-key, and the browser test holds them
// equal. Administrators, and the staff they make program managers, see it.

type overviewPage struct {
	base
	O         overview.Overview
	Charts    []chart
	Published overview.PublishedTimes
	Admin     bool
	Months    string // the office's median from receipt to decision, in months
	Staff     []store.StaffMember
	Managers  map[string]bool
}

// chart is one horizontal bar chart and the rows of its table.
type chart struct {
	L         *i18n.Lang
	ID, Title string
	Head      string   // the table's first column
	Cols      []string // the table's value columns
	Rows      []chartRow
	Height    int
}

type chartRow struct {
	Label string
	Cells []chartCell
	Extra []string // more columns of the table, not drawn
	Y     int      // of the label, above the row's bars
}

// chartCell is one figure: a bar in the SVG and a cell of the table.
type chartCell struct {
	Key   string  // the same on the bar and the cell
	Value float64 // drawn
	Shown string  // written
	Width int     // of the bar, in SVG units
	Y     int
}

// Geometry of the charts, in SVG units: each row's label on a line of its
// own (labels are long in some languages), its bars under it.
const (
	chartBarW   = 480
	chartBarH   = 16
	chartLabelH = 16
	chartGap    = 8
)

// newChart lays out rows: each cell a bar, scaled to the chart's largest
// value, one under the other.
func newChart(l *i18n.Lang, id, title, head string, cols []string, rows []chartRow) chart {
	max := 0.0
	for _, r := range rows {
		for _, c := range r.Cells {
			max = math.Max(max, c.Value)
		}
	}
	y := chartGap
	for i := range rows {
		rows[i].Y = y
		y += chartLabelH
		for j := range rows[i].Cells {
			c := &rows[i].Cells[j]
			if max > 0 {
				c.Width = int(math.Round(c.Value / max * chartBarW))
			}
			c.Y = y
			y += chartBarH + 2
		}
		y += chartGap
	}
	return chart{L: l, ID: id, Title: title, Head: head, Cols: cols, Rows: rows, Height: y}
}

func count(key string, n int) chartCell {
	return chartCell{Key: key, Value: float64(n), Shown: strconv.Itoa(n)}
}

func (s *Server) officeOverview(w http.ResponseWriter, r *http.Request, a store.Actor) {
	ctx := r.Context()
	ok, err := s.st.IsManager(ctx, a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if !ok {
		s.forbidden(w, r)
		return
	}
	today := reunite.DateOf(s.today())
	stages, err := s.st.StageCounts(ctx, a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	items, err := s.st.NeedsAction(ctx, a, today.AddDays(overview.RiskDays), "", 0)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	histories, err := s.st.PetitionHistories(ctx, a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	in := overview.Input{Today: today, Stages: stages, Histories: histories}
	for _, it := range items {
		in.Due = append(in.Due, overview.Due{Kind: it.Kind, Due: it.Due})
	}
	p := overviewPage{base: s.base(r, "ov.title"), O: overview.Build(in), Admin: a.Role() == store.RoleAdmin}
	if p.Published, err = overview.Times(); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Charts = overviewCharts(p.L, p.O, p.Published)
	p.Months = overview.Months(p.O.Decision.Median)
	if p.Admin {
		if p.Staff, err = s.st.StaffMembers(ctx, a); err != nil {
			s.storeError(w, r, err)
			return
		}
		if p.Managers, err = s.st.Managers(ctx, a); err != nil {
			s.storeError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "overview", p)
}

// overviewCharts turns the figures into the page's charts.
func overviewCharts(l *i18n.Lang, o overview.Overview, pub overview.PublishedTimes) []chart {
	var stages, weeks, risk, durations, decision []chartRow
	for _, c := range o.Stages {
		stages = append(stages, chartRow{Label: l.T("trk.stage." + c.Key), Cells: []chartCell{count("stage/"+c.Key, c.N)}})
	}
	for i, c := range o.Weeks {
		weeks = append(weeks, chartRow{Label: l.Date(c.From), Cells: []chartCell{count("week/"+strconv.Itoa(i), c.N)}})
	}
	for _, c := range o.Risk {
		risk = append(risk, chartRow{Label: l.T("ov.risk." + c.Key), Cells: []chartCell{count("risk/"+c.Key, c.N)}})
	}
	for _, d := range o.Durations {
		if d.Done == 0 {
			continue
		}
		durations = append(durations, chartRow{Label: l.T("trk.stage." + string(d.Stage)), Cells: []chartCell{
			count("stage-days/"+string(d.Stage)+"/median", d.Median), count("stage-days/"+string(d.Stage)+"/slowest", d.Slowest)},
			Extra: []string{strconv.Itoa(d.Done), strconv.Itoa(d.Open)}})
	}
	months := func(key string, days int) chartCell {
		m := overview.Months(days)
		v, _ := strconv.ParseFloat(m, 64)
		return chartCell{Key: key, Value: v, Shown: m}
	}
	if o.Decision.Done > 0 {
		decision = append(decision, chartRow{Label: l.T("ov.decision"), Cells: []chartCell{months("decision/median", o.Decision.Median), months("decision/slowest", o.Decision.Slowest)}})
	}
	for i, f := range pub.Figures {
		row := chartRow{Label: f.Source}
		key := fmt.Sprintf("published/%d/", i)
		if f.MonthsMedian > 0 {
			row.Cells = append(row.Cells, chartCell{Key: key + "median", Value: f.MonthsMedian, Shown: strconv.FormatFloat(f.MonthsMedian, 'f', -1, 64)})
		} else {
			row.Cells = append(row.Cells, chartCell{Key: key + "median", Shown: "–"})
		}
		if f.MonthsTo > 0 {
			row.Cells = append(row.Cells, chartCell{Key: key + "slowest", Value: f.MonthsTo,
				Shown: strconv.FormatFloat(f.MonthsFrom, 'f', -1, 64) + "–" + strconv.FormatFloat(f.MonthsTo, 'f', -1, 64)})
		} else {
			row.Cells = append(row.Cells, chartCell{Key: key + "slowest", Shown: "–"})
		}
		decision = append(decision, row)
	}
	return []chart{
		newChart(l, "stages", l.T("ov.stages"), l.T("ov.col.stage"), []string{l.T("ov.col.count")}, stages),
		newChart(l, "weeks", l.T("ov.weeks"), l.T("ov.col.week"), []string{l.T("ov.col.due")}, weeks),
		newChart(l, "risk", l.T("ov.risk"), l.T("ov.col.when"), []string{l.T("ov.col.count")}, risk),
		newChart(l, "durations", l.T("ov.durations"), l.T("ov.col.stage"), []string{l.T("ov.col.median"), l.T("ov.col.slowest"), l.T("ov.col.done"), l.T("ov.col.open")}, durations),
		newChart(l, "decision", l.T("ov.in_months"), "", []string{l.T("ov.col.median"), l.T("ov.col.slowest")}, decision),
	}
}

// overviewManager makes a staff member a program manager, or not. Admins only.
func (s *Server) overviewManager(w http.ResponseWriter, r *http.Request, a store.Actor) {
	err := s.st.SetManager(r.Context(), a, r.PostFormValue("user"), r.PostFormValue("on") == "1")
	if errors.Is(err, store.ErrInvalid) {
		s.status(w, r, http.StatusUnprocessableEntity, "error.bad_request")
		return
	} else if err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/overview", http.StatusSeeOther)
}
