package web

import (
	"net/http"
)

// routes lists every page and action of the application. Access: "public"
// pages need no sign-in; signedIn pages need a session and the store
// scopes what they show (a client sees only their family); staffOnly and
// adminOnly refuse other roles with 403.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.Handle("GET /static/", staticFiles())

	// Public: signing in, first set-up, one-time links, language.
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("POST /lang", s.setLang)
	mux.HandleFunc("GET /setup/{token}", s.setupForm)
	mux.HandleFunc("POST /setup/{token}", s.setup)
	mux.HandleFunc("GET /link/{token}", s.linkForm)
	mux.HandleFunc("POST /link/{token}", s.redeemLink)

	mux.HandleFunc("POST /logout/all", s.signedIn(s.logoutAll))

	// Administration: users of the office.
	mux.HandleFunc("GET /users", s.adminOnly(s.userList))
	mux.HandleFunc("POST /users", s.adminOnly(s.userInvite))
	mux.HandleFunc("POST /users/{user}/reset", s.adminOnly(s.userReset))

	// Families: the office view, the dashboard, the case file, invitations.
	mux.HandleFunc("GET /families", s.staffOnly(s.office))
	mux.HandleFunc("GET /families/new", s.staffOnly(s.familyNewForm))
	mux.HandleFunc("POST /families/new", s.staffOnly(s.familyNew))
	mux.HandleFunc("GET /families/{id}", s.signedIn(s.familyShow))
	mux.HandleFunc("GET /families/{id}/case.json", s.signedIn(s.familyDownload))
	mux.HandleFunc("POST /families/{id}/invite", s.staffOnly(s.clientInvite))

	// The guided intake, one topic per page.
	mux.HandleFunc("GET /families/{id}/intake/{step}", s.signedIn(s.intakeForm))
	mux.HandleFunc("POST /families/{id}/intake/{step}", s.signedIn(s.intakeSave))
	mux.HandleFunc("GET /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeForm))
	mux.HandleFunc("POST /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeSave))
}
