package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

// officeRow is one family in the office view.
type officeRow struct {
	store.OfficeFamily
	DaysLeft    int // to the filing deadline; meaningful when HasDeadline
	HasDeadline bool
	Late        bool
}

type officePage struct {
	base
	Rows   []officeRow
	Query  string
	Filter string // "", "review", "soon", "late"
	// Notice keeps only the families a policy notice reaches today
	// (notices.go); NoticeTitle names it in the page's language.
	Notice, NoticeTitle string
	// Stale counts, for an administrator, the notices not checked against
	// their sources for 90 days.
	Stale int
	Sort  string // "urgent" (default), "deadline", "name", "updated"
	Total int
	Shown int // rows after search and filter, before paging
	Page  int // 1-based
	Pages int
	Prev  string // links to the neighbouring pages, "" at the ends
	Next  string
	// Lines are the shown Rows with their texts (lines), and RowsHTML the
	// table's rows written from them (officeRowsHTML).
	Lines    []officeLine
	RowsHTML template.HTML
}

// officeLine is a row of the office view with its texts worked out before
// the template runs. Read by the template, each row's fields of the
// embedded OfficeFamily and each call of the catalog went through
// reflection's slow paths (finding a field of an embedded struct by name,
// a method call per text): 61% of the page's time at 10,000 families.
// The same texts recur from row to row (counts of 0 to 5, a few dates),
// so each is formatted once per page.
type officeLine struct {
	ID, Label   string
	Class       string // "late", "soon" or ""
	HasDeadline bool
	Late        bool
	Date        string        // the deadline, when HasDeadline
	Left        template.HTML // the days left, or passed when Late
	Review      template.HTML // "" without findings to review
	Eligible    template.HTML
	Ineligible  template.HTML // "" without
}

// lines makes the page's Lines from its Rows, in the page's language, and
// writes them out (RowsHTML).
func (p *officePage) lines() {
	memo := map[string]template.HTML{}
	count := func(key string, n int) template.HTML {
		k := key + "\x00" + strconv.Itoa(n)
		h, ok := memo[k]
		if !ok {
			h = p.L.H(key, "n", n)
			memo[k] = h
		}
		return h
	}
	dates := map[reunite.Date]string{}
	p.Lines = make([]officeLine, len(p.Rows))
	for i, r := range p.Rows {
		l := officeLine{ID: r.ID, Label: r.Label, HasDeadline: r.HasDeadline, Late: r.Late, Eligible: count("office.n_eligible", r.Eligible)}
		switch {
		case r.Late:
			l.Class, l.Left = "late", count("dash.late", -r.DaysLeft)
		case r.HasDeadline:
			l.Left = count("dash.days_left", r.DaysLeft)
			if r.DaysLeft <= soonDays {
				l.Class = "soon"
			}
		}
		if r.HasDeadline {
			d, ok := dates[r.FileBy]
			if !ok {
				d = p.L.Date(r.FileBy)
				dates[r.FileBy] = d
			}
			l.Date = d
		}
		if r.Review > 0 {
			l.Review = count("office.n_review", r.Review)
		}
		if r.Ineligible > 0 {
			l.Ineligible = count("office.n_ineligible", r.Ineligible)
		}
		p.Lines[i] = l
	}
	p.RowsHTML = officeRowsHTML(p.Lines, officeWords{NoName: p.L.T("office.no_name"), NoDate: p.L.T("date.unknown")})
}

// pageSize is how many families one page of the office view shows: enough
// to see the urgent ones, few enough for a phone and a fast answer when an
// office keeps thousands.
const pageSize = 50

// soonDays is how close a deadline must be to count as "soon".
const soonDays = 90

// office lists the office's families, most urgent first: a deadline that
// has passed or is close, then those with findings to review. A search by
// name or A-number goes through the store's blind index. Searches are
// posted, never put in the address: names and A-numbers in a URL end up in
// browser histories and in proxies' access logs.
func (s *Server) office(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	q := r.Form // the posted search form, or the query of a page link
	if r.Method == http.MethodGet {
		q.Del("q")
	}
	p := officePage{base: s.base(r, "office.title"), Query: strings.TrimSpace(q.Get("q")),
		Filter: q.Get("filter"), Sort: q.Get("sort"), Notice: q.Get("notice")}
	if p.Notice == "" && p.Sort != "name" && officeSorts[p.Sort] && officeFilters[p.Filter] {
		s.officeInSQL(w, r, a, q, p)
		return
	}
	fams, err := s.st.OfficeFamilies(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	today := reunite.DateOf(s.today())
	if a.Role() == store.RoleAdmin {
		p.Stale = s.staleNotices(today)
	}
	var reached map[string]map[string]bool
	if p.Notice != "" {
		n, set := s.cfg.Notices.Notice(p.Notice)
		if n == nil {
			s.status(w, r, http.StatusNotFound, "error.not_found")
			return
		}
		_, current := n.InForce(today)
		p.NoticeTitle = policy.Describe(set, n, current, p.L.Code).Title
		if reached, err = s.affected(r.Context(), a, fams, today); err != nil {
			s.storeError(w, r, err)
			return
		}
	}
	p.Total = len(fams)
	var keep map[string]bool
	if p.Query != "" {
		ids, err := s.st.OfficeSearch(r.Context(), a, p.Query)
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		keep = ids
	}
	for _, f := range fams {
		if keep != nil && !keep[f.ID] {
			continue
		}
		if reached != nil && !reached[f.ID][p.Notice] {
			continue
		}
		row := newOfficeRow(f, today)
		if !keepRow(p.Filter, row) {
			continue
		}
		p.Rows = append(p.Rows, row)
	}
	// Names are sealed: open those of every row kept only to sort by
	// name, else only the page's fifty.
	if p.Sort == "name" {
		if !s.label(w, r, a, p.Rows, len(p.Rows) == p.Total) {
			return
		}
	}
	sortRows(p.Rows, p.Sort)
	p.paginate(q)
	if p.Sort != "name" {
		if !s.label(w, r, a, p.Rows, false) {
			return
		}
	}
	p.lines()
	s.render(w, r, http.StatusOK, "office", p)
}

// officeSorts and officeFilters are those the store answers itself
// (OfficePage); sorting by name needs every name opened, and a notice's
// reach is worked out from each family's facts, so those two read every
// family here.
var (
	officeSorts   = map[string]bool{"": true, "urgent": true, "deadline": true, "updated": true}
	officeFilters = map[string]bool{"": true, "review": true, "soon": true, "late": true}
)

// officeInSQL shows a page the store filters, searches, orders and cuts
// itself, opening only the page's names: the office view no longer reads
// every family of the office on every request.
func (s *Server) officeInSQL(w http.ResponseWriter, r *http.Request, a store.Actor, q url.Values, p officePage) {
	today := reunite.DateOf(s.today())
	if a.Role() == store.RoleAdmin {
		p.Stale = s.staleNotices(today)
	}
	page := 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n >= 1 {
		page = n
	}
	oq := store.OfficeQuery{Today: today, SoonDays: soonDays, Filter: p.Filter, Sort: p.Sort, Search: p.Query,
		Offset: (page - 1) * pageSize, Limit: pageSize}
	res, err := s.st.OfficePage(r.Context(), a, oq)
	if err == nil && len(res.Rows) == 0 && page > 1 {
		// A page past the end shows the first, as before.
		page, oq.Offset = 1, 0
		res, err = s.st.OfficePage(r.Context(), a, oq)
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p.Total, p.Shown, p.Page = res.Total, res.Shown, page
	p.Pages = max(1, (p.Shown+pageSize-1)/pageSize)
	for _, f := range res.Rows {
		p.Rows = append(p.Rows, newOfficeRow(f, today))
	}
	p.links(q)
	p.lines()
	s.render(w, r, http.StatusOK, "office", p)
}

func newOfficeRow(f store.OfficeFamily, today reunite.Date) officeRow {
	row := officeRow{OfficeFamily: f}
	if !f.FileBy.IsZero() {
		row.HasDeadline = true
		row.DaysLeft = today.DaysUntil(f.FileBy)
		row.Late = row.DaysLeft < 0
	}
	return row
}

func keepRow(filter string, r officeRow) bool {
	switch filter {
	case "review":
		return r.Review > 0
	case "soon":
		return r.HasDeadline && !r.Late && r.DaysLeft <= soonDays
	case "late":
		return r.Late
	}
	return true
}

// urgency ranks a family: 0 for a passed deadline, 1 for one within
// soonDays, 2 for findings to review, 3 for the rest.
func urgency(r officeRow) int {
	switch {
	case r.Late:
		return 0
	case r.HasDeadline && r.DaysLeft <= soonDays:
		return 1
	case r.Review > 0:
		return 2
	}
	return 3
}

func sortRows(rows []officeRow, by string) {
	byDeadline := func(a, b officeRow) int {
		if a.HasDeadline != b.HasDeadline {
			if a.HasDeadline {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.DaysLeft, b.DaysLeft)
	}
	// Every order ends on the id, so the order is total and an unstable
	// sort gives the same result as a stable one, with far fewer moves of
	// these wide rows (the stable sort was an eighth of the office view).
	slices.SortFunc(rows, func(a, b officeRow) int {
		switch by {
		case "name":
			return cmp.Or(cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)), cmp.Compare(a.ID, b.ID))
		case "deadline":
			return cmp.Or(byDeadline(a, b), cmp.Compare(a.ID, b.ID))
		case "updated":
			return cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), cmp.Compare(a.ID, b.ID))
		}
		return cmp.Or(cmp.Compare(urgency(a), urgency(b)), cmp.Compare(b.Review, a.Review), byDeadline(a, b), cmp.Compare(a.ID, b.ID))
	})
}

// paginate keeps one page of rows and makes the links to its neighbours,
// which keep the filter and order (a search's pages are posted buttons).
func (p *officePage) paginate(q url.Values) {
	p.Shown = len(p.Rows)
	p.Pages = max(1, (p.Shown+pageSize-1)/pageSize)
	p.Page = 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n >= 1 && n <= p.Pages {
		p.Page = n
	}
	from := (p.Page - 1) * pageSize
	p.Rows = p.Rows[from:min(from+pageSize, p.Shown)]
	p.links(q)
}

// links makes the links to the neighbouring pages.
func (p *officePage) links(q url.Values) {
	link := func(n int) string {
		v := url.Values{}
		for _, k := range []string{"filter", "sort", "notice"} {
			if s := q.Get(k); s != "" {
				v.Set(k, s)
			}
		}
		v.Set("page", strconv.Itoa(n))
		return "/families?" + v.Encode()
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = link(p.Page + 1)
	}
}

// label fills the rows' labels from the store. all says the rows are every
// family the actor may see, which the store then reads without a list of
// ids.
func (s *Server) label(w http.ResponseWriter, r *http.Request, a store.Actor, rows []officeRow, all bool) bool {
	var ids []string // nil: every family
	if !all {
		ids = make([]string, len(rows))
		for i, row := range rows {
			ids[i] = row.ID
		}
	}
	labels, err := s.st.FamilyLabels(r.Context(), a, ids)
	if err != nil {
		s.storeError(w, r, err)
		return false
	}
	for i := range rows {
		rows[i].Label = labels[rows[i].ID]
	}
	return true
}
