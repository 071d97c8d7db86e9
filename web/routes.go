package web

import (
	"net/http"
)

// routes lists every page and action of the application. Access: "public"
// pages need no sign-in; signedIn pages need a session and the store
// scopes what they show (a client sees only their family); staffOnly and
// adminOnly refuse other roles with 403. Routes registered with page are
// computed in turns (turns.go); the others (static files, sign-in,
// changes, uploads, printed letters and packets, files, the API) at once.
func (s *Server) routes(mux *http.ServeMux) {
	r := &router{mux: mux, turns: s.turns}
	defer func() { s.patterns, s.pagePatterns = r.patterns, r.pages }()
	r.page("GET /{$}", s.home)
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
	r.page("GET /account", s.signedIn(s.account))
	r.handleFunc("POST /account/totp/start", s.signedIn(s.totpStart))
	r.handleFunc("POST /account/totp/enable", s.signedIn(s.totpEnable))
	r.handleFunc("POST /account/totp/disable", s.signedIn(s.totpDisable))

	// Administration: users of the office.
	r.page("GET /users", s.adminOnly(s.userList))
	r.handleFunc("POST /users", s.adminOnly(s.userInvite))
	r.handleFunc("POST /users/{user}/reset", s.adminOnly(s.userReset))
	r.handleFunc("POST /users/{user}/disable", s.adminOnly(s.userDisable))
	r.handleFunc("POST /users/{user}/unlock", s.adminOnly(s.userUnlock))

	// API tokens for office scripts, and the JSON API itself (web/api,
	// documented in web/openapi.yaml), which takes tokens, not cookies.
	r.page("GET /tokens", s.staffOnly(s.tokenList))
	r.handleFunc("POST /tokens", s.staffOnly(s.tokenCreate))
	r.handleFunc("POST /tokens/{token}/revoke", s.staffOnly(s.tokenRevoke))
	r.handle("/api/", s.api)

	// Families: the office view, the dashboard, the case file, invitations.
	r.page("GET /families", s.staffOnly(s.office))
	r.page("POST /families", s.staffOnly(s.office)) // a search: posted, so names stay out of URLs
	r.page("GET /families/notices", s.staffOnly(s.officeNotices))
	r.page("GET /families/new", s.staffOnly(s.familyNewForm))
	r.handleFunc("POST /families/new", s.staffOnly(s.familyNew))
	r.page("GET /families/{id}", s.signedIn(s.familyShow))
	r.page("GET /families/{id}/case.json", s.signedIn(s.familyDownload))
	r.handleFunc("GET /families/{id}/packet.zip", s.signedIn(s.familyPacket))
	r.handleFunc("POST /families/{id}/invite", s.staffOnly(s.clientInvite))
	r.page("GET /families/{id}/review", s.signedIn(s.review))
	r.page("GET /families/{id}/versions", s.staffOnly(s.versionList))
	r.handleFunc("POST /families/{id}/versions/{version}/restore", s.staffOnly(s.versionRestore))
	r.handleFunc("POST /families/{id}/case.json", s.staffOnly(s.familyUpload))

	// Evidence: each relative's documents, their previews, status and
	// translations (documents.go).
	r.page("GET /families/{id}/documents", s.signedIn(s.documentsPage))
	r.handleFunc("POST /families/{id}/documents", s.signedIn(s.documentUpload))
	r.handleFunc("GET /families/{id}/documents/{doc}", s.signedIn(s.documentFile))
	r.handleFunc("GET /families/{id}/documents/{doc}/thumb", s.signedIn(s.documentThumb))
	r.handleFunc("POST /families/{id}/documents/{doc}/status", s.staffOnly(s.documentStatus))
	r.handleFunc("POST /families/{id}/documents/{doc}/translations", s.staffOnly(s.translationAdd))
	r.handleFunc("GET /families/{id}/translations/{tr}", s.signedIn(s.translationFile))
	r.handleFunc("GET /families/{id}/dossier.pdf", s.staffOnly(s.familyDossier))

	// After filing: each relative's petition, the office's due dates.
	r.handleFunc("POST /families/{id}/events", s.staffOnly(s.petitionEvent))
	r.handleFunc("POST /families/{id}/receipts", s.staffOnly(s.receipts))
	r.handleFunc("POST /families/{id}/assign", s.staffOnly(s.assign))
	r.page("GET /due", s.staffOnly(s.needsAction))

	// Working with partner offices: sharing, the team's notes and tasks,
	// the activity; the client's status page and messages.
	r.page("GET /shared", s.staffOnly(s.shared))
	r.page("GET /mentions", s.staffOnly(s.mentions))
	r.page("GET /families/{id}/shares", s.staffOnly(s.shares))
	r.handleFunc("POST /families/{id}/shares", s.staffOnly(s.shareCreate))
	r.handleFunc("POST /families/{id}/shares/{share}/revoke", s.staffOnly(s.shareRevoke))
	r.page("GET /families/{id}/notes", s.staffOnly(s.notes))
	r.handleFunc("POST /families/{id}/notes", s.staffOnly(s.noteAdd))
	r.page("GET /families/{id}/tasks", s.staffOnly(s.tasks))
	r.handleFunc("POST /families/{id}/tasks", s.staffOnly(s.taskAdd))
	r.handleFunc("POST /families/{id}/tasks/{task}/done", s.staffOnly(s.taskDone))
	r.page("GET /families/{id}/activity", s.staffOnly(s.activity))
	r.page("GET /families/{id}/status", s.signedIn(s.clientStatus))
	r.handleFunc("POST /families/{id}/messages", s.signedIn(s.messageSend))

	// Each relative's timeline, incidents and risk level, and the letters
	// drafted from them (relatives*.go).
	r.handleFunc("POST /families/{id}/relatives/timeline", s.staffOnly(s.relativeEntry))
	r.handleFunc("POST /families/{id}/relatives/incidents", s.staffOnly(s.relativeIncident))
	r.handleFunc("POST /families/{id}/relatives/risk", s.staffOnly(s.relativeRisk))
	r.handleFunc("GET /families/{id}/relatives/{member}/expedite.pdf", s.staffOnly(s.expediteLetter))
	r.handleFunc("POST /families/{id}/relatives/{member}/declaration.pdf", s.staffOnly(s.declaration))
	r.handleFunc("POST /due/risk/{notification}/dismiss", s.staffOnly(s.riskDismiss))
	// Reminders: one's own e-mail reminders and calendar feed, the
	// client's reminders, the feed itself (its secret is the credential),
	// and the program manager's overview.
	r.page("GET /reminders", s.staffOnly(s.reminders))
	r.handleFunc("POST /reminders", s.staffOnly(s.remindersSave))
	r.handleFunc("POST /reminders/feed", s.staffOnly(s.feedCreate))
	r.handleFunc("POST /reminders/feed/{feed}/revoke", s.staffOnly(s.feedRevoke))
	r.handleFunc("GET /calendar/{token}", s.calendarFeed)
	r.page("GET /families/{id}/reminders", s.staffOnly(s.clientReminders))
	r.handleFunc("POST /families/{id}/reminders", s.staffOnly(s.clientRemindersSave))
	r.page("GET /overview", s.staffOnly(s.officeOverview))
	r.handleFunc("POST /overview/managers", s.adminOnly(s.overviewManager))

	// The guided intake, one topic per page.
	r.page("GET /families/{id}/intake/{step}", s.signedIn(s.intakeForm))
	r.handleFunc("POST /families/{id}/intake/{step}", s.signedIn(s.intakeSave))
	r.page("GET /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeForm))
	r.handleFunc("POST /families/{id}/intake/{step}/{member}", s.signedIn(s.intakeSave))
}

// router registers routes and remembers their patterns, so that the
// authorization test can check it calls every one of them.
type router struct {
	mux      *http.ServeMux
	turns    *turns
	patterns []string
	pages    []string // the routes computed in turns
}

// page registers a page computed in turns (turns.go): one whose work is
// reading the store and rendering, with no upload to read, no printing and
// no password to hash.
func (r *router) page(pattern string, h http.HandlerFunc) {
	r.pages = append(r.pages, pattern)
	r.handle(pattern, r.turns.page(h))
}

func (r *router) handle(pattern string, h http.Handler) {
	r.patterns = append(r.patterns, pattern)
	r.mux.Handle(pattern, h)
}

func (r *router) handleFunc(pattern string, h http.HandlerFunc) { r.handle(pattern, h) }
