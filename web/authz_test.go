package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite/store"
)

// TestAuthorization calls every route as every kind of user: signed out,
// each role of the east office, and staff of the west office reaching for
// east's families and users. The table must name every route the server
// has, so a new route cannot be added without deciding who may use it.
func TestAuthorization(t *testing.T) {
	e := newEnv(t).withOffices()
	roles := []string{"anon", "client", "caseworker", "representative", "admin", "west-caseworker", "west-admin"}
	login := map[string]string{
		"client": e.east.logins[store.RoleClient], "caseworker": e.east.logins[store.RoleCaseworker],
		"representative": e.east.logins[store.RoleRepresentative], "admin": e.east.logins[store.RoleAdmin],
		"west-caseworker": e.west.logins[store.RoleCaseworker], "west-admin": e.west.logins[store.RoleAdmin],
	}
	fam := "/families/" + e.east.family
	other := "/families/" + e.east.other // a family of east, not the client's
	// want lists the status for each role, in the order of roles.
	type call struct {
		pattern, method, path string
		form                  url.Values
		want                  []int
	}
	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		no     = http.StatusForbidden
		nf     = http.StatusNotFound
		bad    = http.StatusUnprocessableEntity
		stale  = http.StatusConflict
		unauth = http.StatusUnauthorized
	)
	staffAll := func(code int) []int { return []int{see, no, code, code, code, code, code} }
	eastOnly := func(code, client int) []int { return []int{see, client, code, code, code, nf, nf} }
	calls := []call{
		{"GET /{$}", "GET", "/", nil, []int{see, see, see, see, see, see, see}},
		{"GET /static/", "GET", "/static/style.css", nil, []int{ok, ok, ok, ok, ok, ok, ok}},
		{"GET /login", "GET", "/login", nil, []int{ok, see, see, see, see, see, see}},
		{"POST /login", "POST", "/login", url.Values{"login": {"nobody"}, "password": {"x"}}, []int{unauth, unauth, unauth, unauth, unauth, unauth, unauth}},
		{"POST /lang", "POST", "/lang", url.Values{"lang": {"en"}, "back": {"/"}}, []int{see, see, see, see, see, see, see}},
		{"GET /setup/{token}", "GET", "/setup/setup-secret", nil, []int{nf, nf, nf, nf, nf, nf, nf}},
		{"POST /setup/{token}", "POST", "/setup/setup-secret", url.Values{"org": {"x"}}, []int{nf, nf, nf, nf, nf, nf, nf}},
		{"GET /link/{token}", "GET", "/link/not-a-token", nil, []int{nf, nf, nf, nf, nf, nf, nf}},
		{"POST /link/{token}", "POST", "/link/not-a-token", url.Values{"password": {testPassword}}, []int{nf, nf, nf, nf, nf, nf, nf}},
		{"POST /login/code", "POST", "/login/code", url.Values{"pending": {"nope"}, "code": {"123456"}}, []int{unauth, unauth, unauth, unauth, unauth, unauth, unauth}},
		{"GET /account", "GET", "/account", nil, []int{see, ok, ok, ok, ok, ok, ok}},
		{"POST /account/totp/start", "POST", "/account/totp/start", nil, []int{see, ok, ok, ok, ok, ok, ok}},
		{"POST /account/totp/enable", "POST", "/account/totp/enable", url.Values{}, []int{see, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest}},
		{"POST /account/totp/disable", "POST", "/account/totp/disable", url.Values{}, []int{see, see, see, see, see, see, see}},
		{"GET /users", "GET", "/users", nil, []int{see, no, no, no, ok, no, ok}},
		{"POST /users", "POST", "/users", url.Values{}, []int{see, no, no, no, bad, no, bad}},
		{"POST /users/{user}/reset", "POST", "/users/" + e.east.worker.UserID() + "/reset", nil, []int{see, no, no, no, ok, no, nf}},
		// Disabling oneself is refused (the admin disables no one else here).
		{"POST /users/{user}/disable", "POST", "/users/" + e.east.admin.UserID() + "/disable", nil, []int{see, no, no, no, bad, no, nf}},
		{"POST /users/{user}/unlock", "POST", "/users/" + e.east.worker.UserID() + "/unlock", nil, []int{see, no, no, no, see, no, nf}},
		{"GET /tokens", "GET", "/tokens", nil, staffAll(ok)},
		{"POST /tokens", "POST", "/tokens", url.Values{}, staffAll(bad)},
		{"POST /tokens/{token}/revoke", "POST", "/tokens/tnosuchtoken/revoke", nil, staffAll(nf)},
		// The API takes tokens, never the session cookie (see api_test.go).
		{"/api/", "GET", "/api/v1/me", nil, []int{unauth, unauth, unauth, unauth, unauth, unauth, unauth}},
		{"GET /families", "GET", "/families", nil, staffAll(ok)},
		{"POST /families", "POST", "/families", url.Values{"q": {"Selam"}}, staffAll(ok)},
		{"GET /families/notices", "GET", "/families/notices", nil, staffAll(ok)},
		{"GET /families/new", "GET", "/families/new", nil, staffAll(ok)},
		{"POST /families/new", "POST", "/families/new", url.Values{}, staffAll(bad)},
		{"GET /families/{id}", "GET", fam, nil, eastOnly(ok, ok)},
		{"GET /families/{id}", "GET", other, nil, eastOnly(ok, nf)},
		{"GET /families/{id}/case.json", "GET", fam + "/case.json", nil, eastOnly(ok, ok)},
		{"GET /families/{id}/case.json", "GET", other + "/case.json", nil, eastOnly(ok, nf)},
		// No packet builder in this test server: 404 for everyone signed in.
		{"GET /families/{id}/packet.zip", "GET", fam + "/packet.zip", nil, []int{see, nf, nf, nf, nf, nf, nf}},
		{"POST /families/{id}/invite", "POST", fam + "/invite", url.Values{}, []int{see, no, ok, ok, ok, nf, nf}},
		{"GET /families/{id}/intake/{step}", "GET", fam + "/intake/status", nil, eastOnly(ok, ok)},
		{"GET /families/{id}/intake/{step}", "GET", other + "/intake/status", nil, eastOnly(ok, nf)},
		{"POST /families/{id}/intake/{step}", "POST", fam + "/intake/status", url.Values{"version": {"0"}}, eastOnly(stale, stale)},
		{"POST /families/{id}/intake/{step}", "POST", other + "/intake/status", url.Values{"version": {"0"}}, eastOnly(stale, nf)},
		{"GET /families/{id}/intake/{step}/{member}", "GET", fam + "/intake/relative/husband", nil, eastOnly(ok, ok)},
		{"GET /families/{id}/intake/{step}/{member}", "GET", other + "/intake/relative/husband", nil, eastOnly(ok, nf)},
		{"POST /families/{id}/intake/{step}/{member}", "POST", fam + "/intake/bars/husband", url.Values{"version": {"0"}}, eastOnly(stale, stale)},
		{"POST /families/{id}/intake/{step}/{member}", "POST", other + "/intake/bars/husband", url.Values{"version": {"0"}}, eastOnly(stale, nf)},
		{"GET /families/{id}/review", "GET", fam + "/review", nil, eastOnly(ok, ok)},
		{"GET /families/{id}/review", "GET", other + "/review", nil, eastOnly(ok, nf)},
		{"GET /families/{id}/versions", "GET", fam + "/versions", nil, []int{see, no, ok, ok, ok, nf, nf}},
		{"POST /families/{id}/versions/{version}/restore", "POST", fam + "/versions/1/restore", url.Values{"current": {"0"}}, []int{see, no, stale, stale, stale, nf, nf}},
		// An upload without its file is refused before any family is read.
		{"POST /families/{id}/case.json", "POST", fam + "/case.json", url.Values{}, []int{see, no, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest, http.StatusBadRequest}},
		{"POST /families/{id}/events", "POST", fam + "/events", url.Values{}, []int{see, no, bad, bad, bad, nf, nf}},
		{"POST /families/{id}/receipts", "POST", fam + "/receipts", url.Values{}, []int{see, no, bad, bad, bad, nf, nf}},
		{"POST /families/{id}/assign", "POST", other + "/assign", url.Values{}, []int{see, no, see, see, see, nf, nf}},
		{"GET /due", "GET", "/due", nil, staffAll(ok)},
		{"GET /reminders", "GET", "/reminders", nil, staffAll(ok)},
		{"POST /reminders", "POST", "/reminders", url.Values{"email": {"not an address"}}, staffAll(bad)},
		{"POST /reminders/feed", "POST", "/reminders/feed", url.Values{}, staffAll(ok)},
		{"POST /reminders/feed/{feed}/revoke", "POST", "/reminders/feed/cnosuchfeed/revoke", nil, staffAll(nf)},
		// The feed's secret is its credential: without a live one, 404 for all.
		{"GET /calendar/{token}", "GET", "/calendar/not-a-feed.ics", nil, []int{nf, nf, nf, nf, nf, nf, nf}},
		{"GET /families/{id}/reminders", "GET", fam + "/reminders", nil, []int{see, no, ok, ok, ok, nf, nf}},
		{"POST /families/{id}/reminders", "POST", fam + "/reminders", url.Values{"email": {"c@example.org"}, "lang": {"fa-AF"}}, []int{see, no, bad, bad, bad, nf, nf}},
		// Program managers: administrators here (managers are tested in overview_test.go).
		{"GET /overview", "GET", "/overview", nil, []int{see, no, no, no, ok, no, ok}},
		{"POST /overview/managers", "POST", "/overview/managers", url.Values{"user": {e.east.worker.UserID()}, "on": {"0"}}, []int{see, no, no, no, see, no, nf}},
		// Last: these end the session.
		{"POST /logout/all", "POST", "/logout/all", nil, []int{see, see, see, see, see, see, see}},
		{"POST /logout", "POST", "/logout", nil, []int{see, see, see, see, see, see, see}},
	}
	var covered []string
	for _, c := range calls {
		covered = append(covered, c.pattern)
	}
	for _, p := range e.app.patterns {
		if !slices.Contains(covered, p) {
			t.Errorf("route %q is not in the authorization table", p)
		}
	}
	for i, role := range roles {
		// Sign-ins all come from one address: a minute apart, the
		// per-address limit does not get in the way.
		e.now = e.now.Add(time.Minute)
		b := e.browser()
		if role != "anon" {
			b.login(login[role])
		}
		for _, c := range calls {
			var p page
			if c.method == "GET" {
				p = b.get(c.path)
			} else {
				form := c.form
				if c.pattern == "POST /login" { // a login of its own, not locked by the others' failures
					form = url.Values{"login": {"nobody-" + role}, "password": {"x"}}
				}
				p = b.post(c.path, form)
			}
			if p.StatusCode != c.want[i] {
				t.Errorf("%s %s as %s: status %d, want %d", c.method, c.path, role, p.StatusCode, c.want[i])
			}
			// A page refused to another office says nothing of the family.
			if role == "west-caseworker" && strings.Contains(p.Body, "Tesfaye") {
				t.Errorf("%s %s as %s: the answer names east's principal", c.method, c.path, role)
			}
		}
	}
}
