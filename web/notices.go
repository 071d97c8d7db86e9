package web

import (
	"context"
	"net/http"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

// noticeCache remembers which current notices reach each family version on
// a day, so that the office's notice counts and filter open each family's
// sealed case file once per version and day, not at every page.
type noticeCache struct {
	mu sync.Mutex
	m  map[string]noticeEntry // org id + family id
}

type noticeEntry struct {
	version int
	day     reunite.Date
	ids     map[string]bool
}

// currentIDs returns the ids of the notices that reach r (a principal or a
// relative) and are current on the day.
func currentIDs(r policy.Result) map[string]bool {
	ids := map[string]bool{}
	add := func(ns []policy.Shown) {
		for _, n := range ns {
			if n.Current {
				ids[n.ID] = true
			}
		}
	}
	add(r.Petitioner)
	for _, ns := range r.Petitions {
		add(ns)
	}
	return ids
}

// affected returns, for each family of fams, the ids of the notices
// current on day that reach it. A family not in the cache at its version
// is opened (and its reading audited) once.
func (s *Server) affected(ctx context.Context, a store.Actor, fams []store.OfficeFamily, day reunite.Date) (map[string]map[string]bool, error) {
	out := make(map[string]map[string]bool, len(fams))
	s.notices.mu.Lock()
	if s.notices.m == nil {
		s.notices.m = map[string]noticeEntry{}
	}
	var open []store.OfficeFamily
	for _, f := range fams {
		e, ok := s.notices.m[a.OrgID()+"/"+f.ID]
		if ok && e.version == f.Version && e.day == day {
			out[f.ID] = e.ids
		} else {
			open = append(open, f)
		}
	}
	s.notices.mu.Unlock()
	for _, f := range open {
		rec, err := s.st.Family(ctx, a, f.ID)
		if err != nil {
			return nil, err
		}
		ids := currentIDs(s.cfg.Notices.Match(rec.Family, day, "en"))
		out[f.ID] = ids
		s.notices.mu.Lock()
		s.notices.m[a.OrgID()+"/"+f.ID] = noticeEntry{version: rec.Version, day: day, ids: ids}
		s.notices.mu.Unlock()
	}
	return out, nil
}

// noticeRow is one notice of the office's notices page.
type noticeRow struct {
	N       policy.Shown
	Count   int
	Stale   bool
	Current bool
}

type noticesPage struct {
	base
	Rows  []noticeRow
	Admin bool
}

// officeNotices lists every notice in force today with the number of the
// office's families it reaches, each linking to the office view filtered
// on it; an administrator also sees which notices were not checked
// against their sources for 90 days.
func (s *Server) officeNotices(w http.ResponseWriter, r *http.Request, a store.Actor) {
	b := s.base(r, "")
	day := reunite.DateOf(s.today())
	fams, err := s.st.OfficeFamilies(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	hits, err := s.affected(r.Context(), a, fams, day)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p := noticesPage{base: b, Admin: a.Role() == store.RoleAdmin}
	for _, set := range s.cfg.Notices.Sets() {
		for i := range set.Notices {
			n := &set.Notices[i]
			shown, current := n.InForce(day)
			if !shown {
				continue
			}
			row := noticeRow{N: policy.Describe(set, n, current, b.L.Code), Stale: n.Stale(set, day), Current: current}
			for _, ids := range hits {
				if ids[n.ID] {
					row.Count++
				}
			}
			p.Rows = append(p.Rows, row)
		}
	}
	s.render(w, r, http.StatusOK, "notices", p)
}

// staleNotices counts the notices in force on day that were not checked
// against their sources for policy.CheckEvery days.
func (s *Server) staleNotices(day reunite.Date) int {
	n := 0
	for _, set := range s.cfg.Notices.Sets() {
		for i := range set.Notices {
			if shown, _ := set.Notices[i].InForce(day); shown && set.Notices[i].Stale(set, day) {
				n++
			}
		}
	}
	return n
}
