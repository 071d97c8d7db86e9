package web

import (
	"net/http"
)

// routes lists every page and action of the application. Access: "public"
// pages need no sign-in; signedIn pages need a session and the store
// scopes what they show (a client sees only their family); staffOnly and
// adminOnly refuse other roles with 403.
func (s *Server) routes(mux *http.ServeMux) {
	r := &router{mux: mux}
	defer func() { s.patterns = r.patterns }()
	r.handleFunc("GET /{$}", s.home)
	r.handle("GET /static/", staticFiles())

	// Public: signing in, first set-up, one-time links, language.
	r.handleFunc("GET /login", s.loginForm)
	r.handleFunc("POST /login", s.login)
	r.handleFunc("POST /login/code", s.loginCode)
	r.handleFunc("POST /logout", s.logout)
	r.handleFunc("POST /lang", s.setLang)
	r.handleFunc("GET /setup/{token}", s.setupForm)
	r.handleFunc("POST /setup/{token}", s.setup)
	r.handleFunc("GET /link/{token}", s.linkForm)
	r.handleFunc("POST /link/{token}", s.redeemLink)

	r.handleFunc("POST /logout/all", s.signedIn(s.logoutAll))

	// The user's own account: the optional second factor.
	r.handleFunc("GET /account", s.signedIn(s.account))
	r.handleFunc("POST /account/totp/start", s.signedIn(s.totpStart))
	r.handleFunc("POST /account/totp/enable", s.signedIn(s.totpEnable))
	r.handleFunc("POST /account/totp/disable", s.signedIn(s.totpDisable))

	// Administration: users of the office.
	r.handleFunc("GET /users", s.adminOnly(s.userList))
	r.handleFunc("POST /users", s.adminOnly(s.userInvite))
	r.handleFunc("POST /users/{user}/reset", s.adminOnly(s.userReset))
	r.handleFunc("POST /users/{user}/disable", s.adminOnly(s.userDisable))
	r.handleFunc("POST /users/{user}/unlock", s.adminOnly(s.userUnlock))

	// API tokens for office scripts, and the JSON API itself (web/api,
	// documented in web/openapi.yaml), which takes tokens, not cookies.
	r.handleFunc("GET /tokens", s.staffOnly(s.tokenList))
	r.handleFunc("POST /tokens", s.staffOnly(s.tokenCreate))
	r.handleFunc("POST /tokens/{token}/revoke", s.staffOnly(s.tokenRevoke))
	r.handle("/api/", s.api)

	// Families: the office view, the dashboard, the case file, invitations.
	r.handleFunc("GET /families", s.staffOnly(s.office))
	r.handleFunc("POST /families", s.staffOnly(s.office)) // a search: posted, so names stay out of URLs
	r.handleFunc("GET /families/notices", s.staffOnly(s.officeNotices))
	r.handleFunc("GET /families/new", s.staffOnly(s.familyNewForm))
	r.handleFunc("POST /families/new", s.staffOnly(s.familyNew))
	r.handleFunc("GET /families/{id}", s.signedIn(s.familyShow))
	r.handleFunc("GET /families/{id}/case.json", s.signedIn(s.familyDownload))
	r.handleFunc("GET /families/{id}/packet.zip", s.signedIn(s.familyPacket))
	r.handleFunc("POST /families/{id}/invite", s.staffOnly(s.clientInvite))
	r.handleFunc("GET /families/{id}/review", s.signedIn(s.review))
	r.handleFunc("GET /families/{id}/versions", s.staffOnly(s.versionList))
	r.handleFunc("POST /families/{id}/versions/{version}/restore", s.staffOnly(s.versionRestore))
	r.handleFunc("POST /families/{id}/case.json", s.staffOnly(s.familyUpload))

	// After filing: each relative's petition, the office's due dates.
	r.handleFunc("POST /families/{id}/events", s.staffOnly(s.petitionEvent))
	r.handleFunc("POST /families/{id}/receipts", s.staffOnly(s.receipts))
	r.handleFunc("POST /families/{id}/assign", s.staffOnly(s.assign))
	r.handleFunc("GET /due", s.staffOnly(s.needsAction))

	// Reminders: one's own e-mail reminders and calendar feed, the
	// client's reminders, the feed itself (its secret is the credential),
	// and the program manager's overview.
	r.handleFunc("GET /reminders", s.staffOnly(s.reminders))
	r.handleFunc("POST /reminders", s.staffOnly(s.remindersSave))
	r.handleFunc("POST /reminders/feed", s.staffOnly(s.feedCreate))
	r.handleFunc("POST /reminders/feed/{feed}/revoke", s.staffOnly(s.feedRevoke))
	r.handleFunc("GET /calendar/{token}", s.calendarFeed)
	r.handleFunc("GET /families/{id}/reminders", s.staffOnly(s.clientReminders))
	r.handleFunc("POST /families/{id}/reminders", s.staffOnly(s.clientRemindersSave))
	r.handleFunc("GET /overview", s.staffOnly(s.officeOverview))
	r.handleFunc("POST /overview/managers", s.adminOnly(s.overviewManager))

	// The guided intake, one topic per page.
	r.handleFunc("GET /families/{id}/intake/{step}", s.signedIn(s.intakeForm))
	r.handleFunc("POST /families/{id}/intake/{step}", s.signedIn(s.intakeSave))
	r.handleFunc("GET /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeForm))
	r.handleFunc("POST /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeSave))
}

// router registers routes and remembers their patterns, so that the
// authorization test can check it calls every one of them.
type router struct {
	mux      *http.ServeMux
	patterns []string
}

func (r *router) handle(pattern string, h http.Handler) {
	r.patterns = append(r.patterns, pattern)
	r.mux.Handle(pattern, h)
}

func (r *router) handleFunc(pattern string, h http.HandlerFunc) { r.handle(pattern, h) }
