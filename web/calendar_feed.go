package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/calendar"
	"github.com/reunite/reunite/store"
)

// The calendar feed: what is due for the families a user is responsible
// for, as an iCalendar file that calendar apps fetch on their own schedule,
// without a session: the secret in the address is the credential. It is
// limited per address like sign-ins, audited, and names no family unless
// the user chose so when making it.

// Calendar apps poll every quarter of an hour or so: 20 fetches at once,
// then one every 30 seconds per address.
const (
	feedBurst = 20
	feedEvery = 30 * time.Second
	feedDays  = 365 // how far ahead the feed looks
)

func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	if !s.feeds.allow(s.clientIP(r)) {
		w.Header().Set("Retry-After", "30")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
		return
	}
	secret, ok := strings.CutSuffix(r.PathValue("token"), ".ics")
	if !ok || secret == "" {
		http.NotFound(w, r)
		return
	}
	a, withNames, err := s.st.CalendarFeedActor(r.Context(), tokenHash(secret))
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	today := reunite.DateOf(s.today())
	items, err := s.st.NeedsAction(r.Context(), a, today.AddDays(feedDays), a.UserID(), 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var labels map[string]string
	if withNames {
		ids := make([]string, 0, len(items))
		for _, it := range items {
			ids = append(ids, it.FamilyID)
		}
		if labels, err = s.st.FamilyLabels(r.Context(), a, ids); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	// Calendar apps show one language: the feed is in English, like the
	// staff's e-mail.
	l := s.langs["en"]
	events := make([]calendar.Event, 0, len(items))
	for _, it := range items {
		summary := "Reunite: " + l.T("trk.due."+it.Kind)
		if name := labels[it.FamilyID]; name != "" {
			summary += " (" + name + ")"
		}
		detail := s.cfg.BaseURL + "/families/" + it.FamilyID + "#after-filing"
		if it.CheckNotice {
			detail = l.T("trk.check_notice") + "\n" + detail
		}
		events = append(events, calendar.Event{UID: calendar.UID(a.UserID(), it.FamilyID, it.MemberID, it.Kind),
			Day: it.Due, Summary: summary, Detail: detail, Remind: []int{7, 1}})
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := calendar.Write(w, events, s.now()); err != nil {
		s.log.Warn("calendar feed not written", "error", err)
	}
}
