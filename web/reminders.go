package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// The reminders page: a staff member's own e-mail reminders (the daily
// digest, the 7-day alerts) and calendar feed. The feed's secret address
// is shown once, when made; only its hash is kept.

type remindersPage struct {
	base
	Settings store.ReminderSettings
	Feed     *store.CalendarFeed // the live one, if any
	FeedURL  string              // a feed just made
	Problem  string
	Saved    bool
	MailOn   bool
}

func (s *Server) reminders(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderReminders(w, r, a, remindersPage{}, http.StatusOK)
}

func (s *Server) renderReminders(w http.ResponseWriter, r *http.Request, a store.Actor, p remindersPage, status int) {
	p.base, p.MailOn = s.base(r, "rem.page.title"), s.cfg.MailOn
	var err error
	if p.Problem == "" {
		if p.Settings, err = s.st.OwnReminders(r.Context(), a); err != nil {
			s.storeError(w, r, err)
			return
		}
	}
	feeds, err := s.st.CalendarFeeds(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if len(feeds) > 0 && !feeds[0].Revoked {
		p.Feed = &feeds[0]
	}
	s.render(w, r, status, "reminders", p)
}

func (s *Server) remindersSave(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rs := store.ReminderSettings{Email: strings.TrimSpace(r.PostFormValue("email")),
		Digest: r.PostFormValue("digest") == "on", Alerts: r.PostFormValue("alerts") == "on"}
	if err := s.st.SetOwnReminders(r.Context(), a, rs); errors.Is(err, store.ErrInvalid) {
		s.renderReminders(w, r, a, remindersPage{Settings: rs, Problem: "rem.page.email_bad"}, http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderReminders(w, r, a, remindersPage{Saved: true}, http.StatusOK)
}

// feedCreate makes a new calendar address (stopping the one before) and
// shows it once.
func (s *Server) feedCreate(w http.ResponseWriter, r *http.Request, a store.Actor) {
	secret := newToken()
	if _, err := s.st.CreateCalendarFeed(r.Context(), a, tokenHash(secret), r.PostFormValue("names") == "on"); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderReminders(w, r, a, remindersPage{FeedURL: s.cfg.BaseURL + "/calendar/" + secret + ".ics"}, http.StatusOK)
}

func (s *Server) feedRevoke(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.RevokeCalendarFeed(r.Context(), a, r.PathValue("feed")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/reminders", http.StatusSeeOther)
}

// The client's reminders, on a page of the family: staff record the
// client's agreement, address and language.

type clientRemindersPage struct {
	base
	FamilyID string
	Reminder store.ClientReminder
	Email    string
	Lang     string
	Problem  string
	Saved    bool
	MailOn   bool
}

func (s *Server) clientReminders(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderClientReminders(w, r, a, clientRemindersPage{}, http.StatusOK)
}

func (s *Server) renderClientReminders(w http.ResponseWriter, r *http.Request, a store.Actor, p clientRemindersPage, status int) {
	fam := r.PathValue("id")
	cr, err := s.st.ClientReminderOf(r.Context(), a, fam)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p.base, p.FamilyID, p.Reminder, p.MailOn = s.base(r, "rem.client_page.title"), fam, cr, s.cfg.MailOn
	if p.Problem == "" {
		p.Email, p.Lang = cr.Email, cr.Lang
	}
	if p.Lang == "" {
		p.Lang = p.L.Code
	}
	s.render(w, r, status, "client_reminders", p)
}

func (s *Server) clientRemindersSave(w http.ResponseWriter, r *http.Request, a store.Actor) {
	email, lang := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("lang")
	p := clientRemindersPage{Email: email, Lang: lang}
	switch {
	case r.PostFormValue("stop") != "":
		email = ""
	case r.PostFormValue("agreed") != "on":
		p.Problem = "rem.client_page.agree_needed"
	case !i18n.Valid(lang):
		p.Problem, p.Lang = "form.required", ""
	}
	if p.Problem != "" {
		s.renderClientReminders(w, r, a, p, http.StatusUnprocessableEntity)
		return
	}
	if err := s.st.SetClientReminder(r.Context(), a, r.PathValue("id"), email, lang); errors.Is(err, store.ErrInvalid) {
		p.Problem = "rem.page.email_bad"
		s.renderClientReminders(w, r, a, p, http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderClientReminders(w, r, a, clientRemindersPage{Saved: true}, http.StatusOK)
}
