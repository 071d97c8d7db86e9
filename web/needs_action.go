package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// needsPage is the office's "needs action" list: what is due across every
// family of the office, soonest first (overdue at the top), filterable by
// the responsible caseworker or attorney.
type needsPage struct {
	base
	Items    []needsRow
	Rows     template.HTML // Items written out (needs_rows.go)
	Staff    []store.StaffMember
	Assignee string
	Days     int
	Shown    int
	More     bool       // more items are due than the page shows
	Next     string     // the link to the next page, when More
	Risk     []riskNote // relatives whose risk was raised (relatives_notify.go)

	// The filters' options written out (needs_rows.go).
	StaffOptions, DayOptions template.HTML
}

// needsRow is one item as the page shows it, its words and classes worked
// out here and written out by needsRowsHTML.
type needsRow struct {
	Class       string // "late", "soon" or ""
	DueISO      string
	DueText     string
	Overdue     bool
	What        string
	CheckNotice bool
	FamilyID    string
	Anchor      string // "/tasks" for a task, else "#after-filing"
	Label       string // the family's principal, or the words for no name
	MemberID    string
	Caseworker  string // or the words for nobody
}

type needsWords struct{ Overdue, CheckNotice string }

// needsLimit bounds one page of the list, as the office view's: an office
// of thousands of families opens only the names it shows, and the "next"
// link (a key of the last item) makes each following page as cheap.
const needsLimit = 50

var needsDays = []int{7, 30, 90, 365}

func (s *Server) needsAction(w http.ResponseWriter, r *http.Request, a store.Actor) {
	// Two audited reads (the list with its labels, the risk notes): with
	// --durable-reads their entries commit together while the page is
	// built, and render waits for them before sending it, instead of one
	// commit after another.
	r = r.WithContext(store.DeferReadAudit(r.Context()))
	p := needsPage{base: s.base(r, "trk.needs"), Assignee: r.URL.Query().Get("assignee"), Days: 30}
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && d >= 0 && d <= 3660 {
		p.Days = d
	}
	today := reunite.DateOf(s.today())
	after, ok := parseDueKey(r.URL.Query().Get("after"))
	if !ok {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	// One more than a page, to know whether there are more.
	q := store.DueQuery{Through: today.AddDays(p.Days), Assignee: p.Assignee, Limit: needsLimit + 1, After: after, Labels: true}
	items, err := s.st.NeedsActionPage(r.Context(), a, q)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if p.More = len(items) > needsLimit; p.More {
		items = items[:needsLimit]
		v := url.Values{"days": {strconv.Itoa(p.Days)}, "after": {formatDueKey(after.Next(items))}}
		if p.Assignee != "" {
			v.Set("assignee", p.Assignee)
		}
		p.Next = "/due?" + v.Encode()
	}
	if p.Staff, err = s.st.StaffMembers(r.Context(), a); err != nil {
		s.storeError(w, r, err)
		return
	}
	if err := s.riskNotes(r, a, &p); err != nil {
		s.storeError(w, r, err)
		return
	}
	names := staffNames(p.Staff)
	words := needsWords{Overdue: p.L.T("trk.overdue"), CheckNotice: p.L.T("trk.check_notice_short")}
	noName, nobody := p.L.T("office.no_name"), p.L.T("trk.nobody")
	what := map[string]string{}       // a page holds a few kinds
	days := map[reunite.Date]string{} // and its items share days
	p.Items = make([]needsRow, 0, len(items))
	for _, it := range items {
		day, ok := days[it.Due]
		if !ok {
			day = p.L.Date(it.Due)
			days[it.Due] = day
		}
		row := needsRow{DueISO: it.Due.String(), DueText: day, Overdue: it.Due.Before(today) && it.Kind != "adjustment_opens",
			CheckNotice: it.CheckNotice, FamilyID: it.FamilyID, Anchor: "#after-filing", Label: cmp.Or(it.Label, noName),
			MemberID: it.MemberID, Caseworker: cmp.Or(names[it.CaseworkerID], nobody)}
		if row.What = what[it.Kind]; row.What == "" {
			row.What = p.L.T("trk.due." + it.Kind)
			what[it.Kind] = row.What
		}
		if it.Kind == store.ActionTask {
			row.Anchor = "/tasks"
		}
		switch {
		case row.Overdue:
			row.Class = "late"
		case today.DaysUntil(it.Due) <= 7:
			row.Class = "soon"
		}
		p.Items = append(p.Items, row)
	}
	p.Shown, p.Rows = len(p.Items), needsRowsHTML(p.Items, words)
	p.StaffOptions, p.DayOptions = staffOptionsHTML(p.Staff, p.Assignee), dayOptionsHTML(p.L, p.Days)
	s.render(w, r, http.StatusOK, "needs_action", p)
}

// formatDueKey writes a page's key for its link: the day, the family and
// how many of its items of that day were shown ("2026-05-01.fxyz.2"); no
// member id, which may be a first name.
func formatDueKey(k store.DueKey) string {
	return k.Due.String() + "." + k.FamilyID + "." + strconv.Itoa(k.Seen)
}

// parseDueKey reads a key written by formatDueKey; "" is the first page.
func parseDueKey(s string) (store.DueKey, bool) {
	if s == "" {
		return store.DueKey{}, true
	}
	day, rest, ok1 := strings.Cut(s, ".")
	family, seen, ok2 := strings.Cut(rest, ".")
	d, err := reunite.ParseDate(day)
	n, err2 := strconv.Atoi(seen)
	// Seen is bounded: the store reads that many rows more than a page.
	if !ok1 || !ok2 || err != nil || err2 != nil || family == "" || n < 1 || n > needsLimit*20 {
		return store.DueKey{}, false
	}
	return store.DueKey{Due: d, FamilyID: family, Seen: n}, true
}

// staffNames maps the staff's user ids to their names.
func staffNames(staff []store.StaffMember) map[string]string {
	names := make(map[string]string, len(staff))
	for _, m := range staff {
		names[m.ID] = m.Name
	}
	return names
}
